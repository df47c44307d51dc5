import type { BuildingFeatureRow } from './map.repository.js';

/** Coordinates travel as integers of this many per degree (1e-6° ≈ 0.1 m). */
export const COMPACT_SCALE = 1e6;

/** How tall a floor is drawn on the 2.5D map (metres). */
export const FLOOR_HEIGHT_M = 3;

/**
 * Every building of a jurisdiction in one response, column by column: a city's 40 k buildings as
 * GeoJSON are ~18 MB of repeated keys and decimal text; as columns, with the footprints as integer
 * micro-degrees delta-encoded vertex by vertex, ~3 MB. The page expands it into the same GeoJSON
 * features the other layers use (`apps/web/src/features/map/utils/compact.ts`).
 */
export interface CompactBuildings {
  /** integers per degree of `origin` and `ring` (COMPACT_SCALE) */
  scale: number;
  /** metres a floor is drawn: a building's height is floors × floorHeight */
  floorHeight: number;
  /** First vertex of each ring is relative to this (micro-degrees). */
  origin: [number, number];
  id: string[];
  name: string[];
  /** index into `estates`, −1 for none */
  estate: number[];
  estates: string[];
  /** index into `uses` */
  use: number[];
  uses: string[];
  floors: number[];
  houses: number[];
  residents: number[];
  value: number[];
  /** outer ring per building: x0, y0, dx1, dy1, … in micro-degrees */
  ring: number[][];
}

function dictionary() {
  const values: string[] = [];
  const index = new Map<string, number>();
  return {
    values,
    of(v: string) {
      let i = index.get(v);
      if (i === undefined) {
        i = values.length;
        values.push(v);
        index.set(v, i);
      }
      return i;
    },
  };
}

/** Packs buildings (with footprints) and the value of the chosen measure for each. */
export function compactBuildings(rows: BuildingFeatureRow[], valueOf: (r: BuildingFeatureRow) => number): CompactBuildings {
  const withShape = rows.filter((r) => r.footprint?.coordinates[0]?.length);
  const first = withShape[0]?.footprint!.coordinates[0]![0];
  const origin: [number, number] = first ? [Math.round(first[0]! * COMPACT_SCALE), Math.round(first[1]! * COMPACT_SCALE)] : [0, 0];
  const estates = dictionary();
  const uses = dictionary();
  const out: CompactBuildings = { scale: COMPACT_SCALE, floorHeight: FLOOR_HEIGHT_M, origin, id: [], name: [], estate: [], estates: estates.values, use: [], uses: uses.values, floors: [], houses: [], residents: [], value: [], ring: [] };
  for (const r of withShape) {
    out.id.push(r.id);
    out.name.push(r.name);
    out.estate.push(r.estate_name === null ? -1 : estates.of(r.estate_name));
    out.use.push(uses.of(r.use));
    out.floors.push(r.floors);
    out.houses.push(r.house_count);
    out.residents.push(r.resident_count);
    out.value.push(valueOf(r));
    const ring: number[] = [];
    let [px, py] = origin;
    for (const p of r.footprint!.coordinates[0]!) {
      const x = Math.round(p[0]! * COMPACT_SCALE);
      const y = Math.round(p[1]! * COMPACT_SCALE);
      ring.push(x - px, y - py);
      px = x;
      py = y;
    }
    out.ring.push(ring);
  }
  return out;
}
