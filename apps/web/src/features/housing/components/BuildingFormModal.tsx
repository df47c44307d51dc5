import { Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { PositionFields } from '../../map/components/PositionFields';
import { PLACE_LEVELS, PlacePicker } from '../../records/components/PlacePicker';
import { useCodeNames } from '../../records/hooks/useCodeTables';
import { changedFields } from '../../records/utils/patch';
import { useCreateBuilding, useEstateList, useUpdateBuilding } from '../hooks/useHousing';
import type { Building, BuildingUse, Estate } from '../types';

interface Values {
  name: string;
  estateId?: string;
  floors: number;
  unitCount: number;
  use: BuildingUse;
  builtYear?: number | null;
  lon?: number | null;
  lat?: number | null;
  jurisdictionId?: JurisdictionOption;
}

/**
 * 新建楼栋 (in `estate` when given) or 编辑. A position is enough: the server draws a footprint
 * around it for the map. Which estate and jurisdiction a building belongs to is set when it is
 * registered.
 */
export function BuildingFormModal({ building, estate, onClose }: { building?: Building; estate?: Estate; onClose: () => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const codes = useCodeNames();
  const [form] = Form.useForm<Values>();
  const create = useCreateBuilding();
  const update = useUpdateBuilding();
  const pickEstate = !building && !estate;
  const estates = useEstateList({ limit: 200 });

  const fail = (err: unknown) => {
    if (!showFieldErrors(form, err, lang)) notify.error(err, { versioned: Boolean(building) });
  };

  const submit = (v: Values) => {
    const position = typeof v.lon === 'number' && typeof v.lat === 'number' ? { lon: v.lon, lat: v.lat } : {};
    if (!building) {
      const estateId = estate?.id ?? v.estateId;
      create.mutate(
        {
          name: v.name.trim(),
          floors: v.floors,
          unitCount: v.unitCount,
          use: v.use,
          ...(estateId ? { estateId } : {}),
          ...(v.jurisdictionId ? { jurisdictionId: v.jurisdictionId.value } : {}),
          ...(v.builtYear ? { builtYear: v.builtYear } : {}),
          ...position,
        },
        { onSuccess: () => (notify.success('housing.building.created'), onClose()), onError: fail },
      );
      return;
    }
    const changes = changedFields(
      {
        name: building.name,
        floors: building.floors,
        unitCount: building.unitCount,
        use: building.use as BuildingUse,
        builtYear: building.builtYear ?? undefined,
        lon: building.lon ?? undefined,
        lat: building.lat ?? undefined,
      },
      {
        name: v.name.trim(),
        floors: v.floors,
        unitCount: v.unitCount,
        use: v.use,
        builtYear: v.builtYear ?? undefined,
        lon: v.lon ?? undefined,
        lat: v.lat ?? undefined,
      },
    );
    // A moved position is sent as a pair: the server redraws the footprint around it.
    const moved = 'lon' in changes || 'lat' in changes ? position : {};
    update.mutate(
      { id: building.id, body: { ...changes, ...moved, version: building.version } },
      { onSuccess: () => (notify.success('common.saved'), onClose()), onError: fail },
    );
  };

  const near = estate && estate.lon !== null && estate.lat !== null ? ([estate.lon, estate.lat] as [number, number]) : undefined;

  return (
    <Modal
      open
      width={720}
      title={building ? t('housing.building.editTitle', { name: building.name }) : t('housing.building.create')}
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
          building
            ? {
                name: building.name,
                floors: building.floors,
                unitCount: building.unitCount,
                use: building.use as BuildingUse,
                builtYear: building.builtYear,
                lon: building.lon,
                lat: building.lat,
              }
            : { floors: 6, unitCount: 1, use: 'residential' }
        }
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="name"
              label={t('housing.building.name')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('housing.building.name') }) }]}
            >
              <Input maxLength={40} placeholder={t('housing.building.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t('housing.building.estate')} name={pickEstate ? 'estateId' : undefined}>
              {pickEstate ? (
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={estates.isPending}
                  placeholder={t('housing.building.estateNone')}
                  options={(estates.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
                />
              ) : (
                <Input disabled value={building?.estateName ?? estate?.name ?? t('housing.building.estateNone')} />
              )}
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="floors" label={t('housing.building.floors')} rules={[{ required: true, message: t('common.required', { field: t('housing.building.floors') }) }]}>
              <InputNumber min={1} max={120} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="unitCount" label={t('housing.building.unitCount')} rules={[{ required: true, message: t('common.required', { field: t('housing.building.unitCount') }) }]}>
              <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="use" label={t('housing.building.use')} rules={[{ required: true }]}>
              <Select options={codes.options('buildingUses')} loading={codes.loading} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="builtYear" label={t('housing.building.builtYear')}>
              <InputNumber min={1900} max={2100} precision={0} style={{ width: '100%' }} placeholder="2008" />
            </Form.Item>
          </Col>
        </Row>
        <PositionFields near={near} />
        {building && <div style={{ marginTop: -8, marginBottom: 16, color: '#8c8c8c', fontSize: 12 }}>{t('housing.building.moveHint')}</div>}
        {!building && (
          <Form.Item name="jurisdictionId" label={t('rec.jurisdiction')} extra={t('housing.building.jurisdictionHint')}>
            <PlacePicker levels={PLACE_LEVELS} placeholder={t('housing.building.jurisdictionPlaceholder')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
