import { DeleteOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Flex, Form, Input, Modal, Radio, Row, Select, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { toDateString } from '../../../shared/utils/format';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import type { Household } from '../types';
import { useCodes } from '../hooks/useDictionaries';
import { useCreateHousehold } from '../hooks/useHouseholds';
import { HEAD_RELATION, HOUSEHOLD_KINDS, repeatedMembers, type HouseholdKind } from '../utils/household';
import { HousePicker, PersonPicker } from './Pickers';
import { PersonFormModal } from './PersonFormModal';
import type { PickedOption } from './SearchSelect';

/** Form field names are the request body keys, so the server's 422 `fields` land on them directly. */
interface Values {
  householdNo?: string;
  kind: HouseholdKind;
  houseId?: PickedOption;
  headPersonId?: PickedOption;
  members: { personId?: PickedOption; relationCode?: string }[];
  validFrom: Dayjs;
}

/** Who a person registered inline is for: the head, or the member row at an index. */
type Registering = { for: 'head' } | { for: 'member'; index: number } | null;

/**
 * 登记家庭: the house, the head (found, or registered here without leaving the dialog) and the
 * members with their relation to the head (GB/T 4761).
 */
export function HouseholdFormModal({ onClose, onCreated }: { onClose: () => void; onCreated?: (h: Household) => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const codes = useCodes();
  const [form] = Form.useForm<Values>();
  const create = useCreateHousehold();
  const [registering, setRegistering] = useState<Registering>(null);
  const relationOptions = codes
    .options('familyRelations')
    .filter((o) => o.value !== HEAD_RELATION && o.value !== '01')
    .map((o) => ({ value: o.value, label: `${o.value} ${o.label}` }));

  const submit = (v: Values) => {
    const members = (v.members ?? []).filter((m) => m.personId);
    const repeated = repeatedMembers(
      v.headPersonId?.value,
      members.map((m) => m.personId?.value),
    );
    if (repeated.length) {
      form.setFields(repeated.map((i) => ({ name: ['members', i, 'personId'], errors: [t('household.memberRepeated')] })));
      return;
    }
    create.mutate(
      {
        ...(v.householdNo?.trim() ? { householdNo: v.householdNo.trim() } : {}),
        kind: v.kind,
        ...(v.houseId ? { houseId: v.houseId.value } : {}),
        headPersonId: v.headPersonId!.value,
        members: members.map((m) => ({ personId: m.personId!.value, relationCode: m.relationCode! })),
        validFrom: toDateString(v.validFrom),
      },
      {
        onSuccess: (h) => {
          notify.success('household.created');
          onCreated?.(h);
          onClose();
        },
        onError: (err) => {
          if (!showFieldErrors(form, err, lang)) notify.error(err);
        },
      },
    );
  };

  const registered = (p: { id: string; name: string }) => {
    const picked = { value: p.id, label: p.name };
    if (registering?.for === 'head') form.setFieldValue('headPersonId', picked);
    else if (registering?.for === 'member') form.setFieldValue(['members', registering.index, 'personId'], picked);
  };

  const newPersonButton = (who: Registering) => (
    <Tooltip title={t('household.registerPerson')}>
      <Button icon={<UserAddOutlined />} onClick={() => setRegistering(who)} />
    </Tooltip>
  );

  return (
    <Modal
      open
      width={760}
      title={t('household.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} style={{ marginTop: 16 }} initialValues={{ kind: 'family', members: [{}], validFrom: dayjs() }}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="kind" label={t('household.kind')}>
              <Radio.Group
                optionType="button"
                options={HOUSEHOLD_KINDS.map((k) => ({ value: k, label: t(`household.kind.${k}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="householdNo" label={t('household.no')} extra={t('household.noHint')}>
              <Input maxLength={40} className="mono" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="houseId" label={t('household.house')}>
              <HousePicker />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="validFrom" label={t('household.validFrom')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} allowClear={false} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('household.head')} required style={{ marginBottom: 0 }}>
              <Flex gap={8}>
                <Form.Item
                  name="headPersonId"
                  noStyle
                  rules={[{ required: true, message: t('common.selectRequired', { field: t('household.head') }) }]}
                >
                  <PersonPicker />
                </Form.Item>
                {newPersonButton({ for: 'head' })}
              </Flex>
            </Form.Item>
            <Form.Item shouldUpdate noStyle>
              {() => <Form.ErrorList errors={form.getFieldError('headPersonId')} />}
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5} style={{ marginTop: 20 }}>
          {t('household.members')}
        </Typography.Title>
        <Form.List name="members">
          {(fields, { add, remove }, { errors }) => (
            <Flex vertical gap={0}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item
                    name={[field.name, 'personId']}
                    style={{ flex: 1 }}
                    rules={[{ required: true, message: t('common.selectRequired', { field: t('household.member') }) }]}
                  >
                    <PersonPicker />
                  </Form.Item>
                  {newPersonButton({ for: 'member', index: field.name })}
                  <Form.Item
                    name={[field.name, 'relationCode']}
                    style={{ width: 220 }}
                    rules={[{ required: true, message: t('common.selectRequired', { field: t('household.relationToHead') }) }]}
                  >
                    <Select showSearch={{ optionFilterProp: 'label' }} options={relationOptions} placeholder={t('household.relationToHead')} />
                  </Form.Item>
                  <Tooltip title={t('household.removeRow')}>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                  </Tooltip>
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                {t('household.addMemberRow')}
              </Button>
              <Form.ErrorList errors={errors} />
            </Flex>
          )}
        </Form.List>
      </Form>
      {registering && <PersonFormModal onClose={() => setRegistering(null)} onSaved={registered} />}
    </Modal>
  );
}
