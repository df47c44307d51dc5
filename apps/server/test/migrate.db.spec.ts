import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/db/migrate.js';
import sealChangeLog, { SEALED_COLUMN, SEALED_KEY } from '../src/db/migrations/20261202_0910_change_log_sealed.step.js';
import { setupTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestContext();
});
afterAll(() => ctx?.close());

describe('migrations with data steps', () => {
  it('moves a plaintext column to ciphertext on a database that holds rows: add → seal step → drop, in order, once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-migrations-'));
    fs.writeFileSync(path.join(dir, '29990101_0100_pet_added.sql'), `CREATE TABLE pet_owner (id int PRIMARY KEY, phone text); INSERT INTO pet_owner VALUES (1, '13800138000'), (2, NULL);`);
    fs.writeFileSync(path.join(dir, '29990101_0200_pet_sealed.sql'), `ALTER TABLE pet_owner ADD COLUMN phone_enc text;`);
    const stepImport = path.resolve('apps/server/src/db/database.ts');
    fs.writeFileSync(path.join(dir, '29990101_0201_pet_seal.step.ts'), `
import type { Queryable } from ${JSON.stringify(stepImport.replace(/\.ts$/, '.js'))};
export default async function (tx: Queryable, { cipher }: { cipher: { encrypt(p: string, c: string): string } }) {
  const { rows } = await tx.query<{ id: number; phone: string }>('SELECT id, phone FROM pet_owner WHERE phone IS NOT NULL');
  for (const r of rows) await tx.query('UPDATE pet_owner SET phone_enc = $2 WHERE id = $1', [r.id, cipher.encrypt(r.phone, 'pet_owner.phone_enc')]);
}`);
    fs.writeFileSync(path.join(dir, '29990101_0202_pet_plain_dropped.sql'), `ALTER TABLE pet_owner DROP COLUMN phone;`);
    const done = await ctx.asOwner((db) => migrate(db, { cipher: ctx.cipher }, dir));
    expect(done).toEqual(['29990101_0100_pet_added.sql', '29990101_0200_pet_sealed.sql', '29990101_0201_pet_seal.step.ts', '29990101_0202_pet_plain_dropped.sql']);
    const { rows } = await ctx.asOwner((db) => db.query<{ id: number; phone_enc: string | null }>('SELECT id, phone_enc FROM pet_owner ORDER BY id'));
    expect(rows[0]!.phone_enc).toMatch(/^v1:/);
    expect(ctx.cipher.decrypt(rows[0]!.phone_enc!, 'pet_owner.phone_enc')).toBe('13800138000');
    expect(rows[1]!.phone_enc).toBeNull();
    // applied once: a second migrate runs nothing
    expect(await ctx.asOwner((db) => migrate(db, { cipher: ctx.cipher }, dir))).toEqual([]);
    // and a step changed after it ran is refused, like a changed SQL file
    fs.appendFileSync(path.join(dir, '29990101_0201_pet_seal.step.ts'), '\n// edited\n');
    await expect(ctx.asOwner((db) => migrate(db, { cipher: ctx.cipher }, dir))).rejects.toThrow(/was changed after it was applied/);
    fs.rmSync(dir, { recursive: true });
  });

  it('seals the health archive and check-in positions that the change history kept in plaintext, and nothing else', async () => {
    const ids = await ctx.asOwner(async (db) => {
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO change_log (table_name, record_id, path, op, old_values, new_values) VALUES
           ('elder_archive', gen_random_uuid(), 'c', 'update', '{"chronic_conditions": ["高血压"], "living_situation": "alone"}', '{"chronic_conditions": ["高血压", "糖尿病"], "living_situation": "spouse"}'),
           ('care_order', gen_random_uuid(), 'c', 'update', '{"status": "assigned"}', '{"status": "in_progress", "check_in_lat": 30.5321, "check_in_lon": 105.5925}'),
           ('person', gen_random_uuid(), 'c', 'update', '{"notes": "旧"}', '{"notes": "新"}')
         RETURNING id::text`);
      await sealChangeLog(db, { cipher: ctx.cipher });
      return rows.map((r) => r.id);
    });
    const { rows } = await ctx.asOwner((db) => db.query<{ id: string; old_values: Record<string, unknown>; new_values: Record<string, unknown> }>(
      `SELECT id::text, old_values, new_values FROM change_log WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids]));
    const [archive, order, person] = rows;
    expect(JSON.stringify(archive)).not.toContain('高血压');
    expect(archive!.old_values.living_situation).toBe('alone');
    expect(ctx.cipher.openJson(archive!.new_values[SEALED_KEY] as string, SEALED_COLUMN)).toEqual({ chronic_conditions: ['高血压', '糖尿病'] });
    expect(JSON.stringify(order)).not.toContain('105.5925');
    expect(order!.old_values).toEqual({ status: 'assigned' });
    expect(ctx.cipher.openJson(order!.new_values[SEALED_KEY] as string, SEALED_COLUMN)).toEqual({ check_in_lat: 30.5321, check_in_lon: 105.5925 });
    expect(person!.new_values).toEqual({ notes: '新' });
  });
});
