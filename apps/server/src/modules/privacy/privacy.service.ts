import ExcelJS from 'exceljs';
import type { Config } from '../../config/env.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import type { Database } from '../../db/database.js';
import { readPersonalData, sealedAad } from '../../db/personal-data.js';
import { withScope } from '../../db/scope.js';
import { auditActor, type Actor } from '../../shared/actor.js';
import { today } from '../../shared/dates.js';
import { commonError } from '../../shared/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { privacyError } from './privacy.errors.js';
import * as repo from './privacy.repository.js';
import type { PrivacyRequestDto, RequestCreateInput, RequestQueryInput } from './privacy.schema.js';

/** Rows of one table in a copy; a watch's 180 days of fixes would be 260 k, the newest are enough. */
export const COPY_ROWS_PER_TABLE = 5000;
/** Columns that are the system's bookkeeping, not information about the person. */
const INTERNAL = new Set(['path', 'path_key', 'version']);
const UNREADABLE = '（无法解密）';

const STATUS_NAMES = { open: { zh: '办理中', en: 'open' }, done: { zh: '已办结', en: 'done' }, refused: { zh: '不予办理', en: 'refused' } } as const;

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const toDto = (r: repo.RequestRow): PrivacyRequestDto => ({
  id: r.id,
  person: { id: r.person_id, name: r.person_name, citizenIdMasked: r.citizen_id_masked },
  kind: r.kind as PrivacyRequestDto['kind'],
  channel: r.channel as PrivacyRequestDto['channel'],
  requester: r.requester,
  detail: r.detail,
  receivedOn: r.received_on,
  dueOn: r.due_on,
  daysLeft: r.days_left,
  status: r.status as PrivacyRequestDto['status'],
  outcome: r.outcome,
  copies: r.copies,
  handledBy: r.handled_by_name,
  handledAt: r.handled_at,
  createdAt: r.created_at,
  version: r.version,
});

/** A cell of the copy: sealed values opened, structured values as JSON text, dates as ISO text. */
function cellOf(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;

/**
 * 个人信息权利请求 (PIPL arts. 44–47): residents' requests to see and copy, correct or delete
 * their data, each with its deadline; the copy holds every record about the person in every
 * module (every table that refers to a person, found in the schema, so a new module's tables
 * are in it without code here), sealed values opened, as a workbook with a sheet per table.
 */
export function createPrivacyService(deps: { db: Database; audit: AuditService; cipher: FieldCipher; config: Config }) {
  const { db, audit, cipher, config } = deps;

  const load = async (tx: Parameters<typeof repo.getRequest>[0], id: string) => {
    const r = await repo.getRequest(tx, id, today());
    if (!r) throw commonError('NOT_FOUND');
    return r;
  };

  return {
    create: (actor: Actor, input: RequestCreateInput) =>
      withScope(db, actor.scope, async (tx) => {
        const person = await repo.personOf(tx, input.personId);
        if (!person) throw privacyError('PRIVACY_PERSON_NOT_FOUND', {}, 'personId');
        const receivedOn = input.receivedOn ?? today();
        const id = await repo.insertRequest(tx, {
          personId: person.id, path: person.path, districtCode: person.district_code, kind: input.kind, channel: input.channel,
          requester: input.requester, detail: input.detail ?? null, receivedOn, dueOn: addDays(receivedOn, config.privacy.requestDays), by: actor.userId,
        });
        await audit.recordIn(tx, { actor: auditActor(actor), ip: actor.ip, action: 'privacy.request_create', objectType: 'person', objectId: person.id, detail: { request: id, kind: input.kind } });
        return toDto(await load(tx, id));
      }),

    list: (actor: Actor, q: RequestQueryInput) =>
      withScope(db, actor.scope, async (tx) => {
        const r = await repo.listRequests(tx, { ...q, offset: (q.page - 1) * q.pageSize, limit: q.pageSize }, today());
        return { items: r.rows.map(toDto), total: r.total, overdue: r.overdue, open: r.open };
      }),

    get: (actor: Actor, id: string) => withScope(db, actor.scope, async (tx) => toDto(await load(tx, id))),

    close: (actor: Actor, id: string, input: { status: 'done' | 'refused'; outcome: string; version: number }) =>
      withScope(db, actor.scope, async (tx) => {
        const r = await load(tx, id);
        if (r.status !== 'open') {
          const s = STATUS_NAMES[r.status as keyof typeof STATUS_NAMES];
          throw privacyError('PRIVACY_ALREADY_CLOSED', { status: s.zh, statusEn: s.en });
        }
        if (!(await repo.closeRequest(tx, id, input.version, { status: input.status, outcome: input.outcome, by: actor.userId }))) throw commonError('VERSION_CONFLICT');
        await audit.recordIn(tx, { actor: auditActor(actor), ip: actor.ip, action: 'privacy.request_close', objectType: 'person', objectId: r.person_id, detail: { request: id, status: input.status } });
        return toDto(await load(tx, id));
      }),

    /**
     * The resident's copy: every record about them that the user's jurisdiction holds, one sheet
     * per table, with the schema's own description of each column. Audited, and counted on the request.
     */
    copy: (actor: Actor, id: string) =>
      withScope(db, actor.scope, async (tx) => {
        const r = await load(tx, id);
        const records = await repo.personRecords(tx, r.person_id, COPY_ROWS_PER_TABLE);
        const { columns } = await readPersonalData(tx);
        const noteOf = new Map(columns.map((c) => [`${c.table}.${c.column}`, c.taggedOnColumn ? c.note : null]));
        const tableNote = new Map(columns.filter((c) => !c.taggedOnColumn && c.note).map((c) => [c.table, c.note!]));
        const byTable = new Map<string, Record<string, unknown>[]>();
        for (const x of records) {
          const list = byTable.get(x.table_name) ?? [];
          list.push(x.record);
          byTable.set(x.table_name, list);
        }

        const wb = new ExcelJS.Workbook();
        wb.creator = 'Linli 邻里';
        const info = wb.addWorksheet('说明');
        info.columns = [{ width: 22 }, { width: 60 }];
        const sheets: { table: string; name: string; rows: number }[] = [];
        let unreadable = 0;
        const used = new Set(['说明']);
        for (const [table, rows] of byTable) {
          const keys = Object.keys(rows[0]!).filter((k) => !INTERNAL.has(k) && !k.endsWith('_hash') && !k.endsWith('_hashes'));
          let name = `${tableNote.get(table) ?? table}`.replace(/[\\/?*[\]:]/g, ' ').slice(0, 28);
          for (let i = 2; used.has(name); i++) name = `${name.slice(0, 26)}${i}`;
          used.add(name);
          const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
          ws.addRow(keys.map((k) => noteOf.get(`${table}.${k}`) ?? k)).font = { bold: true };
          for (const row of rows) {
            ws.addRow(keys.map((k) => {
              const v = row[k];
              if (k.endsWith('_enc') && typeof v === 'string') {
                try {
                  return cipher.decrypt(v, sealedAad(table, k));
                } catch {
                  unreadable++;
                  return UNREADABLE;
                }
              }
              return cellOf(v);
            }));
          }
          keys.forEach((_, i) => (ws.getColumn(i + 1).width = 18));
          sheets.push({ table, name, rows: rows.length });
        }
        info.addRows([
          ['个人信息副本', `${r.person_name}（${r.person_id}）`],
          ['请求', `${r.requester} · ${r.received_on} 受理 · 期限 ${r.due_on}`],
          ['生成时间', new Date().toISOString()],
          ['生成人', actor.displayName || actor.username],
          ['范围', `本辖区内记载该人员的全部记录，共 ${sheets.length} 类；每类最多 ${COPY_ROWS_PER_TABLE} 条（按时间由新到旧）`],
          ...sheets.map((s) => [s.name, `${s.rows} 条（${s.table}）`]),
        ]);
        info.getColumn(1).font = { bold: true };

        await repo.countCopy(tx, id);
        await audit.recordIn(tx, {
          actor: auditActor(actor), ip: actor.ip, action: 'privacy.copy', objectType: 'person', objectId: r.person_id,
          detail: { request: id, tables: sheets.map((s) => s.table), rows: sheets.reduce((n, s) => n + s.rows, 0), unreadable },
        });
        const buffer = Buffer.from(await wb.xlsx.writeBuffer());
        return { buffer, filename: `个人信息副本-${r.person_name}-${today()}.xlsx`, sheets, unreadable };
      }),
  };
}
