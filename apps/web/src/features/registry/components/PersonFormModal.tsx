import { Col, DatePicker, Form, Input, Modal, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../../api/errors';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { toDateString } from '../../../shared/utils/format';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import { isPhoneNumber } from '../../admin/utils/user.utils';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { useCodes } from '../hooks/useDictionaries';
import { useCreatePerson, useUpdatePerson } from '../hooks/usePeople';
import type { Person } from '../types';
import { readCitizenId } from '../utils/citizenId';
import { createBody, patchBody, type GenderCode, type PersonFields, type PersonStatus } from '../utils/personForm';
import { JurisdictionPicker, PLACEMENT_LEVELS } from './JurisdictionPicker';

/** Form field names are the request body keys, so the server's 422 `fields` land on them directly. */
interface Values {
  name: string;
  citizenId?: string;
  gender?: GenderCode;
  birthDate?: Dayjs | null;
  ethnicity?: string;
  phone?: string;
  hukouDivision?: string;
  hukouAddress?: string;
  residenceAddress?: string;
  jurisdictionId?: JurisdictionOption;
  tags?: string[];
  notes?: string;
  status?: PersonStatus;
}

const EDITABLE_STATUSES: PersonStatus[] = ['active', 'moved_out', 'deceased'];

function toFields(v: Values): PersonFields {
  return {
    ...v,
    birthDate: v.birthDate ? toDateString(v.birthDate) : undefined,
    jurisdictionId: v.jurisdictionId?.value,
  };
}

function fieldsOf(p: Person): PersonFields {
  return {
    name: p.name,
    gender: p.gender as GenderCode,
    birthDate: p.birthDate ?? undefined,
    ethnicity: p.ethnicity ?? undefined,
    hukouDivision: p.hukouDivision ?? undefined,
    hukouAddress: p.hukouAddress ?? undefined,
    residenceAddress: p.residenceAddress ?? undefined,
    jurisdictionId: p.jurisdiction.id ?? undefined,
    tags: p.tags,
    notes: p.notes ?? undefined,
    status: p.status as PersonStatus,
  };
}

/**
 * 登记人口 (no `person`) or 编辑 (with the person as read, whose `version` goes back with the
 * change). Birth date and gender are read from a valid citizen ID, so they are not typed twice.
 */
export function PersonFormModal({
  person,
  onClose,
  onSaved,
}: {
  person?: Person;
  onClose: () => void;
  onSaved?: (person: Person) => void;
}) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const codes = useCodes();
  const [form] = Form.useForm<Values>();
  const create = useCreatePerson();
  const update = useUpdatePerson();
  const editing = Boolean(person);
  const citizenId = Form.useWatch('citizenId', form) ?? '';
  const fromId = readCitizenId(citizenId);
  const idGivesFacts = fromId.ok;

  const fail = (err: unknown) => {
    if (showFieldErrors(form, err, lang)) return;
    // A 409 on an update is a lost update unless it is the duplicate citizen ID.
    const duplicate = err instanceof ApiError && err.code === 'CITIZEN_ID_DUPLICATE';
    notify.error(err, { versioned: editing && !duplicate });
  };

  const done = (saved: Person) => {
    notify.success(editing ? 'common.saved' : 'person.created');
    onSaved?.(saved);
    onClose();
  };

  const submit = (v: Values) => {
    const fields = toFields(v);
    if (!person) {
      create.mutate(createBody(fields), { onSuccess: done, onError: fail });
      return;
    }
    const body = patchBody(fieldsOf(person), fields);
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    update.mutate({ id: person.id, body: { ...body, version: person.version } }, { onSuccess: done, onError: fail });
  };

  const onCitizenIdChange = (raw: string) => {
    const r = readCitizenId(raw);
    if (r.ok) form.setFieldsValue({ gender: r.value.gender, birthDate: dayjs(r.value.birthDate) });
  };

  const genderOptions = codes.options('genders').map((o) => ({ value: Number(o.value) as GenderCode, label: o.label }));
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  return (
    <Modal
      open
      width={820}
      title={person ? t('person.editTitle', { name: person.name }) : t('person.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        style={{ marginTop: 16 }}
        initialValues={
          person
            ? {
                ...fieldsOf(person),
                birthDate: person.birthDate ? dayjs(person.birthDate) : null,
                jurisdictionId: person.jurisdiction.id
                  ? { value: person.jurisdiction.id, label: person.jurisdiction.name ?? '' }
                  : undefined,
                citizenId: '',
                phone: '',
              }
            : { tags: [] }
        }
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('person.name')} rules={[required(t('person.name'))]}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="citizenId"
              label={t('person.citizenId')}
              // Checked when the field is left, not at every digit typed.
              validateTrigger="onBlur"
              extra={
                <>
                  {person?.citizenIdMasked && (
                    <Typography.Text type="secondary" style={{ display: 'block' }}>
                      {t('person.currentMasked', { value: person.citizenIdMasked })}
                    </Typography.Text>
                  )}
                  {t('person.citizenIdHint')}
                </>
              }
              rules={[
                {
                  validator: (_, v: string | undefined) => {
                    if (!v?.trim()) return Promise.resolve();
                    const r = readCitizenId(v);
                    return r.ok ? Promise.resolve() : Promise.reject(new Error(t(`person.citizenId.${r.problem}`)));
                  },
                },
              ]}
            >
              <Input
                className="mono"
                maxLength={30}
                autoComplete="off"
                placeholder={editing ? t('person.keepBlank') : undefined}
                onChange={(e) => onCitizenIdChange(e.target.value)}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="gender" label={t('person.gender')}>
              <Select options={genderOptions} disabled={idGivesFacts} loading={codes.loading} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="birthDate" label={t('person.birthDate')}>
              <DatePicker
                style={{ width: '100%' }}
                disabled={idGivesFacts}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="ethnicity" label={t('person.ethnicity')}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                allowClear
                options={codes.options('ethnicities')}
                loading={codes.loading}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="phone"
              label={t('person.phone')}
              extra={person?.phoneMasked ? t('person.currentMasked', { value: person.phoneMasked }) : undefined}
              rules={[
                {
                  validator: (_, v: string | undefined) =>
                    !v?.trim() || isPhoneNumber(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('users.phoneInvalid'))),
                },
              ]}
            >
              <Input maxLength={20} autoComplete="off" placeholder={editing ? t('person.keepBlank') : undefined} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="jurisdictionId"
              label={t('person.jurisdiction')}
              extra={t('person.jurisdictionHint')}
              rules={[{ required: true, message: t('common.selectRequired', { field: t('person.jurisdiction') }) }]}
            >
              <JurisdictionPicker levels={PLACEMENT_LEVELS} allowClear={false} placeholder={t('person.jurisdictionPlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="hukouDivision"
              label={t('person.hukouDivision')}
              rules={[{ pattern: /^\d{6}(\d{3}(\d{3})?)?$/, message: t('person.hukouDivisionRule') }]}
            >
              <Input className="mono" maxLength={12} placeholder="510903" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="hukouAddress" label={t('person.hukouAddress')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="residenceAddress" label={t('person.residenceAddress')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={editing ? 16 : 24}>
            <Form.Item name="tags" label={t('person.tags')}>
              <Select mode="multiple" allowClear options={codes.options('personTags')} optionFilterProp="label" loading={codes.loading} />
            </Form.Item>
          </Col>
          {editing && (
            <Col span={8}>
              <Form.Item name="status" label={t('person.status')}>
                <Select options={EDITABLE_STATUSES.map((s) => ({ value: s, label: t(`person.status.${s}`) }))} />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="notes" label={t('person.notes')} style={{ marginBottom: 0 }}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
