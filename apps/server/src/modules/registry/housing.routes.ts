import { actorOf } from '../../http/access.js';
import type { ZodApp } from '../../http/app.js';
import type { Services } from '../../services.js';
import { IdParams } from '../jurisdiction/jurisdiction.schema.js';
import * as S from './housing.schema.js';
import { resourceRoutes } from './resource.routes.js';

/** 小区、楼栋、房屋 and the 楼盘表. */
export function housingRoutes(app: ZodApp, s: Services) {
  const h = s.housing;
  resourceRoutes(app, {
    path: '/api/estates', tag: 'registry: housing', name: '小区',
    schemas: { query: S.EstateQuery, create: S.EstateBody, patch: S.EstatePatch, one: S.Estate, many: S.EstateList },
    list: h.listEstates, create: h.createEstate, get: h.getEstate, update: h.updateEstate, history: s.registryHistory('estate'),
  });
  resourceRoutes(app, {
    path: '/api/buildings', tag: 'registry: housing', name: '楼栋',
    schemas: { query: S.BuildingQuery, create: S.BuildingBody, patch: S.BuildingPatch, one: S.Building, many: S.BuildingList },
    list: h.listBuildings, create: h.createBuilding, get: h.getBuilding, update: h.updateBuilding, history: s.registryHistory('building'),
  });
  resourceRoutes(app, {
    path: '/api/houses', tag: 'registry: housing', name: '房屋',
    schemas: { query: S.HouseQuery, create: S.HouseBody, patch: S.HousePatch, one: S.House, many: S.HouseList },
    list: h.listHouses, create: h.createHouse, get: h.getHouse, update: h.updateHouse, history: s.registryHistory('house'),
  });
  app.get('/api/buildings/:id/floor-plan', {
    config: { access: { permission: 'registry.read' } },
    schema: { tags: ['registry: housing'], summary: '楼盘表 / floors × units of a building', params: IdParams, response: { 200: S.FloorPlan } },
  }, async (req) => h.floorPlan(actorOf(req), req.params.id));
}
