import { chinaTime } from '../../shared/dates.js';
import { GENDERS } from '../../standards/codes.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import type { Database } from '../../db/database.js';
import type { Column, ExportSource } from '../exports/exports.columns.js';
import { unmaskPeople } from '../exports/exports.registry.js';
import { ABILITY_LEVELS, LIVING_SITUATIONS, SUBSIDIES } from './elder.codes.js';
import { ElderListQuery } from './elder.schema.js';
import type { ElderListItem, ElderService } from './elder.service.js';


/** An elder row of an unmasked export: the plaintext is filled in only while the file is written. */
type ElderExportRow = ElderListItem & { citizenId?: string | null; phone?: string | null };

const columns = (masked: boolean): Column<ElderExportRow>[] => [
  { header: '姓名', width: 12, value: (e) => e.name },
  { header: '性别', width: 8, value: (e) => GENDERS[e.gender as keyof typeof GENDERS]?.zh ?? String(e.gender) },
  { header: '年龄', width: 6, value: (e) => e.age },
  { header: '公民身份号码', width: 22, value: (e) => (masked ? e.citizenIdMasked : (e.citizenId ?? null)) },
  { header: '联系电话', width: 15, value: (e) => (masked ? e.phoneMasked : (e.phone ?? null)) },
  { header: '居住情况', width: 16, value: (e) => LIVING_SITUATIONS[e.livingSituation as keyof typeof LIVING_SITUATIONS]?.name ?? e.livingSituation },
  { header: '享受补贴', width: 24, value: (e) => e.subsidies.map((s) => SUBSIDIES[s as keyof typeof SUBSIDIES]?.name ?? s).join('、') || null },
  { header: '能力等级', width: 10, value: (e) => (e.currentLevel === null ? '未评估' : (ABILITY_LEVELS[e.currentLevel]?.name ?? String(e.currentLevel))) },
  { header: '最近评估时间', width: 17, value: (e) => (e.currentAssessedAt ? chinaTime(new Date(e.currentAssessedAt)) : null) },
  { header: '所属辖区', width: 16, value: (e) => e.jurisdictionName },
];

/**
 * 老人档案 as an export source: the list's filters and its sort and order (the file comes out in
 * the order on screen; not its paging). Masked ID and phone by default; the plaintext only through
 * an approved unmasked export (`unmask`, as the people list).
 */
export function elderExportSource(elder: ElderService, deps: { db: Database; cipher: FieldCipher }): ExportSource<ElderExportRow> {
  return {
    code: 'elders',
    name: { zh: '老人档案', en: 'elders' },
    filters: ElderListQuery.omit({ page: true, pageSize: true }),
    columns,
    list: (actor, f, cursor, limit) => elder.exportPage(actor, f, cursor, limit),
    unmask: (actor, rows) => unmaskPeople(deps, actor, rows, (r) => r.personId),
  };
}
