import type { Database, Queryable } from '../../db/database.js';
import { withScope } from '../../db/scope.js';
import { type Actor, auditActor } from '../../shared/actor.js';
import { commonError } from '../../shared/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service.js';
import * as repo from './merge.repository.js';
import * as people from './people.repository.js';
import { filterPath } from './placement.js';
import { registryError } from './registry.errors.js';

const REASONS: Record<string, { zh: string; en: string }> = {
  same_pinyin_birth: { zh: '姓名拼音与出生日期相同', en: 'Same name (pinyin) and birth date' },
  same_phone: { zh: '联系电话相同', en: 'Same phone' },
  same_name_house: { zh: '同名且同住一户', en: 'Same name in the same house' },
};

const toMerge = (m: repo.MergeRow) => ({
  id: m.id, survivorId: m.survivor_id, survivorName: m.survivor_name, mergedId: m.merged_id, mergedName: m.merged_name,
  mergedAt: m.merged_at, undoneAt: m.undone_at,
  moved: Object.fromEntries(Object.entries(m.moved.refs).map(([k, v]) => [k, v.length])),
  identityMoved: !!m.moved.identity,
});

export type MergeService = ReturnType<typeof createMergeService>;

/**
 * 重复人员 — finds people who may be recorded twice and merges them: the duplicate's
 * relationships move to the survivor, the duplicate is kept (status merged) with its lineage,
 * and the merge can be undone exactly.
 */
export function createMergeService(deps: { db: Database; audit: AuditService; jurisdiction: JurisdictionService }) {
  const { db, audit, jurisdiction } = deps;
  const record = (tx: Queryable, actor: Actor, action: 'person.merge' | 'person.unmerge', objectId: string, detail: Record<string, unknown>) =>
    audit.recordIn(tx, { actor: auditActor(actor), ip: actor.ip, action, objectType: 'person', objectId, detail });
  const run = <T>(actor: Actor, fn: (tx: Queryable) => Promise<T>) => withScope(db, actor.scope, fn);
  async function mustActive(tx: Queryable, id: string, field?: string) {
    const p = await people.personById(tx, id);
    if (!p || p.status !== 'active') {
      if (field) throw registryError('REFERENCE_NOT_FOUND', { what: '人员', whatEn: 'The person' }, field);
      throw commonError('NOT_FOUND');
    }
    return p;
  }

  return {
    candidates: (actor: Actor, q: { jurisdictionId?: string; limit: number }) =>
      run(actor, async (tx) => {
        const rows = await repo.duplicateCandidates(tx, (await filterPath(tx, jurisdiction, q.jurisdictionId)) ?? null, q.limit);
        const brief = (id: string, name: string, birthDate: string | null, masked: string | null, where: string | null) => ({ id, name, birthDate, citizenIdMasked: masked, jurisdictionName: where });
        return rows.map((r) => ({
          a: brief(r.a_id, r.a_name, r.a_birth, r.a_masked, r.a_path_name),
          b: brief(r.b_id, r.b_name, r.b_birth, r.b_masked, r.b_path_name),
          reasons: r.reasons.map((code) => ({ code, name: REASONS[code]?.zh ?? code, nameEn: REASONS[code]?.en ?? code })),
        }));
      }),

    merge: (actor: Actor, survivorId: string, duplicateId: string) =>
      run(actor, async (tx) => {
        if (survivorId === duplicateId) throw registryError('MERGE_SELF', {}, 'duplicateId');
        const survivor = await mustActive(tx, survivorId);
        const dup = await mustActive(tx, duplicateId, 'duplicateId');
        if (survivor.citizen_id_hash && dup.citizen_id_hash && survivor.citizen_id_hash !== dup.citizen_id_hash) {
          throw registryError('MERGE_CONFLICTING_IDS', {}, 'duplicateId');
        }
        let identity: Record<string, unknown> | null = null;
        if (!survivor.citizen_id_hash && dup.citizen_id_hash) {
          identity = { citizen_id_enc: dup.citizen_id_enc, citizen_id_hash: dup.citizen_id_hash, citizen_id_masked: dup.citizen_id_masked };
          await repo.setIdentity(tx, dup.id, {});
          await repo.setIdentity(tx, survivor.id, identity);
        }
        const refs = await repo.moveReferences(tx, dup.id, survivor.id);
        await repo.setMergeStatus(tx, dup.id, survivor.id);
        const id = await repo.insertMerge(tx, { survivorId, mergedId: duplicateId, path: survivor.path, moved: { refs, identity }, by: actor.userId, idMoved: !!identity });
        await record(tx, actor, 'person.merge', survivorId, { mergeId: id, mergedId: duplicateId });
        return toMerge((await repo.mergeById(tx, id))!);
      }),

    undo: (actor: Actor, mergeId: string) =>
      run(actor, async (tx) => {
        const m = await repo.mergeById(tx, mergeId);
        if (!m) throw commonError('NOT_FOUND');
        if (m.undone_at) throw registryError('MERGE_ALREADY_UNDONE');
        await repo.restoreReferences(tx, m.moved.refs, m.merged_id);
        if (m.moved.identity) {
          await repo.setIdentity(tx, m.survivor_id, {});
          await repo.setIdentity(tx, m.merged_id, m.moved.identity);
        }
        await repo.setMergeStatus(tx, m.merged_id, null);
        await repo.markUndone(tx, mergeId, actor.userId);
        await record(tx, actor, 'person.unmerge', m.survivor_id, { mergeId, mergedId: m.merged_id });
        return toMerge((await repo.mergeById(tx, mergeId))!);
      }),

    lineage: (actor: Actor, personId: string) =>
      run(actor, async (tx) => {
        if (!(await people.personById(tx, personId))) throw commonError('NOT_FOUND');
        return (await repo.mergesOf(tx, personId)).map(toMerge);
      }),
  };

}
