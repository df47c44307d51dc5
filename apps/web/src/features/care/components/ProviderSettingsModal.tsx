import { Form, InputNumber, Modal, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import { JurisdictionTreeSelect, type JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { useUpdateProvider } from '../hooks/useCare';
import type { Provider } from '../types';

type Values = { serviceAreaIds: JurisdictionOption[]; toleranceM: number; minDurationShare: number; active: boolean };

/**
 * 机构设置: a provider's service area, the check-in/out tolerance and the minimum share of the
 * service's duration a visit must last (the EVV checks read them), and whether it is in use.
 * Out-of-range numbers are not clamped: the field says what is allowed. Taking a provider out of use asks first: no new plan can name it.
 */
export function ProviderSettingsModal({ provider, onClose }: { provider: Provider | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const update = useUpdateProvider();

  useEffect(() => {
    if (!provider) return;
    form.setFieldsValue({
      serviceAreaIds: provider.serviceArea.map((n) => ({ value: n.id, label: n.name })),
      toleranceM: provider.toleranceM, minDurationShare: Math.round(provider.minDurationShare * 100), active: provider.active,
    });
  }, [provider, form]);

  const save = async (v: Values) => {
    try {
      await update.mutateAsync({
        id: provider!.id,
        body: { version: provider!.version, serviceAreaIds: v.serviceAreaIds.map((a) => a.value), toleranceM: v.toleranceM, minDurationShare: v.minDurationShare / 100, active: v.active },
      });
      notify.success('care.providers.saved');
      onClose();
    } catch (e) {
      // the server names minDurationShare as a share (0.1–1); the form shows it in per cent
      if (!showFieldErrors(form, e, lang)) notify.error(e, { versioned: true });
    }
  };
  const submit = async () => {
    const v = await form.validateFields();
    if (provider?.active && !v.active) {
      Modal.confirm({
        title: t('care.providers.disableTitle', { name: provider.name }), content: t('care.providers.disableHint'),
        okText: t('care.providers.disableOk'), okButtonProps: { danger: true }, onOk: () => save(v),
      });
      return;
    }
    await save(v);
  };

  return (
    <Modal open={Boolean(provider)} title={t('care.providers.settings', { name: provider?.name ?? '' })} onCancel={onClose} onOk={() => void submit()}
      confirmLoading={update.isPending} forceRender>
      <Form form={form} layout="vertical" data-testid="care-provider-form">
        <Form.Item name="serviceAreaIds" label={t('care.col.area')} rules={[{ required: true, type: 'array', min: 1, message: t('care.providers.areaRule') }]}>
          <JurisdictionTreeSelect />
        </Form.Item>
        <Form.Item name="toleranceM" label={t('care.col.tolerance')} extra={t('care.providers.toleranceHint')}
          rules={[{ required: true, type: 'integer', min: 20, max: 5000, message: t('care.providers.toleranceRule') }]}>
          <InputNumber step={50} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="minDurationShare" label={t('care.providers.sharePercent')} extra={t('care.providers.shareHint')}
          rules={[{ required: true, type: 'integer', min: 10, max: 100, message: t('care.providers.shareRule') }]}>
          <InputNumber step={5} precision={0} suffix="%" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="active" label={t('care.col.status')} valuePropName="checked">
          <Switch checkedChildren={t('care.providers.active')} unCheckedChildren={t('care.providers.inactive')} />
        </Form.Item>
        <Typography.Text type="secondary">{t('care.providers.settingsNote')}</Typography.Text>
      </Form>
    </Modal>
  );
}
