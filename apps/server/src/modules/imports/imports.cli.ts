import fs from 'node:fs';
import path from 'node:path';
import type { Services } from '../../services.js';
import { IMPORT_KINDS, type ImportKind, type Mapping } from './fields.js';

const CLASS_NAMES: Record<string, string> = { new: '新增 new', update: '更新 update', unchanged: '无变化 unchanged', duplicate: '疑似重复 duplicate', conflict: '冲突 conflict', error: '错误 error' };

/**
 * `linli import FILE`: the same flow as the web wizard — upload, automatic (or given) mapping,
 * validation report, then the commit with progress — as a named user in their jurisdiction.
 */
export async function importCommand(
  services: Services,
  file: string,
  opts: { kind: string; mapping?: string; dryRun?: boolean; as?: string; node?: string; createDuplicates?: boolean; skipUpdates?: boolean; batchSize?: string },
  out: (line: string) => void = console.log,
): Promise<number> {
  if (!IMPORT_KINDS.includes(opts.kind as ImportKind)) throw new Error(`--kind 应为 / must be one of ${IMPORT_KINDS.join(', ')}`);
  if (!opts.as) throw new Error('请用 --as 指定以哪个用户的身份导入 / name the importing user with --as USERNAME');
  if (!fs.existsSync(file)) throw new Error(`文件不存在 / no such file: ${file}`);
  const imports = services.imports;
  const actor = await imports.actorFor(opts.as);
  const nodeId = opts.node ? await imports.nodeIdByCode(actor, opts.node) : actor.defaultNodeId;
  if (!nodeId) throw new Error(opts.node ? `辖区 ${opts.node} 不存在或不在该用户辖区内 / no node ${opts.node} in the user's jurisdiction` : '请用 --node 指定导入到的社区或网格代码 / give the community or grid with --node CODE');
  let job = await imports.upload(actor, { kind: opts.kind as ImportKind, jurisdictionId: nodeId, fileName: path.basename(file), body: fs.createReadStream(file) });
  out(`文件 / file: ${job.fileName} (${job.format}${job.encoding ? `, ${job.encoding}` : ''}, sha256 ${job.fileSha256.slice(0, 12)}…), 表头在第 ${job.headerRow} 行 / header at row ${job.headerRow}`);
  let mapping: Mapping | undefined;
  if (opts.mapping) {
    const given = JSON.parse(fs.readFileSync(opts.mapping, 'utf8')) as Record<string, string>;
    // keys are column numbers (0-based) or header texts
    mapping = Object.fromEntries(Object.entries(given).map(([k, f]) => [/^\d+$/.test(k) ? k : String(job.headers.indexOf(k)), f]));
  }
  job = await imports.setMapping(actor, job.id, mapping);
  out(`字段对应 / mapping: ${Object.entries(job.mapping).map(([c, f]) => `${job.headers[Number(c)] || `#${c}`}→${f}`).join(', ')}`);
  out(`共 ${job.totalRows} 行 / rows: ${Object.entries(job.counts).map(([c, n]) => `${CLASS_NAMES[c] ?? c} ${n}`).join('; ')}`);
  let after: number | null = 0;
  let shown = 0;
  while (after !== null && shown < 50) {
    const page = await imports.rows(actor, job.id, { class: 'error', after, limit: 50 });
    for (const r of page.items) if (shown++ < 50) out(`  第 ${r.rowNo} 行 / row ${r.rowNo}: ${r.messages.map((m) => m.zh).join('；')}`);
    after = page.nextAfter;
  }
  if (opts.dryRun) {
    await imports.cancel(actor, job.id);
    out('试运行，未写入任何数据 / dry run: nothing written');
    return 0;
  }
  job = await imports.commit(actor, job.id, { new: 'create', update: opts.skipUpdates ? 'skip' : 'apply', duplicate: opts.createDuplicates ? 'create' : 'skip' });
  const started = Date.now();
  let last = 0;
  const status = await imports.runJob(job.id, {
    batchSize: opts.batchSize ? Number(opts.batchSize) : undefined,
    onProgress: (j) => {
      if (Date.now() - last < 1000 && j.progress < 1) return;
      last = Date.now();
      out(`进度 / progress: ${(j.progress * 100).toFixed(1)}% (${j.appliedRows + j.failedRows}/${j.toApply})`);
    },
  });
  job = await imports.get(actor, job.id);
  out(`完成 / ${status}: 写入 ${job.appliedRows} 行, 失败 ${job.failedRows} 行 / applied ${job.appliedRows}, failed ${job.failedRows} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  out(`任务 / job: ${job.id}`);
  return job.failedRows > 0 || status !== 'done' ? 1 : 0;
}
