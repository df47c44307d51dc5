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
