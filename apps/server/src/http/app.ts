import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config/env.js';
import type { Database } from '../db/database.js';
import { AppError, commonError } from '../shared/errors.js';
import type { Services } from '../services.js';
import { SESSION_GONE } from '../db/scope.js';
import { accessHook, SESSION_COOKIE, sessionCheckHook } from './access.js';
import { fromValidationError } from './validation.js';
import { accountsRoutes } from '../modules/accounts/accounts.routes.js';
import { auditRoutes } from '../modules/audit/audit.routes.js';
import { healthRoutes } from '../modules/health/health.routes.js';
import { jurisdictionRoutes } from '../modules/jurisdiction/jurisdiction.routes.js';
import { peopleRoutes } from '../modules/registry/people.routes.js';
import { dictionariesRoutes } from '../modules/registry/dictionaries.routes.js';
import { housingRoutes } from '../modules/registry/housing.routes.js';
import { relationsRoutes } from '../modules/registry/relations.routes.js';
import { recordsRoutes } from '../modules/registry/records.routes.js';
import { mapRoutes } from '../modules/registry/map.routes.js';
import { mergeRoutes } from '../modules/registry/merge.routes.js';
import { privacyRoutes } from '../modules/privacy/privacy.routes.js';
import { qualityRoutes } from '../modules/quality/quality.routes.js';
import { surveyRoutes } from '../modules/survey/survey.routes.js';
import { exportsRoutes } from '../modules/exports/exports.routes.js';
import { importsRoutes } from '../modules/imports/imports.routes.js';
import { elderRoutes } from '../modules/elder/elder.routes.js';
import { analysisRoutes } from '../modules/analysis/analysis.routes.js';
import { devicesRoutes } from '../modules/devices/devices.routes.js';
import { careRoutes } from '../modules/care/care.routes.js';

export type App = FastifyInstance;
export type ZodApp = FastifyInstance<
  FastifyInstance['server'], import('node:http').IncomingMessage, import('node:http').ServerResponse, FastifyBaseLogger, ZodTypeProvider
>;

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/** PostgreSQL error codes that mean something to the caller rather than a bug. */
function fromDatabaseError(e: { code?: string }): AppError | null {
  switch (e.code) {
    case '42501': return commonError('FORBIDDEN'); // row-level security refused a write
    case '40001': case '40P01': return commonError('VERSION_CONFLICT');
    case SESSION_GONE: return commonError('UNAUTHENTICATED'); // the session ended while its principal was cached
    default: return null;
  }
}

/** Builds the HTTP API (and the web app's static files) on top of the services. */
export async function buildApp(opts: { config: Config; db: Database; services: Services; logger?: boolean | object }): Promise<App> {
  const { config, services } = opts;
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: config.http.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => commonError('RATE_LIMITED'),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Linli 邻里 API', description: '智慧社区综合信息平台接口', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'linli_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // Every API route must say who may call it.
  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (url.startsWith('/api/') && !url.startsWith('/api/docs') && !route.config?.access) {
      throw new Error(`route ${route.method} ${url} declares no access rule`);
    }
  });
  app.decorateRequest('actor', null);
  app.addHook('onRequest', accessHook(services.auth));
  app.addHook('onSend', sessionCheckHook(services.auth));
  app.addHook('onReady', () => services.auth.startCache());
  app.addHook('onClose', () => services.auth.stopCache());

  app.setErrorHandler(async (error: FastifyError, req, reply) => {
    if ((error as { code?: string }).code === SESSION_GONE && req.actor) {
      await services.auth.refused(req.cookies[SESSION_COOKIE] ?? '', req.ip);
      req.actor = null;
    }
    const known =
      error instanceof AppError
        ? error
        : (fromValidationError(error) ??
          fromDatabaseError(error as { code?: string }) ??
          (error.statusCode === 429 ? commonError('RATE_LIMITED') : null) ??
          (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? commonError('PAYLOAD_TOO_LARGE') : null) ??
          (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? commonError('UNSUPPORTED_MEDIA_TYPE') : null) ??
          (error.statusCode === 400 ? commonError('BAD_REQUEST', { summary: error.message }) : null));
    if (known) {
      if (known.status === 429) reply.header('retry-after', '60');
      return reply.status(known.status).send(known.toBody());
    }
    req.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send({ code: 'INTERNAL', message: '系统内部错误，请稍后再试', messageEn: 'Internal error; try again later' });
  });

  app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () => app.swagger());

  await app.register(async (api) => {
    healthRoutes(api, { db: opts.db, services, config });
    accountsRoutes(api, services, config);
    jurisdictionRoutes(api, services);
    auditRoutes(api, services);
    peopleRoutes(api, services);
    dictionariesRoutes(api);
    housingRoutes(api, services);
    relationsRoutes(api, services);
    recordsRoutes(api, services);
    mergeRoutes(api, services);
    mapRoutes(api, services);
    qualityRoutes(api, services);
    privacyRoutes(api, services);
    surveyRoutes(api, services);
    exportsRoutes(api, services);
    importsRoutes(api, services);
    elderRoutes(api, services);
    analysisRoutes(api, services);
    devicesRoutes(api, services);
    careRoutes(api, services);
  });

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) return reply.status(404).send(commonError('ROUTE_NOT_FOUND').toBody());
    if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) return reply.type('text/html').sendFile('index.html');
    return reply.status(503).type('text/plain; charset=utf-8').send('网页尚未构建：请运行 npm run build:web / the web app is not built: run npm run build:web');
  });
  if (fs.existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: 'index.html' });
  }
  return app;
}
