import '../../map/map.css';
import { useMemo } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { RegistryMap, type MapTexts } from '../../map/components/RegistryMap';
import { useMapConfig, useMapLayers } from '../../map/hooks/useMapData';
import { scaleMax } from '../../map/utils/mapStyle';

/** Buildings of a large jurisdiction load by viewport on the map page; the cockpit shows at most these. */
const LIMIT = 3000;
const noop = () => undefined;

/**
 * The map module's offline MapLibre map (communities and grids, extruded buildings coloured by
 * residents 60+), framed on the cockpit's node. No basemap tiles are needed.
 */
export function CockpitMap({ nodeId, height }: { nodeId: string; height: number }) {
  const { t } = useI18n();
  const config = useMapConfig();
  const layers = useMapLayers({ measure: 'elderly', limit: LIMIT, jurisdictionId: nodeId });
  const texts = useMemo<MapTexts>(() => ({ thingKind: (c) => c, thingStatus: (c) => c, floors: (n) => t('map.floorsN', { n }) }), [t]);
  const data = layers.data;
  return (
    <div style={{ height, position: 'relative' }} className="cockpit-map" data-testid="cockpit-map">
      {config.data && (
        <RegistryMap
          config={config.data} layers={data} colorMax={scaleMax('elderly', data?.max ?? 1)} selectedId={undefined} onSelect={noop}
          fitKey={layers.isPlaceholderData || !data ? undefined : nodeId} showAreas showThings={false} texts={texts}
          fitAreas={!!data?.truncated} dark
        />
      )}
    </div>
  );
}
