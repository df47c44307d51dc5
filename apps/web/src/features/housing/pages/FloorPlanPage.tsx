import '../housing.css';
import { ArrowLeftOutlined, EditOutlined, PlusOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Select, Skeleton, Space, Statistic, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PERM, can } from '../../../app/permissions';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { formatDateTime } from '../../../shared/utils/format';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { useCodeNames } from '../../records/hooks/useCodeTables';
import { BuildingFormModal } from '../components/BuildingFormModal';
import { FloorPlanGrid, TAG_COLOR, type ColourBy } from '../components/FloorPlanGrid';
import { HouseDrawer } from '../components/HouseDrawer';
import { HouseFormModal } from '../components/HouseFormModal';
import { useFloorPlan } from '../hooks/useHousing';
import type { House } from '../types';
import { floorGrid, OCCUPANCIES, OCCUPANCY_COLOR, occupancyCounts, tagCounts } from '../utils/floorPlan';

type Dialog = { kind: 'addHouse' } | { kind: 'editHouse'; house: House } | { kind: 'editBuilding' } | null;

/** 楼盘表: one building as floors × units, each house coloured by occupancy or by a person tag; printable. */
export function FloorPlanPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useI18n();
  const me = useCurrentUser();
  const canWrite = can(me, PERM.registryWrite);
  const codes = useCodeNames();
  const plan = useFloorPlan(id);
  const [mode, setMode] = useState('occupancy');
  const [openHouse, setOpenHouse] = useState<string>();
  const [dialog, setDialog] = useState<Dialog>(null);

  const grid = useMemo(() => (plan.data ? floorGrid(plan.data) : null), [plan.data]);
  const tagOptions = codes.options('personTags');
  const colourBy: ColourBy =
    mode === 'occupancy' ? { kind: 'occupancy' } : { kind: 'tag', tag: mode, tagName: codes.name('personTags', mode) };

  if (plan.isError) return <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />;
  if (!plan.data || !grid) return <Skeleton active />;
  const { building } = plan.data;
  const houseCount = plan.data.floors.reduce((n, f) => n + f.houses.length, 0);
  const counts = occupancyCounts(plan.data);
  const tagged = colourBy.kind === 'tag' ? tagCounts(plan.data, colourBy.tag) : null;
  const title = [building.estateName, building.name].filter(Boolean).join(' ');

  return (
    <div className="floor-plan-page">
      <div className="no-print" style={{ marginBottom: 8 }}>
        <Link to="/registry/housing">
          <ArrowLeftOutlined /> {t('housing.floorPlan.back')}
        </Link>
      </div>
      <div className="no-print">
        <PageHeader
          title={t('housing.floorPlan.title', { name: title })}
          subtitle={t('housing.floorPlan.subtitle', {
            jurisdiction: building.jurisdictionName ?? '—',
            use: codes.name('buildingUses', building.use),
            year: building.builtYear ?? '—',
          })}
          extra={
            <>
              <Tooltip title={t('common.refresh')}>
                <Button icon={<ReloadOutlined />} onClick={() => void plan.refetch()} loading={plan.isFetching} />
              </Tooltip>
              {canWrite && (
                <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'editBuilding' })}>
                  {t('housing.building.edit')}
                </Button>
              )}
              {canWrite && (
                <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'addHouse' })}>
                  {t('housing.house.create')}
                </Button>
              )}
              <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
                {t('housing.floorPlan.print')}
              </Button>
            </>
          }
        />
      </div>
      <div className="fp-print-title">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('housing.floorPlan.title', { name: title })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {building.jurisdictionName} · {t('housing.floorPlan.printedAt', { time: formatDateTime(new Date().toISOString()) })}
        </Typography.Text>
      </div>
      <Card style={{ marginBottom: 16 }} size="small">
        <Flex justify="space-between" align="center" wrap gap={16}>
          <Space size={32} wrap>
            <Statistic title={t('housing.building.floors')} value={building.floors} />
            <Statistic title={t('housing.building.unitCount')} value={building.unitCount} />
            <Statistic title={t('housing.building.houseCount')} value={houseCount} />
            <Statistic title={t('housing.building.residentCount')} value={building.residentCount} />
          </Space>
          <Flex align="center" gap={8} className="no-print">
            <Typography.Text type="secondary">{t('housing.floorPlan.colourBy')}</Typography.Text>
            <Select
              value={mode}
              onChange={setMode}
              style={{ width: 200 }}
              options={[
                { value: 'occupancy', label: t('housing.floorPlan.byOccupancy') },
                { label: t('housing.floorPlan.byTag'), options: tagOptions },
              ]}
            />
          </Flex>
        </Flex>
      </Card>
      <Card>
        <Flex gap={20} wrap style={{ marginBottom: 16 }} aria-label={t('housing.floorPlan.legend')}>
          {colourBy.kind === 'occupancy' ? (
            OCCUPANCIES.map((o) => (
              <span key={o}>
                <span className="fp-legend-swatch" style={{ background: `${OCCUPANCY_COLOR[o]}22`, border: `1px solid ${OCCUPANCY_COLOR[o]}` }} />
                {t(`housing.occupancy.${o}`)}
                <Typography.Text type="secondary"> {counts[o]}</Typography.Text>
              </span>
            ))
          ) : (
            <>
              <span>
                <span className="fp-legend-swatch" style={{ background: `${TAG_COLOR}22`, border: `1px solid ${TAG_COLOR}` }} />
                {t('housing.floorPlan.tagHouses', { name: colourBy.tagName, houses: tagged?.houses ?? 0, people: tagged?.people ?? 0 })}
              </span>
              <span>
                <span className="fp-legend-swatch" style={{ background: '#fafafa', border: '1px solid #f0f0f0' }} />
                {t('housing.floorPlan.tagNone')}
              </span>
            </>
          )}
        </Flex>
        {houseCount === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('housing.floorPlan.empty')}>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'addHouse' })}>
                {t('housing.house.create')}
              </Button>
            )}
          </Empty>
        ) : (
          <FloorPlanGrid grid={grid} colourBy={colourBy} onOpen={(h) => setOpenHouse(h.id)} />
        )}
      </Card>
      {openHouse && (
        <HouseDrawer id={openHouse} canWrite={canWrite} onEdit={(house) => setDialog({ kind: 'editHouse', house })} onClose={() => setOpenHouse(undefined)} />
      )}
      {dialog?.kind === 'addHouse' && <HouseFormModal building={building} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'editHouse' && <HouseFormModal house={dialog.house} building={building} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'editBuilding' && <BuildingFormModal building={building} onClose={() => setDialog(null)} />}
    </div>
  );
}
