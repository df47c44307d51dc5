import { z } from 'zod';
import { actorOf } from '../../http/access.js';
import type { ZodApp } from '../../http/app.js';
import { auditActor } from '../../shared/actor.js';
import type { Services } from '../../services.js';

const Entry = z.object({
  id: z.number(),
  occurredAt: z.date(),
  actorId: z.string().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(['success', 'failure']),
  ip: z.string().nullable(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

const Query = z.strictObject({
  action: z.string().max(60).optional(),
  username: z.string().max(40).optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  objectType: z.string().max(40).optional(),
  objectId: z.string().max(80).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** 审计日志 — read and verify; only the audit administrator's permissions open these. */
export function auditRoutes(app: ZodApp, s: Services) {
  const tags = ['audit'];
  app.get('/api/audit', {
    config: { access: { permission: 'audit.read' } },
    schema: { tags, summary: '审计日志 / audit log', querystring: Query, response: { 200: z.object({ items: z.array(Entry), nextCursor: z.number().nullable() }) } },
  }, async (req) => {
    const q = req.query;
    const actor = actorOf(req);
    const rows = await s.audit.list({
      action: q.action, actorName: q.username, outcome: q.outcome, objectType: q.objectType, objectId: q.objectId,
      from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined, beforeId: q.cursor, limit: q.limit + 1,
    });
    if (!q.cursor) await s.audit.record({ actor: auditActor(actor), action: 'audit.read', ip: actor.ip, detail: { filter: { ...q, limit: undefined } } });
    const items = rows.slice(0, q.limit).map((r) => ({
      id: r.id, occurredAt: r.occurred_at, actorId: r.actor_id, username: r.actor_name, action: r.action, outcome: r.outcome,
      ip: r.ip, objectType: r.object_type, objectId: r.object_id, reason: r.reason, detail: r.detail,
    }));
    return { items, nextCursor: rows.length > q.limit ? items[items.length - 1]!.id : null };
  });

  app.get('/api/audit/actions', {
    config: { access: { permission: 'audit.read' } },
    schema: { tags, summary: '审计动作 / audited actions', response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })) }) } },
  }, async () => ({ items: s.audit.actions() }));

  app.post('/api/audit/verify', {
    config: { access: { permission: 'audit.verify' } },
    schema: { tags, summary: '校验审计链 / verify the chain', response: { 200: z.object({ ok: z.boolean(), checked: z.number(), pending: z.number(), firstBadId: z.number().optional(), reason: z.string().optional() }) } },
  }, async (req) => {
    const actor = actorOf(req);
    const result = await s.audit.verify();
    await s.audit.record({ actor: auditActor(actor), action: 'audit.verify', outcome: result.ok ? 'success' : 'failure', ip: actor.ip, detail: { ...result } });
    return result;
  });
}
