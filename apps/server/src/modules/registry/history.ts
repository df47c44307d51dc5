import type { Database } from '../../db/database.js';
import { withScope } from '../../db/scope.js';
import type { Actor } from '../../shared/actor.js';
import { commonError } from '../../shared/errors.js';
import { historyOf, type RegistryTable, selectById } from './registry.repository.js';
import type { ChangeRow } from './registry.repository.js';

/** Columns never shown in a change history: ciphertexts, lookup hashes, derived search keys. */
const HIDDEN = new Set([
  'id', 'citizen_id_enc', 'citizen_id_hash', 'phone_enc', 'phone_hash', 'name_pinyin', 'name_initials',
  'district_code', 'created_at', 'updated_at', 'version',
]);
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** A change-log row as a person reads it: which fields went from what to what. */
export function toChange(r: ChangeRow) {
  const keys = new Set([...Object.keys(r.old_values ?? {}), ...Object.keys(r.new_values ?? {})]);
  const fields = [...keys]
    .filter((k) => !HIDDEN.has(k))
    .sort()
    .map((k) => ({ field: camel(k), from: r.old_values?.[k] ?? null, to: r.new_values?.[k] ?? null }));
  return { id: r.id, op: r.op, changedAt: r.changed_at, changedBy: r.changed_by, changedByName: r.changed_by_name, fields };
}

/**
 * Reads the change history of any registry record the actor can see (404 otherwise):
 * `historyReader(db)('house')(actor, id)`.
 */
export function historyReader(db: Database) {
  return (table: RegistryTable) => (actor: Actor, id: string) =>
    withScope(db, actor.scope, async (tx) => {
      if (!(await selectById(tx, table, id, 't.id'))) throw commonError('NOT_FOUND');
      return (await historyOf(tx, table, id)).map(toChange);
    });
}
