import { Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import { useUpsertService } from '../hooks/useCare';
import type { Service } from '../types';

type Values = { code: string; name: string; nameEn: string; durationMin: number; priceCents: number; tasks: string[]; active: boolean };

/**
 * 服务项目: a service of the catalogue, new (`service` undefined) or changed — name, standard
 * duration, price (entered in yuan, kept in fen), the tasks the caregiver ticks, in use or not.
 * Out-of-range numbers are not clamped: the field says what is allowed. Taking a service out of use asks first; the server's per-field errors show under the fields.
 */
export function ServiceFormModal({ service, existing, onClose }: { service: Service | null | undefined; existing: string[]; onClose: () => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const upsert = useUpsertService();
  const open = service !== undefined;
  const creating = service === null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(service ?? { tasks: [], active: true, durationMin: 60, priceCents: 0 });
  }, [open, service, form]);

  const save = async (v: Values) => {
    try {
      await upsert.mutateAsync({ ...v, name: v.name.trim(), nameEn: v.nameEn.trim(), tasks: v.tasks.map((x) => x.trim()).filter(Boolean) });
      notify.success(creating ? 'care.services.created' : 'care.services.saved');
      onClose();
    } catch (e) {
      if (!showFieldErrors(form, e, lang)) notify.error(e);
    }
  };
  const submit = async () => {
    const v = await form.validateFields();
    if (service?.active && !v.active) {
      Modal.confirm({
        title: t('care.services.disableTitle', { name: service.name }), content: t('care.services.disableHint'),
        okText: t('care.services.disableOk'), okButtonProps: { danger: true }, onOk: () => save(v),
      });
      return;
    }
    await save(v);
  };

  return (
    <Modal open={open} title={creating ? t('care.services.new') : t('care.services.edit', { name: service?.name ?? '' })} onCancel={onClose} onOk={() => void submit()}
      confirmLoading={upsert.isPending} destroyOnHidden forceRender>
      <Form form={form} layout="vertical" data-testid="care-service-form">
        <Form.Item name="code" label={t('care.services.code')} extra={creating ? t('care.services.codeHint') : undefined}
          rules={[
            { required: true, message: t('care.services.codeRule') },
            { pattern: /^[a-z_]{2,30}$/, message: t('care.services.codeRule') },
            { validator: (_, v: string) => (creating && existing.includes(v) ? Promise.reject(new Error(t('care.services.codeTaken'))) : Promise.resolve()) },
          ]}>
          <Input disabled={!creating} maxLength={30} />
        </Form.Item>
        <Form.Item name="name" label={t('care.services.name')} rules={[{ required: true, whitespace: true, message: t('care.services.nameRule') }]}><Input maxLength={30} /></Form.Item>
        <Form.Item name="nameEn" label={t('care.services.nameEn')} rules={[{ required: true, whitespace: true, message: t('care.services.nameEnRule') }]}><Input maxLength={60} /></Form.Item>
        <Form.Item name="durationMin" label={t('care.col.duration')} rules={[{ required: true, type: 'integer', min: 5, max: 600, message: t('care.services.durationRule') }]}>
          <InputNumber step={5} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="priceCents" label={t('care.col.price')} rules={[{ required: true, type: 'number', min: 0, message: t('care.services.priceRule') }]}
          getValueProps={(v?: number) => ({ value: v === undefined || v === null ? v : v / 100 })} normalize={(v?: number | null) => (v === undefined || v === null ? v : Math.round(v * 100))}>
          <InputNumber step={1} precision={2} style={{ width: 160 }} prefix="¥" />
        </Form.Item>
        <Form.Item name="tasks" label={t('care.col.tasks')} extra={t('care.services.tasksHint')}
          rules={[{ type: 'array', max: 20, message: t('care.services.tasksRule') }, { validator: (_, v: string[] = []) => (v.some((x) => x.trim().length > 40) ? Promise.reject(new Error(t('care.services.tasksRule'))) : Promise.resolve()) }]}>
          <Select mode="tags" tokenSeparators={['，', ',', '、']} placeholder={t('care.services.tasksPlaceholder')} />
        </Form.Item>
        <Form.Item name="active" label={t('care.col.status')} valuePropName="checked">
          <Switch checkedChildren={t('care.providers.active')} unCheckedChildren={t('care.providers.inactive')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
