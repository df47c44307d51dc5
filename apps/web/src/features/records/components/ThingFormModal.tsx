import { Col, Form, Input, Row, Select } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { RecordFormModal, type Changes } from '../../../shared/components/RecordFormModal';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { PositionFields } from '../../map/components/PositionFields';
import { useCodeNames } from '../hooks/useCodeTables';
import { useBuildingLabel } from '../hooks/useLabels';
import { usePickedField } from '../hooks/usePickedField';
import { useCreateThing, useUpdateThing } from '../hooks/useRecords';
import type { Thing, ThingCreateBody, ThingKind, ThingPatchBody, ThingStatus } from '../types';
import { changedFields, optionalText } from '../utils/patch';
import { THING_STATUSES } from '../utils/thing';
import { JurisdictionField } from './JurisdictionField';
import { LookupSelect, type PickedRecord } from './LookupSelect';

interface Values {
  kind: ThingKind;
  name: string;
  serialNo?: string;
  status: ThingStatus;
  lon?: number;
  lat?: number;
  buildingId?: PickedRecord;
  firmware?: string;
  jurisdictionId?: JurisdictionOption;
}

/** 登记设施设备 (no `thing`) or 编辑 (the row's `version` goes back with the change). */
export function ThingFormModal({ thing, onClose }: { thing?: Thing; onClose: () => void }) {
  const { t } = useI18n();
  const codes = useCodeNames();
  const [form] = Form.useForm<Values>();
  const create = useCreateThing();
  const update = useUpdateThing();
  const building = usePickedField(form, 'buildingId', thing?.buildingId, useBuildingLabel(thing?.buildingId));
  /** The form's values as the record stores them, to compare with the record for the PATCH. */
  const stored = (x: Thing) => ({
    kind: x.kind as ThingKind,
    name: x.name,
    serialNo: x.serialNo ?? '',
    status: x.status as ThingStatus,
    lon: x.lon ?? undefined,
    lat: x.lat ?? undefined,
    buildingId: x.buildingId ?? undefined,
    firmware: x.firmware ?? '',
  });

  return (
    <RecordFormModal
      record={thing}
      form={form}
      width={720}
      title={thing ? t('rec.thing.editTitle', { name: thing.name }) : t('rec.thing.create')}
      initialValues={thing ? { ...stored(thing), buildingId: building } : { status: 'normal' }}
      create={create}
      toCreate={(v): ThingCreateBody => ({
        kind: v.kind,
        name: v.name.trim(),
        status: v.status,
        lon: v.lon!,
        lat: v.lat!,
        jurisdictionId: v.jurisdictionId!.value,
        ...(optionalText(v.serialNo) ? { serialNo: optionalText(v.serialNo) } : {}),
        ...(optionalText(v.firmware) ? { firmware: optionalText(v.firmware) } : {}),
        ...(v.buildingId ? { buildingId: v.buildingId.value } : {}),
      })}
      createdMessage="rec.thing.created"
      update={update}
      toPatch={(v, x): Changes<ThingPatchBody> => ({
        ...changedFields(stored(x), {
          kind: v.kind,
          name: v.name.trim(),
          serialNo: v.serialNo?.trim() ?? '',
          status: v.status,
          lon: v.lon ?? undefined,
          lat: v.lat ?? undefined,
          buildingId: v.buildingId?.value,
          firmware: v.firmware?.trim() ?? '',
        }),
        ...(v.jurisdictionId ? { jurisdictionId: v.jurisdictionId.value } : {}),
      })}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="kind" label={t('rec.thing.kind')} rules={[{ required: true, message: t('common.selectRequired', { field: t('rec.thing.kind') }) }]}>
            <Select options={codes.options('thingKinds')} loading={codes.loading} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="status" label={t('rec.thing.status')} rules={[{ required: true }]}>
            <Select options={THING_STATUSES.map((s) => ({ value: s, label: t(`rec.thing.status.${s}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="name" label={t('rec.thing.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('rec.thing.name') }) }]}>
        <Input maxLength={80} placeholder={t('rec.thing.namePlaceholder')} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="serialNo" label={t('rec.thing.serialNo')}>
            <Input className="mono" maxLength={60} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="firmware" label={t('rec.thing.firmware')}>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
      </Row>
      <PositionFields required />
      <Form.Item name="buildingId" label={t('rec.thing.building')} extra={t('rec.thing.buildingHint')}>
        <LookupSelect kind="building" placeholder={t('rec.lookup.building')} />
      </Form.Item>
      <JurisdictionField current={thing} />
    </RecordFormModal>
  );
}
