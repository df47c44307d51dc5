import { Checkbox, Form, InputNumber, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { ApiError } from '../../../api/errors';
import { useNotify } from '../../../shared/hooks/useNotify';
import { useUpdateRule } from '../hooks/useQuality';
import type { QualityRule } from '../types';

const PERSON_FIELDS = ['citizenId', 'gender', 'birthDate', 'ethnicity', 'phone', 'hukouAddress', 'residenceAddress'] as const;
const REASONS = ['same_pinyin_birth', 'same_phone', 'same_name_house'] as const;
const USES = ['residential', 'commercial', 'office', 'mixed', 'other'] as const;

/** Edits a rule's parameters with the inputs its check kind needs; the server validates them again. */
export function RuleParamsModal({ rule, onClose }: { rule: QualityRule | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm();
  const update = useUpdateRule();
  useEffect(() => {
    if (rule) form.setFieldsValue({ params: rule.params, weight: rule.weight, severity: rule.severity });
  }, [rule, form]);
  if (!rule) return null;
  const kind = rule.checkKind;
  const submit = async () => {
    const values = (await form.validateFields()) as { params?: Record<string, unknown>; weight: number; severity: 'low' | 'medium' | 'high' };
    update.mutate(
      { code: rule.code, body: { params: values.params ?? {}, weight: values.weight, severity: values.severity, version: rule.version } },
      {
        onSuccess: () => {
          notify.success('quality.rules.saved');
          onClose();
        },
        onError: (e) => {
          // the server names nested fields by path (params.months): show each under its input
          if (e instanceof ApiError) form.setFields(e.fields.map((f) => ({ name: f.field.split('.'), errors: [lang === 'en' ? f.messageEn || f.message : f.message] })));
          notify.error(e, { versioned: true });
        },
      },
    );
  };
  return (
    <Modal open title={t('quality.rules.edit', { name: lang === 'en' ? rule.nameEn : rule.name })} onCancel={onClose} onOk={() => void submit()} confirmLoading={update.isPending} okText={t('common.save')} destroyOnHidden>
      <Form form={form} layout="vertical">
        {kind === 'not_verified' && (
          <Form.Item name={['params', 'months']} label={t('quality.param.months')} rules={[{ required: true, message: t('quality.param.required') }]}>
            <InputNumber min={1} max={120} precision={0} addonAfter={t('quality.param.monthsUnit')} />
          </Form.Item>
        )}
        {kind === 'citizen_id_excel' && (
          <Form.Item name={['params', 'trailingZeros']} label={t('quality.param.trailingZeros')} rules={[{ required: true, message: t('quality.param.required') }]}>
            <InputNumber min={2} max={6} precision={0} />
          </Form.Item>
        )}
        {kind === 'id_gender_birth' && (
          <>
            <Form.Item name={['params', 'checkGender']} valuePropName="checked"><Checkbox>{t('quality.param.checkGender')}</Checkbox></Form.Item>
            <Form.Item name={['params', 'checkBirthDate']} valuePropName="checked"><Checkbox>{t('quality.param.checkBirthDate')}</Checkbox></Form.Item>
          </>
        )}
        {kind === 'missing_fields' && (
          <Form.Item name={['params', 'fields']} label={t('quality.param.fields')} rules={[{ required: true, message: t('quality.param.required') }]}>
            <Select mode="multiple" options={PERSON_FIELDS.map((f) => ({ value: f, label: t(`quality.field.${f}`) }))} />
          </Form.Item>
        )}
        {kind === 'duplicate_candidate' && (
          <Form.Item name={['params', 'reasons']} label={t('quality.param.reasons')} rules={[{ required: true, message: t('quality.param.required') }]}>
            <Select mode="multiple" options={REASONS.map((r) => ({ value: r, label: t(`quality.reason.${r}`) }))} />
          </Form.Item>
        )}
        {kind === 'house_no_residents' && (
          <Form.Item name={['params', 'uses']} label={t('quality.param.uses')} rules={[{ required: true, message: t('quality.param.required') }]}>
            <Select mode="multiple" options={USES.map((u) => ({ value: u, label: t(`quality.use.${u}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="weight" label={t('quality.rules.weight')} rules={[{ required: true, message: t('quality.param.required') }]}>
          <InputNumber min={0} max={100} precision={0} />
        </Form.Item>
        <Form.Item name="severity" label={t('quality.rules.severity')}>
          <Select options={(['high', 'medium', 'low'] as const).map((s) => ({ value: s, label: t(`quality.severity.${s}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
