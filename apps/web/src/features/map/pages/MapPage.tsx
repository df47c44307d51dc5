import '../map.css';
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Empty, Flex, Select, Spin, Statistic, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { PageHeader } from '../../../shared/components/PageHeader';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { LevelTag } from '../../jurisdiction/components/LevelTag';
import { PlacePicker } from '../../records/components/PlacePicker';
import { useCodeNames } from '../../records/hooks/useCodeTables';
import { isThingStatus } from '../../records/utils/thing';
import { BuildingPanel } from '../components/BuildingPanel';
import { MapLegend } from '../components/MapLegend';
import { RegistryMap, type MapTexts } from '../components/RegistryMap';
import { useAllBuildings, useMapConfig, useMapLayers } from '../hooks/useMapData';
import type { BuildingProps, MapLayers, Measure } from '../types';
import { viewportBbox } from '../utils/bbox';
import { expandBuildings } from '../utils/compact';
import { boundsOf, MEASURES, scaleMax } from '../utils/mapStyle';

/**
 * Up to LARGE buildings load with the other layers, as one GeoJSON, and the map frames them. A
 * larger jurisdiction (a street, a district, the city's 40 k) loads all its buildings at once in
 * the column-packed form (GET /api/map/buildings) and frames its areas. Beyond ALL_AT_ONCE it is
 * drawn by viewport: areas when zoomed out, the buildings of the view once zoomed in to MIN_ZOOM.
 */
const LARGE = 3000;
const ALL_AT_ONCE = 60_000;
const MIN_ZOOM = 15;
/** How long the map must rest before the buildings of the new view are asked for. */
const VIEW_DEBOUNCE_MS = 300;
const NO_BUILDINGS: MapLayers['buildings'] = { type: 'FeatureCollection', features: [] };

type Level = 'city' | 'district' | 'street' | 'community' | 'grid';
const isLevel = (l: string): l is Level => ['city', 'district', 'street', 'community', 'grid'].includes(l);

/** 地图: the 2.5D map of one's jurisdiction — buildings by a measure, areas, facilities. */
export function MapPage() {
  const { t } = useI18n();
  const codes = useCodeNames();
  const config = useMapConfig();
  const [measure, setMeasure] = useState<Measure>('residents');
  const [place, setPlace] = useState<JurisdictionOption>();
  const [showAreas, setShowAreas] = useState(true);
  const [showThings, setShowThings] = useState(true);
  const [selected, setSelected] = useState<BuildingProps | null>(null);
  const [focus, setFocus] = useState<{ bounds: [number, number, number, number] }>();
  const scope = place ? { jurisdictionId: place.value } : {};
  // Everything when the jurisdiction is small; areas, things and the building count when it is not.
  const layers = useMapLayers({ measure, limit: LARGE, ...scope });
  const large = !!layers.data?.truncated;
  const allAtOnce = large && layers.data!.buildingTotal <= ALL_AT_ONCE;
  const all = useAllBuildings({ measure, limit: ALL_AT_ONCE, ...scope }, allAtOnce);
  const allBuildings = useMemo(() => (all.data && !all.data.truncated ? expandBuildings(all.data.buildings) : undefined), [all.data]);
  const byViewport = large && !allAtOnce;

  // The view, reported by the map after each move and taken once it rests (debounced).
  const [view, setView] = useState<{ bounds: [number, number, number, number]; zoom: number }>();
  const viewTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const onView = useCallback((v: { bounds: [number, number, number, number]; zoom: number }) => {
    clearTimeout(viewTimer.current);
    viewTimer.current = setTimeout(() => setView(v), VIEW_DEBOUNCE_MS);
  }, []);
  useEffect(() => () => clearTimeout(viewTimer.current), []);
  const bbox = byViewport && view && view.zoom >= MIN_ZOOM ? viewportBbox(view.bounds) : undefined;
  // A new view's request replaces the last one; React Query aborts the one no longer wanted.
  const inView = useMapLayers({ measure, limit: LARGE, layers: 'buildings', bbox, ...scope }, byViewport && !!bbox);
  const viewData = byViewport && bbox ? inView.data : undefined;

  const data = useMemo<MapLayers | undefined>(() => {
    if (!layers.data?.truncated) return layers.data;
    if (allAtOnce) return { ...layers.data, buildings: allBuildings ?? NO_BUILDINGS, max: all.data?.max ?? 1, measure: all.data?.measure ?? layers.data.measure };
    return { ...layers.data, buildings: viewData?.buildings ?? NO_BUILDINGS, max: viewData?.max ?? 1, measure: viewData?.measure ?? layers.data.measure };
  }, [layers.data, viewData, allAtOnce, allBuildings, all.data]);
  const fetching = layers.isFetching || (allAtOnce && all.isFetching) || (byViewport && inView.isFetching);
  // While another measure loads, the previous layers stay on screen: legend and colours follow them.
  const shown: Measure = (MEASURES as readonly string[]).includes(data?.measure ?? '') ? (data!.measure as Measure) : measure;

  const texts = useMemo<MapTexts>(
    () => ({
      thingKind: (c) => codes.name('thingKinds', c),
      thingStatus: (c) => (isThingStatus(c) ? t(`rec.thing.status.${c}`) : c),
      floors: (n) => t('map.floorsN', { n }),
    }),
    [codes, t],
  );
  const onSelect = useCallback((b: BuildingProps | null) => setSelected(b), []);

  // The selected building's numbers follow the measure (its `value` changes with it).
  const selectedNow = selected ? (data?.buildings.features.find((f) => f.properties.id === selected.id)?.properties ?? selected) : null;
  const residents = data?.buildings.features.reduce((s, f) => s + f.properties.residentCount, 0) ?? 0;
  const zoomHint = !byViewport || !data
    ? undefined
    : !bbox
      ? t('map.zoomIn', { n: data.buildingTotal })
      : viewData?.truncated
        ? t('map.zoomInMore', { n: viewData.buildingTotal })
        : undefined;
  const presentKinds = [...new Set(data?.things.features.map((f) => f.properties.kind) ?? [])].map((code) => ({ code, name: codes.name('thingKinds', code) }));
  // by code: a grid's code is its community's and three digits, so each community lists its grids under it
  const areas = [...(data?.areas.features ?? [])].sort((a, b) => a.properties.code.localeCompare(b.properties.code));

  return (
    <>
      <PageHeader
        title={t('map.title')}
        subtitle={t('map.subtitle')}
        extra={
          <Flex gap={8} align="center" wrap>
            <Select<Measure>
              value={measure}
              onChange={setMeasure}
              style={{ width: 160 }}
              aria-label={t('map.measure')}
              options={MEASURES.map((m) => ({ value: m, label: t(`map.measure.${m}`) }))}
            />
            <PlacePicker
              value={place}
              onChange={(p) => {
                setPlace(p);
                setSelected(null);
              }}
              placeholder={t('map.allJurisdiction')}
              style={{ width: 220 }}
            />
            <Checkbox checked={showAreas} onChange={(e) => setShowAreas(e.target.checked)}>
              {t('map.layer.areas')}
            </Checkbox>
            <Checkbox checked={showThings} onChange={(e) => setShowThings(e.target.checked)}>
              {t('map.layer.things')}
            </Checkbox>
            <Tooltip title={t('common.refresh')}>
              <Button
                icon={<ReloadOutlined />}
                onClick={() => {
                  void layers.refetch();
                  if (allAtOnce) void all.refetch();
                  if (byViewport && bbox) void inView.refetch();
                }}
                loading={fetching}
              />
            </Tooltip>
          </Flex>
        }
      />
      {config.isError ? (
        <Card>
          <ErrorState error={config.error} onRetry={() => void config.refetch()} />
        </Card>
      ) : (
        <Flex gap={16} align="flex-start">
          <div className="registry-map-frame" style={{ flex: 1, minWidth: 0 }}>
            {config.data && (
              <RegistryMap
                config={config.data}
                layers={data}
                colorMax={scaleMax(shown, data?.max ?? 1)}
                selectedId={selectedNow?.id}
                onSelect={onSelect}
                fitKey={layers.isPlaceholderData || !data ? undefined : (place?.value ?? 'all')}
                focus={focus}
                showAreas={showAreas}
                showThings={showThings}
                texts={texts}
                fitAreas={large}
                areasMaxZoom={large ? MIN_ZOOM : undefined}
                onView={onView}
              />
            )}
            {data && data.buildings.features.length > 0 && (
              <MapLegend measure={shown} max={scaleMax(shown, data.max)} thingKinds={showThings ? presentKinds : undefined} />
            )}
            {(layers.isPending || fetching) && (
              <Spin style={{ position: 'absolute', top: 16, left: 16, zIndex: 2 }} />
            )}
            {(layers.isError || (allAtOnce && all.isError) || (byViewport && inView.isError)) && (
              <div style={{ position: 'absolute', inset: 0, zIndex: 3, background: 'rgba(255,255,255,0.9)' }}>
                <ErrorState
                  error={layers.error ?? all.error ?? inView.error}
                  onRetry={() => void (layers.isError ? layers.refetch() : all.isError ? all.refetch() : inView.refetch())}
                />
              </div>
            )}
            {zoomHint && (
              <Flex justify="center" style={{ position: 'absolute', top: 16, left: 56, right: 56, zIndex: 2, pointerEvents: 'none' }}>
                <Card size="small" className="map-zoom-hint">
                  <Typography.Text>{zoomHint}</Typography.Text>
                </Card>
              </Flex>
            )}
            {data && !large && data.buildings.features.length === 0 && (
              <Flex justify="center" style={{ position: 'absolute', top: 80, left: 0, right: 0, zIndex: 2, pointerEvents: 'none' }}>
                <Card size="small" style={{ pointerEvents: 'auto' }}>
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('map.empty')} />
                </Card>
              </Flex>
            )}
          </div>
          <Flex vertical gap={12} className="map-side">
            {selectedNow && <BuildingPanel building={selectedNow} measure={shown} onClose={() => setSelected(null)} />}
            <Card size="small">
              <Flex justify="space-between">
                <Statistic title={t('map.stat.buildings')} value={large ? (data?.buildingTotal ?? 0) : (data?.buildings.features.length ?? 0)} />
                {/* drawn by viewport, only the buildings in view are loaded: no total to give */}
                <Statistic title={t('map.stat.residents')} value={byViewport ? '—' : residents} />
                <Statistic title={t('map.stat.things')} value={data?.things.features.length ?? 0} />
              </Flex>
            </Card>
            <Card size="small" title={t('map.areas')}>
              {areas.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('map.areas.empty')} />
              ) : (
                <Flex vertical>
                  {areas.map((a) => (
                    <button
                      key={a.id}
                      type="button"
                      className="map-area-item"
                      style={{ paddingInlineStart: a.properties.level === 'grid' ? 20 : 8 }}
                      onClick={() => {
                        const b = boundsOf([a.geometry.coordinates[0] ?? []]);
                        if (b) setFocus({ bounds: b });
                      }}
                    >
                      <Flex gap={6} align="center" style={{ minWidth: 0 }}>
                        <Typography.Text ellipsis>{a.properties.name}</Typography.Text>
                        {isLevel(a.properties.level) && <LevelTag level={a.properties.level} />}
                      </Flex>
                      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                        {t('map.areas.buildings', { n: a.properties.buildings })}
                      </Typography.Text>
                    </button>
                  ))}
                </Flex>
              )}
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
                {t('map.hint')}
              </Typography.Paragraph>
            </Card>
          </Flex>
        </Flex>
      )}
    </>
  );
}
