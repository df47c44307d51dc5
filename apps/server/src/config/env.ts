import path from 'node:path';
import { z } from 'zod';

/**
 * The one validated configuration of Linli. Every setting is declared here once, documented,
 * and checked at boot; a wrong value stops the process with a message naming the setting.
 * Settings marked `public` may be shown to the browser (none today).
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  // ---- runtime mode ----
  /** `demo` seeds the Suining pilot and demo accounts on first start; `production` never does. */
  LINLI_MODE: z.enum(['demo', 'production']).optional(),
  NODE_ENV: z.string().optional(),
  /** Which roles of the program run in this process: api, jobs, devices (comma separated). */
  LINLI_ROLES: z
    .string()
    .default('api,jobs,devices')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['api', 'jobs', 'devices'])).min(1)),

  // ---- HTTP ----
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Set when behind a reverse proxy terminating TLS, so client IPs and https are seen. */
  TRUST_PROXY: bool.default(false),
  /** Secure flag on cookies; defaults to on in production. */
  COOKIE_SECURE: bool.optional(),

  // ---- storage ----
  /** postgres://… switches from the embedded PGlite to PostgreSQL. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /**
   * Master key of field encryption (citizen IDs, phones, health data): 32 bytes, base64. Kept
   * outside the database. In demo mode a key is generated into the data folder when absent.
   */
  LINLI_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  /** Folder of the embedded database, keys and uploads. */
  LINLI_DATA_DIR: z.string().min(1).default('data'),

  // ---- devices ----
  /** External MQTT broker (mqtt://host:1883); without it an embedded broker is started. */
  MQTT_URL: z.string().regex(/^mqtts?:\/\//, 'must start with mqtt:// or mqtts://').optional(),
  /** Port of the embedded MQTT broker (0 = any free port). */
  MQTT_PORT: int(0, 65535).default(1884),
  /** TCP port of the "3G" watch text protocol (0 = any free port). */
  WATCH_TCP_PORT: int(0, 65535).default(7700),
  /** A safe-zone exit is confirmed after this many clear fixes outside … */
  ZONE_EXIT_FIXES: int(1, 20).default(3),
  /** … or after this many minutes outside, whichever comes first. */
  ZONE_EXIT_MINUTES: int(1, 120).default(5),
  /** An unacknowledged alert goes up a level (family → grid worker → emergency contact) after this many minutes. */
  ALERT_ESCALATE_MINUTES: int(1, 1440).default(5),
  /** A watch silent for this many minutes is offline (and alerts). */
  WATCH_OFFLINE_MINUTES: int(1, 1440).default(15),
  /** Battery percentage at or below which a watch alerts (once a day). */
  WATCH_LOW_BATTERY: int(1, 50).default(15),
  /** Raw watch fixes (location tracks) older than this many days are purged; alerts keep their own position. */
  POSITION_RETENTION_DAYS: int(1, 3650).default(180),
  /** Health-kiosk readings older than this many days are purged (their follow-up events stay). */
  READING_RETENTION_DAYS: int(1, 3650).default(730),
  /** Days within which a resident's request to see, copy, correct or delete their data is to be answered. */
  PRIVACY_REQUEST_DAYS: int(1, 90).default(15),

  // ---- accounts and sessions (MLPS level 3 profile by default) ----
  SESSION_IDLE_MINUTES: int(1, 30).default(30),
  SESSION_ABSOLUTE_HOURS: int(1, 12).default(12),
  /**
   * Seconds a session's principal (roles, permissions, nodes) is kept in memory between requests
   * (0 = read on every request). Changes reach every instance at once by NOTIFY; this bounds what
   * a lost notification could leave. Whether the session may be used is checked every request.
   */
  SESSION_CACHE_SECONDS: int(0, 300).default(60),
  LOCKOUT_THRESHOLD: int(3, 10).default(5),
  LOCKOUT_MINUTES: int(1, 1440).default(30),
  LOGIN_RATE_LIMIT_PER_MINUTE: int(1, 10000).default(30),
  PASSWORD_HISTORY: int(0, 24).default(5),
  /** Password expiry in days (0 = never). MLPS assessors expect rotation; ASVS advises against. */
  PASSWORD_MAX_AGE_DAYS: int(0, 3650).default(90),
  /** Administrators must enrol TOTP before doing anything else. Defaults to on in production. */
  REQUIRE_TOTP_FOR_ADMINS: bool.optional(),

  // ---- maps
  /**
   * Basemap tile URL template ({z}/{x}/{y}), e.g. a 天地图 WMTS URL with your key. Without it the
   * map draws Linli's own layers on a plain background and needs no internet.
   */
  MAP_TILE_URL: z.string().regex(/^https?:\/\/.*\{z\}.*\{x\}.*\{y\}/, 'must be an http(s) URL template with {z}, {x} and {y}').optional(),
  MAP_TILE_ATTRIBUTION: z.string().max(200).optional(),

  // ---- data collection (imports)
  /** Largest spreadsheet accepted for import, in MB (a larger upload gets 413). */
  IMPORT_MAX_MB: int(1, 2048).default(200),
  /** Largest legacy .xls accepted, in MB: SheetJS reads an .xls whole into memory. */
  IMPORT_XLS_MAX_MB: int(1, 200).default(20),

  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof envSchema>) {
  const production = env.LINLI_MODE === 'production' || (env.LINLI_MODE === undefined && env.NODE_ENV === 'production');
  const dataDir = path.resolve(env.LINLI_DATA_DIR);
  return {
    mode: production ? ('production' as const) : ('demo' as const),
    roles: new Set(env.LINLI_ROLES),
    http: {
      port: env.PORT,
      host: env.HOST,
      trustProxy: env.TRUST_PROXY,
      cookieSecure: env.COOKIE_SECURE ?? production,
    },
    database: env.DATABASE_URL
      ? ({ kind: 'postgresql' as const, url: env.DATABASE_URL })
      : ({ kind: 'pglite' as const, dir: path.join(dataDir, 'pglite') }),
    dataDir,
    encryptionKey: env.LINLI_ENCRYPTION_KEY ? Buffer.from(env.LINLI_ENCRYPTION_KEY, 'base64') : undefined,
    mqtt: env.MQTT_URL ? { external: true as const, url: env.MQTT_URL } : { external: false as const, port: env.MQTT_PORT },
    devices: {
      watchTcpPort: env.WATCH_TCP_PORT,
      zoneExitFixes: env.ZONE_EXIT_FIXES,
      zoneExitMinutes: env.ZONE_EXIT_MINUTES,
      escalateMs: env.ALERT_ESCALATE_MINUTES * 60_000,
      offlineMs: env.WATCH_OFFLINE_MINUTES * 60_000,
      lowBattery: env.WATCH_LOW_BATTERY,
      positionRetentionDays: env.POSITION_RETENTION_DAYS,
      readingRetentionDays: env.READING_RETENTION_DAYS,
    },
    privacy: { requestDays: env.PRIVACY_REQUEST_DAYS },
    auth: {
      sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
      sessionAbsoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000,
      sessionCacheMs: env.SESSION_CACHE_SECONDS * 1000,
      lockoutThreshold: env.LOCKOUT_THRESHOLD,
      lockoutMs: env.LOCKOUT_MINUTES * 60_000,
      loginRatePerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE,
      passwordHistory: env.PASSWORD_HISTORY,
      passwordMaxAgeDays: env.PASSWORD_MAX_AGE_DAYS,
      requireTotpForAdmins: env.REQUIRE_TOTP_FOR_ADMINS ?? production,
    },
    map: { tileUrl: env.MAP_TILE_URL, tileAttribution: env.MAP_TILE_ATTRIBUTION },
    imports: { maxBytes: env.IMPORT_MAX_MB * 1024 * 1024, xlsMaxBytes: env.IMPORT_XLS_MAX_MB * 1024 * 1024 },
    logLevel: env.LOG_LEVEL,
  };
}

/** A setting was missing or wrong; the message names it. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Linli 配置错误 / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the configuration from an environment (process.env by default). */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message} (value: ${JSON.stringify(picked[String(i.path[0])] ?? null)})`),
    );
  }
  return toConfig(parsed.data);
}
