import { Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { useCodeNames } from '../hooks/useCodeTables';
import { useHouseLabel } from '../hooks/useLabels';
import { useCreateOrganization, useUpdateOrganization } from '../hooks/useRecords';
import type { Organization, OrgType } from '../types';
import { hasCreditCodeShape, normalizeCreditCode } from '../utils/creditCode';
import { changedFields, optionalText } from '../utils/patch';
import { LookupSelect, type PickedRecord } from './LookupSelect';
import { PLACE_LEVELS, PlacePicker } from './PlacePicker';

/** Field names are the request body keys, so a 422's `fields` land under the right input. */
interface Values {
  name: string;
  creditCode?: string;
  type: OrgType;
  address?: string;
  phone?: string;
  houseId?: PickedRecord;
  jurisdictionId?: JurisdictionOption;
}

/** 登记单位 (no `org`) or 编辑 (the row's `version` goes back with the change). */
export function OrganizationFormModal({ org, onClose }: { org?: Organization; onClose: () => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const codes = useCodeNames();
  const [form] = Form.useForm<Values>();
  const create = useCreateOrganization();
  const update = useUpdateOrganization();
  const houseLabel = useHouseLabel(org?.houseId);

  // The organisation knows only its house's id; its label arrives a moment later.
  useEffect(() => {
    if (org?.houseId && houseLabel && !form.isFieldTouched('houseId')) form.setFieldValue('houseId', { value: org.houseId, label: houseLabel });
  }, [form, org?.houseId, houseLabel]);

  const fail = (err: unknown) => {
    if (!showFieldErrors(form, err, lang)) notify.error(err, { versioned: Boolean(org) });
  };

  const submit = (v: Values) => {
    const creditCode = v.creditCode ? normalizeCreditCode(v.creditCode) : undefined;
    if (!org) {
      create.mutate(
        {
          name: v.name.trim(),
          type: v.type,
          jurisdictionId: v.jurisdictionId!.value,
          ...(creditCode ? { creditCode } : {}),
          ...(optionalText(v.address) ? { address: optionalText(v.address) } : {}),
          ...(optionalText(v.phone) ? { phone: optionalText(v.phone) } : {}),
          ...(v.houseId ? { houseId: v.houseId.value } : {}),
        },
        { onSuccess: () => (notify.success('rec.org.created'), onClose()), onError: fail },
      );
      return;
    }
    const changes = changedFields(
      { name: org.name, creditCode: org.creditCode ?? undefined, type: org.type as OrgType, address: org.address ?? '', phone: org.phone ?? '', houseId: org.houseId ?? undefined },
      {
        name: v.name.trim(),
        creditCode: creditCode || undefined,
        type: v.type,
        address: v.address?.trim() ?? '',
        phone: v.phone?.trim() ?? '',
        houseId: v.houseId?.value,
      },
    );
    update.mutate(
      { id: org.id, body: { ...changes, ...(v.jurisdictionId ? { jurisdictionId: v.jurisdictionId.value } : {}), version: org.version } },
      { onSuccess: () => (notify.success('common.saved'), onClose()), onError: fail },
    );
  };

  return (
    <Modal
      open
      width={640}
      title={org ? t('rec.org.editTitle', { name: org.name }) : t('rec.org.create')}
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
          org
            ? {
                name: org.name,
                creditCode: org.creditCode ?? '',
                type: org.type as OrgType,
                address: org.address ?? '',
                phone: org.phone ?? '',
                houseId: org.houseId ? { value: org.houseId, label: houseLabel ?? '…' } : undefined,
              }
            : { type: 'enterprise' }
        }
      >
        <Form.Item
          name="name"
          label={t('rec.org.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('rec.org.name') }) }]}
        >
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('rec.org.creditCode')}
          extra={org?.creditCode ? t('rec.org.creditCodeKeep') : t('rec.org.creditCodeHint')}
          rules={[
            {
              validator: (_, v: string | undefined) =>
                !v || hasCreditCodeShape(v) ? Promise.resolve() : Promise.reject(new Error(t('rec.org.creditCodeShape'))),
            },
          ]}
        >
          <Input className="mono" maxLength={24} placeholder="91510900MA6XXXXXXX" />
        </Form.Item>
        <Form.Item name="type" label={t('rec.org.type')} rules={[{ required: true }]}>
          <Select options={codes.options('orgTypes')} loading={codes.loading} />
        </Form.Item>
        <Form.Item name="address" label={t('rec.org.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="phone" label={t('rec.org.phone')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="houseId" label={t('rec.org.house')} extra={t('rec.org.houseHint')}>
          <LookupSelect kind="house" placeholder={t('rec.lookup.house')} />
        </Form.Item>
        <Form.Item
          name="jurisdictionId"
          label={t('rec.jurisdiction')}
          extra={org ? t('rec.jurisdictionKeep', { name: org.jurisdictionName ?? '—' }) : t('rec.jurisdictionHint')}
          rules={org ? [] : [{ required: true, message: t('common.selectRequired', { field: t('rec.jurisdiction') }) }]}
        >
          <PlacePicker levels={PLACE_LEVELS} placeholder={org?.jurisdictionName ?? t('rec.jurisdictionPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
