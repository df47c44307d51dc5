import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import { useNotify } from '../../../shared/hooks/useNotify';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import { useAddRiskEvent, useVocabulary } from '../hooks/useElder';

/** 登记风险事件 (跌倒/噎食/自杀/自伤/走失); the second fall or wandering within 30 days proposes an immediate assessment. */
export function RiskEventModal({ personId, open, onClose }: { personId: string; open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const vocab = useVocabulary();
  const notify = useNotify();
  const add = useAddRiskEvent(personId);
  const [form] = Form.useForm<{ kind: 'fall'; occurredAt: Dayjs; note?: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const r = await add.mutateAsync({ kind: v.kind, occurredAt: v.occurredAt.toISOString(), ...(v.note ? { note: v.note } : {}), sourceKey: crypto.randomUUID() });
      notify.success(r.proposalId ? 'elder.risk.proposed' : 'elder.risk.recorded');
      form.resetFields();
      onClose();
    } catch (e) {
      if (!showFieldErrors(form, e, lang)) notify.error(e);
    }
  };
  return (
    <Modal title={t('elder.risk.add')} open={open} onCancel={onClose} onOk={() => void submit()} confirmLoading={add.isPending} okText={t('common.save')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ occurredAt: dayjs() }}>
        <Form.Item name="kind" label={t('elder.risk.kind')} rules={[{ required: true, message: t('common.selectRequired', { field: t('elder.risk.kind') }) }]}>
          <Select options={(vocab.data?.riskEventKinds ?? []).map((k) => ({ value: k.code, label: localName(k, lang) }))} />
        </Form.Item>
        <Form.Item name="occurredAt" label={t('elder.risk.occurredAt')} rules={[{ required: true }]}>
          <DatePicker showTime style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
        </Form.Item>
        <Form.Item name="note" label={t('elder.notes')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </Form>
    </Modal>
  );
}
