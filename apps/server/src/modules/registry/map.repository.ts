import type { Queryable } from '../../db/database.js';

export interface BuildingFeatureRow {
  id: string; name: string; estate_name: string | null; floors: number; use: string; footprint: { coordinates: [number, number][][] } | null;
  lon: number | null; lat: number | null; house_count: number; resident_count: number; elderly_count: number; alone_count: number; vacant_count: number;
}

/**
 * Buildings in scope (optionally under a node and inside a bounding box) with the measures the
 * map colours by, read from `building_stats`, which the registry's triggers keep current.
 */
export async function buildingFeatures(tx: Queryable, underPath: string | null, bbox: [number, number, number, number] | null, limit: number) {
  const { rows } = await tx.query<BuildingFeatureRow>(
    `SELECT b.id, b.name, e.name AS estate_name, b.floors, b.use, b.footprint, b.lon, b.lat,
            coalesce(s.houses, 0) AS house_count, coalesce(s.residents, 0) AS resident_count,
            coalesce(s.elderly, 0) AS elderly_count, coalesce(s.alone, 0) AS alone_count,
            coalesce(s.houses, 0) - coalesce(s.occupied, 0) AS vacant_count
       FROM (SELECT * FROM building b
              WHERE b.footprint IS NOT NULL AND ($1::ltree IS NULL OR b.path <@ $1::ltree)
                AND ($2::float8 IS NULL OR (b.lon BETWEEN $2 AND $4 AND b.lat BETWEEN $3 AND $5))
              ORDER BY b.id LIMIT $6) b
       LEFT JOIN building_stats s ON s.building_id = b.id
       LEFT JOIN estate e ON e.id = b.estate_id`,
    [underPath, bbox?.[0] ?? null, bbox?.[1] ?? null, bbox?.[2] ?? null, bbox?.[3] ?? null, limit],
  );
  return rows;
}

/** Brings people who turned 60 since the last run into their buildings' figures; returns the buildings touched. */
export async function ageBuildingStats(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ n: number }>('SELECT linli_building_stats_age() AS n');
  return rows[0]!.n;
}

/** How many buildings with a footprint are in scope (optionally under a node and inside a bounding box). */
export async function buildingCount(tx: Queryable, underPath: string | null, bbox: [number, number, number, number] | null) {
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM building b
      WHERE b.footprint IS NOT NULL AND ($1::ltree IS NULL OR b.path <@ $1::ltree)
        AND ($2::float8 IS NULL OR (b.lon BETWEEN $2 AND $4 AND b.lat BETWEEN $3 AND $5))`,
    [underPath, bbox?.[0] ?? null, bbox?.[1] ?? null, bbox?.[2] ?? null, bbox?.[3] ?? null],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Communities and grids with buildings, as the bounding box of their buildings' centres (the
 * service pads it to take in the footprints). Each building is added to the nodes on its own path
 * (its ancestors, found by exact path match): joining every node to every building by `<@` took
 * ~10 s at city scale, and reading every footprint's vertices out of its JSON another 2 s.
 */
export async function areaExtents(tx: Queryable, underPath: string | null) {
  const { rows } = await tx.query<{ id: string; code: string; name: string; level: string; min_lon: number; min_lat: number; max_lon: number; max_lat: number; buildings: number }>(
    `SELECT n.id, n.code, n.name, n.level, min(b.lon) AS min_lon, min(b.lat) AS min_lat, max(b.lon) AS max_lon, max(b.lat) AS max_lat,
            count(*)::int AS buildings
       FROM building b
       CROSS JOIN LATERAL generate_series(1, nlevel(b.path)) k
       JOIN jurisdiction_node n ON n.path = subpath(b.path, 0, k)
      WHERE b.footprint IS NOT NULL AND b.lon IS NOT NULL AND ($1::ltree IS NULL OR b.path <@ $1::ltree)
        AND n.level IN ('community', 'grid') AND (n.valid_to IS NULL OR n.valid_to >= current_date)
        AND ($1::ltree IS NULL OR n.path <@ $1::ltree)
      GROUP BY n.id, n.code, n.name, n.level`,
    [underPath],
  );
  return rows;
}

export async function thingPoints(tx: Queryable, underPath: string | null) {
  const { rows } = await tx.query<{ id: string; kind: string; name: string; status: string; lon: number; lat: number }>(
    `SELECT id, kind, name, status, lon, lat FROM thing WHERE lon IS NOT NULL AND ($1::ltree IS NULL OR path <@ $1::ltree) LIMIT 20000`,
    [underPath],
  );
  return rows;
}
