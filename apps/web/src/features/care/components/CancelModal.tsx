import { Form, Input, Modal, Typography } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { useCancel } from '../hooks/useCare';
import type { OrderSummary } from '../types';

/** 取消工单: asks for the reason and confirms; a cancelled order is kept with it. */
export function CancelModal({ order, onClose }: { order: OrderSummary | null; onClose: () => void }) {
  const { t } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancel();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await cancel.mutateAsync({ id: order!.id, body: { version: order!.version, reason: v.reason } });
      notify.success('care.cancelled');
      onClose();
    } catch (e) {
      notify.error(e, { versioned: true });
    }
  };
  return (
    <Modal open={Boolean(order)} title={t('care.cancel')} onCancel={onClose} onOk={() => void submit()} okButtonProps={{ danger: true }} confirmLoading={cancel.isPending} destroyOnHidden>
      <Typography.Paragraph>{t('care.cancelConfirm')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('care.cancelReason')} rules={[{ required: true, min: 2, message: t('care.cancelReason') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
