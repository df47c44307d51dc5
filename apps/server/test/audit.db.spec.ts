import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, pgliteOf } from '../src/db/database.js';
import { buildUser, login } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestContext();
});
afterAll(() => ctx?.close());

const auditRows = (where: string, params: unknown[]) =>
  ctx.asOwner((db) => db.query<{ id: number; action: string; outcome: string; ip: string; actor_name: string; object_id: string | null }>(
    `SELECT id, action, outcome, ip, actor_name, object_id FROM audit_log WHERE ${where} ORDER BY id`, params,
  )).then((r) => r.rows);

describe('audit log', () => {
  it('records every sign-in, ok and failed, and every sign-out, with user, outcome and source IP', async () => {
    const u = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'Wrong#2026x' }, remoteAddress: '192.0.2.7' });
    const a = await login(ctx, u.username, undefined, {}, '192.0.2.8');
    await a.post('/api/auth/logout');
    const rows = await auditRows('actor_name = $1', [u.username]);
    expect(rows.map((r) => [r.action, r.outcome, r.ip])).toEqual([
      ['auth.login', 'failure', '192.0.2.7'],
      ['auth.login', 'success', '192.0.2.8'],
      ['auth.logout', 'success', '192.0.2.8'],
    ]);
  });

  it('adds exactly one row for one read of a user’s personal details', async () => {
    const admin = await buildUser(ctx, { roles: ['sys_admin'], nodes: ['510903'] });
    const target = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    const a = await login(ctx, admin.username);
    const before = await auditRows('object_id = $1', [target.id]);
    expect((await a.get(`/api/users/${target.id}`)).status).toBe(200);
    const after = await auditRows('object_id = $1', [target.id]);
    expect(after.length - before.length).toBe(1);
    expect(after.at(-1)).toMatchObject({ action: 'user.read', actor_name: admin.username });
  });

  it('records role and jurisdiction changes with what they were', async () => {
    const admin = await buildUser(ctx, { roles: ['sys_admin'], nodes: ['510903'] });
    const target = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    const a = await login(ctx, admin.username);
    expect((await a.patch(`/api/users/${target.id}`, { roleCodes: ['community_worker'], version: target.version })).status).toBe(200);
    const { rows } = await ctx.asOwner((db) => db.query<{ detail: { from: string[]; to: string[] } }>(
      `SELECT detail FROM audit_log WHERE object_id = $1 AND action = 'user.role_change'`, [target.id]));
    expect(rows[0]!.detail).toEqual({ from: ['grid_worker'], to: ['community_worker'] });
  });

  it('is append-only for the application: its database role can neither update nor delete rows', async () => {
    await expect(ctx.db.query(`UPDATE audit_log SET actor_name = 'x'`)).rejects.toThrow(/permission denied|append-only/);
    await expect(ctx.db.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied|append-only/);
    // even the owner is stopped by the trigger
    await expect(ctx.asOwner((db) => db.query(`UPDATE audit_log SET actor_name = 'x'`))).rejects.toThrow(/append-only/);
  });

  it('links rows in the order they commit, not the order they were numbered, and verifies', async () => {
    const u = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    const entry = (n: number) => ({ actor: { id: u.id, name: u.username }, action: 'user.read' as const, objectType: 'test', objectId: `late-${n}` });
    // A takes the lower id but commits after B, and after a linking round has run.
    let releaseA!: () => void;
    const aWritten = new Promise<void>((resolve) => {
      void ctx.db.transaction(async (tx) => {
        await ctx.services.audit.recordIn(tx, entry(1));
        resolve();
        await new Promise<void>((r) => (releaseA = r));
      });
    });
    await aWritten;
    if (ctx.kind === 'postgresql') {
      await ctx.services.audit.record(entry(2));
      expect(await ctx.services.audit.linkPending()).toBeGreaterThan(0);
    }
    releaseA();
    await new Promise((r) => setTimeout(r, 50));
    const r = await ctx.services.audit.verify();
    expect(r).toMatchObject({ ok: true, pending: 0 });
    const rows = (await ctx.asOwner((db) => db.query<{ id: number; chain_seq: number; object_id: string }>(
      `SELECT id, chain_seq, object_id FROM audit_log WHERE object_id LIKE 'late-%' ORDER BY id`))).rows;
    expect(rows.every((x) => x.chain_seq !== null)).toBe(true);
    if (ctx.kind === 'postgresql') expect(rows[0]!.chain_seq).toBeGreaterThan(rows[1]!.chain_seq);
  });

  it('keeps many concurrent writers in one unbroken chain', async () => {
    const u = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    await Promise.all(Array.from({ length: 40 }, (_, i) => ctx.services.audit.record({ actor: { id: u.id, name: u.username }, action: 'user.read', objectId: `c${i}` })));
    await Promise.all([ctx.services.audit.linkPending(), ctx.services.audit.linkPending()]);
    const r = await ctx.services.audit.verify();
    expect(r.ok).toBe(true);
    const seqs = (await ctx.asOwner((db) => db.query<{ n: number; d: number; mx: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT chain_seq)::int AS d, max(chain_seq)::int AS mx FROM audit_log'))).rows[0]!;
    expect(seqs).toEqual({ n: seqs.mx, d: seqs.mx, mx: r.checked });
  });

  it('lets the application link a row once and never relink or alter it', async () => {
    const u = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    await ctx.services.audit.record({ actor: { id: u.id, name: u.username }, action: 'user.read', objectId: 'once' });
    await ctx.services.audit.linkPending();
    const [row] = (await ctx.asOwner((db) => db.query<{ id: number }>(`SELECT id FROM audit_log WHERE object_id = 'once'`))).rows;
    await expect(ctx.db.query(`UPDATE audit_log SET hash = 'f00', prev_hash = 'f00', chain_seq = 999999 WHERE id = $1`, [row!.id])).rejects.toThrow(/append-only/);
    await expect(ctx.db.query(`UPDATE audit_log SET reason = 'x' WHERE id = $1`, [row!.id])).rejects.toThrow(/permission denied|append-only/);
  });

  it('verifies the chain, and names the first altered row', async () => {
    const u = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    await login(ctx, u.username);
    expect(await ctx.services.audit.verify()).toMatchObject({ ok: true });
    const [target] = await auditRows(`actor_name = $1 AND action = 'auth.login'`, [u.username]);
    await ctx.asOwner(async (db) => {
      await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await db.query(`UPDATE audit_log SET ip = '203.0.113.99' WHERE id = $1`, [target!.id]);
      await db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    });
    const r = await ctx.services.audit.verify();
    expect(r).toMatchObject({ ok: false, firstBadId: target!.id });
    expect(r.reason).toMatch(/altered/);
    await ctx.asOwner(async (db) => {
      await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await db.query(`UPDATE audit_log SET ip = $2 WHERE id = $1`, [target!.id, target!.ip]);
      await db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    });
    expect(await ctx.services.audit.verify()).toMatchObject({ ok: true });
  });

  it('names the row after a removed one', async () => {
    const u = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    for (const n of [1, 2, 3]) await ctx.services.audit.record({ actor: { id: u.id, name: u.username }, action: 'user.read', objectId: `rm${n}` });
    expect((await ctx.services.audit.verify()).ok).toBe(true);
    const rows = (await ctx.asOwner((db) => db.query<{ id: number }>(`SELECT id FROM audit_log WHERE object_id LIKE 'rm%' ORDER BY chain_seq`))).rows;
    await ctx.asOwner(async (db) => {
      await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await db.query('DELETE FROM audit_log WHERE id = $1', [rows[1]!.id]);
      await db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    });
    expect(await ctx.services.audit.verify()).toMatchObject({ ok: false, firstBadId: rows[2]!.id });
  });

  it('`linli audit verify` exits non-zero and names the first bad row', async () => {
    // The CLI opens the database the way a deployment does: the test's copy, made reachable to it.
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>), LINLI_MODE: 'production', LOG_LEVEL: 'silent',
      LINLI_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    let dir: string | undefined;
    if (ctx.kind === 'pglite') {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-cli-'));
      const dump = await pgliteOf(ctx.db)!.dumpDataDir('gzip');
      const copy = await openPglite({ dir: path.join(dir, 'pglite'), loadDataDir: dump });
      await copy.close();
      env.LINLI_DATA_DIR = dir;
      delete env.DATABASE_URL;
    } else {
      const { rows } = await ctx.db.query<{ db: string }>('SELECT current_database() AS db');
      const u = new URL(process.env.TEST_DATABASE_URL!);
      u.pathname = `/${rows[0]!.db}`;
      env.DATABASE_URL = u.toString();
    }
    const r = spawnSync(process.execPath, ['bin/linli.mjs', 'audit', 'verify'], { env, encoding: 'utf8', timeout: 150_000 });
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/audit chain broken at row \d+/);
    // a second program copying and opening a whole database: minutes when the tiers share two busy cores
  }, 180_000);
});
