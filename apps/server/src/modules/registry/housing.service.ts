import type { Database, Queryable } from '../../db/database.js';
import { withScope } from '../../db/scope.js';
import type { Actor } from '../../shared/actor.js';
import { commonError } from '../../shared/errors.js';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service.js';
import * as repo from './housing.repository.js';
import { filterPath, found, placeAt } from './placement.js';
import { registryError } from './registry.errors.js';
import { decodeCursor, encodeCursor, insertRow, updateRow } from './registry.repository.js';

type Ring = [number, number][];

/** A rectangle footprint (about 36 m × 14 m) around a point, for buildings drawn by position only. */
export function rectangleAround(lon: number, lat: number, widthM = 36, depthM = 14): Ring {
  const dLat = depthM / 2 / 111_320;
  const dLon = widthM / 2 / (111_320 * Math.cos((lat * Math.PI) / 180));
  return [[lon - dLon, lat - dLat], [lon + dLon, lat - dLat], [lon + dLon, lat + dLat], [lon - dLon, lat + dLat], [lon - dLon, lat - dLat]];
}

export function centroid(ring: Ring): [number, number] {
  const pts = ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1] ? ring.slice(0, -1) : ring;
  return [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
}

const closed = (ring: Ring): Ring => (ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1] ? ring : [...ring, ring[0]!]);

export const toEstate = (r: repo.EstateRow) => ({
  id: r.id, name: r.name, address: r.address, lon: r.lon, lat: r.lat, propertyCompany: r.property_company,
  jurisdictionId: r.node_id, jurisdictionName: r.node_name, buildingCount: r.building_count, houseCount: r.house_count, version: r.version,
});

export const toBuilding = (r: repo.BuildingRow) => ({
  id: r.id, name: r.name, estateId: r.estate_id, estateName: r.estate_name, floors: r.floors, unitCount: r.unit_count, use: r.use,
  builtYear: r.built_year, footprint: (r.footprint as { coordinates?: Ring[] } | null)?.coordinates?.[0] ?? null, lon: r.lon, lat: r.lat,
  jurisdictionId: r.node_id, jurisdictionName: r.node_name, houseCount: r.house_count, residentCount: r.resident_count, version: r.version,
});

export const toHouse = (r: repo.HouseRow) => ({
  id: r.id, label: r.label, buildingId: r.building_id, buildingName: r.building_name, estateId: r.estate_id, estateName: r.estate_name,
  unitNo: r.unit_no, floor: r.floor, number: r.number, area: r.area, use: r.use, ownership: r.ownership, shopName: r.shop_name,
  residentCount: r.resident_count, version: r.version,
});

export type HousingService = ReturnType<typeof createHousingService>;

/** 房屋 — estates (小区), buildings (楼栋) with footprints, houses (房屋) and shops, and the 楼盘表. */
export function createHousingService(deps: { db: Database; jurisdiction: JurisdictionService }) {
  const { db, jurisdiction } = deps;
  const run = <T>(actor: Actor, fn: (tx: Queryable) => Promise<T>) => withScope(db, actor.scope, fn);
  const underPath = (tx: Queryable, nodeId?: string) => filterPath(tx, jurisdiction, nodeId);
  const page = <R extends { id: string }>(p: { rows: R[]; more: boolean }, key: (r: R) => unknown[]) => ({
    nextCursor: p.more && p.rows.length ? encodeCursor(key(p.rows.at(-1)!)) : null,
  });

  function geometry(input: { footprint?: Ring; lon?: number; lat?: number }) {
    const ring = input.footprint ? closed(input.footprint) : input.lon !== undefined && input.lat !== undefined ? rectangleAround(input.lon, input.lat) : undefined;
    if (!ring) return {};
    const [lon, lat] = centroid(ring);
    return { footprint: JSON.stringify({ type: 'Polygon', coordinates: [ring] }), lon, lat };
  }

  async function checkHousePlace(tx: Queryable, b: repo.BuildingRow, unitNo: number, floor: number) {
    if (floor > b.floors) throw registryError('FLOOR_OUT_OF_RANGE', { floors: b.floors }, 'floor');
    if (unitNo > b.unit_count) throw registryError('UNIT_OUT_OF_RANGE', { units: b.unit_count }, 'unitNo');
  }

  return {
    // ---- estates
    listEstates: (actor: Actor, q: { q?: string; jurisdictionId?: string; cursor?: string; limit: number }) =>
      run(actor, async (tx) => {
        const p = await repo.listEstates(tx, { q: q.q, underPath: await underPath(tx, q.jurisdictionId), after: decodeCursor(q.cursor), limit: q.limit });
        return { items: p.rows.map(toEstate), ...page(p, (r) => [r.name, r.id]) };
      }),
    getEstate: (actor: Actor, id: string) => run(actor, async (tx) => toEstate(found(await repo.estateById(tx, id)))),
    createEstate: (actor: Actor, input: { name: string; address?: string; lon?: number; lat?: number; propertyCompany?: string; jurisdictionId: string }) =>
      run(actor, async (tx) => {
        const place = await placeAt(tx, jurisdiction, input.jurisdictionId);
        const id = await insertRow(tx, 'estate', { ...place, name: input.name, address: input.address, lon: input.lon, lat: input.lat, property_company: input.propertyCompany });
        return toEstate(found(await repo.estateById(tx, id)));
      }),
    updateEstate: (actor: Actor, id: string, p: { name?: string; address?: string; lon?: number; lat?: number; propertyCompany?: string; jurisdictionId?: string; version: number }) =>
      run(actor, async (tx) => {
        found(await repo.estateById(tx, id));
        const place = p.jurisdictionId ? await placeAt(tx, jurisdiction, p.jurisdictionId) : {};
        const ok = await updateRow(tx, 'estate', id, p.version, { ...place, name: p.name, address: p.address, lon: p.lon, lat: p.lat, property_company: p.propertyCompany });
        if (!ok) throw commonError('VERSION_CONFLICT');
        return toEstate(found(await repo.estateById(tx, id)));
      }),

    // ---- buildings
    listBuildings: (actor: Actor, q: { q?: string; estateId?: string; jurisdictionId?: string; cursor?: string; limit: number }) =>
      run(actor, async (tx) => {
        const p = await repo.listBuildings(tx, { q: q.q, estateId: q.estateId, underPath: await underPath(tx, q.jurisdictionId), after: decodeCursor(q.cursor), limit: q.limit });
        return { items: p.rows.map(toBuilding), ...page(p, (r) => [r.name, r.id]) };
      }),
    getBuilding: (actor: Actor, id: string) => run(actor, async (tx) => toBuilding(found(await repo.buildingById(tx, id)))),
    createBuilding: (actor: Actor, input: { name: string; estateId?: string; jurisdictionId?: string; floors: number; unitCount: number; use: string; builtYear?: number; footprint?: Ring; lon?: number; lat?: number }) =>
      run(actor, async (tx) => {
        // A building lives in its grid when one is named (grid workers see their grid's
        // buildings), otherwise where its estate lives.
        let place;
        const estate = input.estateId ? await repo.estateById(tx, input.estateId) : undefined;
        if (input.estateId && !estate) throw registryError('REFERENCE_NOT_FOUND', { what: '小区', whatEn: 'The estate' }, 'estateId');
        if (input.jurisdictionId) place = await placeAt(tx, jurisdiction, input.jurisdictionId);
        else if (estate) place = { path: estate.path, district_code: estate.district_code };
        else throw registryError('REFERENCE_NOT_FOUND', { what: '所属小区或辖区', whatEn: 'An estate or jurisdiction' }, 'estateId');
        const id = await insertRow(tx, 'building', {
          ...place, estate_id: input.estateId, name: input.name, floors: input.floors, unit_count: input.unitCount, use: input.use,
          built_year: input.builtYear, ...geometry(input),
        });
        return toBuilding(found(await repo.buildingById(tx, id)));
      }),
    updateBuilding: (actor: Actor, id: string, p: { name?: string; floors?: number; unitCount?: number; use?: string; builtYear?: number; footprint?: Ring; lon?: number; lat?: number; version: number }) =>
      run(actor, async (tx) => {
        found(await repo.buildingById(tx, id));
        const ok = await updateRow(tx, 'building', id, p.version, { name: p.name, floors: p.floors, unit_count: p.unitCount, use: p.use, built_year: p.builtYear, ...geometry(p) });
        if (!ok) throw commonError('VERSION_CONFLICT');
        return toBuilding(found(await repo.buildingById(tx, id)));
      }),

    /** 楼盘表: floors (top first) × houses, each with occupancy and tag counts. */
    floorPlan: (actor: Actor, id: string) =>
      run(actor, async (tx) => {
        const b = found(await repo.buildingById(tx, id));
        const cells = await repo.floorPlan(tx, id);
        const floors = new Map<number, typeof cells>();
        for (const c of cells) floors.set(c.floor, [...(floors.get(c.floor) ?? []), c]);
        return {
          building: toBuilding(b),
          units: b.unit_count,
          floors: [...floors.entries()].map(([floor, hs]) => ({
            floor,
            houses: hs.map((h) => ({
              id: h.id, unitNo: h.unit_no, number: h.number, use: h.use, area: h.area, shopName: h.shop_name,
              owners: h.owners, tenants: h.tenants, residents: h.residents, tags: h.tags,
              occupancy: h.residents === 0 ? ('vacant' as const) : h.tenants > 0 ? ('rented' as const) : h.owners > 0 ? ('owner_occupied' as const) : ('occupied' as const),
            })),
          })),
        };
      }),

    // ---- houses
    listHouses: (actor: Actor, q: { q?: string; buildingId?: string; jurisdictionId?: string; use?: string; cursor?: string; limit: number }) =>
      run(actor, async (tx) => {
        const p = await repo.listHouses(tx, { q: q.q, buildingId: q.buildingId, use: q.use, underPath: await underPath(tx, q.jurisdictionId), after: decodeCursor(q.cursor), limit: q.limit });
        return { items: p.rows.map(toHouse), ...page(p, (r) => [r.building_id, r.unit_no, r.floor, r.number, r.id]) };
      }),
    getHouse: (actor: Actor, id: string) => run(actor, async (tx) => toHouse(found(await repo.houseById(tx, id)))),
    createHouse: (actor: Actor, input: { buildingId: string; unitNo: number; floor: number; number: string; area?: number; use: string; ownership: string; shopName?: string }) =>
      run(actor, async (tx) => {
        const b = await repo.buildingById(tx, input.buildingId);
        if (!b) throw registryError('REFERENCE_NOT_FOUND', { what: '楼栋', whatEn: 'The building' }, 'buildingId');
        await checkHousePlace(tx, b, input.unitNo, input.floor);
        if (await repo.houseNumberTaken(tx, b.id, input.unitNo, input.number)) throw registryError('HOUSE_NUMBER_TAKEN', { unit: input.unitNo, number: input.number }, 'number');
        const id = await insertRow(tx, 'house', {
          path: b.path, district_code: b.district_code, building_id: b.id, unit_no: input.unitNo, floor: input.floor, number: input.number,
          area: input.area, use: input.use, ownership: input.ownership, shop_name: input.shopName,
        });
        return toHouse(found(await repo.houseById(tx, id)));
      }),
    updateHouse: (actor: Actor, id: string, p: { unitNo?: number; floor?: number; number?: string; area?: number; use?: string; ownership?: string; shopName?: string; version: number }) =>
      run(actor, async (tx) => {
        const h = found(await repo.houseById(tx, id));
        const b = found(await repo.buildingById(tx, h.building_id));
        await checkHousePlace(tx, b, p.unitNo ?? h.unit_no, p.floor ?? h.floor);
        if ((p.number || p.unitNo) && (await repo.houseNumberTaken(tx, b.id, p.unitNo ?? h.unit_no, p.number ?? h.number, id))) {
          throw registryError('HOUSE_NUMBER_TAKEN', { unit: p.unitNo ?? h.unit_no, number: p.number ?? h.number }, 'number');
        }
        const ok = await updateRow(tx, 'house', id, p.version, { unit_no: p.unitNo, floor: p.floor, number: p.number, area: p.area, use: p.use, ownership: p.ownership, shop_name: p.shopName });
        if (!ok) throw commonError('VERSION_CONFLICT');
        return toHouse(found(await repo.houseById(tx, id)));
      }),
  };
}
