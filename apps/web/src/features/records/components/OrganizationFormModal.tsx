import { Form, Input, Select } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { RecordFormModal, type Changes } from '../../../shared/components/RecordFormModal';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { useCodeNames } from '../hooks/useCodeTables';
import { useHouseLabel } from '../hooks/useLabels';
import { usePickedField } from '../hooks/usePickedField';
import { useCreateOrganization, useUpdateOrganization } from '../hooks/useRecords';
import type { Organization, OrganizationCreateBody, OrganizationPatchBody, OrgType } from '../types';
import { hasCreditCodeShape, normalizeCreditCode } from '../utils/creditCode';
import { changedFields, optionalText } from '../utils/patch';
import { JurisdictionField } from './JurisdictionField';
import { LookupSelect, type PickedRecord } from './LookupSelect';

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
  const { t } = useI18n();
  const codes = useCodeNames();
  const [form] = Form.useForm<Values>();
  const create = useCreateOrganization();
  const update = useUpdateOrganization();
  // The organisation knows only its house's id; its label arrives a moment later.
  const house = usePickedField(form, 'houseId', org?.houseId, useHouseLabel(org?.houseId));
  const creditCodeOf = (v: Values) => (v.creditCode ? normalizeCreditCode(v.creditCode) : undefined);

  return (
    <RecordFormModal
      record={org}
      form={form}
      width={640}
      title={org ? t('rec.org.editTitle', { name: org.name }) : t('rec.org.create')}
      initialValues={
        org
          ? {
              name: org.name,
              creditCode: org.creditCode ?? '',
              type: org.type as OrgType,
              address: org.address ?? '',
              phone: org.phone ?? '',
              houseId: house,
            }
          : { type: 'enterprise' }
      }
      create={create}
      toCreate={(v): OrganizationCreateBody => ({
        name: v.name.trim(),
        type: v.type,
        jurisdictionId: v.jurisdictionId!.value,
        ...(creditCodeOf(v) ? { creditCode: creditCodeOf(v) } : {}),
        ...(optionalText(v.address) ? { address: optionalText(v.address) } : {}),
        ...(optionalText(v.phone) ? { phone: optionalText(v.phone) } : {}),
        ...(v.houseId ? { houseId: v.houseId.value } : {}),
      })}
      createdMessage="rec.org.created"
      update={update}
      toPatch={(v, o): Changes<OrganizationPatchBody> => ({
        ...changedFields(
          { name: o.name, creditCode: o.creditCode ?? undefined, type: o.type as OrgType, address: o.address ?? '', phone: o.phone ?? '', houseId: o.houseId ?? undefined },
          {
            name: v.name.trim(),
            creditCode: creditCodeOf(v) || undefined,
            type: v.type,
            address: v.address?.trim() ?? '',
            phone: v.phone?.trim() ?? '',
            houseId: v.houseId?.value,
          },
        ),
        ...(v.jurisdictionId ? { jurisdictionId: v.jurisdictionId.value } : {}),
      })}
      onClose={onClose}
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
      <JurisdictionField current={org} />
    </RecordFormModal>
  );
}
