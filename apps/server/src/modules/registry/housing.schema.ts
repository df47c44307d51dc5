import { z } from 'zod';
import { rule } from '../../http/validation.js';
import { BUILDING_USES, HOUSE_OWNERSHIPS, HOUSE_USES } from '../../standards/codes.js';

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const lon = z.number().min(73).max(136);
const lat = z.number().min(3).max(54);
const paging = { cursor: z.string().max(400).optional(), limit: z.coerce.number().int().min(1).max(500).default(50) };

export const EstateBody = z.strictObject({
  name: z.string().trim().min(1).max(80),
  address: z.string().trim().max(200).optional(),
  lon: lon.optional(),
  lat: lat.optional(),
  propertyCompany: z.string().trim().max(120).optional(),
  jurisdictionId: z.uuid(),
});
export const EstatePatch = EstateBody.partial().extend({ version: z.number().int().min(1) }).strict();
export const Estate = z.object({
  id: z.string(), name: z.string(), address: z.string().nullable(), lon: z.number().nullable(), lat: z.number().nullable(),
  propertyCompany: z.string().nullable(), jurisdictionId: z.string().nullable(), jurisdictionName: z.string().nullable(), buildingCount: z.number(), houseCount: z.number(), version: z.number(),
});
export const EstateQuery = z.strictObject({ q: z.string().trim().max(40).optional(), jurisdictionId: z.uuid().optional(), ...paging });
export const EstateList = z.object({ items: z.array(Estate), nextCursor: z.string().nullable() });

/** A polygon ring of [lon, lat] points (GeoJSON, WGS-84), closed or not. */
const ring = z.array(z.tuple([lon, lat])).min(3, rule('楼栋轮廓至少需要3个点', 'A footprint needs at least 3 points')).max(200);

export const BuildingBody = z.strictObject({
  name: z.string().trim().min(1).max(40),
  estateId: z.uuid().optional(),
  jurisdictionId: z.uuid().optional(),
  floors: z.number().int().min(1).max(120),
  unitCount: z.number().int().min(1).max(30).default(1),
  use: z.enum(keys(BUILDING_USES)).default('residential'),
  builtYear: z.number().int().min(1900).max(2100).optional(),
  footprint: ring.optional(),
  lon: lon.optional(),
  lat: lat.optional(),
});
export const BuildingPatch = BuildingBody.partial().extend({ version: z.number().int().min(1) }).strict();
export const Building = z.object({
  id: z.string(), name: z.string(), estateId: z.string().nullable(), estateName: z.string().nullable(), floors: z.number(), unitCount: z.number(),
  use: z.string(), builtYear: z.number().nullable(), footprint: z.array(z.tuple([z.number(), z.number()])).nullable(),
  lon: z.number().nullable(), lat: z.number().nullable(), jurisdictionId: z.string().nullable(), jurisdictionName: z.string().nullable(), houseCount: z.number(), residentCount: z.number(), version: z.number(),
});
export const BuildingQuery = z.strictObject({ q: z.string().trim().max(40).optional(), estateId: z.uuid().optional(), jurisdictionId: z.uuid().optional(), ...paging });
export const BuildingList = z.object({ items: z.array(Building), nextCursor: z.string().nullable() });

export const HouseBody = z.strictObject({
  buildingId: z.uuid(),
  unitNo: z.number().int().min(1).max(30).default(1),
  floor: z.number().int().min(-5).max(120),
  number: z.string().trim().min(1).max(20),
  area: z.number().positive().max(99999).optional(),
  use: z.enum(keys(HOUSE_USES)).default('residential'),
  ownership: z.enum(keys(HOUSE_OWNERSHIPS)).default('commodity'),
  shopName: z.string().trim().max(80).optional(),
});
export const HousePatch = HouseBody.omit({ buildingId: true }).partial().extend({ version: z.number().int().min(1) }).strict();
export const House = z.object({
  id: z.string(), label: z.string(), buildingId: z.string(), buildingName: z.string(), estateId: z.string().nullable(), estateName: z.string().nullable(),
  unitNo: z.number(), floor: z.number(), number: z.string(), area: z.number().nullable(), use: z.string(), ownership: z.string(),
  shopName: z.string().nullable(), residentCount: z.number(), version: z.number(),
});
export const HouseQuery = z.strictObject({
  q: z.string().trim().max(40).optional(), buildingId: z.uuid().optional(), jurisdictionId: z.uuid().optional(),
  use: z.enum(keys(HOUSE_USES)).optional(), ...paging,
});
export const HouseList = z.object({ items: z.array(House), nextCursor: z.string().nullable() });

export const FloorPlan = z.object({
  building: Building,
  units: z.number(),
  floors: z.array(z.object({
    floor: z.number(),
    houses: z.array(z.object({
      id: z.string(), unitNo: z.number(), number: z.string(), use: z.string(), area: z.number().nullable(), shopName: z.string().nullable(),
      owners: z.number(), tenants: z.number(), residents: z.number(), occupancy: z.enum(['vacant', 'owner_occupied', 'rented', 'occupied']),
      tags: z.record(z.string(), z.number()),
    })),
  })),
});
