import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Divider, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import { useNotify } from '../../../shared/hooks/useNotify';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import { PersonPicker } from '../../registry/components/Pickers';
import type { PickedOption } from '../../registry/components/SearchSelect';
import { useSaveArchive, useVocabulary } from '../hooks/useElder';
import type { ArchiveBody, Elder } from '../types';

interface ContactRow { person?: PickedOption; name?: string; phone?: string; relation?: string; isGuardian?: boolean; isEmergency?: boolean }
interface Values extends Omit<ArchiveBody, 'contacts' | 'version'> { contacts: ContactRow[] }

/**
 * 社会档案 and 健康档案 of one elder in one form: living situation, subsidies, contacts and
 * guardians (a registered person, or a name and phone), chronic conditions, ICD-10 diagnoses,
 * medications, allergies. Contacts are saved as the list shown.
 */
export function ArchiveFormModal({ elder, open, onClose }: { elder: Elder; open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const vocab = useVocabulary();
  const notify = useNotify();
  const save = useSaveArchive(elder.person.id);
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (!open) return;
    const a = elder.archive;
    form.setFieldsValue({
      livingSituation: (a?.livingSituation ?? 'alone') as Values['livingSituation'],
      subsidies: (a?.subsidies ?? []) as Values['subsidies'],
      chronicConditions: a?.chronicConditions ?? [],
      diagnosisCodes: a?.diagnosisCodes ?? [],
      medications: a?.medications ?? [],
      allergies: a?.allergies ?? [],
      notes: a?.notes ?? '',
      contacts: elder.contacts.map((c) => ({
        ...(c.contactPersonId ? { person: { value: c.contactPersonId, label: c.name } } : { name: c.name }),
        relation: c.relation, isGuardian: c.isGuardian, isEmergency: c.isEmergency,
      })),
    });
  }, [open, elder, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const body: ArchiveBody = {
      ...v,
      notes: v.notes || null,
      contacts: (v.contacts ?? []).map((c) => ({
        ...(c.person ? { contactPersonId: c.person.value } : { name: c.name, ...(c.phone ? { phone: c.phone } : {}) }),
        relation: c.relation ?? '', isGuardian: Boolean(c.isGuardian), isEmergency: Boolean(c.isEmergency),
      })),
      ...(elder.archive ? { version: elder.archive.version } : {}),
    };
    try {
      await save.mutateAsync(body);
      notify.success('common.saved');
      onClose();
    } catch (e) {
      if (!showFieldErrors(form, e, lang)) notify.error(e, { versioned: true });
    }
  };

  const tags = (placeholder: string) => <Select mode="tags" tokenSeparators={[',', '，', '、']} placeholder={placeholder} open={false} suffixIcon={null} />;

  return (
    <Modal
      title={elder.archive ? t('elder.archive.edit') : t('elder.archive.create')}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      width={760}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="elder-archive-form">
        <Divider titlePlacement="left" plain>{t('elder.archive.social')}</Divider>
        <Space wrap size={16} style={{ width: '100%' }}>
          <Form.Item name="livingSituation" label={t('elder.col.living')} rules={[{ required: true }]} style={{ minWidth: 220 }}>
            <Select options={(vocab.data?.livingSituations ?? []).map((x) => ({ value: x.code, label: localName(x, lang) }))} data-testid="elder-living" />
          </Form.Item>
          <Form.Item name="subsidies" label={t('elder.col.subsidies')} style={{ minWidth: 380 }}>
            <Select mode="multiple" options={(vocab.data?.subsidies ?? []).map((x) => ({ value: x.code, label: localName(x, lang) }))} />
          </Form.Item>
        </Space>
        <div><Typography.Text strong>{t('elder.contacts')}</Typography.Text></div>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={[f.name, 'person']} style={{ width: 200, marginBottom: 0 }}>
                    <PersonPicker placeholder={t('elder.contact.registered')} excludeId={elder.person.id} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() => form.getFieldValue(['contacts', f.name, 'person']) ? null : (
                      <Space>
                        <Form.Item name={[f.name, 'name']} style={{ width: 110, marginBottom: 0 }}><Input placeholder={t('elder.contact.name')} maxLength={50} /></Form.Item>
                        <Form.Item name={[f.name, 'phone']} style={{ width: 140, marginBottom: 0 }}><Input placeholder={t('person.phone')} maxLength={20} /></Form.Item>
                      </Space>
                    )}
                  </Form.Item>
                  <Form.Item name={[f.name, 'relation']} style={{ width: 90, marginBottom: 0 }}><Input placeholder={t('elder.contact.relation')} maxLength={20} /></Form.Item>
                  <Form.Item name={[f.name, 'isGuardian']} valuePropName="checked" style={{ marginBottom: 0 }}><Checkbox>{t('elder.contact.guardian')}</Checkbox></Form.Item>
                  <Form.Item name={[f.name, 'isEmergency']} valuePropName="checked" style={{ marginBottom: 0 }}><Checkbox>{t('elder.contact.emergency')}</Checkbox></Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} style={{ marginTop: 8 }} aria-label={t('elder.contact.remove')} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginTop: 8 }} disabled={fields.length >= 10}>{t('elder.contact.add')}</Button>
            </>
          )}
        </Form.List>
        <Divider titlePlacement="left" plain>{t('elder.archive.health')}</Divider>
        <Form.Item name="chronicConditions" label={t('elder.health.chronic')}>{tags(t('elder.health.tagsHint'))}</Form.Item>
        <Form.Item name="diagnosisCodes" label={t('elder.health.diagnoses')} extra={t('elder.health.diagnosesHint')}>{tags('F01, I10')}</Form.Item>
        <Form.Item label={t('elder.health.medications')}>
          <Form.List name="medications">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} style={{ display: 'flex', marginBottom: 8 }}>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('common.required', { field: t('elder.health.medName') }) }]} style={{ marginBottom: 0 }}>
                      <Input placeholder={t('elder.health.medName')} maxLength={50} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'dosage']} style={{ marginBottom: 0 }}><Input placeholder={t('elder.health.dosage')} maxLength={50} /></Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })}>{t('elder.health.addMed')}</Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="allergies" label={t('elder.health.allergies')}>{tags(t('elder.health.tagsHint'))}</Form.Item>
        <Form.Item name="notes" label={t('elder.notes')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}
