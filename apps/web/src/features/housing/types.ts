import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';

/** 小区 — an estate: a named group of buildings, often with a property company. */
export type Estate = ResponseOf<'/api/estates/{id}', 'get'>;
export type EstateQuery = QueryOf<'/api/estates', 'get'>;
export type EstateCreateBody = BodyOf<'/api/estates', 'post'>;
export type EstatePatchBody = BodyOf<'/api/estates/{id}', 'patch'>;

/** 楼栋 — a building with floors, units and a footprint. */
export type Building = ResponseOf<'/api/buildings/{id}', 'get'>;
export type BuildingQuery = QueryOf<'/api/buildings', 'get'>;
export type BuildingCreateBody = BodyOf<'/api/buildings', 'post'>;
export type BuildingPatchBody = BodyOf<'/api/buildings/{id}', 'patch'>;
export type BuildingUse = NonNullable<BuildingCreateBody['use']>;

/** 房屋 — one dwelling or shop: unit, floor, number, area, use, ownership. */
export type House = ResponseOf<'/api/houses/{id}', 'get'>;
export type HouseQuery = QueryOf<'/api/houses', 'get'>;
export type HouseCreateBody = BodyOf<'/api/houses', 'post'>;
export type HousePatchBody = BodyOf<'/api/houses/{id}', 'patch'>;
export type HouseUse = NonNullable<HouseCreateBody['use']>;
export type HouseOwnership = NonNullable<HouseCreateBody['ownership']>;

/** 楼盘表 — a building's floors (top first on screen) × units, one cell per house. */
export type FloorPlan = ResponseOf<'/api/buildings/{id}/floor-plan', 'get'>;
export type FloorPlanHouse = FloorPlan['floors'][number]['houses'][number];
export type Occupancy = FloorPlanHouse['occupancy'];
