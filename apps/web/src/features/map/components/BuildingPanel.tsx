import { CloseOutlined, TableOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import type { BuildingProps, Measure } from '../types';

/** The building picked on the map: what it holds, and the way into its 楼盘表. */
export function BuildingPanel({ building, measure, onClose }: { building: BuildingProps; measure: Measure; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Card
      size="small"
      title={[building.estateName, building.name].filter(Boolean).join(' ')}
      extra={<Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('map.panel.close')} onClick={onClose} />}
    >
      <Descriptions column={1} size="small" styles={{ label: { width: 110 } }}>
        <Descriptions.Item label={t('map.panel.floors')}>{building.floors}</Descriptions.Item>
        <Descriptions.Item label={t('map.panel.houses')}>{building.houseCount}</Descriptions.Item>
        <Descriptions.Item label={t('map.panel.residents')}>{building.residentCount}</Descriptions.Item>
        {/* The measure's own row, unless it repeats one above. */}
        {measure !== 'residents' && measure !== 'floors' && (
          <Descriptions.Item label={t(`map.measure.${measure}`)}>
            {building.value}
            {measure === 'vacancy' ? '%' : ''}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Button type="primary" block icon={<TableOutlined />} style={{ marginTop: 12 }} onClick={() => navigate(`/registry/buildings/${building.id}`)}>
        {t('map.panel.floorPlan')}
      </Button>
    </Card>
  );
}
