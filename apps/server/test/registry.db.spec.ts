import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheck } from '../src/standards/credit-code.js';
import { type Agent, buildPerson, buildRegistrySet, buildUser, freshCitizenId, login, nodeByCode } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
let worker: Agent;
beforeAll(async () => {
  ctx = await setupTestContext();
  worker = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: ['510903001002'] })).username);
});
afterAll(() => ctx?.close());

describe('housing and the 楼盘表', () => {
  it('registers a building with a footprint, its houses, and shows occupancy per floor and unit', async () => {
    const community = await nodeByCode(ctx, '510903001002');
    const estate = (await worker.post('/api/estates', { name: '天宫花园', jurisdictionId: community.id, lon: 105.571, lat: 30.513 })).body;
    const b = await worker.post('/api/buildings', { name: '2栋', estateId: estate.id, floors: 3, unitCount: 2, lon: 105.5712, lat: 30.5131 });
    expect(b.status).toBe(200);
    expect(b.body.footprint.length).toBe(5);
    expect(b.body.lon).toBeCloseTo(105.5712, 4);
    const houses = [];
    for (const floor of [1, 2, 3]) for (const unit of [1, 2]) {
      houses.push((await worker.post('/api/houses', { buildingId: b.body.id, unitNo: unit, floor, number: `${floor}0${unit}` })).body);
    }
    const taken = await worker.post('/api/houses', { buildingId: b.body.id, unitNo: 1, floor: 1, number: '101' });
    expect(taken.status).toBe(409);
    const tooHigh = await worker.post('/api/houses', { buildingId: b.body.id, unitNo: 1, floor: 9, number: '901' });
    expect(tooHigh.status).toBe(422);
    expect(tooHigh.body.fields[0].field).toBe('floor');

    const owner = await buildPerson(ctx, worker, { node: '510903001002', name: '何建平', tags: ['elderly_alone'] });
    const tenant = await buildPerson(ctx, worker, { node: '510903001002', name: '邓小琴' });
    await worker.post(`/api/people/${owner.id}/houses`, { houseId: houses[0].id, kind: 'owner', validFrom: '2010-01-01' });
    await worker.post(`/api/people/${owner.id}/houses`, { houseId: houses[0].id, kind: 'resident', validFrom: '2010-01-01' });
    await worker.post(`/api/people/${tenant.id}/houses`, { houseId: houses[1].id, kind: 'tenant', validFrom: '2024-03-01' });

    const plan = (await worker.get(`/api/buildings/${b.body.id}/floor-plan`)).body;
    expect(plan.units).toBe(2);
    expect(plan.floors.map((f: { floor: number }) => f.floor)).toEqual([3, 2, 1]);
    const ground = plan.floors.find((f: { floor: number }) => f.floor === 1).houses;
    expect(ground.map((h: { number: string; occupancy: string }) => [h.number, h.occupancy])).toEqual([['101', 'owner_occupied'], ['102', 'rented']]);
    expect(ground[0].tags).toEqual({ elderly_alone: 1 });
    expect(plan.floors[0].houses.every((h: { occupancy: string }) => h.occupancy === 'vacant')).toBe(true);
  });
});

describe('a family registered into a house', () => {
  it('is seen whole from the 360° page, the household and the graph; moving out ends the relationship without deleting it', async () => {
    const set = await buildRegistrySet(ctx, worker, { community: '510903001002', grid: '510903001002001', tag: '家' });
    const child = await buildPerson(ctx, worker, { node: '510903001002001', name: '甲家之子', citizenId: freshCitizenId({ birthDate: '2012-06-01' }) });
    const added = await worker.post(`/api/households/${set.household}/members`, { personId: child.id, relationCode: '20', validFrom: '2012-06-01' });
    expect(added.body.members.map((m: { relationName: string }) => m.relationName)).toEqual(['户主', '配偶', '子']);
    // entered once: joining a household registered at a house makes the child live there and the head's 子
    const childView = (await worker.get(`/api/people/${child.id}/overview`)).body;
    expect(childView.houses).toEqual([expect.objectContaining({ kind: 'resident', validTo: null, house: expect.objectContaining({ id: set.house }) })]);
    expect(childView.relatives).toEqual([expect.objectContaining({ relationName: '子', direction: 'in', person: expect.objectContaining({ id: set.person }) })]);

    const o = (await worker.get(`/api/people/${set.person}/overview`)).body;
    expect(o.person.name).toBe('甲家');
    expect(o.houses[0]).toMatchObject({ kind: 'resident', validTo: null, house: { label: '小区家 1栋 1单元 301' } });
    expect(o.households[0]).toMatchObject({ relationName: '户主', members: expect.arrayContaining([expect.objectContaining({ name: '甲家之子', relationName: '子' })]) });
    expect(o.relatives).toEqual(expect.arrayContaining([
      expect.objectContaining({ relationName: '配偶', direction: 'out', person: expect.objectContaining({ name: '乙家' }) }),
      expect.objectContaining({ relationName: '子', direction: 'out', person: expect.objectContaining({ name: '甲家之子' }) }),
    ]));
    const spouse = (await worker.get(`/api/people/${set.relative}/overview`)).body;
    expect(spouse.relatives[0]).toMatchObject({ relationName: '配偶', direction: 'in', person: { name: '甲家' } });
    expect(o.organizations[0]).toMatchObject({ kind: 'employee', org: { name: '单位家' } });
    expect(o.events[0]).toMatchObject({ title: '事件家', state: 'open' });

    const g = (await worker.get(`/api/graph?kind=person&id=${set.person}`)).body;
    const labels = g.nodes.map((n: { label: string }) => n.label);
    expect(labels).toEqual(expect.arrayContaining(['甲家', '乙家', '小区家 1栋 1单元 301', '单位家', '甲家户']));
    expect(g.edges).toEqual(expect.arrayContaining([expect.objectContaining({ source: set.person, target: set.relative, label: '配偶' })]));
    const houseGraph = (await worker.get(`/api/graph?kind=house&id=${set.house}`)).body;
    expect(houseGraph.nodes.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['house', 'building', 'person', 'household']));

    expect((await worker.post(`/api/person-houses/${set.personHouse}/end`, { validTo: '2019-01-01' })).status).toBe(422);
    expect((await worker.post(`/api/person-houses/${set.personHouse}/end`, { validTo: '2026-11-01' })).status).toBe(200);
    expect((await worker.post(`/api/person-houses/${set.personHouse}/end`, { validTo: '2026-11-02' })).status).toBe(409);
    const after = (await worker.get(`/api/people/${set.person}/overview`)).body;
    expect(after.houses[0]).toMatchObject({ validTo: '2026-11-01' });
    const houseHistory = (await worker.get(`/api/houses/${set.house}/history`)).body.items;
    expect(houseHistory.at(-1).op).toBe('insert');
  });

  it('fills the 360° page’s panels from other subsystems without changing the page', async () => {
    const set = await buildRegistrySet(ctx, worker, { community: '510903001002', grid: '510903001002001', tag: '板' });
    ctx.services.relations.registerPersonPanel(async (tx, personId) => {
      const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM work_item WHERE person_id = $1', [personId]);
      return { key: 'test', title: '测试面板', titleEn: 'Test panel', items: [{ label: '事件数', labelEn: 'Events', value: String(rows[0]!.n) }] };
    });
    const o = (await worker.get(`/api/people/${set.person}/overview`)).body;
    expect(o.panels).toEqual([{ key: 'test', title: '测试面板', titleEn: 'Test panel', items: [{ label: '事件数', labelEn: 'Events', value: '1' }] }]);
  });
});

describe('organisations, things and events', () => {
  it('validates and de-duplicates unified social credit codes', async () => {
    const grid = await nodeByCode(ctx, '510903001002001');
    const first17 = '91510903MA6CUX0Q7';
    const code = first17 + creditCodeCheck(first17);
    const bad = await worker.post('/api/organizations', { name: '坏码公司', creditCode: first17 + (code.endsWith('0') ? '1' : '0'), jurisdictionId: grid.id });
    expect(bad.status).toBe(422);
    expect(bad.body.fields[0]).toMatchObject({ field: 'creditCode', message: expect.stringContaining('统一社会信用代码') });
    expect((await worker.post('/api/organizations', { name: '遂宁某商贸有限公司', creditCode: code, jurisdictionId: grid.id })).status).toBe(200);
    expect((await worker.post('/api/organizations', { name: '重复公司', creditCode: code, jurisdictionId: grid.id })).status).toBe(409);
    expect((await worker.get(`/api/organizations?q=${code}`)).body.items).toHaveLength(1);
  });

  it('moves events along their state machine only, and lists the overdue ones', async () => {
    const grid = await nodeByCode(ctx, '510903001002001');
    const e = (await worker.post('/api/events', { kind: 'grid_event', title: '楼道堆放杂物', jurisdictionId: grid.id, slaHours: 1 })).body;
    const wrong = await worker.post(`/api/events/${e.id}/transition`, { to: 'closed', version: e.version });
    expect(wrong.status).toBe(422);
    expect(wrong.body.message).toContain('待处理');
    const started = await worker.post(`/api/events/${e.id}/transition`, { to: 'in_progress', version: e.version });
    expect(started.body.state).toBe('in_progress');
    await ctx.asOwner((db) => db.query(`UPDATE work_item SET sla_due_at = now() - interval '1 hour' WHERE id = $1`, [e.id]));
    const overdue = (await worker.get('/api/events?overdue=true')).body.items;
    expect(overdue.map((x: { id: string }) => x.id)).toContain(e.id);
    expect(overdue.find((x: { id: string }) => x.id === e.id).overdue).toBe(true);
    const resolved = await worker.post(`/api/events/${e.id}/transition`, { to: 'resolved', version: started.body.version });
    expect(resolved.body).toMatchObject({ state: 'resolved', overdue: false });
    expect(resolved.body.resolvedAt).toBeTruthy();
  });

  it('names an event’s reporter and assignee, checks the assignee, and clears optional links with null', async () => {
    const grid = await nodeByCode(ctx, '510903001002001');
    const gridWorker = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001002001'] });
    const stranger = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510904001001001'] });
    const e = (await worker.post('/api/events', { kind: 'grid_event', title: '路灯不亮', jurisdictionId: grid.id })).body;
    expect(e).toMatchObject({ jurisdictionId: grid.id, reporterName: expect.any(String), assigneeId: null, assigneeName: null });
    const pick = (await worker.get(`/api/events/assignees?q=${encodeURIComponent(gridWorker.displayName)}`)).body.items.map((u: { id: string }) => u.id);
    expect(pick).toContain(gridWorker.id);
    const everyone = (await worker.get('/api/events/assignees?limit=50')).body.items.map((u: { id: string }) => u.id);
    expect(everyone).not.toContain(stranger.id);
    const outside = await worker.patch(`/api/events/${e.id}`, { assigneeId: stranger.id, version: e.version });
    expect(outside.status).toBe(422);
    expect(outside.body.fields[0]).toMatchObject({ field: 'assigneeId' });
    const assigned = (await worker.patch(`/api/events/${e.id}`, { assigneeId: gridWorker.id, version: e.version })).body;
    expect(assigned).toMatchObject({ assigneeId: gridWorker.id, assigneeName: gridWorker.displayName });
    expect((await worker.get(`/api/events/${e.id}`)).body.assigneeName).toBe(gridWorker.displayName);
    const unassigned = (await worker.patch(`/api/events/${e.id}`, { assigneeId: null, version: assigned.version })).body;
    expect(unassigned).toMatchObject({ assigneeId: null, assigneeName: null });

    const set = await buildRegistrySet(ctx, worker, { community: '510903001002', grid: '510903001002001', tag: '链' });
    const org = (await worker.get(`/api/organizations/${set.org}`)).body;
    expect(org.jurisdictionId).toBe(grid.id);
    const linked = (await worker.patch(`/api/organizations/${set.org}`, { houseId: set.house, version: org.version })).body;
    expect(linked.houseId).toBe(set.house);
    expect((await worker.patch(`/api/organizations/${set.org}`, { houseId: null, version: linked.version })).body.houseId).toBeNull();
    const thing = (await worker.get(`/api/things/${set.thing}`)).body;
    const placed = (await worker.patch(`/api/things/${set.thing}`, { buildingId: set.building, version: thing.version })).body;
    expect(placed).toMatchObject({ buildingId: set.building, jurisdictionId: grid.id });
    expect((await worker.patch(`/api/things/${set.thing}`, { buildingId: null, version: placed.version })).body.buildingId).toBeNull();
    expect((await worker.get(`/api/buildings/${set.building}`)).body.jurisdictionId).toBe(grid.id);
  });

  it('keeps things with a position and a status', async () => {
    const grid = await nodeByCode(ctx, '510903001002001');
    const t = (await worker.post('/api/things', { kind: 'camera', name: '北门摄像头', serialNo: 'CAM-0001', lon: 105.571, lat: 30.513, jurisdictionId: grid.id })).body;
    expect(t).toMatchObject({ kind: 'camera', status: 'normal', lon: 105.571 });
    const outOfChina = await worker.post('/api/things', { kind: 'camera', name: '错误坐标', lon: 10, lat: 30, jurisdictionId: grid.id });
    expect(outOfChina.status).toBe(422);
    expect((await worker.get('/api/things?kind=camera')).body.items.map((x: { id: string }) => x.id)).toContain(t.id);
  });
});

describe('the 2.5D map', () => {
  it('gives buildings as extruded polygons coloured by a measure, areas around them, and things, inside the jurisdiction only', async () => {
    const set = await buildRegistrySet(ctx, worker, { community: '510903001002', grid: '510903001002001', tag: '图' });
    const layers = (await worker.get('/api/map/layers?measure=residents')).body;
    const b = layers.buildings.features.find((f: { id: string }) => f.id === set.building);
    expect(b.geometry.type).toBe('Polygon');
    // the head and, through the household registered at the house, the spouse live there
    expect(b.properties).toMatchObject({ floors: 6, height: 18, residentCount: 2, value: 2 });
    expect(layers.areas.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual(expect.arrayContaining(['天宫路社区', '第一网格']));
    expect(layers.things.features.map((f: { id: string }) => f.id)).toContain(set.thing);
    const vacancy = (await worker.get('/api/map/layers?measure=vacancy')).body;
    expect(vacancy.buildings.features.find((f: { id: string }) => f.id === set.building).properties.value).toBe(0);
    const anju = await login(ctx, (await buildUser(ctx, { roles: ['district_official'], nodes: ['510904'] })).username);
    const theirs = (await anju.get('/api/map/layers')).body;
    expect(theirs.buildings.features.map((f: { id: string }) => f.id)).not.toContain(set.building);
    expect((await worker.get('/api/map/config')).body).toMatchObject({ tileUrl: null });
  });

  it('sends at most `limit` buildings, all or none, with their total; and only the layers asked for', async () => {
    const set = await buildRegistrySet(ctx, worker, { community: '510903001002', grid: '510903001002001', tag: '限' });
    const all = (await worker.get('/api/map/layers')).body;
    const total = all.buildings.features.length;
    expect(total).toBeGreaterThan(0);
    expect(all).toMatchObject({ buildingTotal: total, truncated: false });
    const capped = (await worker.get(`/api/map/layers?limit=${total - 1}`)).body;
    expect(capped).toMatchObject({ buildingTotal: total, truncated: true, buildings: { features: [] } });
    // areas and things still come, for the page to draw and frame
    expect(capped.areas.features.length).toBe(all.areas.features.length);
    expect(capped.things.features.map((f: { id: string }) => f.id)).toContain(set.thing);
    expect((await worker.get(`/api/map/layers?limit=${total}`)).body).toMatchObject({ buildingTotal: total, truncated: false });

    // the buildings of a box about the set's building, as the page asks when zoomed in
    const b = all.buildings.features.find((f: { id: string }) => f.id === set.building);
    const ring = b.geometry.coordinates[0] as [number, number][];
    const [lon, lat] = [ring[0]![0] + 0.00001, ring[0]![1] + 0.00001];
    const bbox = [lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01].map((v) => v.toFixed(5)).join(',');
    const inBox = (await worker.get(`/api/map/layers?bbox=${bbox}&layers=buildings&limit=3000`)).body;
    expect(inBox.buildings.features.map((f: { id: string }) => f.id)).toContain(set.building);
    expect(inBox.buildingTotal).toBe(inBox.buildings.features.length);
    expect(inBox).toMatchObject({ truncated: false, areas: { features: [] }, things: { features: [] } });
    const far = (await worker.get('/api/map/layers?bbox=100,20,100.01,20.01&layers=buildings')).body;
    expect(far).toMatchObject({ buildingTotal: 0, truncated: false, buildings: { features: [] } });
    expect((await worker.get('/api/map/layers?layers=roads')).status).toBe(422);
  });

  it('sends every building of a large jurisdiction at once, packed by column, the same buildings and figures as the GeoJSON layer', async () => {
    const set = await buildRegistrySet(ctx, worker, { community: '510903001002', grid: '510903001002001', tag: '全' });
    const geo = (await worker.get('/api/map/layers?layers=buildings&measure=residents')).body;
    const packed = (await worker.get('/api/map/buildings?measure=residents')).body;
    expect(packed).toMatchObject({ measure: 'residents', total: geo.buildingTotal, truncated: false, max: geo.max });
    const c = packed.buildings;
    expect(c.id).toHaveLength(geo.buildings.features.length);
    const i = c.id.indexOf(set.building);
    const f = geo.buildings.features.find((x: { id: string }) => x.id === set.building);
    expect({ name: c.name[i], floors: c.floors[i], residents: c.residents[i], houses: c.houses[i], value: c.value[i], use: c.uses[c.use[i]] })
      .toEqual({ name: f.properties.name, floors: f.properties.floors, residents: f.properties.residentCount, houses: f.properties.houseCount, value: f.properties.value, use: f.properties.use });
    // the footprint: deltas in micro-degrees from the origin give back the polygon's vertices
    let [x, y] = c.origin as [number, number];
    const ring: [number, number][] = [];
    for (let k = 0; k < c.ring[i].length; k += 2) { x += c.ring[i][k]; y += c.ring[i][k + 1]; ring.push([x / 1e6, y / 1e6]); }
    (f.geometry.coordinates[0] as [number, number][]).forEach((p, k) => {
      expect(ring[k]![0]).toBeCloseTo(p[0], 6);
      expect(ring[k]![1]).toBeCloseTo(p[1], 6);
    });
    // capped: none sent, the total said
    expect((await worker.get(`/api/map/buildings?limit=${c.id.length - 1}`)).body).toMatchObject({ truncated: true, total: c.id.length, buildings: { id: [] } });
    // another district sees none of them; a node outside one's jurisdiction is not found
    const anju = await login(ctx, (await buildUser(ctx, { roles: ['district_official'], nodes: ['510904'] })).username);
    expect((await anju.get('/api/map/buildings')).body.buildings.id).not.toContain(set.building);
    const community = await nodeByCode(ctx, '510903001002');
    expect((await anju.get(`/api/map/buildings?jurisdictionId=${community.id}`)).status).toBe(404);
    expect((await worker.get('/api/map/buildings?measure=height')).status).toBe(422);
  });
});

describe('the map’s per-building figures', () => {
  // The figures as a live count over the registry: what `building_stats` must always equal.
  const live = (buildingId: string) => ctx.asOwner((db) => db.query<{ houses: number; residents: number; elderly: number; alone: number; occupied: number }>(
    `SELECT (SELECT count(*)::int FROM house WHERE building_id = $1) AS houses,
            count(DISTINCT p.id)::int AS residents,
            count(DISTINCT p.id) FILTER (WHERE p.birth_date <= current_date - interval '60 years')::int AS elderly,
            count(DISTINCT p.id) FILTER (WHERE 'elderly_alone' = ANY (p.tags))::int AS alone,
            count(DISTINCT h.id)::int AS occupied
       FROM house h JOIN person_house ph ON ph.house_id = h.id AND ph.valid_to IS NULL AND ph.kind IN ('resident', 'tenant')
       JOIN person p ON p.id = ph.person_id AND p.status = 'active'
      WHERE h.building_id = $1`, [buildingId])).then((r) => r.rows[0]!);
  const stored = (buildingId: string) => ctx.asOwner((db) => db.query<{ houses: number; residents: number; elderly: number; alone: number; occupied: number }>(
    'SELECT houses, residents, elderly, alone, occupied FROM building_stats WHERE building_id = $1', [buildingId])).then((r) => r.rows[0]);

  it('follow every move in, change and move out as it happens', async () => {
    const set = await buildRegistrySet(ctx, worker, { community: '510903001002', grid: '510903001002001', tag: '统' });
    expect(await stored(set.building)).toEqual(await live(set.building));
    expect(await stored(set.building)).toMatchObject({ houses: 1, residents: 2, occupied: 1 });

    const second = (await worker.post('/api/houses', { buildingId: set.building, unitNo: 2, floor: 1, number: '102' })).body;
    const sixty = (await ctx.asOwner((db) => db.query<{ d: string }>(`SELECT (current_date - interval '60 years')::date::text AS d`))).rows[0]!.d;
    const elder = await buildPerson(ctx, worker, { node: '510903001002001', birthDate: sixty, tags: ['elderly_alone'] });
    const moveIn = (await worker.post(`/api/people/${elder.id}/houses`, { houseId: second.id, kind: 'tenant', validFrom: '2024-01-01' })).body;
    expect(await stored(set.building)).toMatchObject({ houses: 2, residents: 3, elderly: 1, alone: 1, occupied: 2 });

    const p = (await worker.get(`/api/people/${elder.id}`)).body;
    expect((await worker.patch(`/api/people/${elder.id}`, { tags: [], version: p.version })).status).toBe(200);
    expect(await stored(set.building)).toMatchObject({ alone: 0 });

    expect((await worker.post(`/api/person-houses/${moveIn.id}/end`, { validTo: '2026-01-01' })).status).toBe(200);
    expect(await stored(set.building)).toEqual(await live(set.building));
    expect(await stored(set.building)).toMatchObject({ houses: 2, residents: 2, elderly: 0, occupied: 1 });
    const onMap = (await worker.get('/api/map/layers?measure=vacancy')).body.buildings.features.find((f: { id: string }) => f.id === set.building);
    expect(onMap.properties.value).toBe(50); // per cent of its houses vacant
  });

  it('stay right when many people move into one building at the same moment', async () => {
    const set = await buildRegistrySet(ctx, worker, { community: '510903001002', grid: '510903001002001', tag: '并' });
    const people = await Promise.all(Array.from({ length: 8 }, () => buildPerson(ctx, worker, { node: '510903001002001' })));
    const res = await Promise.all(people.map((p) => worker.post(`/api/people/${p.id}/houses`, { houseId: set.house, kind: 'resident', validFrom: '2024-01-01' })));
    expect(res.map((r) => r.status)).toEqual(people.map(() => 200));
    expect(await stored(set.building)).toEqual(await live(set.building));
    expect((await stored(set.building))!.residents).toBe(10);
  });

  it('count people into the 60+ figure on the day they turn 60, with no change to their rows', async () => {
    const set = await buildRegistrySet(ctx, worker, { community: '510903001002', grid: '510903001002001', tag: '龄' });
    const sixty = (await ctx.asOwner((db) => db.query<{ d: string }>(`SELECT (current_date - interval '60 years')::date::text AS d`))).rows[0]!.d;
    const elder = await buildPerson(ctx, worker, { node: '510903001002001', birthDate: sixty });
    await worker.post(`/api/people/${elder.id}/houses`, { houseId: set.house, kind: 'resident', validFrom: '2024-01-01' });
    // As the figures stood yesterday, when the person was 59.
    await ctx.asOwner(async (db) => {
      await db.query('UPDATE building_stats SET elderly = elderly - 1 WHERE building_id = $1', [set.building]);
      await db.query('UPDATE building_stats_aging SET aged_through = current_date - 1');
    });
    expect((await stored(set.building))!.elderly).toBe((await live(set.building)).elderly - 1);
    expect(await ctx.services.map.ageStats()).toBeGreaterThanOrEqual(1);
    expect(await stored(set.building)).toEqual(await live(set.building));
    expect(await ctx.services.map.ageStats()).toBe(0); // once a day
  });
});

describe('duplicate people', () => {
  it('finds candidates by name and birth date, merges keeping lineage and moving relationships, and undoes exactly', async () => {
    const set = await buildRegistrySet(ctx, worker, { community: '510903001002', grid: '510903001002001', tag: '重' });
    const id = freshCitizenId({ birthDate: '1955-04-04' });
    const withId = await buildPerson(ctx, worker, { node: '510903001002001', name: '黄国强', birthDate: '1955-04-04' });
    const twin = await buildPerson(ctx, worker, { node: '510903001002001', name: '黄国强', citizenId: id });
    await worker.post(`/api/people/${twin.id}/houses`, { houseId: set.house, kind: 'resident', validFrom: '2022-01-01' });

    const candidates = (await worker.get('/api/people/duplicates')).body.items;
    const pair = candidates.find((c: { a: { id: string }; b: { id: string } }) => [c.a.id, c.b.id].sort().join() === [withId.id, twin.id].sort().join());
    expect(pair.reasons.map((r: { code: string }) => r.code)).toContain('same_pinyin_birth');

    const merged = await worker.post(`/api/people/${withId.id}/merge`, { duplicateId: twin.id });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ survivorId: withId.id, mergedId: twin.id, identityMoved: true, moved: expect.objectContaining({ 'person_house.person_id': 1 }) });
    const survivor = (await worker.get(`/api/people/${withId.id}/overview`)).body;
    expect(survivor.person.citizenIdMasked).toBe(`${id.slice(0, 6)}********${id.slice(-4)}`);
    expect(survivor.houses.map((h: { house: { id: string } }) => h.house.id)).toContain(set.house);
    expect((await worker.get(`/api/people/${twin.id}`)).body).toMatchObject({ status: 'merged', mergedInto: withId.id });
    expect((await worker.get(`/api/people?q=${id}`)).body.items.map((p: { id: string }) => p.id)).toEqual([withId.id]);
    expect((await worker.get(`/api/people/${withId.id}/merges`)).body.items).toHaveLength(1);

    const undone = await worker.post(`/api/person-merges/${merged.body.id}/undo`);
    expect(undone.status).toBe(200);
    expect((await worker.post(`/api/person-merges/${merged.body.id}/undo`)).status).toBe(409);
    const back = (await worker.get(`/api/people/${twin.id}/overview`)).body;
    expect(back.person).toMatchObject({ status: 'active', mergedInto: null, citizenIdMasked: `${id.slice(0, 6)}********${id.slice(-4)}` });
    expect(back.houses.map((h: { house: { id: string } }) => h.house.id)).toContain(set.house);
    expect((await worker.get(`/api/people/${withId.id}`)).body.citizenIdMasked).toBeNull();
  });

  it('refuses to merge two people with different citizen IDs', async () => {
    const a = await buildPerson(ctx, worker, { node: '510903001002001', name: '冲突甲', citizenId: freshCitizenId() });
    const b = await buildPerson(ctx, worker, { node: '510903001002001', name: '冲突甲', citizenId: freshCitizenId() });
    const r = await worker.post(`/api/people/${a.id}/merge`, { duplicateId: b.id });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('MERGE_CONFLICTING_IDS');
  });
});

describe('an estate seen from the grid', () => {
  it('is named to a grid worker who sees one of its buildings, and stays unchangeable and unseen beyond', async () => {
    const set = await buildRegistrySet(ctx, worker, { community: '510903001002', grid: '510903001002001', tag: '网格看小区' });
    const gridWorker = await login(ctx, (await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001002001'] })).username);
    const building = await gridWorker.get(`/api/buildings/${set.building}`);
    expect(building.status).toBe(200);
    expect(building.body.estateName).toBe('小区网格看小区');
    const house = await gridWorker.get(`/api/houses/${set.house}`);
    expect(house.body.estateName ?? house.body.label).toContain('小区网格看小区');
    expect((await gridWorker.get(`/api/estates/${set.estate}`)).status).toBe(200);
    const change = await gridWorker.patch(`/api/estates/${set.estate}`, { name: '改名', version: 1 });
    expect(change.status).toBe(404);
    expect((await worker.get(`/api/estates/${set.estate}`)).body.name).toBe('小区网格看小区');

    const otherGrid = await login(ctx, (await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001002002'] })).username);
    expect((await otherGrid.get(`/api/estates/${set.estate}`)).status).toBe(404);
  });
});
