import type { Database, Queryable } from '../../db/database.js';
import { systemScope, withScope } from '../../db/scope.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import { type Actor, auditActor } from '../../shared/actor.js';
import { commonError } from '../../shared/errors.js';
import { today } from '../../shared/dates.js';
import type { AuditService } from '../audit/audit.service.js';
import * as jurisdictionRepo from '../jurisdiction/jurisdiction.repository.js';
import { CITIZEN_ID_COLUMN } from '../registry/people.service.js';
import { duplicateCandidates } from '../registry/merge.repository.js';
import { type CheckKind, CHECK_KINDS, isCheckKind, judgeCitizenId, type ParamsOf, parseParams, PERSON_FIELDS } from './quality.catalogue.js';
import { qualityError } from './quality.errors.js';
import * as repo from './quality.repository.js';
import { qualityScore } from './quality.scoring.js';

const ID_KINDS: CheckKind[] = ['citizen_id_checksum', 'citizen_id_excel', 'id_gender_birth'];
const ID_BATCH = 2000;
/** Depth of a community/village path (5109.510903.510903001.510903001001): duplicates are judged within one. */
const COMMUNITY_DEPTH = 4;

const DUPLICATE_REASON_NAMES: Record<string, { zh: string; en: string }> = {
  same_pinyin_birth: { zh: '姓名拼音与出生日期相同', en: 'Same name (pinyin) and birth date' },
  same_phone: { zh: '联系电话相同', en: 'Same phone' },
  same_name_house: { zh: '同名且同住一户', en: 'Same name in the same house' },
};
const ID_PROBLEMS: Record<string, { zh: string; en: string }> = {
  format: { zh: '格式不正确', en: 'wrong format' },
  checksum: { zh: '校验码不正确', en: 'wrong check character' },
  birth_date: { zh: '出生日期无效', en: 'invalid birth date' },
  excel_scientific: { zh: '科学计数法', en: 'scientific notation' },
  excel_rounded: { zh: '末位被截为0', en: 'last digits rounded to 0' },
};

/** A finding's "what is wrong" in words, both languages, from its stored detail (no personal data). */
export function describeFinding(kind: string, detail: Record<string, unknown>): { zh: string; en: string } {
  switch (kind) {
    case 'citizen_id_checksum':
    case 'citizen_id_excel': {
      const p = ID_PROBLEMS[String(detail.problem)] ?? { zh: '', en: '' };
      return { zh: `身份证号${p.zh}`, en: `Citizen ID: ${p.en}` };
    }
    case 'id_gender_birth': {
      const zh: string[] = [];
      const en: string[] = [];
      if (detail.gender) { zh.push('性别'); en.push('gender'); }
      if (detail.birthDate) { zh.push(`出生日期（证件为 ${String(detail.idBirthDate)}）`); en.push(`birth date (ID says ${String(detail.idBirthDate)})`); }
      return { zh: `${zh.join('、')}与身份证号不符`, en: `${en.join(' and ')} disagree with the citizen ID` };
    }
    case 'missing_fields': {
      const fields = ((detail.fields as string[]) ?? []).map((f) => PERSON_FIELDS[f as keyof typeof PERSON_FIELDS] ?? { zh: f, en: f });
      return { zh: `缺少：${fields.map((f) => f.zh).join('、')}`, en: `Missing: ${fields.map((f) => f.en).join(', ')}` };
    }
    case 'duplicate_candidate': {
      const reasons = ((detail.reasons as string[]) ?? []).map((r) => DUPLICATE_REASON_NAMES[r] ?? { zh: r, en: r });
      return { zh: `与另一人${reasons.map((r) => r.zh).join('、')}`, en: `${reasons.map((r) => r.en).join('; ')} as another person` };
    }
    case 'not_verified':
      return detail.neverVerified
        ? { zh: `自 ${String(detail.since)} 登记后未核实`, en: `Not verified since registration on ${String(detail.since)}` }
        : { zh: `上次核实于 ${String(detail.since)}`, en: `Last verified on ${String(detail.since)}` };
    case 'house_no_residents':
      return { zh: '无在住人员', en: 'No current residents' };
    case 'person_no_house':
      return { zh: '未关联现住房屋', en: 'Not linked to a current house' };
    default:
      return { zh: '', en: '' };
  }
}

const toRule = (r: repo.RuleRow) => ({
  code: r.code, name: r.name, nameEn: r.name_en, description: r.description, descriptionEn: r.description_en,
  entity: r.entity, checkKind: r.check_kind, params: r.params, severity: r.severity, weight: r.weight, enabled: r.enabled,
  updatedAt: r.updated_at, version: r.version,
});

const toRun = (r: repo.RunRow) => ({
  id: r.id, nodeName: r.node_name, status: r.status, totalSteps: r.total_steps, doneSteps: r.done_steps,
  opened: r.opened, resolved: r.resolved, error: r.error, createdAt: r.created_at, startedAt: r.started_at, finishedAt: r.finished_at,
});

export type QualityService = ReturnType<typeof createQualityService>;

/**
 * 数据质量 — rules (data, not code) are evaluated over the registry into findings that open when
 * a record breaks a rule and resolve when it is fixed. Findings are kept current from the paths
 * the registry's triggers mark as changed (`drainChanges`), and a whole jurisdiction can be
 * re-evaluated as a background run with progress. Citizen-ID checks need the plaintext, so they
 * run here, where the field key is, and only the kind of problem is stored.
 */
export function createQualityService(deps: { db: Database; audit: AuditService; cipher: FieldCipher }) {
  const { db, audit, cipher } = deps;
  const run = <T>(actor: Actor, fn: (tx: Queryable) => Promise<T>) => withScope(db, actor.scope, fn);
  const system = <T>(fn: (tx: Queryable) => Promise<T>) => withScope(db, systemScope('quality evaluation'), fn);
  const inFlight = new Map<string, Promise<void>>();

  /** The violations of one SQL-checked rule under a path. */
  async function violationsOf(tx: Queryable, rule: repo.RuleRow, path: string): Promise<repo.Violation[]> {
    const kind = rule.check_kind as CheckKind;
    switch (kind) {
      case 'missing_fields': return repo.missingFields(tx, path, (rule.params as ParamsOf<'missing_fields'>).fields);
      case 'person_no_house': return repo.peopleWithoutHouse(tx, path);
      case 'house_no_residents': return repo.housesWithoutResidents(tx, path, (rule.params as ParamsOf<'house_no_residents'>).uses);
      case 'not_verified': return repo.notVerifiedSince(tx, path, (rule.params as ParamsOf<'not_verified'>).months);
      case 'duplicate_candidate': {
        const wanted = new Set((rule.params as ParamsOf<'duplicate_candidate'>).reasons);
        const pairs = (await duplicateCandidates(tx, path, 1_000_000))
          .map((p) => ({ ...p, reasons: p.reasons.filter((r) => wanted.has(r as never)) }))
          .filter((p) => p.reasons.length > 0);
        const places = new Map((await repo.placesOf(tx, pairs.flatMap((p) => [p.a_id, p.b_id]))).map((p) => [p.id, p]));
        const community = (id: string) => places.get(id)!.path.split('.').slice(0, COMMUNITY_DEPTH).join('.');
        const out = new Map<string, repo.Violation>();
        for (const p of pairs) {
          if (community(p.a_id) !== community(p.b_id)) continue;
          for (const [self, other] of [[p.a_id, p.b_id], [p.b_id, p.a_id]] as const) {
            if (out.has(self)) continue;
            const place = places.get(self)!;
            out.set(self, { record_id: self, path: place.path, district_code: place.district_code, detail: { otherId: other, reasons: p.reasons } });
          }
        }
        return [...out.values()];
      }
      default: return [];
    }
  }

  /** One pass over the decrypted citizen IDs under a path, judged for all three ID rules at once. */
  async function idViolations(tx: Queryable, rules: repo.RuleRow[], path: string) {
    const byKind = new Map(rules.map((r) => [r.check_kind, r]));
    const excel = byKind.get('citizen_id_excel');
    const mismatch = byKind.get('id_gender_birth');
    const p = {
      trailingZeros: (excel?.params as ParamsOf<'citizen_id_excel'> | undefined)?.trailingZeros ?? 3,
      checkGender: (mismatch?.params as ParamsOf<'id_gender_birth'> | undefined)?.checkGender ?? true,
      checkBirthDate: (mismatch?.params as ParamsOf<'id_gender_birth'> | undefined)?.checkBirthDate ?? true,
    };
    const out = new Map<string, repo.Violation[]>(rules.map((r) => [r.code, []]));
    const push = (kind: CheckKind, row: repo.IdRow, detail: Record<string, unknown>) => {
      const r = byKind.get(kind);
      if (r?.enabled) out.get(r.code)!.push({ record_id: row.id, path: row.path, district_code: row.district_code, detail });
    };
    let after: string | null = null;
    for (;;) {
      const batch = await repo.peopleWithIdBatch(tx, path, after, ID_BATCH);
      for (const row of batch) {
        const verdict = judgeCitizenId(cipher.decrypt(row.citizen_id_enc, CITIZEN_ID_COLUMN), { gender: row.gender, birthDate: row.birth_date }, p);
        if (verdict.kind === 'excel') push('citizen_id_excel', row, { problem: verdict.problem });
        else if (verdict.kind === 'invalid') push('citizen_id_checksum', row, { problem: verdict.problem });
        else if (verdict.kind === 'mismatch') push('id_gender_birth', row, { gender: verdict.gender, birthDate: verdict.birthDate, idBirthDate: verdict.idBirthDate });
      }
      if (batch.length < ID_BATCH) break;
      after = batch.at(-1)!.id;
    }
    return out;
  }

  /**
   * Evaluates every rule under a path and reconciles the findings; disabled rules resolve theirs.
   * One transaction per step, so a long run shows progress and holds no long locks.
   */
  async function evaluatePath(path: string, onStep: (p: { total: number; done: number; opened: number; resolved: number }) => Promise<void> = async () => undefined) {
    const rules = await system((tx) => repo.listRules(tx));
    const idRules = rules.filter((r) => ID_KINDS.includes(r.check_kind as CheckKind));
    const otherRules = rules.filter((r) => !ID_KINDS.includes(r.check_kind as CheckKind));
    const tally = { total: rules.length, done: 0, opened: 0, resolved: 0 };
    const add = async (res: { opened: number; resolved: number }, steps: number) => {
      tally.opened += res.opened;
      tally.resolved += res.resolved;
      tally.done += steps;
      await onStep({ ...tally });
    };
    if (idRules.length) {
      await add(await system(async (tx) => {
        const found = idRules.some((r) => r.enabled) ? await idViolations(tx, idRules, path) : new Map<string, repo.Violation[]>();
        const res = { opened: 0, resolved: 0 };
        for (const r of idRules) {
          const x = await repo.reconcile(tx, r, path, r.enabled ? (found.get(r.code) ?? []) : []);
          res.opened += x.opened;
          res.resolved += x.resolved;
        }
        return res;
      }), idRules.length);
    }
    for (const r of otherRules) {
      await add(await system(async (tx) => repo.reconcile(tx, r, path, r.enabled && isCheckKind(r.check_kind) ? await violationsOf(tx, r, path) : [])), 1);
    }
    return tally;
  }

  async function executeRun(r: repo.RunRow) {
    try {
      await evaluatePath(r.path, (p) => system((tx) => repo.runProgress(tx, r.id, p)));
      await system((tx) => repo.finishRun(tx, r.id, 'done', null));
    } catch (e) {
      await system((tx) => repo.finishRun(tx, r.id, 'failed', e instanceof Error ? e.message.slice(0, 500) : String(e)));
    }
  }

  /** Runs the queued evaluations one after another (the jobs role calls this; so does a new run). */
  async function runQueued() {
    for (;;) {
      const next = await system((tx) => repo.claimQueuedRun(tx));
      if (!next) return;
      const p = executeRun(next);
      inFlight.set(next.id, p);
      await p;
      inFlight.delete(next.id);
    }
  }
  let worker: Promise<void> | null = null;
  const kick = () => {
    worker ??= runQueued().finally(() => { worker = null; });
    return worker;
  };

  /** The node a request is about: the given one (if visible) or the actor's first node. */
  async function nodeFor(tx: Queryable, actor: Actor, nodeId: string | undefined) {
    const id = nodeId ?? actor.nodes[0]?.id;
    if (!id) throw commonError('NOT_FOUND');
    const node = await jurisdictionRepo.byId(tx, id, today());
    if (!node) throw commonError('NOT_FOUND');
    return node;
  }

  const toFinding = (rules: Map<string, repo.RuleRow>) => (f: repo.FindingRow) => {
    const r = rules.get(f.rule_code)!;
    const text = describeFinding(r.check_kind, f.detail);
    return {
      id: String(f.id), ruleCode: f.rule_code, ruleName: r.name, ruleNameEn: r.name_en, severity: r.severity,
      entity: f.entity, recordId: f.record_id, buildingId: f.building_id, label: f.label ?? '', subLabel: f.sub_label, problem: text.zh, problemEn: text.en,
      relatedId: typeof f.detail.otherId === 'string' ? f.detail.otherId : null,
      jurisdictionName: f.node_name, pathNames: f.path_names ?? [], firstSeenAt: f.first_seen_at, lastSeenAt: f.last_seen_at,
    };
  };

  return {
    listRules: (actor: Actor) => run(actor, async (tx) => (await repo.listRules(tx)).map(toRule)),

    /** Changes a rule (enable, parameters, weight, severity); parameters are checked against its kind; audited. */
    updateRule: (actor: Actor, code: string, patch: { enabled?: boolean; params?: unknown; weight?: number; severity?: 'low' | 'medium' | 'high'; version: number }) =>
      run(actor, async (tx) => {
        const current = await repo.ruleByCode(tx, code);
        if (!current || !isCheckKind(current.check_kind)) throw commonError('NOT_FOUND');
        let params = current.params;
        if (patch.params !== undefined) {
          const parsed = parseParams(current.check_kind, patch.params);
          if (!parsed.ok) {
            throw qualityError('RULE_PARAMS_INVALID', {
              summary: parsed.issues.map((i) => `${i.field}：${i.message}`).join('；'),
              summaryEn: parsed.issues.map((i) => `${i.field}: ${i.messageEn}`).join('; '),
            }, parsed.issues);
          }
          params = parsed.value;
        }
        const ok = await repo.updateRule(tx, code, patch.version, actor.userId, {
          enabled: patch.enabled ?? current.enabled, params, weight: patch.weight ?? current.weight, severity: patch.severity ?? current.severity,
        });
        if (!ok) throw commonError('VERSION_CONFLICT');
        await audit.recordIn(tx, {
          actor: auditActor(actor), ip: actor.ip, action: 'quality.rule_update', objectType: 'quality_rule', objectId: code,
          detail: { before: { enabled: current.enabled, params: current.params, weight: current.weight, severity: current.severity }, fields: Object.keys(patch).filter((k) => k !== 'version') },
        });
        return toRule((await repo.ruleByCode(tx, code))!);
      }),

    /** Queues an evaluation of a jurisdiction subtree and starts it in the background. */
    startRun: async (actor: Actor, input: { jurisdictionId?: string }) => {
      const created = await run(actor, async (tx) => {
        const node = await nodeFor(tx, actor, input.jurisdictionId);
        const busy = await repo.activeRunOverlapping(tx, node.path);
        if (busy) throw qualityError('RUN_ALREADY_ACTIVE', { node: busy.node_name });
        const id = await repo.insertRun(tx, { path: node.path, nodeName: node.name, by: actor.userId });
        return toRun((await repo.runById(tx, id))!);
      });
      void kick();
      return created;
    },

    runs: (actor: Actor, limit: number) => run(actor, async (tx) => (await repo.recentRuns(tx, limit)).map(toRun)),

    /** Waits for the queue to empty (tests, and a clean shutdown). */
    idle: async () => {
      await kick();
    },

    /** Re-evaluates the places whose records changed since the last call; returns how many. */
    drainChanges: async (limit = 20_000) => {
      const paths = await system((tx) => repo.takeDirtyPaths(tx, limit));
      // duplicates are judged within a community, so a change in a grid re-judges its community
      const places = [...new Set(paths.map((p) => p.split('.').slice(0, COMMUNITY_DEPTH).join('.')))];
      for (const p of places) await evaluatePath(p);
      return places.length;
    },

    /** Scores and counts of a node and of each of its children, per rule. */
    summary: (actor: Actor, q: { jurisdictionId?: string }) =>
      run(actor, async (tx) => {
        const node = await nodeFor(tx, actor, q.jurisdictionId);
        const rules = (await repo.listRules(tx)).filter((r) => r.enabled);
        const tallies = await repo.findingTallies(tx, node.path);
        const counts = await repo.recordCounts(tx, node.path);
        const kids = await jurisdictionRepo.children(tx, node.id, today());
        const at = (path: string) => {
          const records = { person: 0, house: 0 };
          for (const c of counts) if (c.node === path) records[c.entity] = c.n;
          const perRule = rules.map((r) => ({ rule: r, findings: tallies.find((t) => t.node === path && t.rule_code === r.code)?.n ?? 0 }));
          return {
            records,
            findings: perRule.reduce((s, x) => s + x.findings, 0),
            score: qualityScore(perRule.map((x) => ({ weight: x.rule.weight, entity: x.rule.entity, findings: x.findings })), records),
            perRule,
          };
        };
        const self = at(node.path);
        return {
          node: { id: node.id, name: node.name, level: node.level, pathNames: node.path_names, parentId: node.parent_id },
          score: self.score,
          findings: self.findings,
          records: self.records,
          rules: self.perRule.map(({ rule, findings }) => ({
            code: rule.code, name: rule.name, nameEn: rule.name_en, entity: rule.entity, severity: rule.severity, weight: rule.weight,
            findings, records: self.records[rule.entity],
          })),
          children: kids.map((k) => {
            const c = at(k.path);
            return { id: k.id, name: k.name, level: k.level, score: c.score, findings: c.findings, records: c.records, hasChildren: k.child_count > 0 };
          }),
        };
      }),

    /** Open findings under a node, with links to their records; reading names is audited. */
    findings: (actor: Actor, q: { jurisdictionId?: string; ruleCode?: string; cursor?: string; limit: number }) =>
      run(actor, async (tx) => {
        const path = q.jurisdictionId ? (await nodeFor(tx, actor, q.jurisdictionId)).path : null;
        const rules = new Map((await repo.listRules(tx)).map((r) => [r.code, r]));
        const before = q.cursor && /^\d{1,18}$/.test(q.cursor) ? Number(q.cursor) : undefined;
        const page = await repo.listFindings(tx, { path, ruleCode: q.ruleCode, before, limit: q.limit });
        const total = await repo.countFindings(tx, { path, ruleCode: q.ruleCode });
        await audit.recordIn(tx, {
          actor: auditActor(actor), ip: actor.ip, action: 'quality.findings_read', objectType: 'quality_finding',
          detail: { jurisdictionId: q.jurisdictionId ?? null, ruleCode: q.ruleCode ?? null, returned: page.rows.length },
        });
        const last = page.rows.at(-1);
        return { items: page.rows.map(toFinding(rules)), nextCursor: page.more && last ? String(last.id) : null, total };
      }),

    /** 我的待办 — the records of the actor's own jurisdiction with open findings, most weighty first. */
    todoList: (actor: Actor, limit: number) =>
      run(actor, async (tx) => {
        const rules = new Map((await repo.listRules(tx)).map((r) => [r.code, r]));
        const rows = (await repo.todoFindings(tx, limit)).map(toFinding(rules));
        const total = await repo.countTodoRecords(tx);
        await audit.recordIn(tx, {
          actor: auditActor(actor), ip: actor.ip, action: 'quality.findings_read', objectType: 'quality_finding',
          detail: { todo: true, returned: rows.length },
        });
        const byRecord = new Map<string, { entity: 'person' | 'house'; recordId: string; buildingId: string | null; label: string; subLabel: string | null; jurisdictionName: string | null; since: Date; findings: typeof rows }>();
        for (const f of rows) {
          const item = byRecord.get(f.recordId) ?? { entity: f.entity, recordId: f.recordId, buildingId: f.buildingId, label: f.label, subLabel: f.subLabel, jurisdictionName: f.jurisdictionName, since: f.firstSeenAt, findings: [] };
          item.findings.push(f);
          if (f.firstSeenAt < item.since) item.since = f.firstSeenAt;
          byRecord.set(f.recordId, item);
        }
        return { items: [...byRecord.values()], total };
      }),

    /** Evaluates a path synchronously (the CLI and tests). */
    evaluatePath,
    catalogue: () => Object.entries(CHECK_KINDS).map(([kind, k]) => ({ kind, entity: k.entity })),
  };
}
