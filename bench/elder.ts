/**
 * Elder statistics benchmark (issue 5): the statistics page's figures (elders by level, age band,
 * living situation and child node under the city) read from the pre-aggregated `elder_stats`,
 * against the same figures by a live GROUP BY over `elder_archive` ⋈ `person`, both as the
 * application role under a city official's row-level security scope, on the same PostgreSQL
 * (`linli_bench_elder`, BENCH_ELDER_DATABASE_URL). BENCH_ELDERS elders (default 200 000) are
 * generated once, spread over the city's communities; the archives go in through the real
 * triggers, so `elder_stats` is built by the mechanism that keeps it current. Target ≤ 0.05×.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../apps/server/src/config/env.js';
import { fieldCipherFor } from '../apps/server/src/crypto/field-cipher.js';
import { openPostgres } from '../apps/server/src/db/database.js';
import { openDatabase } from '../apps/server/src/db/open.js';
import { withScope } from '../apps/server/src/db/scope.js';
import * as elder from '../apps/server/src/modules/elder/elder.repository.js';
import { ensureBaseData } from '../apps/server/src/runtime.js';
import { createServices } from '../apps/server/src/services.js';
import { benchDatabase } from './lib.js';

const URL_ = process.env.BENCH_ELDER_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/linli_bench_elder';
const ELDERS = Number(process.env.BENCH_ELDERS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ELDER_ROUNDS ?? 7);
const DIR = path.resolve('.tmp/bench-elder');
const DIMS = ['level', 'age_band', 'living', 'child'] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  await benchDatabase(URL_);
  fs.mkdirSync(DIR, { recursive: true });
  const config = loadConfig({ DATABASE_URL: URL_, LINLI_MODE: 'demo', LINLI_DATA_DIR: DIR, LOG_LEVEL: 'silent' });
  const db = await openDatabase(config);
  const cipher = fieldCipherFor(config);
  const services = createServices(db, config, cipher);
  await ensureBaseData(db, services, config, cipher);

  // ---- generate the elders once (as the owner: the people without their row triggers, the archives with theirs)
  const owner = await openPostgres(URL_, { asAppRole: false, max: 1 });
  const have = (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM person WHERE notes = 'bench'`)).rows[0]!.n;
  const archived = (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM elder_archive a JOIN person p ON p.id = a.person_id WHERE p.notes = 'bench'`)).rows[0]!.n;
  if (archived < ELDERS) {
    const add = Math.max(0, ELDERS - have);
    console.log(`generating ${ELDERS - archived} elders …`);
    const t0 = performance.now();
    await owner.transaction(async (tx) => {
      await tx.query(`SET LOCAL session_replication_role = replica`);
      await tx.query(
        `WITH nodes AS (SELECT path, row_number() OVER (ORDER BY code) - 1 AS i, count(*) OVER () AS k FROM jurisdiction_node WHERE level = 'community' AND path <@ '5109'::ltree)
         INSERT INTO person (district_code, path, name, name_pinyin, name_initials, gender, birth_date, tags, notes)
         SELECT subpath(n.path, 1, 1)::text, n.path, '老人' || g, 'laoren' || g, 'lr', 1 + g % 2,
                current_date - (21915 + (g * 7919) % 12800), '{}', 'bench'
           FROM generate_series($1::int + 1, $1::int + $2::int) g JOIN nodes n ON n.i = g % n.k`,
        [have, add],
      );
    });
    await owner.transaction((tx) => tx.query(
      `INSERT INTO elder_archive (person_id, path, district_code, living_situation, current_level)
       SELECT p.id, p.path, p.district_code, (ARRAY['alone','spouse','children','spouse_children','relatives','institution','other'])[1 + abs(hashtext(p.id::text)) % 7],
              CASE WHEN abs(hashtext(p.name)) % 5 = 0 THEN NULL ELSE abs(hashtext(p.name)) % 5 END
         FROM person p WHERE p.notes = 'bench' AND NOT EXISTS (SELECT 1 FROM elder_archive a WHERE a.person_id = p.id)`,
    ));
    await owner.exec('ANALYZE person; ANALYZE elder_archive; ANALYZE elder_stats');
    console.log(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s (archives through the statistics triggers)`);
  }
  await owner.close();

  // ---- a city official's scope, as the application role
  const city = (await withScope(db, { kind: 'system', reason: 'bench' }, (tx) => tx.query<{ path: string }>(`SELECT path::text AS path FROM jurisdiction_node WHERE code = '5109'`))).rows[0]!.path;
  const scope = { kind: 'user' as const, userId: '00000000-0000-0000-0000-000000000000', paths: [city] };
  const total = (await withScope(db, scope, (tx) => tx.query<{ n: number }>('SELECT count(*)::int AS n FROM elder_archive'))).rows[0]!.n;
  const figures = (read: typeof elder.statsBy) => withScope(db, scope, async (tx) => {
    const out: Record<string, elder.StatRow[]> = {};
    for (const d of DIMS) out[d] = await read(tx, city, d);
    return out;
  });
  const pre = await figures(elder.statsBy);
  const live = await figures(elder.liveStatsBy);
  const equal = JSON.stringify(pre) === JSON.stringify(live);

  const tPre: number[] = [];
  const tLive: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    let t = performance.now();
    await figures(elder.statsBy);
    tPre.push(performance.now() - t);
    t = performance.now();
    await figures(elder.liveStatsBy);
    tLive.push(performance.now() - t);
  }
  const pa = median(tPre);
  const la = median(tLive);
  console.log(`elder statistics of the city (${total} elders in scope; by level, age band, living situation, child node):`);
  console.log(`  pre-aggregated (elder_stats)    ${pa.toFixed(1)} ms (median of ${ROUNDS})`);
  console.log(`  live GROUP BY over the archives ${la.toFixed(1)} ms`);
  console.log(`  ratio ${(pa / la).toFixed(4)}× (target ≤ 0.05×); figures equal: ${equal ? 'yes' : 'NO'}`);
  await db.close();
  if (!equal) process.exitCode = 1;
}

await main();
