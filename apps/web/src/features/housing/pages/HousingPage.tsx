import '../housing.css';
import { EditOutlined, EnvironmentOutlined, HistoryOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, Row, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PERM, can } from '../../../app/permissions';
import { useI18n } from '../../../i18n/I18nProvider';
import { ExportButton } from '../../exports/components/ExportButton';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { useCodeNames } from '../../records/hooks/useCodeTables';
import { BuildingFormModal } from '../components/BuildingFormModal';
import { BuildingTable } from '../components/BuildingTable';
import { EstateFormModal } from '../components/EstateFormModal';
import { EstateList } from '../components/EstateList';
import { HistoryDrawer } from '../components/HistoryDrawer';
import { HouseDrawer } from '../components/HouseDrawer';
import { HouseFormModal } from '../components/HouseFormModal';
import { HouseTable } from '../components/HouseTable';
import { useEstate } from '../hooks/useHousing';
import type { Building, Estate, House } from '../types';
import { BUILDING_FIELDS, ESTATE_FIELDS } from '../utils/fields';

type Dialog =
  | { kind: 'createEstate' }
  | { kind: 'editEstate'; estate: Estate }
  | { kind: 'createBuilding' }
  | { kind: 'editBuilding'; building: Building }
  | { kind: 'createHouse'; building?: Building }
  | { kind: 'editHouse'; house: House }
  | { kind: 'estateHistory'; estate: Estate }
  | { kind: 'buildingHistory'; building: Building }
  | null;

/**
 * 房屋管理: 小区 on the left; the chosen estate's 楼栋 and 房屋 on the right, each with its form,
 * its change history, and the way into a building's 楼盘表.
 */
export function HousingPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const canWrite = can(me, PERM.registryWrite);
  const codes = useCodeNames();
  const [estateId, setEstateId] = useState<string>();
  const estate = useEstate(estateId);
  const e = estateId ? estate.data : undefined;
  const [tab, setTab] = useState<'buildings' | 'houses'>('buildings');
  const [buildingId, setBuildingId] = useState<string>();
  const [openHouse, setOpenHouse] = useState<string>();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  const selectEstate = (next: Estate | undefined) => {
    setEstateId(next?.id);
    setBuildingId(undefined);
  };

  return (
    <>
      <PageHeader
        title={t('housing.title')}
        subtitle={t('housing.subtitle')}
        extra={
          <>
            <ExportButton
              resource={tab}
              filters={() => ({ ...(estateId ? { estateId } : {}), ...(tab === 'houses' && buildingId ? { buildingId } : {}) })}
            />
            <Link to="/registry/map">
              <Button icon={<EnvironmentOutlined />}>{t('housing.openMap')}</Button>
            </Link>
          </>
        }
      />
      <Row gutter={16} wrap={false}>
        <Col flex="320px">
          <EstateList selectedId={estateId} onSelect={selectEstate} canWrite={canWrite} onCreate={() => setDialog({ kind: 'createEstate' })} />
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Card
            title={e ? e.name : t('housing.allBuildings')}
            extra={
              e && (
                <Flex gap={8}>
                  <Button size="small" icon={<HistoryOutlined />} onClick={() => setDialog({ kind: 'estateHistory', estate: e })}>
                    {t('rec.tab.history')}
                  </Button>
                  {canWrite && (
                    <Button size="small" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'editEstate', estate: e })}>
                      {t('housing.estate.edit')}
                    </Button>
                  )}
                </Flex>
              )
            }
          >
            {e ? (
              <Descriptions size="small" column={3} style={{ marginBottom: 8 }}>
                <Descriptions.Item label={t('housing.estate.address')}>{e.address || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('housing.estate.propertyCompany')}>{e.propertyCompany || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('rec.jurisdiction')}>{e.jurisdictionName ?? '—'}</Descriptions.Item>
              </Descriptions>
            ) : (
              <Typography.Paragraph type="secondary">{t('housing.allBuildingsDesc')}</Typography.Paragraph>
            )}
            <Tabs
              activeKey={tab}
              onChange={(k) => setTab(k as 'buildings' | 'houses')}
              items={[
                {
                  key: 'buildings',
                  label: e ? t('housing.buildingsN', { n: e.buildingCount }) : t('housing.buildings'),
                  children: (
                    <BuildingTable
                      key={estateId ?? 'all'}
                      estateId={estateId}
                      canWrite={canWrite}
                      onCreate={() => setDialog({ kind: 'createBuilding' })}
                      onEdit={(building) => setDialog({ kind: 'editBuilding', building })}
                      onHistory={(building) => setDialog({ kind: 'buildingHistory', building })}
                      onHouses={(b) => {
                        setBuildingId(b.id);
                        setTab('houses');
                      }}
                    />
                  ),
                },
                {
                  key: 'houses',
                  label: e ? t('housing.housesN', { n: e.houseCount }) : t('housing.houses'),
                  children: (
                    <HouseTable
                      key={`${estateId ?? 'all'}:${buildingId ?? ''}`}
                      estateId={estateId}
                      buildingId={buildingId}
                      onBuildingChange={setBuildingId}
                      canWrite={canWrite}
                      onCreate={(building) => setDialog({ kind: 'createHouse', building })}
                      onOpen={(h) => setOpenHouse(h.id)}
                      onEdit={(house) => setDialog({ kind: 'editHouse', house })}
                    />
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>

      {openHouse && (
        <HouseDrawer
          id={openHouse}
          canWrite={canWrite}
          showFloorPlanLink
          onEdit={(house) => setDialog({ kind: 'editHouse', house })}
          onClose={() => setOpenHouse(undefined)}
        />
      )}
      {dialog?.kind === 'createEstate' && <EstateFormModal onClose={close} onCreated={(created) => selectEstate(created)} />}
      {dialog?.kind === 'editEstate' && <EstateFormModal estate={dialog.estate} onClose={close} />}
      {dialog?.kind === 'createBuilding' && <BuildingFormModal estate={e} onClose={close} />}
      {dialog?.kind === 'editBuilding' && <BuildingFormModal building={dialog.building} onClose={close} />}
      {dialog?.kind === 'createHouse' && <HouseFormModal building={dialog.building} onClose={close} />}
      {dialog?.kind === 'editHouse' && <HouseFormModal house={dialog.house} onClose={close} />}
      {dialog?.kind === 'estateHistory' && (
        <HistoryDrawer resource="estates" id={dialog.estate.id} name={dialog.estate.name} labels={ESTATE_FIELDS} onClose={close} />
      )}
      {dialog?.kind === 'buildingHistory' && (
        <HistoryDrawer
          resource="buildings"
          id={dialog.building.id}
          name={[dialog.building.estateName, dialog.building.name].filter(Boolean).join(' ')}
          labels={BUILDING_FIELDS}
          names={{ use: (c) => codes.name('buildingUses', c) }}
          onClose={close}
        />
      )}
    </>
  );
}
