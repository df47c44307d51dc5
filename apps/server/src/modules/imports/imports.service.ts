import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Config } from '../../config/env.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import type { Database, Queryable } from '../../db/database.js';
import { type Scope, systemScope, withScope } from '../../db/scope.js';
import { type Actor, type NodeRef, auditActor } from '../../shared/actor.js';
import { AppError, commonError } from '../../shared/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service.js';
import type { PeopleService } from '../registry/people.service.js';
import { placeAt } from '../registry/placement.js';
import { FIELDS, type ImportKind, type Mapping, detectHeader, mappingProblems } from './fields.js';
import { importError } from './imports.errors.js';
import * as repo from './imports.repository.js';
import { KINDS, SECRET_COLUMN, type StageEnv, type Writer } from './kinds.js';
import { type Cell, cellText, isBlankRow } from './normalize.js';
import { type FileFormat, type SourceRow, detectEncoding, readRows, sniffFormat } from './readers.js';

const RAW_COLUMN = 'import_row.raw';
const CHUNK_COLUMN = 'import_chunk.raw';
const STAGE_CHUNK = 1000;

/** What the user decides per class of row. Rows of other classes (unchanged, conflict, error) are never applied. */
export interface Decisions {
  new: 'create' | 'skip';
  update: 'apply' | 'skip';
  duplicate: 'create' | 'skip';
}

const STATUS_NAMES: Record<repo.JobRow['status'], [string, string]> = {
  mapping: ['待确认字段', 'mapping'], preview: ['待确认导入', 'preview'], queued: ['排队中', 'queued'], running: ['导入中', 'running'],
  cancelling: ['正在取消', 'cancelling'], cancelled: ['已取消', 'cancelled'], done: ['已完成', 'done'], failed: ['失败', 'failed'],
};

/** The classes a job applies under its decisions. */
export function applyClasses(d: Partial<Decisions>): string[] {
  return [d.new === 'create' ? 'new' : null, d.update === 'apply' ? 'update' : null, d.duplicate === 'create' ? 'duplicate' : null].filter((c): c is string => !!c);
}

export function toJob(j: repo.JobRow) {
  const done = j.applied_rows + j.failed_rows;
  return {
    id: j.id, kind: j.kind, fileName: j.file_name, fileSha256: j.file_sha256, fileSize: j.file_size, format: j.file_format, encoding: j.file_encoding,
    status: j.status, statusName: STATUS_NAMES[j.status][0], statusNameEn: STATUS_NAMES[j.status][1],
    headerRow: j.header_row, headers: j.headers, mapping: j.mapping, decisions: j.decisions, counts: j.counts,
    totalRows: j.total_rows, toApply: j.to_apply, appliedRows: j.applied_rows, failedRows: j.failed_rows,
    progress: j.to_apply > 0 ? Math.min(1, done / j.to_apply) : j.status === 'done' ? 1 : 0,
    jurisdiction: { id: j.node_id, name: j.node_name }, createdBy: j.created_by_name, error: j.error,
    createdAt: j.created_at, startedAt: j.started_at, finishedAt: j.finished_at, version: j.version,
  };
}
export type JobDto = ReturnType<typeof toJob>;

/** Why a row could not be written, naming the field when the registry did. */
const rowMessage = (e: unknown) => e instanceof AppError
  ? { field: e.fields?.[0]?.field ?? null, zh: e.messageZh, en: e.messageEn }
  : { field: null, zh: '写入失败，请核对本行数据', en: 'Could not be written; check this row' };

/** The community a path lies in (city.district.street.community), or the path itself above that. */
const communityOf = (p: string) => p.split('.').slice(0, 4).join('.');

export type ImportsService = ReturnType<typeof createImportsService>;

/**
 * 数据导入 — spreadsheets in once: upload, automatic column mapping (overridable), staging with
 * a per-row report matched against the registry, the user's decision per class of row, and a
 * background commit in batches through the registry's own services and repositories.
 */
export function createImportsService(deps: { db: Database; audit: AuditService; jurisdiction: JurisdictionService; people: PeopleService; cipher: FieldCipher; config: Config }) {
  const { db, audit, jurisdiction, people, cipher, config } = deps;
  const run = <T>(actor: Actor, fn: (tx: Queryable) => Promise<T>) => withScope(db, actor.scope, fn);
  const system = <T>(fn: (tx: Queryable) => Promise<T>) => withScope(db, systemScope('import worker'), fn);
  const dir = path.join(config.dataDir, 'imports');
  const filePath = (key: string) => path.join(dir, key);

  async function mustJob(tx: Queryable, id: string) {
    const j = await repo.jobById(tx, id);
    if (!j) throw commonError('NOT_FOUND');
    return j;
  }
  const stateError = (j: repo.JobRow, action: string, actionEn: string) =>
    importError('JOB_STATE', { status: STATUS_NAMES[j.status][0], statusEn: STATUS_NAMES[j.status][1], action, actionEn });

  /** Streams the upload to a file of its own (random key), hashing it and stopping at the size limit. */
  async function store(body: Readable): Promise<{ key: string; sha256: string; size: number }> {
    await fs.promises.mkdir(dir, { recursive: true });
    const key = crypto.randomUUID();
    const hash = crypto.createHash('sha256');
    const out = fs.createWriteStream(filePath(key));
    let size = 0;
    try {
      for await (const chunk of body) {
        size += (chunk as Buffer).length;
        if (size > config.imports.maxBytes) throw importError('FILE_TOO_LARGE', { limit: Math.round(config.imports.maxBytes / 1048576) });
        hash.update(chunk as Buffer);
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      }
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    } catch (e) {
      out.destroy();
      await fs.promises.rm(filePath(key), { force: true });
      throw e;
    }
    return { key, sha256: hash.digest('hex'), size };
  }

  async function firstRows(file: string, format: FileFormat, encoding: 'utf-8' | 'gbk', n: number) {
    const rows: SourceRow[] = [];
    const it = readRows(file, format, encoding);
    for await (const r of it) {
      rows.push(r);
      if (rows.length >= n) break;
    }
    await it.return(undefined);
    return rows;
  }

  /** Reads, normalises and classifies every data row, replacing any earlier staging. */
  async function stage(actor: Actor, j: repo.JobRow, mapping: Mapping) {
    const file = filePath(j.stored_key);
    if (!fs.existsSync(file)) throw importError('FILE_GONE');
    const kind = KINDS[j.kind];
    const under = communityOf(j.path);
    const env: StageEnv = { node: { id: j.node_id, path: j.path, name: j.node_name ?? '' }, under, cipher, seen: new Map(), rowNo: 0 };
    await run(actor, (tx) => repo.deleteRows(tx, j.id));
    let chunk: { rowNo: number; cells: Cell[] }[] = [];
    let total = 0;
    /** Normalises and classifies a chunk (its look-ups in one read transaction); chunks go in file order, for `env.seen`. */
    const stageChunk = (batch: { rowNo: number; cells: Cell[] }[]) =>
      run(actor, async (tx) => {
        const staged: repo.StagedRow[] = [];
        await kind.prefetch?.(tx, env, batch.map((r) => r.cells), mapping);
        for (const r of batch) {
          env.rowNo = r.rowNo;
          const s = await kind.stage(tx, env, r.cells, mapping);
          staged.push({
            row_no: r.rowNo, path: s.path, class: s.class, values: s.values, raw_enc: null,
            secret_enc: s.secret ? cipher.encrypt(JSON.stringify(s.secret), SECRET_COLUMN) : null, sealed: s.sealed ?? null, id_hash: s.idHash, messages: s.messages, changes: s.changes, match_id: s.matchId,
          });
        }
        // the source cells, for the error report: sealed once for the chunk
        return { staged, rawEnc: cipher.encrypt(JSON.stringify(batch.map((r) => [r.rowNo, r.cells])), CHUNK_COLUMN) };
      });
    // a chunk's rows are written (a transaction of their own) while the next chunk is read and
    // staged: Node's work overlaps the database's, and at most two chunks are in memory. On
    // PGlite the write and the next chunk's look-ups take turns on its one connection.
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      if (!chunk.length) return;
      const batch = chunk;
      chunk = [];
      const { staged, rawEnc } = await stageChunk(batch);
      await writing;
      writing = run(actor, (tx) => repo.insertRows(tx, j.id, staged, { path: j.path, rawEnc }));
      writing.catch(() => undefined); // awaited before the next chunk's write or in `finally`
    };
    try {
      for await (const r of readRows(file, j.file_format, (j.file_encoding ?? 'utf-8') as 'utf-8' | 'gbk')) {
        if (r.rowNo <= (j.header_row ?? 0) || isBlankRow(r.cells)) continue;
        total += 1;
        chunk.push(r);
        if (chunk.length >= STAGE_CHUNK) await flush();
      }
      await flush();
    } finally {
      await writing;
    }
    return run(actor, async (tx) => {
      const counts = await repo.countsByClass(tx, j.id);
      await repo.updateJob(tx, j.id, { status: 'preview', mapping, counts, total_rows: total });
      // matching read the registry's records of the people in the file: one audited read per job
      await audit.recordIn(tx, { actor: auditActor(actor), ip: actor.ip, action: 'import.match', objectType: 'import_job', objectId: j.id, detail: { kind: j.kind, rows: total, counts } });
      return toJob(await mustJob(tx, j.id));
    });
  }

  /**
   * The set-based path for a batch's rows: applied in a few statements, each row marked with its
   * record in the same transaction, one audit entry naming the job and the count (the change
   * history still records each person with the importing user). Returns the rows applied; the
   * others, and all of them when anything unexpected happens, are left to the per-row path.
   */
  async function applyMany(tx: Queryable, many: NonNullable<(typeof KINDS)[ImportKind]['many']>, rows: repo.PendingRow[], jobId: string, writer: Writer): Promise<Set<number>> {
    await tx.query('SAVEPOINT import_batch');
    try {
      const applied = await many.apply(tx, { people, jurisdiction, cipher, writer }, jobId, rows);
      if (applied.size) {
        await audit.recordIn(tx, {
          actor: auditActor(writer), ip: writer.ip, action: 'import.apply', objectType: 'import_job', objectId: jobId,
          detail: { created: applied.size, rows: [rows[0]!.row_no, rows.at(-1)!.row_no] },
        });
      }
      await tx.query('RELEASE SAVEPOINT import_batch');
      return applied;
    } catch {
      await tx.query('ROLLBACK TO SAVEPOINT import_batch');
      return new Set();
    }
  }

  /**
   * Applies a job's pending rows in batches, each one transaction in the importer's scope, each
   * row marked applied in the same transaction as its change. Stops between batches when the job
   * is cancelled; `maxBatches` stops early as a killed process would (tests).
   */
  async function runJob(jobId: string, opts: { batchSize?: number; maxBatches?: number; shouldStop?: () => boolean; onProgress?: (j: JobDto) => void } = {}) {
    const batchSize = opts.batchSize ?? 1000;
    const j = await system((tx) => mustJob(tx, jobId));
    if (j.status === 'cancelling') {
      await system((tx) => repo.updateJob(tx, jobId, { status: 'cancelled', finished_at: new Date() }, ['cancelling']));
      return 'cancelled' as const;
    }
    if (!(await system((tx) => repo.updateJob(tx, jobId, { status: 'running', started_at: j.started_at ?? new Date() }, ['queued', 'running'])))) return j.status;
    const who = await system((tx) => repo.importerOf(tx, j.created_by));
    if (!who) {
      await system((tx) => repo.updateJob(tx, jobId, { status: 'failed', error: importError('IMPORTER_GONE').messageZh, finished_at: new Date() }));
      return 'failed' as const;
    }
    const scope: Scope = { kind: 'user', userId: j.created_by, paths: who.paths };
    const writer: Writer = { userId: j.created_by, username: who.username, ip: 'import-job' };
    const classes = applyClasses(j.decisions);
    const kind = KINDS[j.kind];
    await withScope(db, scope, (tx) => repo.skipRows(tx, jobId, classes));
    // batches are taken window by window of row numbers: a scan from the job's first row passed
    // the applied rows' dead index entries again each batch, and without fresh statistics the
    // planner sorted all pending rows; either made a large job quadratic
    const last = await system((tx) => repo.lastRowNo(tx, jobId));
    const window = batchSize * 4;
    let after = 0;
    for (let batches = 0; ; batches++) {
      const current = await system((tx) => mustJob(tx, jobId));
      if (current.status === 'cancelling' || current.status === 'cancelled') {
        await system((tx) => repo.updateJob(tx, jobId, { status: 'cancelled', finished_at: new Date() }));
        return 'cancelled' as const;
      }
      if ((opts.maxBatches !== undefined && batches >= opts.maxBatches) || opts.shouldStop?.()) return 'interrupted' as const;
      const n = await withScope(db, scope, async (tx) => {
        // one batch of a job at a time, whichever worker runs it: the next one sees this one's results
        await repo.lockJob(tx, jobId);
        let rows: repo.PendingRow[] = [];
        while (!rows.length && after < last) {
          rows = await repo.pendingRows(tx, jobId, classes, batchSize, after, after + window);
          after = rows.length === batchSize ? rows.at(-1)!.row_no : after + window;
        }
        // what the windows passed over (a row another worker applied out of order), if anything
        if (!rows.length) rows = await repo.pendingRows(tx, jobId, classes, batchSize, 0, last);
        let ok = 0;
        let failed = 0;
        const bulk = kind.many ? rows.filter(kind.many.accepts) : [];
        let rest = rows;
        if (kind.many && bulk.length) {
          const done = await applyMany(tx, kind.many, bulk, jobId, writer);
          rest = rows.filter((x) => !done.has(x.row_no));
          ok += done.size;
        }
        // only the rows left to the per-row path are read whole
        for (const row of await repo.rowsByNo(tx, jobId, rest.map((x) => x.row_no))) {
          await tx.query('SAVEPOINT import_row');
          try {
            const r = await kind.apply(tx, { people, jurisdiction, cipher, writer }, row);
            await tx.query('RELEASE SAVEPOINT import_row');
            await repo.markRow(tx, jobId, row.row_no, r.result, r.id);
            ok++;
          } catch (e) {
            await tx.query('ROLLBACK TO SAVEPOINT import_row');
            await repo.markRow(tx, jobId, row.row_no, 'failed', null, [...row.messages, rowMessage(e)]);
            failed++;
          }
        }
        if (rows.length) await repo.addProgress(tx, jobId, ok, failed);
        return rows.length;
      });
      if (opts.onProgress) opts.onProgress(toJob(await system((tx) => mustJob(tx, jobId))));
      if (n === 0) {
        await system(async (tx) => {
          const results = await repo.resultCounts(tx, jobId);
          const c = await repo.countsByClass(tx, jobId);
          await repo.updateJob(tx, jobId, { status: 'done', finished_at: new Date(), counts: { ...c, ...Object.fromEntries(Object.entries(results).map(([k, v]) => [`result_${k}`, v])) } }, ['running']);
        });
        return 'done' as const;
      }
    }
  }

  return {
    runJob,

    /** The fields of each kind, with their synonyms (the mapping screen's choices). */
    kinds: () => Object.fromEntries(Object.entries(FIELDS).map(([k, fs]) => [k, fs.map((f) => ({ field: f.field, name: f.zh, nameEn: f.en, required: !!f.required }))])),

    /** Stores an upload, recognises its format by content, finds the header row and maps the columns. */
    upload: async (actor: Actor, input: { kind: ImportKind; jurisdictionId: string; fileName: string; body: Readable }) => {
      const place = await run(actor, (tx) => placeAt(tx, jurisdiction, input.jurisdictionId));
      const stored = await store(input.body);
      const file = filePath(stored.key);
      try {
        if (stored.size === 0) throw importError('FILE_EMPTY');
        const format = await sniffFormat(file);
        if (!format) throw importError('FILE_TYPE_UNSUPPORTED');
        if (format === 'xls' && stored.size > config.imports.xlsMaxBytes) throw importError('FILE_TOO_LARGE', { limit: Math.round(config.imports.xlsMaxBytes / 1048576) });
        const encoding = format === 'csv' ? await detectEncoding(file) : 'utf-8';
        const head = await firstRows(file, format, encoding, 20);
        const guess = detectHeader(input.kind, head.map((r) => r.cells));
        if (!guess) throw importError('HEADER_NOT_FOUND');
        return await run(actor, async (tx) => {
          const [node] = await jurisdiction.resolveIn(tx, [input.jurisdictionId]);
          const id = await repo.insertJob(tx, {
            ...place, node_id: node!.id, kind: input.kind, file_name: input.fileName, file_sha256: stored.sha256, file_size: stored.size, file_format: format,
            file_encoding: format === 'csv' ? encoding : null, stored_key: stored.key, header_row: head[guess.headerRow]!.rowNo, headers: guess.headers, mapping: guess.mapping, created_by: actor.userId,
          });
          await audit.recordIn(tx, { actor: auditActor(actor), ip: actor.ip, action: 'import.upload', objectType: 'import_job', objectId: id, detail: { kind: input.kind, fileName: input.fileName, sha256: stored.sha256, size: stored.size, format } });
          return toJob(await mustJob(tx, id));
        });
      } catch (e) {
        await fs.promises.rm(file, { force: true });
        throw e;
      }
    },

    /** Sets the mapping (or keeps the automatic one) and stages every row with its class and messages. */
    setMapping: async (actor: Actor, id: string, mapping?: Mapping) => {
      const j = await run(actor, (tx) => mustJob(tx, id));
      if (j.status !== 'mapping' && j.status !== 'preview') throw stateError(j, '修改字段对应', 'change its mapping');
      const m = mapping ?? j.mapping;
      const width = j.headers.length;
      const problems = mappingProblems(j.kind, m);
      for (const col of Object.keys(m)) if (!/^\d+$/.test(col) || Number(col) >= width) problems.push({ zh: `第 ${Number(col) + 1} 列不存在`, en: `Column ${Number(col) + 1} does not exist` });
      if (problems.length) {
        throw importError('MAPPING_INVALID', { summary: problems.map((p) => p.zh).join('；'), summaryEn: problems.map((p) => p.en).join('; ') },
          problems.map((p) => ({ field: 'mapping', message: p.zh, messageEn: p.en })));
      }
      return stage(actor, j, m);
    },

    get: (actor: Actor, id: string) => run(actor, async (tx) => toJob(await mustJob(tx, id))),

    list: (actor: Actor, q: { cursor?: string; limit: number }) =>
      run(actor, async (tx) => {
        const after = q.cursor ? (JSON.parse(Buffer.from(q.cursor, 'base64url').toString()) as [string, string]) : undefined;
        const p = await repo.listJobs(tx, { after, limit: q.limit });
        const last = p.rows.at(-1);
        return { items: p.rows.map(toJob), nextCursor: p.more && last ? Buffer.from(JSON.stringify([last.created_at.toISOString(), last.id])).toString('base64url') : null };
      }),

    /** Staged rows with their class, normalised (masked) values and messages — the preview and validation report. */
    rows: (actor: Actor, id: string, q: { class?: string; after?: number; limit: number }) =>
      run(actor, async (tx) => {
        await mustJob(tx, id);
        const p = await repo.rowsOf(tx, id, { classes: q.class ? [q.class] : undefined, afterRowNo: q.after, limit: q.limit });
        return {
          items: p.rows.map((r) => {
            const { nodeExplicit: _a, genderGiven: _b, birthGiven: _c, areaGiven: _d, useGiven: _e, ownershipGiven: _f, typeGiven: _g, ...values } = r.values as Record<string, unknown>;
            return { rowNo: r.row_no, class: r.class, values, messages: r.messages, changes: r.changes, matchId: r.match_id, result: r.result };
          }),
          nextAfter: p.more ? p.rows.at(-1)!.row_no : null,
        };
      }),

    /** Queues the commit with the user's decision per class; the background worker applies it. */
    commit: (actor: Actor, id: string, decisions: Decisions) =>
      run(actor, async (tx) => {
        const j = await mustJob(tx, id);
        if (j.status !== 'preview') throw stateError(j, '提交导入', 'be committed');
        const classes = applyClasses(decisions);
        const toApply = classes.reduce((s, c) => s + (j.counts[c] ?? 0), 0);
        await repo.updateJob(tx, id, { status: 'queued', decisions, to_apply: toApply, applied_rows: 0, failed_rows: 0 }, ['preview']);
        await audit.recordIn(tx, { actor: auditActor(actor), ip: actor.ip, action: 'import.commit', objectType: 'import_job', objectId: id, detail: { decisions, toApply } });
        return toJob(await mustJob(tx, id));
      }),

    /** Cancels a job: at once when not started, between batches when running (applied batches stay). */
    cancel: (actor: Actor, id: string) =>
      run(actor, async (tx) => {
        const j = await mustJob(tx, id);
        // not started: cancelled at once; started (possibly just now, by the worker): stopped before its next batch
        const cancelled = ['mapping', 'preview', 'queued'].includes(j.status) && (await repo.updateJob(tx, id, { status: 'cancelled', finished_at: new Date() }, ['mapping', 'preview', 'queued']));
        if (!cancelled && !(await repo.updateJob(tx, id, { status: 'cancelling' }, ['running']))) throw stateError(await mustJob(tx, id), '取消', 'be cancelled');
        await audit.recordIn(tx, { actor: auditActor(actor), ip: actor.ip, action: 'import.cancel', objectType: 'import_job', objectId: id });
        return toJob(await mustJob(tx, id));
      }),

    /** The rows with errors, conflicts or failures as an .xlsx: the original cells with the reason beside each row. */
    errorReport: (actor: Actor, id: string) =>
      run(actor, async (tx) => {
        const j = await mustJob(tx, id);
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('错误报告');
        const header = ws.addRow(['原行号', ...j.headers, '问题说明', 'Problems']);
        header.font = { bold: true };
        j.headers.forEach((_, i) => (ws.getColumn(i + 2).numFmt = '@'));
        let n = 0;
        // the chunk of source cells last opened (rows come in file order)
        let chunk: { last: number; cells: Map<number, Cell[]> } | undefined;
        const cellsOf = async (r: repo.RowRecord): Promise<Cell[]> => {
          if (r.raw_enc) return JSON.parse(cipher.decrypt(r.raw_enc, RAW_COLUMN)) as Cell[];
          if (!chunk || r.row_no > chunk.last || !chunk.cells.has(r.row_no)) {
            const c = await repo.chunkOf(tx, id, r.row_no);
            chunk = { last: c?.last_row ?? r.row_no, cells: new Map(c ? (JSON.parse(cipher.decrypt(c.raw_enc, CHUNK_COLUMN)) as [number, Cell[]][]) : []) };
          }
          return chunk.cells.get(r.row_no) ?? [];
        };
        for (let after = 0; ;) {
          const p = await repo.rowsOf(tx, id, { classes: ['error', 'conflict'], afterRowNo: after, limit: 1000, failedToo: true });
          for (const r of p.rows) {
            const cells = await cellsOf(r);
            const row = ws.addRow([r.row_no, ...j.headers.map((_, i) => cellText(cells[i] instanceof Date ? (cells[i] as Date) : cells[i])), r.messages.map((m) => m.zh).join('；'), r.messages.map((m) => m.en).join('; ')]);
            row.getCell(j.headers.length + 2).font = { color: { argb: 'FFC00000' } };
            n++;
          }
          if (!p.more) break;
          after = p.rows.at(-1)!.row_no;
        }
        ws.getColumn(j.headers.length + 2).width = 60;
        await audit.recordIn(tx, { actor: auditActor(actor), ip: actor.ip, action: 'import.report', objectType: 'import_job', objectId: id, detail: { rows: n } });
        return { fileName: `${j.file_name.replace(/\.[^.]+$/, '')}-错误报告.xlsx`, buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
      }),

    /** A template per kind from the field definitions: headers with notes, an example row, text-formatted ID columns. */
    template: async (kind: ImportKind) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('导入模板');
      const defs = FIELDS[kind];
      const header = ws.addRow(defs.map((f) => (f.required ? `${f.zh}*` : f.zh)));
      header.font = { bold: true };
      defs.forEach((f, i) => {
        const col = ws.getColumn(i + 1);
        col.width = Math.max(12, (f.example?.length ?? 0) + 4);
        if (f.text) col.numFmt = '@';
        if (f.note || f.required) header.getCell(i + 1).note = [f.required ? '必填' : '', f.note ?? ''].filter(Boolean).join('；');
      });
      const example = ws.addRow(defs.map((f) => f.example ?? ''));
      example.font = { color: { argb: 'FF888888' } };
      const help = wb.addWorksheet('填写说明');
      help.addRow(['列名', '是否必填', '说明', '可识别的列名']).font = { bold: true };
      for (const f of defs) help.addRow([f.zh, f.required ? '是' : '否', f.note ?? '', f.synonyms.join('、')]);
      help.getColumn(3).width = 60;
      help.getColumn(4).width = 40;
      return Buffer.from(await wb.xlsx.writeBuffer());
    },

    /**
     * The actor a command-line import runs as: a named user with the import permission, in
     * their own jurisdiction, exactly as if they had signed in.
     */
    actorFor: async (username: string): Promise<Actor & { defaultNodeId: string | null }> => {
      const u = await system((tx) => repo.userForCli(tx, username));
      if (!u || !(u.permissions ?? []).includes('collection.import')) throw importError('IMPORTER_GONE');
      const nodes = (u.nodes ?? []).map((n) => ({ ...n, level: n.level as NodeRef['level'] }));
      return {
        userId: u.id, username: u.username, displayName: u.display_name, roles: [], permissions: new Set(u.permissions ?? []), nodes,
        scope: { kind: 'user', userId: u.id, paths: nodes.map((n) => n.path) }, ip: 'cli', sessionId: '', csrfToken: '', pending: null,
        mustChangePassword: false, totpEnabled: false, totpRequired: false, lastLoginAt: null, lastLoginIp: null,
        defaultNodeId: nodes.find((n) => n.level === 'community' || n.level === 'grid')?.id ?? null,
      };
    },
    nodeIdByCode: (actor: Actor, code: string) => run(actor, (tx) => repo.nodeIdByCode(tx, code)),

    // ---- the worker's side
    claimNext: () => system((tx) => repo.claimQueued(tx)),
    requeueInterrupted: () => system((tx) => repo.requeueInterrupted(tx)),
    /** Marks a job failed after an unexpected error (the worker logs it). */
    fail: (id: string, message: string) => system((tx) => repo.updateJob(tx, id, { status: 'failed', error: message.slice(0, 500), finished_at: new Date() })),
  };
}
