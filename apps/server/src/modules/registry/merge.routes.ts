import { z } from 'zod';
import { actorOf } from '../../http/access.js';
import type { ZodApp } from '../../http/app.js';
import type { Services } from '../../services.js';
import { IdParams } from '../jurisdiction/jurisdiction.schema.js';

const Brief = z.object({ id: z.string(), name: z.string(), birthDate: z.string().nullable(), citizenIdMasked: z.string().nullable(), jurisdictionName: z.string().nullable() });
const Candidates = z.object({ items: z.array(z.object({ a: Brief, b: Brief, reasons: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })) })) });
const Merge = z.object({
  id: z.string(), survivorId: z.string(), survivorName: z.string(), mergedId: z.string(), mergedName: z.string(),
  mergedAt: z.date(), undoneAt: z.date().nullable(), moved: z.record(z.string(), z.number()), identityMoved: z.boolean(),
});

/** 重复人员 — candidates, merge (keeping lineage) and undo. */
export function mergeRoutes(app: ZodApp, s: Services) {
  const tags = ['registry: duplicates'];
  const merge = { access: { permission: 'registry.merge' } } as const;
  app.get('/api/people/duplicates', {
    config: merge,
    schema: { tags, summary: '疑似重复人员 / duplicate candidates', querystring: z.strictObject({ jurisdictionId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }), response: { 200: Candidates } },
  }, async (req) => ({ items: await s.merge.candidates(actorOf(req), req.query) }));
  app.post('/api/people/:id/merge', {
    config: merge,
    schema: { tags, summary: '合并重复人员（保留本人，并入另一人）/ merge a duplicate into this person', params: IdParams, body: z.strictObject({ duplicateId: z.uuid() }), response: { 200: Merge } },
  }, async (req) => s.merge.merge(actorOf(req), req.params.id, req.body.duplicateId));
  app.get('/api/people/:id/merges', {
    config: { access: { permission: 'registry.read' } },
    schema: { tags, summary: '合并记录 / merge lineage', params: IdParams, response: { 200: z.object({ items: z.array(Merge) }) } },
  }, async (req) => ({ items: await s.merge.lineage(actorOf(req), req.params.id) }));
  app.post('/api/person-merges/:id/undo', {
    config: merge,
    schema: { tags, summary: '撤销合并 / undo a merge', params: IdParams, response: { 200: Merge } },
  }, async (req) => s.merge.undo(actorOf(req), req.params.id));
}
