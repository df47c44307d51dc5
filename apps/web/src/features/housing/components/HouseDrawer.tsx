import { EditOutlined, TableOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Flex, Skeleton, Tabs, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { ChangeHistory } from '../../records/components/ChangeHistory';
import { LinkedPeople } from '../../records/components/LinkedPeople';
import { useCodeNames } from '../../records/hooks/useCodeTables';
import { useHouse } from '../hooks/useHousing';
import type { House } from '../types';
import { HOUSE_FIELDS } from '../utils/fields';
import { floorLabel } from '../utils/floorPlan';

/**
 * 房屋详情: the house, who lives there now (each opening their 360° page), and its change history.
 * Opened from the 楼盘表 and from the house list.
 */
export function HouseDrawer({
  id,
  canWrite,
  onEdit,
  onClose,
  showFloorPlanLink = false,
}: {
  id: string;
  canWrite: boolean;
  onEdit: (house: House) => void;
  onClose: () => void;
  showFloorPlanLink?: boolean;
}) {
  const { t } = useI18n();
  const codes = useCodeNames();
  const house = useHouse(id);
  const h = house.data;

  return (
    <Drawer
      open
      size={600}
      onClose={onClose}
      title={h?.label ?? t('housing.house.detail')}
      extra={
        h && (
          <Flex gap={8}>
            {showFloorPlanLink && (
              <Link to={`/registry/buildings/${h.buildingId}`}>
                <Button icon={<TableOutlined />}>{t('housing.floorPlan.open')}</Button>
              </Link>
            )}
            {canWrite && (
              <Button icon={<EditOutlined />} onClick={() => onEdit(h)}>
                {t('rec.edit')}
              </Button>
            )}
          </Flex>
        )
      }
    >
      {house.isError ? (
        <ErrorState error={house.error} onRetry={() => void house.refetch()} />
      ) : !h ? (
        <Skeleton active />
      ) : (
        <Tabs
          items={[
            {
              key: 'basic',
              label: t('housing.house.tabBasic'),
              children: (
                <>
                  <Descriptions column={2} bordered size="small">
                    <Descriptions.Item label={t('housing.house.building')} span={2}>
                      {[h.estateName, h.buildingName].filter(Boolean).join(' ')}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('housing.house.unitNo')}>{t('housing.unitN', { n: h.unitNo })}</Descriptions.Item>
                    <Descriptions.Item label={t('housing.house.floor')}>{floorLabel(h.floor)}</Descriptions.Item>
                    <Descriptions.Item label={t('housing.house.number')}>{h.number}</Descriptions.Item>
                    <Descriptions.Item label={t('housing.house.area')}>{h.area === null ? '—' : `${h.area} m²`}</Descriptions.Item>
                    <Descriptions.Item label={t('housing.house.use')}>{codes.name('houseUses', h.use)}</Descriptions.Item>
                    <Descriptions.Item label={t('housing.house.ownership')}>{codes.name('houseOwnerships', h.ownership)}</Descriptions.Item>
                    {h.shopName && (
                      <Descriptions.Item label={t('housing.house.shopName')} span={2}>
                        {h.shopName}
                      </Descriptions.Item>
                    )}
                    <Descriptions.Item label={t('housing.house.residentCount')}>{h.residentCount}</Descriptions.Item>
                    <Descriptions.Item label={t('rec.version')}>{h.version}</Descriptions.Item>
                  </Descriptions>
                  <Typography.Title level={5} style={{ marginTop: 20 }}>
                    {t('housing.house.residents')}
                  </Typography.Title>
                  <LinkedPeople kind="house" id={h.id} emptyText={t('housing.house.noResidents')} />
                </>
              ),
            },
            {
              key: 'history',
              label: t('rec.tab.history'),
              children: (
                <ChangeHistory
                  resource="houses"
                  id={h.id}
                  labels={HOUSE_FIELDS}
                  names={{ use: (c) => codes.name('houseUses', c), ownership: (c) => codes.name('houseOwnerships', c) }}
                />
              ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
