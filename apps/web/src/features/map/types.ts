import type { QueryOf, ResponseOf } from '../../api/types';

/** Where the map opens and which basemap to draw (none unless the city configured one). */
export type MapConfig = ResponseOf<'/api/map/config', 'get'>;
/** Buildings (extruded), areas (communities, grids) and things, as GeoJSON within one's jurisdiction. */
export type MapLayers = ResponseOf<'/api/map/layers', 'get'>;
export type MapQuery = QueryOf<'/api/map/layers', 'get'>;
/** What the buildings are coloured by: 常住人口 / 60岁以上老人 / 独居老人 / 空置率 / 层数. */
export type Measure = NonNullable<MapQuery['measure']>;
export type BuildingFeature = MapLayers['buildings']['features'][number];
export type BuildingProps = BuildingFeature['properties'];
export type AreaFeature = MapLayers['areas']['features'][number];
/** Every building of a large jurisdiction, packed by column (`GET /api/map/buildings`; see utils/compact). */
export type AllBuildings = ResponseOf<'/api/map/buildings', 'get'>;
export type AllBuildingsQuery = QueryOf<'/api/map/buildings', 'get'>;
