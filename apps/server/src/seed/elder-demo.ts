import type { Database } from '../db/database.js';
import { systemScope, withScope } from '../db/scope.js';
import { PROPOSAL_KINDS } from '../modules/elder/elder.codes.js';
import * as elder from '../modules/elder/elder.repository.js';
import { scaleDefinition, scoreAssessment, type ScaleDefinition } from '../modules/elder/elder.scoring.js';
import type { ElderService } from '../modules/elder/elder.service.js';

const GB = 'GB/T 42195-2022';
const MZ = 'MZ/T 039-2013';
const DAY = 86_400_000;

/** A small linear congruential generator, so the demo is the same on every machine. */
function lcg(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof lcg>;

const CHRONIC = ['高血压', '糖尿病', '冠心病', '慢性阻塞性肺病', '骨质疏松', '脑卒中后遗症', '关节炎', '白内障'];
const MEDICINES: Record<string, { name: string; dosage: string }> = {
  高血压: { name: '氨氯地平片', dosage: '5mg 每日一次' },
  糖尿病: { name: '二甲双胍片', dosage: '0.5g 每日两次' },
  冠心病: { name: '阿司匹林肠溶片', dosage: '100mg 每日一次' },
  骨质疏松: { name: '碳酸钙D3片', dosage: '每日一片' },
};

/** Answers whose ability falls with age (better options more likely for the younger). */
function answersFor(def: ScaleDefinition, r: Rng, frailty: number): Record<string, number> {
  const a: Record<string, number> = {};
  for (const it of def.items) {
    const scores = it.options.map((o) => o.score).sort((x, y) => y - x);
    let i = 0;
    while (i < scores.length - 1 && r.chance(frailty)) i++;
    // consciousness stays clear but for the very frail
    if (it.code === 'B3.9' && frailty < 0.7) i = 0;
    a[it.code] = scores[i]!;
  }
  return a;
}

/**
 * 养老 demo data over the registry's demo people aged 60 and over: archives (living situation,
 * subsidies, chronic conditions, a family contact), assessments on GB/T 42195-2022 (most signed by
 * both demo assessors, a few awaiting the second; some elders with an older MZ/T 039-2013 one),
 * a few risk events and one open proposal of an immediate assessment. Runs once (skips when any
 * archive exists).
 */
export async function seedElderDemo(db: Database, services: { elder: ElderService }, assessors: { first: string; second: string }) {
  return withScope(db, systemScope('elder demo seed'), async (tx) => {
    const { rows: [had] } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM elder_archive');
    if (had!.n > 0) return null;
    const { sealed } = services.elder;
    const r = lcg(20190614);
    const gb = scaleDefinition.parse((await elder.scaleByVersion(tx, GB))!.definition);
    const mz = scaleDefinition.parse((await elder.scaleByVersion(tx, MZ))!.definition);
    const { rows: people } = await tx.query<{ id: string; path: string; district_code: string; birth_date: string; tags: string[]; relative: string | null }>(
      `SELECT p.id, p.path::text AS path, p.district_code, p.birth_date::text AS birth_date, p.tags,
              (SELECT rel.related_person_id FROM person_relation rel WHERE rel.person_id = p.id AND rel.valid_to IS NULL LIMIT 1) AS relative
         FROM person p WHERE p.status = 'active' AND p.birth_date <= current_date - interval '60 years' ORDER BY p.name_pinyin, p.id`,
    );
    const counts = { archives: 0, assessments: 0, signed: 0, awaiting: 0, riskEvents: 0, proposals: 0 };
    const now = Date.now();
    for (const p of people) {
      const age = new Date(now).getUTCFullYear() - Number(p.birth_date.slice(0, 4));
      const alone = p.tags.includes('elderly_alone');
      const living = alone ? 'alone' : age >= 85 && r.chance(0.15) ? 'institution' : r.pick(['spouse', 'spouse', 'children', 'spouse_children', 'relatives'] as const);
      const chronic = CHRONIC.filter(() => r.chance(age >= 75 ? 0.3 : 0.15));
      const subsidies = [...(age >= 80 ? ['high_age'] : []), ...(p.tags.includes('low_income') ? ['dibao'] : []), ...(r.chance(0.05) ? ['home_adaptation'] : [])];
      const diagnoses = [...(chronic.includes('高血压') ? ['I10'] : []), ...(chronic.includes('糖尿病') ? ['E11'] : []), ...(age >= 80 && r.chance(0.12) ? ['F03'] : [])];
      await elder.insertArchive(tx, { id: p.id, path: p.path, district_code: p.district_code, birth_date: p.birth_date }, {
        living_situation: living, subsidies,
        health_enc: sealed.health({
          chronicConditions: chronic, diagnosisCodes: diagnoses,
          medications: chronic.map((c) => MEDICINES[c]).filter((m): m is { name: string; dosage: string } => Boolean(m)),
          allergies: r.chance(0.08) ? [r.pick(['青霉素', '磺胺类', '海鲜'])] : [], notes: null,
        }),
      }, assessors.first);
      counts.archives++;
      if (p.relative) {
        await elder.insertContact(tx, { personId: p.id, path: p.path, contactPersonId: p.relative, name: null, phone: null, relation: '家属', isGuardian: age >= 85, isEmergency: true, sortOrder: 0 });
      }
      if (!r.chance(0.75)) continue;
      const frailty = Math.min(0.85, Math.max(0.03, (age - 60) / 40));
      // some archives go back to the old scale
      if (age >= 75 && r.chance(0.2)) {
        const grades: Record<string, number> = {};
        for (const it of mz.items) grades[it.code] = Math.min(3, Math.floor(r.next() * 4 * frailty));
        const s = scoreAssessment(mz, grades, { dementia: diagnoses.includes('F03'), psychiatric: false, riskEvents: 0 }, { raisesStack: false });
        const at = new Date(now - r.int(1500, 2200) * DAY);
        const id = await elder.insertAssessment(tx, {
          personId: p.id, path: p.path, districtCode: p.district_code, scaleVersion: MZ, reason: 'first',
          healthEnc: sealed.assessment({ answers: grades, flags: {}, subtotals: s.subtotals, adjustments: s.adjustments, riskEvents30d: 0, notes: null }),
          total: s.total, preliminaryLevel: s.preliminaryLevel!, finalLevel: s.finalLevel!, assessor1: assessors.first, proposalId: null, assessedAt: at,
        });
        await elder.signSecond(tx, id, assessors.second);
        await elder.setCurrentLevel(tx, p.id, { level: s.finalLevel!, scaleVersion: MZ, assessmentId: id, assessedAt: at });
        counts.assessments++;
      }
      const answers = answersFor(gb, r, frailty);
      const s = scoreAssessment(gb, answers, { dementia: diagnoses.includes('F03'), psychiatric: false, riskEvents: 0 }, { raisesStack: false });
      const at = new Date(now - r.int(2, 400) * DAY);
      const id = await elder.insertAssessment(tx, {
        personId: p.id, path: p.path, districtCode: p.district_code, scaleVersion: GB, reason: counts.assessments % 7 === 0 ? 'routine' : 'first',
        healthEnc: sealed.assessment({
          answers, flags: { dementia: diagnoses.includes('F03'), psychiatric: false, coma: false }, subtotals: s.subtotals, adjustments: s.adjustments, riskEvents30d: 0, notes: null,
        }),
        total: s.total, preliminaryLevel: s.preliminaryLevel!, finalLevel: s.finalLevel!, assessor1: assessors.first, proposalId: null, assessedAt: at,
      });
      counts.assessments++;
      if (r.chance(0.9)) {
        await elder.signSecond(tx, id, assessors.second);
        await elder.setCurrentLevel(tx, p.id, { level: s.finalLevel!, scaleVersion: GB, assessmentId: id, assessedAt: at });
        counts.signed++;
      } else counts.awaiting++;
      // a few falls and wanderings of the frail; the first such elder gets two within 30 days (a proposal)
      if (frailty > 0.45 && r.chance(0.15)) {
        const twice = counts.proposals === 0;
        for (let k = 0; k < (twice ? 2 : 1); k++) {
          const kind = r.pick(PROPOSAL_KINDS);
          const e = await services.elder.recordRiskEventIn(tx, assessors.first, {
            personId: p.id, kind, occurredAt: new Date(now - (twice ? 3 + k * 5 : r.int(40, 200)) * DAY), source: 'manual', sourceKey: `demo:${p.id}:${k}`, note: null,
          });
          counts.riskEvents++;
          if (e.proposalId && twice) counts.proposals++;
        }
      }
    }
    return counts;
  });
}
