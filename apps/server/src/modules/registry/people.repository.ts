import type { Queryable } from '../../db/database.js';
import { listPage, NODE_OF_ROW } from './registry.repository.js';

export interface PersonRow {
  id: string;
  district_code: string;
  path: string;
  name: string;
  name_pinyin: string;
  name_initials: string;
  citizen_id_enc: string | null;
  citizen_id_hash: string | null;
  citizen_id_masked: string | null;
  gender: 0 | 1 | 2 | 9;
  birth_date: string | null;
  ethnicity: string | null;
  phone_enc: string | null;
  phone_masked: string | null;
  hukou_division: string | null;
  hukou_address: string | null;
  residence_address: string | null;
  tags: string[];
  notes: string | null;
  status: 'active' | 'merged' | 'deceased' | 'moved_out';
  merged_into: string | null;
  verified_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  node_id: string | null;
  node_name: string | null;
  node_level: string | null;
  path_names: string[] | null;
}

export const PERSON_SELECT = `t.*, t.path::text AS path, n.id AS node_id, n.name AS node_name, n.level AS node_level, n.path_names`;
const NODE_JOIN = NODE_OF_ROW;

export async function personById(tx: Queryable, id: string): Promise<PersonRow | undefined> {
  const { rows } = await tx.query<PersonRow>(`SELECT ${PERSON_SELECT} FROM person t ${NODE_JOIN} WHERE t.id = $1`, [id]);
  return rows[0];
}

/** The person holding a citizen ID (keyed hash), excluding merged records. Sees the whole city. */
export async function findByCitizenIdHash(tx: Queryable, hash: string): Promise<{ id: string; name: string; visible: boolean } | undefined> {
  const { rows } = await tx.query<{ id: string; name: string; visible: boolean }>('SELECT * FROM linli_person_by_id_hash($1)', [hash]);
  return rows[0];
}

/** Registered citizen-ID hashes among these (city-wide; the name only for people in scope). */
export async function findByCitizenIdHashes(tx: Queryable, hashes: string[]): Promise<Map<string, { id: string; name: string; visible: boolean }>> {
  if (!hashes.length) return new Map();
  const { rows } = await tx.query<{ hash: string; id: string; name: string; visible: boolean }>('SELECT * FROM linli_people_by_id_hashes($1::text[])', [hashes]);
  return new Map(rows.map((r) => [r.hash, { id: r.id, name: r.name, visible: r.visible }]));
}

export interface PersonFilter {
  citizenIdHash?: string;
  phoneHash?: string;
  namePrefix?: string;
  pinyinPrefix?: string;
  address?: string;
  underPath?: string;
  tag?: string;
  gender?: number;
  ethnicity?: string;
  bornAfter?: string;
  bornBefore?: string;
  status?: string;
  /** has a resident's or tenant's link to a house (实际居住): under a path, in force on `livingOn`, begun or ended within a range */
  link?: { underPath?: string; livingOn?: string; inFrom?: string; inTo?: string; outFrom?: string; outTo?: string };
  after?: unknown[];
  limit: number;
}

const likePrefix = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
/** Upper bound of a prefix range: the prefix followed by the highest code point. */
const prefixEnd = (s: string) => `${s}\u{10FFFF}`;

function personWhere(f: Omit<PersonFilter, 'after' | 'limit'>) {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    let s = sql;
    for (const v of values) {
      params.push(v);
      s = s.replace('?', `$${params.length}`);
    }
    where.push(s);
  };
  if (f.citizenIdHash) add('t.citizen_id_hash = ?', f.citizenIdHash);
  if (f.phoneHash) add('t.phone_hash = ?', f.phoneHash);
  // prefix ranges, not LIKE: they stay index conditions under row-level security
  if (f.namePrefix) add('t.name ~>=~ ? AND t.name ~<~ ?', f.namePrefix, prefixEnd(f.namePrefix));
  if (f.pinyinPrefix) {
    const p = f.pinyinPrefix;
    add('((t.name_initials ~>=~ ? AND t.name_initials ~<~ ?) OR (t.name_pinyin ~>=~ ? AND t.name_pinyin ~<~ ?))', p, prefixEnd(p), p, prefixEnd(p));
  }
  if (f.address) add(`t.residence_address ILIKE '%' || ? || '%'`, likePrefix(f.address));
  if (f.underPath) {
    const depth = f.underPath.split('.').length;
    if (depth === 2) add('t.district_code = ?', f.underPath.split('.')[1]);
    else if (depth > 2) add('(t.path_key = ? OR (t.path_key ~>=~ ? AND t.path_key ~<~ ?))', f.underPath, `${f.underPath}.`, prefixEnd(`${f.underPath}.`));
  }
  if (f.tag) add('t.tags @> ARRAY[?]::text[]', f.tag);
  if (f.gender !== undefined) add('t.gender = ?', f.gender);
  if (f.ethnicity) add('t.ethnicity = ?', f.ethnicity);
  if (f.bornAfter) add('t.birth_date >= ?::date', f.bornAfter);
  if (f.bornBefore) add('t.birth_date <= ?::date', f.bornBefore);
  if (f.link) {
    const l = f.link;
    const c: string[] = [`l.person_id = t.id`, `l.kind IN ('resident', 'tenant')`];
    const at = (sql: string, v: string | undefined) => { if (v !== undefined) { params.push(v); c.push(sql.replace('?', `$${params.length}`)); } };
    at('l.path <@ ?::ltree', l.underPath);
    if (l.livingOn !== undefined) { at('l.valid_from <= ?::date', l.livingOn); at('(l.valid_to IS NULL OR l.valid_to > ?::date)', l.livingOn); }
    at('l.valid_from >= ?::date', l.inFrom);
    at('l.valid_from <= ?::date', l.inTo);
    at('l.valid_to >= ?::date', l.outFrom);
    at('l.valid_to <= ?::date', l.outTo);
    where.push(`EXISTS (SELECT 1 FROM person_house l WHERE ${c.join(' AND ')})`);
  }
  // people who moved out or died still count among the moves of their links
  if (f.link && !f.status) where.push(`t.status <> 'merged'`);
  else add('t.status = ?', f.status ?? 'active');
  return { where, params };
}

/** People in scope matching the filter, in pinyin order (keyset on name_pinyin, id). */
export async function searchPeople(tx: Queryable, f: PersonFilter) {
  const { where, params } = personWhere(f);
  return listPage<PersonRow>(tx, {
    table: 'person', select: PERSON_SELECT, joins: NODE_JOIN, where, params,
    orderBy: ['t.name_pinyin', 't.id'], after: f.after, limit: f.limit,
  });
}

/** How many match, counted up to `cap` (a list shows "10,000+" rather than scanning a city). */
export async function countPeople(tx: Queryable, f: Omit<PersonFilter, 'after' | 'limit'>, cap: number): Promise<number> {
  const { where, params } = personWhere(f);
  params.push(cap);
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM person t WHERE ${where.join(' AND ')} LIMIT $${params.length}) x`,
    params,
  );
  return rows[0]!.n;
}

/** The encrypted citizen ID and phone of the given people in scope (for an approved unmasked export). */
export async function secretsOf(tx: Queryable, ids: string[]): Promise<{ id: string; citizen_id_enc: string | null; phone_enc: string | null }[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query<{ id: string; citizen_id_enc: string | null; phone_enc: string | null }>(
    'SELECT t.id, t.citizen_id_enc, t.phone_enc FROM person t WHERE t.id = ANY($1::uuid[])',
    [ids],
  );
  return rows;
}
