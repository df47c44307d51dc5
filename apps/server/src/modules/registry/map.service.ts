import type { Config } from '../../config/env.js';
import type { Database, Queryable } from '../../db/database.js';
import { systemScope, withScope } from '../../db/scope.js';
import type { Actor } from '../../shared/actor.js';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service.js';
import { compactBuildings, FLOOR_HEIGHT_M } from './map.compact.js';
import { filterPath } from './placement.js';
import * as repo from './map.repository.js';

export type Measure = 'residents' | 'elderly' | 'elderly_alone' | 'vacancy' | 'floors';
const PAD = 0.0004; // ≈ 40 m around an area's building centres: takes in their footprints

/** The value a building is coloured by. */
function measureOf(r: repo.BuildingFeatureRow, m: Measure): number {
  switch (m) {
    case 'residents': return r.resident_count;
    case 'elderly': return r.elderly_count;
    case 'elderly_alone': return r.alone_count;
    case 'vacancy': return r.house_count ? Math.round((100 * r.vacant_count) / r.house_count) : 0;
    case 'floors': return r.floors;
  }
}

export type MapService = ReturnType<typeof createMapService>;

/** 2.5D map data: buildings extruded by floors and coloured by a measure, areas, and things. */
export function createMapService(deps: { db: Database; jurisdiction: JurisdictionService; config: Config }) {
  const { db, jurisdiction, config } = deps;
  /** The path under which to look: the user's whole scope, or one node of it (404 outside). */
  const underPathOf = async (tx: Queryable, jurisdictionId: string | undefined) => (await filterPath(tx, jurisdiction, jurisdictionId)) ?? null;
  return {
    /** Where to open the map, and the basemap when one is configured (none by default: works offline). */
    config: () => ({ center: [105.5927, 30.5327] as [number, number], zoom: 14, tileUrl: config.map.tileUrl ?? null, tileAttribution: config.map.tileAttribution ?? null }),

    /**
     * The layers asked for. Buildings come all or none: when more than `limit` match (a city's
     * 40 k), none are aggregated and `truncated` says so, with `buildingTotal`, so the page can
     * show areas and ask again for the buildings of its viewport.
     */
    layers: (actor: Actor, q: { jurisdictionId?: string; measure: Measure; bbox?: [number, number, number, number]; limit: number; layers?: ('buildings' | 'areas' | 'things')[] }) =>
      withScope(db, actor.scope, async (tx) => {
        const underPath = await underPathOf(tx, q.jurisdictionId);
        const want = new Set(q.layers ?? ['buildings', 'areas', 'things']);
        const bbox = q.bbox ?? null;
        const buildingTotal = want.has('buildings') ? await repo.buildingCount(tx, underPath, bbox) : 0;
        const truncated = buildingTotal > q.limit;
        const buildings = want.has('buildings') && !truncated && buildingTotal > 0 ? await repo.buildingFeatures(tx, underPath, bbox, q.limit) : [];
        const areas = want.has('areas') ? await repo.areaExtents(tx, underPath) : [];
        const things = want.has('things') ? await repo.thingPoints(tx, underPath) : [];
        return {
          buildings: {
            type: 'FeatureCollection' as const,
            features: buildings.filter((b) => b.footprint).map((b) => ({
              type: 'Feature' as const,
              id: b.id,
              geometry: { type: 'Polygon' as const, coordinates: b.footprint!.coordinates },
              properties: {
                id: b.id, name: b.name, estateName: b.estate_name, floors: b.floors, height: b.floors * FLOOR_HEIGHT_M, use: b.use,
                houseCount: b.house_count, residentCount: b.resident_count, value: measureOf(b, q.measure),
              },
            })),
          },
          areas: {
            type: 'FeatureCollection' as const,
            features: areas.map((a) => ({
              type: 'Feature' as const,
              id: a.id,
              geometry: {
                type: 'Polygon' as const,
                coordinates: [[[a.min_lon - PAD, a.min_lat - PAD], [a.max_lon + PAD, a.min_lat - PAD], [a.max_lon + PAD, a.max_lat + PAD], [a.min_lon - PAD, a.max_lat + PAD], [a.min_lon - PAD, a.min_lat - PAD]]],
              },
              properties: { id: a.id, code: a.code, name: a.name, level: a.level, buildings: a.buildings },
            })),
          },
          things: {
            type: 'FeatureCollection' as const,
            features: things.map((t) => ({
              type: 'Feature' as const, id: t.id, geometry: { type: 'Point' as const, coordinates: [t.lon, t.lat] },
              properties: { id: t.id, kind: t.kind, name: t.name, status: t.status },
            })),
          },
          measure: q.measure,
          max: buildings.reduce((m, b) => Math.max(m, measureOf(b, q.measure)), 1),
          buildingTotal,
          truncated,
        };
      }),

    /**
     * Every building of the jurisdiction (or under one node) at once, packed column by column
     * (`map.compact.ts`), so a city's 40 k can all be in the map; more than `limit` sends none.
     */
    allBuildings: (actor: Actor, q: { jurisdictionId?: string; measure: Measure; limit: number }) =>
      withScope(db, actor.scope, async (tx) => {
        const underPath = await underPathOf(tx, q.jurisdictionId);
        const total = await repo.buildingCount(tx, underPath, null);
        const truncated = total > q.limit;
        const rows = truncated || total === 0 ? [] : await repo.buildingFeatures(tx, underPath, null, q.limit);
        return {
          measure: q.measure,
          max: rows.reduce((m, b) => Math.max(m, measureOf(b, q.measure)), 1),
          total,
          truncated,
          buildings: compactBuildings(rows, (b) => measureOf(b, q.measure)),
        };
      }),

    /**
     * Brings the people who turned 60 since the last run into their buildings' 60+ figures (the
     * only figure that changes with time alone). Cheap when the day has not changed.
     */
    ageStats: () => withScope(db, systemScope('map figures: people turning 60'), (tx) => repo.ageBuildingStats(tx)),
  };
}
