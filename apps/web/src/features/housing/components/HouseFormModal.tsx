import { Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import { LookupSelect, type PickedRecord } from '../../records/components/LookupSelect';
import { useCodeNames } from '../../records/hooks/useCodeTables';
import { changedFields, optionalText } from '../../records/utils/patch';
import { useCreateHouse, useUpdateHouse } from '../hooks/useHousing';
import type { Building, House, HouseOwnership, HouseUse } from '../types';

interface Values {
  buildingId?: PickedRecord;
  unitNo: number;
  floor: number;
  number: string;
  area?: number | null;
  use: HouseUse;
  ownership: HouseOwnership;
  shopName?: string;
}

/** Uses that make a house a shop (商铺), which has an operator's trading name. */
const SHOP_USES: readonly string[] = ['commercial', 'mixed', 'office'];

/**
 * 新增房屋 in a building (given, or picked) or 编辑. The server refuses a floor above the
 * building's top, a unit beyond its count, and a door number already taken in the unit.
 */
export function HouseFormModal({
  house,
  building,
  preset,
  onClose,
}: {
  house?: House;
  building?: Pick<Building, 'id' | 'name' | 'estateName' | 'floors' | 'unitCount'>;
  /** Where a new house goes (a cell clicked on the 楼盘表). */
  preset?: { unitNo?: number; floor?: number };
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const codes = useCodeNames();
  const [form] = Form.useForm<Values>();
  const create = useCreateHouse();
  const update = useUpdateHouse();
  const use = Form.useWatch('use', form);

  const fail = (err: unknown) => {
    if (!showFieldErrors(form, err, lang)) notify.error(err, { versioned: Boolean(house) });
  };

  const submit = (v: Values) => {
    if (!house) {
      const buildingId = building?.id ?? v.buildingId?.value;
      if (!buildingId) return;
      create.mutate(
        {
          buildingId,
          unitNo: v.unitNo,
          floor: v.floor,
          number: v.number.trim(),
          use: v.use,
          ownership: v.ownership,
          ...(v.area ? { area: v.area } : {}),
          ...(optionalText(v.shopName) ? { shopName: optionalText(v.shopName) } : {}),
        },
        { onSuccess: () => (notify.success('housing.house.created'), onClose()), onError: fail },
      );
      return;
    }
    const changes = changedFields(
      {
        unitNo: house.unitNo,
        floor: house.floor,
        number: house.number,
        area: house.area ?? undefined,
        use: house.use as HouseUse,
        ownership: house.ownership as HouseOwnership,
        shopName: house.shopName ?? '',
      },
      {
        unitNo: v.unitNo,
        floor: v.floor,
        number: v.number.trim(),
        area: v.area ?? undefined,
        use: v.use,
        ownership: v.ownership,
        shopName: v.shopName?.trim() ?? '',
      },
    );
    update.mutate(
      { id: house.id, body: { ...changes, version: house.version } },
      { onSuccess: () => (notify.success('common.saved'), onClose()), onError: fail },
    );
  };

  const buildingName = house ? [house.estateName, house.buildingName].filter(Boolean).join(' ') : building ? [building.estateName, building.name].filter(Boolean).join(' ') : undefined;

  return (
    <Modal
      open
      width={640}
      title={house ? t('housing.house.editTitle', { name: house.label }) : t('housing.house.create')}
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
          house
            ? {
                unitNo: house.unitNo,
                floor: house.floor,
                number: house.number,
                area: house.area,
                use: house.use as HouseUse,
                ownership: house.ownership as HouseOwnership,
                shopName: house.shopName ?? '',
              }
            : { unitNo: preset?.unitNo ?? 1, floor: preset?.floor ?? 1, use: 'residential', ownership: 'commodity' }
        }
      >
        {buildingName ? (
          <Form.Item label={t('housing.house.building')}>
            <Input disabled value={buildingName} />
          </Form.Item>
        ) : (
          <Form.Item
            name="buildingId"
            label={t('housing.house.building')}
            rules={[{ required: true, message: t('common.selectRequired', { field: t('housing.house.building') }) }]}
          >
            <LookupSelect kind="building" placeholder={t('rec.lookup.building')} />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="unitNo"
              label={t('housing.house.unitNo')}
              extra={building ? t('housing.house.unitsOf', { n: building.unitCount }) : undefined}
              rules={[
                { required: true, message: t('common.required', { field: t('housing.house.unitNo') }) },
                // Said, not clamped: a silently corrected number would register the wrong house.
                ...(building ? [{ type: 'number' as const, max: building.unitCount, message: t('housing.house.unitTooHigh', { n: building.unitCount }) }] : []),
              ]}
            >
              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="floor"
              label={t('housing.house.floor')}
              extra={building ? t('housing.house.floorsOf', { n: building.floors }) : t('housing.house.floorHint')}
              rules={[
                { required: true, message: t('common.required', { field: t('housing.house.floor') }) },
                ...(building ? [{ type: 'number' as const, max: building.floors, message: t('housing.house.floorTooHigh', { n: building.floors }) }] : []),
                { validator: (_: unknown, v: number | null) => (v === 0 ? Promise.reject(new Error(t('housing.house.noFloorZero'))) : Promise.resolve()) },
              ]}
            >
              <InputNumber min={-5} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="number"
              label={t('housing.house.number')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('housing.house.number') }) }]}
            >
              <Input maxLength={20} placeholder="1201" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="area" label={t('housing.house.area')}>
              <InputNumber min={1} max={99999} step={0.01} style={{ width: '100%' }} suffix="m²" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="use" label={t('housing.house.use')} rules={[{ required: true }]}>
              <Select options={codes.options('houseUses')} loading={codes.loading} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="ownership" label={t('housing.house.ownership')} rules={[{ required: true }]}>
              <Select options={codes.options('houseOwnerships')} loading={codes.loading} />
            </Form.Item>
          </Col>
        </Row>
        {(SHOP_USES.includes(use ?? '') || house?.shopName) && (
          <Form.Item name="shopName" label={t('housing.house.shopName')} extra={t('housing.house.shopNameHint')}>
            <Input maxLength={80} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
