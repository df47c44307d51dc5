import { Descriptions, Form, Input, Modal, Select, Tag } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import type { DictKey } from '../../../i18n/dict';
import { useNotify } from '../../../shared/hooks/useNotify';
import { useResolve } from '../hooks/useCare';
import type { CareException, ResolveBody } from '../types';
import { exceptionDetail, kindKey, REASON_CODES, RESOLUTION_CODES } from '../utils/care';

/** 处理核查异常: a reason code, a resolution code and a note, all required. */
export function ResolveModal({ exception, onClose }: { exception: CareException | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm<Omit<ResolveBody, 'version'>>();
  const resolve = useResolve();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await resolve.mutateAsync({ id: exception!.id, body: { ...v, version: exception!.version } });
      notify.success('care.resolve.done');
      onClose();
    } catch (e) {
      notify.error(e, { versioned: true });
    }
  };
  return (
    <Modal open={Boolean(exception)} title={t('care.resolve.title')} onCancel={onClose} onOk={() => void submit()} confirmLoading={resolve.isPending} destroyOnHidden>
      {exception && (
        <Descriptions size="small" column={1} style={{ marginBottom: 16 }} items={[
          { key: 'kind', label: t('care.col.kind'), children: <Tag color="red">{t(kindKey(exception.kind))}</Tag> },
          { key: 'detail', label: t('care.col.detail'), children: exceptionDetail(exception.kind, exception.detail, lang) },
          { key: 'who', label: t('care.col.elder'), children: `${exception.personName} · ${exception.serviceName} · ${exception.day}` },
        ]} />
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="reasonCode" label={t('care.resolve.reason')} rules={[{ required: true, message: t('care.resolve.reason') }]}>
          <Select data-testid="care-resolve-reason" options={REASON_CODES.map((c) => ({ value: c, label: t(`care.reason.${c}` as DictKey) }))} />
        </Form.Item>
        <Form.Item name="resolutionCode" label={t('care.resolve.resolution')} rules={[{ required: true, message: t('care.resolve.resolution') }]}>
          <Select data-testid="care-resolve-resolution" options={RESOLUTION_CODES.map((c) => ({ value: c, label: t(`care.resolution.${c}` as DictKey) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('care.resolve.note')} rules={[{ required: true, min: 2, message: t('care.resolve.note') }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="care-resolve-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
