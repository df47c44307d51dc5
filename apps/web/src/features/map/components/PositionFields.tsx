import { Flex, Form, InputNumber, Skeleton, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';

// MapLibre is large; forms load it only when they show the picker.
const PickMap = lazy(() => import('./PickMap').then((m) => ({ default: m.PickMap })));

/**
 * 经度 / 纬度 inputs named `lon` and `lat` (the request body keys, so a 422 lands on them) with a
 * small map to pick the position by clicking. Must sit inside an antd <Form>.
 */
export function PositionFields({ required = false, near }: { required?: boolean; near?: [number, number] }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const lon = Form.useWatch<number | null | undefined>('lon', form);
  const lat = Form.useWatch<number | null | undefined>('lat', form);

  // Both or neither: the server places a building or a device only from a full position.
  const pairRule = (other: 'lon' | 'lat') => ({
    validator: (_: unknown, v: number | null | undefined) => {
      const o = form.getFieldValue(other) as number | null | undefined;
      if ((v === null || v === undefined) && o !== null && o !== undefined) return Promise.reject(new Error(t('map.position.both')));
      return Promise.resolve();
    },
  });
  const requiredRule = (field: string) => ({ required, message: t('common.required', { field }) });

  return (
    <Form.Item label={t('map.position')} required={required} extra={t('map.position.hint')} style={{ marginBottom: 16 }}>
      <Flex gap={12}>
        <Form.Item name="lon" style={{ flex: 1, marginBottom: 8 }} dependencies={['lat']} rules={[requiredRule(t('map.lon')), pairRule('lat')]}>
          <InputNumber min={73} max={136} step={0.0001} precision={6} placeholder={t('map.lon')} prefix={<Typography.Text type="secondary">{t('map.lonShort')}</Typography.Text>} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="lat" style={{ flex: 1, marginBottom: 8 }} dependencies={['lon']} rules={[requiredRule(t('map.lat')), pairRule('lon')]}>
          <InputNumber min={3} max={54} step={0.0001} precision={6} placeholder={t('map.lat')} prefix={<Typography.Text type="secondary">{t('map.latShort')}</Typography.Text>} style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 220 }} />}>
        <PickMap
          lon={lon}
          lat={lat}
          near={near}
          onPick={(x, y) => {
            form.setFieldsValue({ lon: x, lat: y });
            form.validateFields(['lon', 'lat']).catch(() => undefined);
          }}
        />
      </Suspense>
    </Form.Item>
  );
}
