import { Col, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { PositionFields } from '../../map/components/PositionFields';
import { useCodeNames } from '../hooks/useCodeTables';
import { useBuildingLabel } from '../hooks/useLabels';
import { useCreateThing, useUpdateThing } from '../hooks/useRecords';
import type { Thing, ThingKind, ThingStatus } from '../types';
import { changedFields, optionalText } from '../utils/patch';
import { THING_STATUSES } from '../utils/thing';
import { LookupSelect, type PickedRecord } from './LookupSelect';
import { PLACE_LEVELS, PlacePicker } from './PlacePicker';

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
  const { t, lang } = useI18n();
  const notify = useNotify();
  const codes = useCodeNames();
  const [form] = Form.useForm<Values>();
  const create = useCreateThing();
  const update = useUpdateThing();
  const buildingLabel = useBuildingLabel(thing?.buildingId);

  useEffect(() => {
    if (thing?.buildingId && buildingLabel && !form.isFieldTouched('buildingId')) {
      form.setFieldValue('buildingId', { value: thing.buildingId, label: buildingLabel });
    }
  }, [form, thing?.buildingId, buildingLabel]);

  const fail = (err: unknown) => {
    if (!showFieldErrors(form, err, lang)) notify.error(err, { versioned: Boolean(thing) });
  };

  const submit = (v: Values) => {
    if (!thing) {
      create.mutate(
        {
          kind: v.kind,
          name: v.name.trim(),
          status: v.status,
          lon: v.lon!,
          lat: v.lat!,
          jurisdictionId: v.jurisdictionId!.value,
          ...(optionalText(v.serialNo) ? { serialNo: optionalText(v.serialNo) } : {}),
          ...(optionalText(v.firmware) ? { firmware: optionalText(v.firmware) } : {}),
          ...(v.buildingId ? { buildingId: v.buildingId.value } : {}),
        },
        { onSuccess: () => (notify.success('rec.thing.created'), onClose()), onError: fail },
      );
      return;
    }
    const changes = changedFields(
      {
        kind: thing.kind as ThingKind,
        name: thing.name,
        serialNo: thing.serialNo ?? '',
        status: thing.status as ThingStatus,
        lon: thing.lon ?? undefined,
        lat: thing.lat ?? undefined,
        buildingId: thing.buildingId ?? undefined,
        firmware: thing.firmware ?? '',
      },
      {
        kind: v.kind,
        name: v.name.trim(),
        serialNo: v.serialNo?.trim() ?? '',
        status: v.status,
        lon: v.lon ?? undefined,
        lat: v.lat ?? undefined,
        buildingId: v.buildingId?.value,
        firmware: v.firmware?.trim() ?? '',
      },
    );
    update.mutate(
      { id: thing.id, body: { ...changes, ...(v.jurisdictionId ? { jurisdictionId: v.jurisdictionId.value } : {}), version: thing.version } },
      { onSuccess: () => (notify.success('common.saved'), onClose()), onError: fail },
    );
  };

  return (
    <Modal
      open
      width={720}
      title={thing ? t('rec.thing.editTitle', { name: thing.name }) : t('rec.thing.create')}
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
          thing
            ? {
                kind: thing.kind as ThingKind,
                name: thing.name,
                serialNo: thing.serialNo ?? '',
                status: thing.status as ThingStatus,
                lon: thing.lon ?? undefined,
                lat: thing.lat ?? undefined,
                firmware: thing.firmware ?? '',
                buildingId: thing.buildingId ? { value: thing.buildingId, label: buildingLabel ?? '…' } : undefined,
              }
            : { status: 'normal' }
        }
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
        <Form.Item
          name="jurisdictionId"
          label={t('rec.jurisdiction')}
          extra={thing ? t('rec.jurisdictionKeep', { name: thing.jurisdictionName ?? '—' }) : t('rec.jurisdictionHint')}
          rules={thing ? [] : [{ required: true, message: t('common.selectRequired', { field: t('rec.jurisdiction') }) }]}
        >
          <PlacePicker levels={PLACE_LEVELS} placeholder={thing?.jurisdictionName ?? t('rec.jurisdictionPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
