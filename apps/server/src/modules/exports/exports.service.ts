import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Database, Queryable } from '../../db/database.js';
import { systemScope, withScope } from '../../db/scope.js';
import { type Actor, auditActor } from '../../shared/actor.js';
import { chinaTime } from '../../shared/dates.js';
import { commonError } from '../../shared/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { fromZodError } from '../../http/validation.js';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service.js';
import { filterPath } from '../registry/placement.js';
import { decodeCursor, encodeCursor } from '../registry/registry.repository.js';
import type { Column, ExportSource } from './exports.columns.js';
import { exportsError } from './exports.errors.js';
import * as repo from './exports.repository.js';
import type { ExportCreateInput, ExportJobDto } from './exports.schema.js';

/** How long files and approvals last, and how often they may be downloaded. */
export const EXPORT_LIMITS = {
  /** A masked file is kept this long, then deleted. */
  fileHours: 24,
  /** An approved unmasked export may be downloaded within this time of the approval. */
  approvalHours: 24,
  maskedDownloads: 10,
  unmaskedDownloads: 3,
  /**
   * Rows per page read from the list's service. Larger than a screen's page (the HTTP limit does
   * not bind an internal call): an unfiltered list re-sorts its matches for every page, so fewer,
   * larger pages cost far less; progress is saved after each.
   */
  pageSize: 2000,
};

export const STATUS_NAMES: Record<repo.ExportJobRow['status'], { zh: string; en: string }> = {
  pending: { zh: '待审批', en: 'awaiting approval' },
  approved: { zh: '已批准', en: 'approved' },
  rejected: { zh: '已驳回', en: 'rejected' },
  running: { zh: '生成中', en: 'being written' },
  ready: { zh: '可下载', en: 'ready' },
  failed: { zh: '生成失败', en: 'failed' },
  expired: { zh: '已过期', en: 'expired' },
};

type Filters = Record<string, unknown>;

/** The deepest node every one of the user's jurisdictions lies under: what their unfiltered list covers. */
export function commonRoot(paths: string[]): string | undefined {
  if (paths.length === 0) return undefined;
  const split = paths.map((p) => p.split('.'));
  const out: string[] = [];
  for (let i = 0; i < split[0]!.length; i++) {
    const label = split[0]![i];
    if (!split.every((s) => s[i] === label)) break;
    out.push(label!);
  }
  return out.length ? out.join('.') : undefined;
}

/** The file name a person sees: 人口_202611291530.xlsx (未脱敏 marked); `list` is the list's Chinese name. */
export function exportFileName(list: string, masked: boolean, at: Date): string {
  const stamp = chinaTime(at).replace(/[-: ]/g, '');
  return `${list}_${stamp}${masked ? '' : '_未脱敏'}.xlsx`;
}

/** The filters as a line a reader of the file understands. */
function describeFilters(filters: Filters): string {
  const parts = Object.entries(filters).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${String(v)}`);
  return parts.length ? parts.join('；') : '无（全部）';
}

export type ExportsService = ReturnType<typeof createExportsService>;

/**
 * 导出 — any list the user can see, to Excel. Modules register their lists (`registerSource`);
 * the rows come page by page (keyset) from the list's own service, so jurisdiction and masking are exactly what the
 * screen shows; the workbook is streamed (exceljs WorkbookWriter) so memory stays flat. An
 * unmasked export needs another user's approval and is written only while it is downloaded —
 * the plaintext never rests on disk.
 */
export function createExportsService(deps: {
  db: Database; audit: AuditService; jurisdiction: JurisdictionService; dataDir: string;
}) {
  const { db, audit, jurisdiction } = deps;
  const run = <T>(actor: Actor, fn: (tx: Queryable) => Promise<T>) => withScope(db, actor.scope, fn);
  const dir = path.join(deps.dataDir, 'exports');
  const fileOf = (key: string) => path.join(dir, `${key}.xlsx`);
  const running = new Map<string, Promise<void>>();

  /* The exportable lists, registered by their modules at start-up. */
  const sources = new Map<string, ExportSource<unknown>>();
  const sourceOf = (code: string) => {
    const src = sources.get(code);
    if (!src) throw exportsError('EXPORT_UNKNOWN_LIST', { resource: code.slice(0, 40) }, 'resource');
    return src;
  };
  const nameOf = (code: string) => sources.get(code)?.name ?? { zh: code, en: code };

  /**
   * Streams the workbook of one export into `out`: a sheet of the list with Chinese headers, then
   * a sheet saying what was exported, by whom and when. Returns the number of rows.
   */
  async function writeWorkbook(
    out: Writable, actor: Actor, job: { resource: string; filters: Filters; masked: boolean; approver?: string | null },
    onPage: (written: number, expected: number | null) => Promise<void> = async () => undefined,
  ): Promise<number> {
    const source = sourceOf(job.resource);
    const name = source.name;
    const columns: Column<unknown>[] = source.columns(job.masked);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = 'Linli 邻里';
    const ws = wb.addWorksheet(name.zh, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ width: c.width }));
    const head = ws.addRow(columns.map((c) => c.header));
    head.font = { bold: true };
    head.commit();
    let written = 0;
    let cursor: string | undefined;
    do {
      const page = await source.list(actor, job.filters, cursor, EXPORT_LIMITS.pageSize);
      if (!job.masked) await source.unmask?.(actor, page.items);
      for (const item of page.items) {
        ws.addRow(columns.map((c) => c.value(item))).commit();
        written++;
      }
      await onPage(written, page.total !== undefined && cursor === undefined ? page.total : null);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    ws.commit();
    const info = wb.addWorksheet('导出说明');
    info.columns = [{ width: 14 }, { width: 60 }];
    for (const row of [
      ['列表', name.zh],
      ['筛选条件', describeFilters(job.filters)],
      ['是否脱敏', job.masked ? '是（证件号、电话已脱敏）' : `否（经 ${job.approver ?? '—'} 审批）`],
      ['导出人', `${actor.displayName}（${actor.username}）`],
      ['导出时间', chinaTime(new Date())],
      ['记录数', written],
    ]) info.addRow(row).commit();
    info.commit();
    await wb.commit();
    return written;
  }

  /** Writes a masked export's file in the background, saving progress after each page. */
  function start(actor: Actor, id: string, job: { resource: string; filters: Filters }) {
    const key = crypto.randomBytes(16).toString('hex');
    const task = (async () => {
      let rows = 0;
      try {
        await fs.promises.mkdir(dir, { recursive: true });
        const file = fs.createWriteStream(fileOf(key), { mode: 0o600 });
        const closed = new Promise<void>((resolve, reject) => { file.on('close', resolve); file.on('error', reject); });
        rows = await writeWorkbook(file, actor, { ...job, masked: true }, (n, expected) => run(actor, (tx) => repo.setProgress(tx, id, n, expected)));
        await closed;
        const size = (await fs.promises.stat(fileOf(key))).size;
        await run(actor, async (tx) => {
          await repo.finish(tx, id, { status: 'ready', rows, file_key: key, file_size: size, expires_at: new Date(Date.now() + EXPORT_LIMITS.fileHours * 3_600_000), error: null });
          await audit.recordIn(tx, {
            actor: auditActor(actor), ip: actor.ip, action: 'export.finish', objectType: 'export_job', objectId: id,
            detail: { resource: job.resource, filters: job.filters, masked: true, rows, bytes: size },
          });
        });
      } catch (e) {
        await fs.promises.rm(fileOf(key), { force: true });
        const message = e instanceof Error ? e.message.slice(0, 300) : 'export failed';
        await run(actor, (tx) => repo.finish(tx, id, { status: 'failed', rows, file_key: null, file_size: null, expires_at: null, error: message })).catch(() => undefined);
      } finally {
        running.delete(id);
      }
    })();
    running.set(id, task);
  }

  const toDto = (r: repo.ExportJobRow): ExportJobDto => ({
    id: r.id,
    resource: r.resource,
    resourceName: nameOf(r.resource).zh,
    resourceNameEn: nameOf(r.resource).en,
    filters: r.filters,
    masked: r.masked,
    reason: r.reason,
    status: r.status,
    requestedBy: { id: r.requested_by, name: r.requester_name },
    jurisdictionName: r.node_name,
    decidedBy: r.decided_by ? { id: r.decided_by, name: r.decider_name } : null,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    rowsWritten: r.rows_written,
    rowsExpected: r.rows_expected,
    fileSize: r.file_size === null ? null : Number(r.file_size),
    expiresAt: r.expires_at,
    downloads: r.downloads,
    maxDownloads: r.max_downloads,
    error: r.error,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    version: r.version,
  });

  async function mustGet(tx: Queryable, id: string, forUpdate = false) {
    const row = await repo.jobById(tx, id, forUpdate);
    if (!row) throw commonError('NOT_FOUND');
    return row;
  }
  const statusParams = (s: repo.ExportJobRow['status']) => ({ status: STATUS_NAMES[s].zh, statusEn: STATUS_NAMES[s].en });
  const page = (p: { rows: repo.ExportJobRow[]; more: boolean }) => {
    const last = p.rows.at(-1);
    return { items: p.rows.map(toDto), nextCursor: p.more && last ? encodeCursor([last.created_at, last.id]) : null };
  };

  return {
    /**
     * Makes a module's list exportable (at start-up, from services.ts): its code, names, columns,
     * filters and a keyset page reader. A list with masked fields also passes `unmask`.
     */
    registerSource<R>(source: ExportSource<R>) {
      if (sources.has(source.code)) throw new Error(`export source ${source.code} registered twice`);
      sources.set(source.code, source as unknown as ExportSource<unknown>);
    },

    /** The registered lists (code and names). */
    sourceNames: () => [...sources.values()].map((s) => ({ code: s.code, ...s.name })),

    /**
     * Starts a masked export at once, or files an unmasked request for approval. The export covers
     * the list's jurisdiction filter, or all of the user's own jurisdiction.
     */
    async create(actor: Actor, input: ExportCreateInput): Promise<ExportJobDto> {
      const source = sourceOf(input.resource);
      const resource = source.code;
      const parsed = source.filters.safeParse(input.filters ?? {});
      if (!parsed.success) throw fromZodError(parsed.error, 'filters');
      const filters: Filters = parsed.data;
      if (!input.masked) {
        if (!actor.permissions.has('export.unmasked')) throw commonError('FORBIDDEN');
        if (!source.unmask) throw exportsError('EXPORT_NOTHING_TO_UNMASK', { list: source.name.zh, listEn: source.name.en }, 'masked');
        if (!input.reason) throw exportsError('EXPORT_REASON_REQUIRED', {}, 'reason');
      }
      const job = await run(actor, async (tx) => {
        const node = typeof filters.jurisdictionId === 'string' ? filters.jurisdictionId : undefined;
        const where = node ? await filterPath(tx, jurisdiction, node) : commonRoot(actor.scope.kind === 'user' ? actor.scope.paths : []);
        if (!where) throw exportsError('EXPORT_NO_JURISDICTION');
        const id = await repo.insertJob(tx, {
          path: where, requested_by: actor.userId, requester_name: actor.displayName, resource, filters, masked: input.masked, reason: input.reason ?? null,
          status: input.masked ? 'running' : 'pending', max_downloads: input.masked ? EXPORT_LIMITS.maskedDownloads : EXPORT_LIMITS.unmaskedDownloads,
        });
        await audit.recordIn(tx, {
          actor: auditActor(actor), ip: actor.ip, action: input.masked ? 'export.create' : 'export.request', objectType: 'export_job', objectId: id,
          reason: input.reason ?? null, detail: { resource, filters, masked: input.masked },
        });
        return toDto(await mustGet(tx, id));
      });
      if (input.masked) start(actor, job.id, { resource, filters });
      return job;
    },

    get: (actor: Actor, id: string) => run(actor, async (tx) => toDto(await mustGet(tx, id))),

    /** The user's own exports and requests, newest first. */
    listMine: (actor: Actor, q: { cursor?: string; limit: number }) =>
      run(actor, async (tx) => page(await repo.listJobs(tx, { requestedBy: actor.userId, after: decodeCursor(q.cursor), limit: q.limit }))),

    /** Unmasked requests awaiting a decision, within the approver's jurisdiction, not their own. */
    listPending: (actor: Actor, q: { cursor?: string; limit: number }) =>
      run(actor, async (tx) => page(await repo.listJobs(tx, { pendingFor: actor.userId, after: decodeCursor(q.cursor), limit: q.limit }))),

    /**
     * Approves or rejects an unmasked request. Separation of duties: never the requester; and only
     * an approver whose jurisdiction covers the request sees it at all (404 otherwise).
     */
    decide: (actor: Actor, id: string, d: { decision: 'approve' | 'reject'; note?: string; version: number }) =>
      run(actor, async (tx) => {
        const job = await mustGet(tx, id, true);
        if (job.requested_by === actor.userId) throw exportsError('EXPORT_SELF_APPROVAL');
        if (job.status !== 'pending') throw exportsError('EXPORT_ALREADY_DECIDED', statusParams(job.status));
        if (d.decision === 'reject' && !d.note) throw exportsError('EXPORT_REJECT_NOTE_REQUIRED', {}, 'note');
        const approve = d.decision === 'approve';
        const ok = await repo.decide(tx, id, d.version, {
          status: approve ? 'approved' : 'rejected', decided_by: actor.userId, decider_name: actor.displayName, note: d.note ?? null,
          expires_at: approve ? new Date(Date.now() + EXPORT_LIMITS.approvalHours * 3_600_000) : null,
        });
        if (!ok) throw commonError('VERSION_CONFLICT');
        await audit.recordIn(tx, {
          actor: auditActor(actor), ip: actor.ip, action: approve ? 'export.approve' : 'export.reject', objectType: 'export_job', objectId: id,
          reason: d.note ?? null, detail: { resource: job.resource, filters: job.filters, requestedBy: job.requested_by },
        });
        return toDto(await mustGet(tx, id));
      }),

    /**
     * The requester's download: a masked export's file, or — once approved, within its time and
     * download limit — the unmasked workbook, decrypted row by row as it is written to the response.
     * Each download is counted and audited before a byte is sent.
     */
    async download(actor: Actor, id: string): Promise<{ filename: string; stream: NodeJS.ReadableStream }> {
      const job = await run(actor, async (tx) => {
        const j = await mustGet(tx, id, true);
        if (j.requested_by !== actor.userId) throw exportsError('EXPORT_NOT_REQUESTER');
        const expired = j.status === 'expired' || (j.expires_at !== null && j.expires_at.getTime() < Date.now());
        if (j.masked) {
          if (expired) throw exportsError('EXPORT_EXPIRED');
          if (j.status !== 'ready' || !j.file_key) throw exportsError('EXPORT_NOT_READY', statusParams(j.status));
        } else {
          if (j.status === 'approved' && expired) throw exportsError('EXPORT_EXPIRED');
          if (j.status !== 'approved') throw exportsError('EXPORT_NOT_APPROVED', statusParams(j.status));
        }
        const n = await repo.countDownload(tx, id);
        if (n === undefined) throw exportsError('EXPORT_DOWNLOADS_USED', { max: j.max_downloads });
        await audit.recordIn(tx, {
          actor: auditActor(actor), ip: actor.ip, action: 'export.download', objectType: 'export_job', objectId: id,
          detail: { resource: j.resource, filters: j.filters, masked: j.masked, download: n, of: j.max_downloads, rows: j.masked ? j.rows_written : undefined },
        });
        return j;
      });
      const resource = job.resource;
      const filename = exportFileName(nameOf(resource).zh, job.masked, new Date());
      if (job.masked) return { filename, stream: fs.createReadStream(fileOf(job.file_key!)) };
      const out = new PassThrough();
      writeWorkbook(out, actor, { resource, filters: job.filters, masked: false, approver: job.decider_name })
        .then((rows) => run(actor, (tx) => repo.setProgress(tx, id, rows, rows)))
        .catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
      return { filename, stream: out };
    },

    /**
     * A small table (aggregates, no personal data: the cube's pivot) as a workbook in the same
     * shape as the list exports — bold frozen header, then a sheet saying what it is, by whom, when.
     */
    async tableWorkbook(actor: Actor, t: { title: string; header: string[]; rows: (string | number)[][]; notes: [string, string][] }): Promise<Buffer> {
      const wb = new ExcelJS.Workbook();
      wb.creator = 'Linli 邻里';
      const ws = wb.addWorksheet(t.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = t.header.map((_, i) => ({ width: i === 0 ? 28 : 14 }));
      ws.addRow(t.header).font = { bold: true };
      for (const r of t.rows) ws.addRow(r);
      const info = wb.addWorksheet('导出说明');
      info.columns = [{ width: 14 }, { width: 60 }];
      for (const row of [...t.notes, ['导出人', `${actor.displayName}（${actor.username}）`], ['导出时间', chinaTime(new Date())]]) info.addRow(row);
      return Buffer.from(await wb.xlsx.writeBuffer());
    },

    /** Marks jobs a stopped process left running as failed; then deletes expired files every few minutes. */
    startHousekeeping(everyMs = 10 * 60_000) {
      const sys = systemScope('export housekeeping');
      void withScope(db, sys, (tx) => repo.failInterrupted(tx)).catch(() => undefined);
      const timer = setInterval(() => void this.purgeExpired().catch(() => undefined), everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },

    /** Deletes the files of exports past their time and voids expired approvals; returns how many. */
    async purgeExpired(now = new Date()): Promise<number> {
      const gone = await withScope(db, systemScope('export housekeeping'), (tx) => repo.expired(tx, now));
      for (const g of gone) if (g.file_key) await fs.promises.rm(fileOf(g.file_key), { force: true });
      return gone.length;
    },

    /** Resolves when the background job of an export has finished (for shutdown and tests). */
    settled: (id: string) => running.get(id) ?? Promise.resolve(),
  };
}
