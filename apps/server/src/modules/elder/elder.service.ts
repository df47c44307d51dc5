import type { Database, Queryable } from '../../db/database.js';
import { type Scope, withScope } from '../../db/scope.js';
import type { Actor } from '../../shared/actor.js';
import type { AuditService } from '../audit/audit.service.js';
import { PROPOSAL_KINDS, PROPOSAL_THRESHOLD, PROPOSAL_WINDOW_DAYS, type RiskEventKind } from './elder.codes.js';
import { elderError } from './elder.errors.js';
import * as repo from './elder.repository.js';

/** Who calls: a signed-in user, or a scope of its own (`systemScope('…')` for devices and jobs). */
export type Caller = Actor | Scope;
const isActor = (c: Caller): c is Actor => 'userId' in c && 'permissions' in c;
const scopeOf = (c: Caller): Scope => (isActor(c) ? c.scope : c);

export interface RiskEventInput {
  personId: string;
  kind: RiskEventKind;
  occurredAt: Date;
  source: 'manual' | 'device';
  /** Unique per event at its source (e.g. `device:<imei>:<frame id>`): a replay stores nothing twice. */
  sourceKey: string;
  note?: string | null;
}

export type ElderService = ReturnType<typeof createElderService>;

const DAY_MS = 86_400_000;

/**
 * 养老档案与能力评估 — elder archives, ability assessments, care-risk events and the proposals of an
 * immediate re-assessment. Other modules (care, devices) use `levelOf` and `recordRiskEvent`.
 */
export function createElderService(deps: { db: Database; audit: AuditService }) {
  const { db } = deps;

  /**
   * Stores a risk event (once per source key) and, when it is the second fall or wandering within
   * 30 days, proposes an immediate re-assessment (or adds it to the proposal already open).
   */
  async function recordRiskEventIn(tx: Queryable, recordedBy: string | null, e: RiskEventInput) {
    const p = await repo.personPlace(tx, e.personId);
    if (!p) throw elderError('PERSON_NOT_FOUND', {}, 'personId');
    const stored = await repo.insertRiskEvent(tx, {
      personId: p.id, path: p.path, districtCode: p.district_code, kind: e.kind, occurredAt: e.occurredAt,
      source: e.source, sourceKey: e.sourceKey, note: e.note ?? null, recordedBy,
    });
    let proposalId: string | null = null;
    if (stored.created && PROPOSAL_KINDS.includes(e.kind)) {
      const from = new Date(e.occurredAt.getTime() - PROPOSAL_WINDOW_DAYS * DAY_MS);
      const to = new Date(e.occurredAt.getTime() + PROPOSAL_WINDOW_DAYS * DAY_MS);
      const near = await repo.riskEventsBetween(tx, p.id, PROPOSAL_KINDS, from, to);
      // any 30-day window holding this event and at least one more
      const at = e.occurredAt.getTime();
      const inWindow = near.filter((x) => Math.abs(x.occurred_at.getTime() - at) <= PROPOSAL_WINDOW_DAYS * DAY_MS);
      if (inWindow.length >= PROPOSAL_THRESHOLD) {
        proposalId = (await repo.upsertOpenProposal(tx, { personId: p.id, path: p.path, districtCode: p.district_code, eventIds: inWindow.map((x) => x.id) })).id;
      }
    }
    return { id: stored.id, created: stored.created, proposalId };
  }

  return {
    /** The elder's current ability level (0–4, from the latest assessment both assessors signed), or null. */
    levelOf: (caller: Caller, personId: string): Promise<number | null> =>
      withScope(db, scopeOf(caller), (tx) => repo.currentLevel(tx, personId)),

    /** Records a care-risk event for a person in the caller's scope (idempotent by `sourceKey`). */
    recordRiskEvent: (caller: Caller, e: RiskEventInput) =>
      withScope(db, scopeOf(caller), (tx) => recordRiskEventIn(tx, isActor(caller) ? caller.userId : null, e)),

    /** The same inside a transaction the caller already holds. */
    recordRiskEventIn,
  };
}
