import { z } from 'zod';
import type { Config } from '../../config/env.js';
import type { Database } from '../../db/database.js';
import type { ZodApp } from '../../http/app.js';
import type { Services } from '../../services.js';

const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['pglite', 'postgresql']),
  mode: z.enum(['demo', 'production']),
  version: z.string(),
  roles: z.array(z.string()),
  time: z.string(),
});

/** Liveness and what this instance runs on; public, reveals no data. */
export function healthRoutes(app: ZodApp, deps: { db: Database; services: Services; config: Config }) {
  app.get(
    '/api/health',
    { config: { access: { public: true } }, schema: { tags: ['system'], summary: '健康检查 / health', response: { 200: Health, 503: Health } } },
    async (_req, reply) => {
      let ok = true;
      try {
        await deps.db.query('SELECT 1');
      } catch {
        ok = false;
      }
      return reply.status(ok ? 200 : 503).send({
        status: ok ? 'ok' : 'degraded',
        database: deps.db.kind,
        mode: deps.config.mode,
        version: '0.1.0',
        roles: [...deps.config.roles],
        time: new Date().toISOString(),
      });
    },
  );
}
