import { DatePicker, Form, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { useDispatch, useStaff } from '../hooks/useCare';
import type { OrderSummary } from '../types';

/** 派单 / 改派: one of the provider's caregivers and the visit's time. */
export function DispatchModal({ order, onClose }: { order: OrderSummary | null; onClose: () => void }) {
  const { t } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm<{ caregiverId: string; scheduledAt: Dayjs }>();
  const staff = useStaff(order?.providerId ?? null);
  const dispatch = useDispatch();
  useEffect(() => {
    if (order) form.setFieldsValue({ caregiverId: order.caregiverId ?? undefined, scheduledAt: dayjs(order.scheduledAt) });
  }, [order, form]);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await dispatch.mutateAsync({ id: order!.id, body: { version: order!.version, caregiverId: v.caregiverId, scheduledAt: v.scheduledAt.toISOString() } });
      notify.success('care.dispatched');
      onClose();
    } catch (e) {
      notify.error(e, { versioned: true });
    }
  };
  return (
    <Modal open={Boolean(order)} title={order?.caregiverId ? t('care.reassign') : t('care.dispatch')} onCancel={onClose} onOk={() => void submit()} confirmLoading={dispatch.isPending} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="caregiverId" label={t('care.col.caregiver')} rules={[{ required: true, message: t('care.pickCaregiver') }]}>
          <Select data-testid="care-dispatch-caregiver" placeholder={t('care.pickCaregiver')} loading={staff.isPending}
            options={(staff.data?.items ?? []).filter((s) => s.kind === 'caregiver' && s.active).map((s) => ({ value: s.userId, label: s.displayName }))} />
        </Form.Item>
        <Form.Item name="scheduledAt" label={t('care.scheduledAt')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
