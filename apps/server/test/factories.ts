import crypto from 'node:crypto';
import { systemScope, withScope } from '../src/db/scope.js';
import * as jurisdictionRepo from '../src/modules/jurisdiction/jurisdiction.repository.js';
import { today } from '../src/shared/dates.js';
import { makeCitizenId } from '../src/standards/citizen-id.js';
import type { TestContext } from './harness.js';

export const TEST_PASSWORD = 'Test@2026pw';

/** A jurisdiction node of the template tree by its code. */
export async function nodeByCode(ctx: TestContext, code: string) {
  const node = await withScope(ctx.db, systemScope('test'), (tx) => jurisdictionRepo.byCode(tx, code, today()));
  if (!node) throw new Error(`no node ${code}`);
  return node;
}

/** Creates a user of its own (unique name) with the given roles at the given jurisdiction codes. */
export async function buildUser(
  ctx: TestContext,
  opts: { roles: string[]; nodes: string[]; password?: string; username?: string; mustChangePassword?: boolean },
) {
  const nodes = await Promise.all(opts.nodes.map((c) => nodeByCode(ctx, c)));
  const username = opts.username ?? `u${crypto.randomBytes(5).toString('hex')}`;
  const password = opts.password ?? TEST_PASSWORD;
  const user = await ctx.services.users.createAsSystem(
    { username, displayName: `测试用户${username.slice(-4)}`, password, roleCodes: opts.roles, jurisdictionIds: nodes.map((n) => n.id) },
    { mustChangePassword: opts.mustChangePassword ?? false },
  );
  return { ...user, password };
}

export interface Agent {
  csrf: string;
  cookie: string;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  get(url: string): ReturnType<Agent['request']>;
  post(url: string, body?: unknown): ReturnType<Agent['request']>;
  patch(url: string, body?: unknown): ReturnType<Agent['request']>;
  delete(url: string): ReturnType<Agent['request']>;
}

/** Calls the API through Fastify's inject, as a browser would, with one user's cookies. */
export function agentFor(ctx: TestContext, cookie = '', csrf = '', ip = '127.0.0.1'): Agent {
  const agent: Agent = {
    csrf,
    cookie,
    async request(method, url, body, headers = {}) {
      const res = await ctx.app.inject({
        method: method as 'GET',
        url,
        remoteAddress: ip,
        headers: { ...(agent.cookie ? { cookie: agent.cookie } : {}), ...(agent.csrf && method !== 'GET' ? { 'x-csrf-token': agent.csrf } : {}), ...headers },
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      return { status: res.statusCode, body: res.body ? safeJson(res.body) : null, headers: res.headers };
    },
    get: (url) => agent.request('GET', url),
    post: (url, body) => agent.request('POST', url, body ?? {}),
    patch: (url, body) => agent.request('PATCH', url, body ?? {}),
    delete: (url) => agent.request('DELETE', url),
  };
  return agent;
}

function safeJson(s: string) {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

/** Signs in and returns an agent carrying the session and CSRF cookies. */
export async function login(ctx: TestContext, username: string, password = TEST_PASSWORD, extra: Record<string, string> = {}, ip?: string) {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...extra }, remoteAddress: ip ?? '127.0.0.1' });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookies = res.cookies as { name: string; value: string }[];
  const sid = cookies.find((c) => c.name === 'linli_sid')!.value;
  const csrf = cookies.find((c) => c.name === 'linli_csrf')!.value;
  return agentFor(ctx, `linli_sid=${sid}; linli_csrf=${csrf}`, csrf, ip);
}

let idSeq = 100;
/** A fresh valid citizen ID (checksum, real date) of the given gender. */
export function freshCitizenId(opts: { division?: string; birthDate?: string; gender?: 1 | 2 } = {}) {
  const gender = opts.gender ?? 1;
  idSeq += 1;
  const seq = (idSeq * 2 + (gender === 1 ? 1 : 0)) % 1000;
  return makeCitizenId(opts.division ?? '510903', opts.birthDate ?? '1950-03-05', seq);
}

/** Registers a person through the API as the given agent, at a jurisdiction code. */
export async function buildPerson(ctx: TestContext, agent: Agent, opts: { node?: string; name?: string; citizenId?: string; phone?: string; tags?: string[]; birthDate?: string; gender?: 1 | 2 } = {}) {
  const node = await nodeByCode(ctx, opts.node ?? '510903001001001');
  const r = await agent.post('/api/people', {
    name: opts.name ?? '测试居民',
    jurisdictionId: node.id,
    ...(opts.citizenId ? { citizenId: opts.citizenId } : {}),
    ...(opts.phone ? { phone: opts.phone } : {}),
    ...(opts.tags ? { tags: opts.tags } : {}),
    ...(opts.birthDate ? { birthDate: opts.birthDate } : {}),
    ...(opts.gender ? { gender: opts.gender } : {}),
  });
  if (r.status !== 200) throw new Error(`buildPerson: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: string; version: number; name: string };
}

/**
 * One of everything the registry holds, in one community and grid, made through the API:
 * two people (relatives), an estate, a building, a house they live in, their household, an
 * organisation one works for, a thing and an event.
 */
export async function buildRegistrySet(ctx: TestContext, agent: Agent, opts: { community: string; grid: string; tag: string }) {
  const grid = await nodeByCode(ctx, opts.grid);
  const community = await nodeByCode(ctx, opts.community);
  const ok = async (r: Promise<{ status: number; body: any }>) => {
    const res = await r;
    if (res.status !== 200) throw new Error(`buildRegistrySet: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const person = await buildPerson(ctx, agent, { node: opts.grid, name: `甲${opts.tag}` });
  const relative = await buildPerson(ctx, agent, { node: opts.grid, name: `乙${opts.tag}` });
  const estate = await ok(agent.post('/api/estates', { name: `小区${opts.tag}`, jurisdictionId: community.id, lon: 105.59, lat: 30.53 }));
  const building = await ok(agent.post('/api/buildings', { name: '1栋', estateId: estate.id, jurisdictionId: grid.id, floors: 6, unitCount: 2, lon: 105.5901, lat: 30.5301 }));
  const house = await ok(agent.post('/api/houses', { buildingId: building.id, unitNo: 1, floor: 3, number: '301', area: 89.5 }));
  const personHouse = await ok(agent.post(`/api/people/${person.id}/houses`, { houseId: house.id, kind: 'resident', validFrom: '2020-01-01' }));
  const relation = await ok(agent.post(`/api/people/${person.id}/relatives`, { relatedPersonId: relative.id, relationCode: '10', validFrom: '2000-01-01' }));
  const org = await ok(agent.post('/api/organizations', { name: `单位${opts.tag}`, type: 'enterprise', jurisdictionId: grid.id }));
  const personOrg = await ok(agent.post(`/api/people/${person.id}/organizations`, { orgId: org.id, kind: 'employee', validFrom: '2019-05-01' }));
  const household = await ok(agent.post('/api/households', { houseId: house.id, headPersonId: person.id, members: [{ personId: relative.id, relationCode: '10' }], validFrom: '2020-01-01' }));
  const thing = await ok(agent.post('/api/things', { kind: 'hydrant', name: `消防栓${opts.tag}`, lon: 105.5902, lat: 30.5302, jurisdictionId: grid.id }));
  const event = await ok(agent.post('/api/events', { kind: 'grid_event', title: `事件${opts.tag}`, jurisdictionId: grid.id, slaHours: 24, personId: person.id }));
  return {
    person: person.id, relative: relative.id, estate: estate.id, building: building.id, house: house.id, personHouse: personHouse.id,
    relation: relation.id, org: org.id, personOrg: personOrg.id, household: household.id,
    member: household.members.find((m: { personId: string }) => m.personId === relative.id).memberId, thing: thing.id, event: event.id,
  };
}

/** A care provider (and its organisation) at a street, serving the whole of 船山区, as the care module stores it. */
export async function buildCareProvider(ctx: TestContext, streetCode: string, name: string): Promise<string> {
  const street = await nodeByCode(ctx, streetCode);
  return ctx.asOwner(async (db) => {
    const org = await db.query<{ id: string }>(`INSERT INTO organization (district_code, path, name, type) VALUES ('510903', $1::ltree, $2, 'social_org') RETURNING id`, [street.path, name]);
    const p = await db.query<{ id: string }>(
      `INSERT INTO care_provider (district_code, path, organization_id, service_area) VALUES ('510903', $1::ltree, $2, ARRAY['5109.510903'::ltree]) RETURNING id`, [street.path, org.rows[0]!.id]);
    return p.rows[0]!.id;
  });
}

/** An order of a provider for a person on a day (checked in or not), inserted as the care module stores it: the figure triggers fire. */
export async function buildCareOrder(ctx: TestContext, o: { personId: string; providerId: string; day: string; status: string; checkedIn: boolean }): Promise<string> {
  return ctx.asOwner(async (db) => (await db.query<{ id: string }>(
    `INSERT INTO care_order (district_code, path, person_id, provider_id, service_code, scheduled_date, scheduled_at, duration_min, status, check_in_at)
     SELECT p.district_code, p.path, p.id, $2, 'meal', $3::date, $3::date + time '09:00', 30, $4, CASE WHEN $5 THEN now() END FROM person p WHERE p.id = $1
     RETURNING id`, [o.personId, o.providerId, o.day, o.status, o.checkedIn])).rows[0]!.id);
}
