import { Button, Drawer, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import type { Dictionaries, LocalPerson } from '../types';
import type { PersonEdit } from '../utils/changes';

const MOBILE = /^(\+?86)?1[3-9]\d{9}$|^0\d{2,3}\d{7,8}$/;

/**
 * Correct a resident, or register a new one, on the doorstep. A bottom sheet sized for a phone;
 * the phone number is held masked, so a new number is typed in full or the field left empty.
 */
export function PersonDrawer({ open, person, dictionaries, onClose, onSave }: {
  open: boolean;
  /** The resident to correct; none registers a new one. */
  person: LocalPerson | null;
  dictionaries: Dictionaries | undefined;
  onClose: () => void;
  onSave: (edit: PersonEdit & { citizenId?: string }) => Promise<void>;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (person) {
      form.setFieldsValue({
        name: person.name, gender: person.gender, birthDate: person.birthDate ?? '', ethnicity: person.ethnicity ?? undefined,
        residenceAddress: person.residenceAddress ?? '', tags: person.tags, notes: person.notes ?? '', status: person.status, phone: '',
      });
    }
  }, [open, person, form]);
  const options = (list: { code: string; name: string; nameEn?: string }[] | undefined) => (list ?? []).map((e) => ({ value: e.code, label: localName(e, lang) }));

  return (
    <Drawer open={open} placement="bottom" height="88%" title={person ? t('survey.person.edit', { name: person.name }) : t('survey.person.add')} onClose={onClose} destroyOnHidden
      extra={<Button type="primary" onClick={() => form.submit()} data-testid="person-save">{t('common.save')}</Button>}>
      <Form form={form} layout="vertical" onFinish={(v) => onSave(v)} requiredMark="optional">
        <Form.Item name="name" label={t('survey.field.name')} rules={[{ required: true, whitespace: true, message: t('survey.rule.name') }, { max: 50 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        {!person && (
          <Form.Item name="citizenId" label={t('survey.field.citizenId')}>
            <Input inputMode="text" maxLength={18} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="gender" label={t('survey.field.gender')}>
          <Select options={(dictionaries?.genders ?? []).map((g) => ({ value: Number(g.code), label: localName(g, lang) }))} />
        </Form.Item>
        <Form.Item name="birthDate" label={t('survey.field.birthDate')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="ethnicity" label={t('survey.field.ethnicity')}>
          <Select showSearch optionFilterProp="label" allowClear options={options(dictionaries?.ethnicities)} />
        </Form.Item>
        <Form.Item name="phone" label={t('survey.field.phone')} extra={person?.phoneMasked ? t('survey.person.phoneHint', { phone: person.phoneMasked }) : undefined}
          rules={[{ validator: (_r, v: string) => (!v || MOBILE.test(v.replace(/[\s-]/g, '')) ? Promise.resolve() : Promise.reject(new Error(t('survey.rule.phone')))) }]}>
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="residenceAddress" label={t('survey.field.residenceAddress')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="tags" label={t('survey.field.tags')}>
          <Select mode="multiple" options={options(dictionaries?.personTags)} />
        </Form.Item>
        <Form.Item name="notes" label={t('survey.field.notes')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {person && (
          <Form.Item name="status" label={t('survey.field.status')}>
            <Select options={(['active', 'moved_out', 'deceased'] as const).map((s) => ({ value: s, label: t(`survey.status.${s}`) }))} />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
