import type { FastifyInstance, FastifySchema } from 'fastify';
import type { z } from 'zod';
import { actorOf } from '../../http/access.js';
import type { ZodApp } from '../../http/app.js';
import type { Actor } from '../../shared/actor.js';
import { IdParams } from '../jurisdiction/jurisdiction.schema.js';
import { ChangeList } from './people.schema.js';

type Z = z.ZodType;

/**
 * The five routes every registry resource has — list (filters + keyset paging), create, get,
 * update (optimistic version) and change history — declared once. Each route still states who
 * may call it and validates its input and output against the resource's schemas.
 */
export function resourceRoutes<Q extends Z, C extends Z, P extends Z, One extends Z, Many extends Z>(
  app: ZodApp,
  r: {
    path: string;
    tag: string;
    name: string;
    schemas: { query: Q; create: C; patch: P; one: One; many: Many };
    list: (actor: Actor, q: z.infer<Q>) => Promise<z.infer<Many>>;
    create: (actor: Actor, body: z.infer<C>) => Promise<z.infer<One>>;
    get: (actor: Actor, id: string) => Promise<z.infer<One>>;
    update: (actor: Actor, id: string, body: z.infer<P>) => Promise<z.infer<One>>;
    history: (actor: Actor, id: string) => Promise<z.infer<typeof ChangeList>['items']>;
  },
) {
  // Generic schemas defeat the type provider's inference, so this helper registers on the plain
  // instance with widened schemas; the Zod validator and serializer still check every request
  // and response at run time.
  const api = app as unknown as FastifyInstance;
  const tags = [r.tag];
  const read = { access: { permission: 'registry.read' } } as const;
  const write = { access: { permission: 'registry.write' } } as const;
  const schema = (s: FastifySchema): FastifySchema => ({ tags, ...s });
  const id = (params: unknown) => (params as { id: string }).id;

  api.get(r.path, { config: read, schema: schema({ summary: `${r.name}列表 / list`, querystring: r.schemas.query, response: { 200: r.schemas.many } }) },
    async (req) => r.list(actorOf(req), req.query as z.infer<Q>));
  api.post(r.path, { config: write, schema: schema({ summary: `登记${r.name} / create`, body: r.schemas.create, response: { 200: r.schemas.one } }) },
    async (req) => r.create(actorOf(req), req.body as z.infer<C>));
  api.get(`${r.path}/:id`, { config: read, schema: schema({ summary: `${r.name}详情 / get`, params: IdParams, response: { 200: r.schemas.one } }) },
    async (req) => r.get(actorOf(req), id(req.params)));
  api.patch(`${r.path}/:id`, { config: write, schema: schema({ summary: `修改${r.name} / update`, params: IdParams, body: r.schemas.patch, response: { 200: r.schemas.one } }) },
    async (req) => r.update(actorOf(req), id(req.params), req.body as z.infer<P>));
  api.get(`${r.path}/:id/history`, { config: read, schema: schema({ summary: `${r.name}变更记录 / history`, params: IdParams, response: { 200: ChangeList } }) },
    async (req) => ({ items: await r.history(actorOf(req), id(req.params)) }));
}
