import crypto from 'node:crypto';
import { Command } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config/env.js';
import { openDatabase } from '../db/open.js';
import { PERSONAL_DATA_CATEGORIES, type PersonalDataCategory, readPersonalData } from '../db/personal-data.js';
import { ensureBaseData, startLinli } from '../runtime.js';
import { createServices } from '../services.js';
import { ensureWebBuilt } from './web-build.js';
import { createFieldCipher, fieldCipherFor } from '../crypto/field-cipher.js';

/** Reads the configuration or exits naming the wrong setting. */
function config(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}

async function withServices<T>(fn: (ctx: Awaited<ReturnType<typeof open>>) => Promise<T>): Promise<T> {
  const ctx = await open();
  try {
    return await fn(ctx);
  } finally {
    await ctx.db.close();
  }
}

async function open() {
  const cfg = config();
  const db = await openDatabase(cfg);
  const cipher = fieldCipherFor(cfg);
  return { cfg, db, cipher, services: createServices(db, cfg, cipher) };
}

/** A temporary password that meets the rule; shown once, must be changed at first sign-in. */
function temporaryPassword(): string {
  return `Ll-${crypto.randomBytes(9).toString('base64url')}7a`;
}

const program = new Command('linli').description('Linli 邻里 — 智慧社区综合信息平台');

program
  .command('start')
  .description('启动 Linli / start Linli (API, background jobs and device ingestion by default)')
  .option('--no-build', 'do not build the web app when it is missing or older than its sources')
  .action(async (opts: { build: boolean }) => {
    const cfg = config();
    if (opts.build && cfg.roles.has('api')) await ensureWebBuilt();
    const running = await startLinli(cfg);
    const stop = async () => {
      await running.stop();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    console.log('');
    console.log(`  Linli 邻里 已启动 / started — ${running.db.kind === 'pglite' ? `PGlite (${cfg.dataDir})` : 'PostgreSQL'}, ${cfg.mode} mode`);
    if (running.url) console.log(`  打开 / open: ${running.url}`);
    if (running.broker) console.log(`  MQTT: ${running.broker.url}`);
    if (cfg.mode === 'demo') console.log('  演示账号 / demo accounts: admin, security, auditor, city, chuanshan, anju, worker, grid, eldercare, assessor, caregiver, property, resident — 密码 / password Demo@2026');
    console.log('');
  });

program
  .command('migrate')
  .description('应用数据库迁移 / apply database migrations')
  .action(async () => withServices(async () => console.log('migrations applied')));

program
  .command('seed')
  .description('导入行政区划；演示模式下创建演示网格、账号和试点数据 / load the division tree (and demo data in demo mode)')
  .option('--scale <scale>', 'pilot (default) or city: 3 M people and 1.2 M houses for benchmarks (PostgreSQL only)', 'pilot')
  .option('--elder-scale <scale>', 'city: 500 k elders (archives, assessments) and 10 M care visits, checked against a live GROUP BY (PostgreSQL only)')
  .option('--elders <n>', 'with --elder-scale: elders instead of 500 000', (v) => Number(v))
  .option('--visits <n>', 'with --elder-scale: care visits instead of 10 000 000', (v) => Number(v))
  .action(async (opts: { scale: string; elderScale?: string; elders?: number; visits?: number }) =>
    withServices(async ({ cfg, db, services, cipher }) => {
      await ensureBaseData(db, services, cfg, cipher, console.log);
      if (opts.scale === 'city') {
        if (cfg.database.kind !== 'postgresql') throw new Error('--scale city needs DATABASE_URL (PostgreSQL)');
        const { openPostgres } = await import('../db/database.js');
        const { seedCityScale } = await import('../seed/city-scale.js');
        const owner = await openPostgres(cfg.database.url, { asAppRole: false, max: 1 });
        try {
          await seedCityScale(owner, cipher);
        } finally {
          await owner.close();
        }
      } else if (opts.scale !== 'pilot') {
        throw new Error(`unknown scale ${opts.scale} (pilot or city)`);
      }
      if (opts.elderScale !== undefined) {
        if (opts.elderScale !== 'city') throw new Error(`unknown elder scale ${opts.elderScale} (city)`);
        if (cfg.database.kind !== 'postgresql') throw new Error('--elder-scale city needs DATABASE_URL (PostgreSQL)');
        const { openPostgres } = await import('../db/database.js');
        const { ELDER_CITY_SCALE, seedElderCity, verifyElderCity } = await import('../seed/elder-city.js');
        const owner = await openPostgres(cfg.database.url, { asAppRole: false, max: 1 });
        try {
          const r = await seedElderCity(owner, cipher, { elders: opts.elders ?? ELDER_CITY_SCALE.elders, visits: opts.visits ?? ELDER_CITY_SCALE.visits });
          console.log(`elder city scale loaded in ${r.seconds} s`);
        } finally {
          await owner.close();
        }
        const v = await verifyElderCity(db);
        console.log(`aggregates against a live GROUP BY: ${JSON.stringify(v)}`);
        if (!v.elderStatsEqual || !v.careFiguresEqual) throw new Error('pre-aggregated figures differ from the live GROUP BY');
      }
      console.log('seed done');
    }),
  );

const admin = program.command('admin').description('管理员账号 / administrator accounts');
admin
  .command('create')
  .description('创建管理员（首次登录须修改密码）/ create an administrator who must change the password at first sign-in')
  .requiredOption('--username <username>')
  .option('--display-name <name>', '显示名称', '系统管理员')
  .option('--role <role>', 'sys_admin | security_admin | audit_admin', 'sys_admin')
  .option('--node <code>', 'jurisdiction code', '5109')
  .action(async (opts: { username: string; displayName: string; role: string; node: string }) =>
    withServices(async ({ cfg, db, services, cipher }) => {
      await ensureBaseData(db, services, { ...cfg, mode: 'production' }, cipher);
      const { withScope, systemScope } = await import('../db/scope.js');
      const { byCode } = await import('../modules/jurisdiction/jurisdiction.repository.js');
      const { today } = await import('../shared/dates.js');
      const node = await withScope(db, systemScope('admin create'), (tx) => byCode(tx, opts.node, today()));
      if (!node) throw new Error(`no jurisdiction node with code ${opts.node}`);
      const password = temporaryPassword();
      const user = await services.users.createAsSystem(
        { username: opts.username, displayName: opts.displayName, password, roleCodes: [opts.role], jurisdictionIds: [node.id] },
        { mustChangePassword: true },
      );
      console.log(`已创建 / created ${user.username} (${opts.role}) — 临时密码 / temporary password: ${password}`);
      console.log('首次登录须修改密码 / the password must be changed at first sign-in');
    }),
  );

program
  .command('openapi')
  .description('输出 OpenAPI 文档 / write the OpenAPI document (no database needed)')
  .requiredOption('--out <file>')
  .action(async (opts: { out: string }) => {
    const fs = await import('node:fs');
    const { buildApp } = await import('../http/app.js');
    // no database: nothing to listen to for the session cache either
    const cfg = loadConfig({ LINLI_MODE: 'demo', SESSION_CACHE_SECONDS: '0' });
    const offline = new Proxy({} as import('../db/database.js').Database, {
      get: (_t, prop) => (prop === 'kind' ? 'pglite' : () => Promise.reject(new Error('no database while writing the OpenAPI document'))),
    });
    const app = await buildApp({ config: cfg, db: offline, services: createServices(offline, cfg, createFieldCipher(crypto.randomBytes(32))) });
    await app.ready();
    fs.writeFileSync(opts.out, JSON.stringify(app.swagger(), null, 2) + '\n');
    await app.close();
    console.log(`wrote ${opts.out}`);
  });

program
  .command('import')
  .description('导入表格（xlsx/xls/csv）/ import a spreadsheet of people, houses or organisations')
  .argument('<file>')
  .option('--kind <kind>', 'people | houses | organizations', 'people')
  .option('--mapping <file>', 'JSON: {"列号或表头 / column or header": "field"}')
  .option('--dry-run', '只校验，不写入 / validate only, write nothing')
  .option('--as <username>', '以该用户身份及其辖区导入 / import as this user, in their jurisdiction')
  .option('--node <code>', '导入到的社区或网格代码 / community or grid code (default: the user\'s)')
  .option('--create-duplicates', '疑似重复的行也新增 / create rows that look like duplicates too')
  .option('--skip-updates', '不更新已登记的记录 / do not update registered records')
  .option('--batch-size <n>', '每批行数 / rows per transaction')
  .action(async (file: string, opts: Parameters<typeof import('../modules/imports/imports.cli.js').importCommand>[2]) =>
    withServices(async ({ services }) => {
      const { importCommand } = await import('../modules/imports/imports.cli.js');
      process.exitCode = await importCommand(services, file, opts);
    }),
  );

program
  .command('simulate')
  .description('模拟定位手表与健康小屋 / simulated watches and kiosks against a running Linli (demos, load tests)')
  .option('--watches <n>', '手表数 / watches', '20')
  .option('--kiosks <n>', '健康小屋数 / kiosks', '1')
  .option('--url <url>', 'Linli 地址 / Linli URL', 'http://127.0.0.1:3000')
  .option('--mqtt <url>', 'MQTT broker', 'mqtt://127.0.0.1:1884')
  .option('--tcp <host:port>', '3G 手表 TCP 端口 / 3G watch TCP address', '127.0.0.1:7700')
  .option('--seconds <n>', '运行时长 / how long', '300')
  .option('--interval <s>', '每只手表上报间隔（秒）/ seconds between a watch\'s reports', '10')
  .option('--user <name>', '登记设备所用账号 / account that registers devices', 'worker')
  .option('--password <pw>', '密码 / password', 'Demo@2026')
  .action(async (opts: Record<string, string>) => {
    const { simulate } = await import('../modules/devices/devices.simulate.js');
    await simulate({
      url: opts.url!, mqtt: opts.mqtt!, tcp: opts.tcp!, watches: Number(opts.watches), kiosks: Number(opts.kiosks), seconds: Number(opts.seconds),
      interval: Number(opts.interval), user: opts.user!, password: opts.password!, log: console.log,
    });
  });

const audit = program.command('audit').description('审计日志 / audit log');
audit
  .command('verify')
  .description('校验审计日志哈希链 / verify the audit log hash chain')
  .action(async () =>
    withServices(async ({ services }) => {
      const r = await services.audit.verify();
      if (r.ok) {
        console.log(`审计链完整 / audit chain intact: ${r.checked} rows${r.pending ? `, ${r.pending} written since (linked next)` : ''}`);
      } else {
        console.error(`审计链被破坏 / audit chain broken at row ${r.firstBadId}: ${r.reason} (${r.checked} rows before it verified)`);
        process.exitCode = 1;
      }
    }),
  );

program
  .command('privacy-check')
  .description('检查个人信息清单：每张表、每个敏感字段已标注类别，敏感字段已加密 / check the personal-data inventory in the schema')
  .action(async () =>
    withServices(async ({ db }) => {
      const { columns, findings } = await readPersonalData(db);
      const counts = new Map<string, number>();
      for (const c of columns) if (c.category && c.category !== 'none') counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
      console.log([...counts].map(([k, n]) => `${PERSONAL_DATA_CATEGORIES[k as PersonalDataCategory].zh} ${n}`).join('，'));
      for (const f of findings) console.error(`${f.message} / ${f.messageEn}`);
      if (findings.length) process.exitCode = 1;
      else console.log('个人信息清单完整 / personal-data inventory complete');
    }),
  );

program.parseAsync(process.argv).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
