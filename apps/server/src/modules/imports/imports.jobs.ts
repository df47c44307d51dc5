import type { ImportsService } from './imports.service.js';

/**
 * The import worker, one of the `jobs` role's loops: takes queued import jobs one at a time
 * and applies them in batches. Jobs a stopped process left running are queued again at start
 * and resume where they were (rows are marked applied with their change).
 */
export function startImportWorker(imports: ImportsService, opts: { pollMs?: number; log?: (m: string, e?: unknown) => void } = {}) {
  const pollMs = opts.pollMs ?? 1000;
  const log = opts.log ?? (() => undefined);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function tick() {
    while (!stopped) {
      const job = await imports.claimNext();
      if (!job) break;
      try {
        await imports.runJob(job.id, { shouldStop: () => stopped });
      } catch (e) {
        log(`导入任务失败 / import job ${job.id} failed`, e);
        await imports.fail(job.id, e instanceof Error ? e.message : String(e));
      }
    }
  }
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().catch((e) => log('导入任务队列出错 / import queue error', e)).finally(schedule);
    }, pollMs);
  };
  running = imports.requeueInterrupted().then(() => undefined, (e) => log('导入任务恢复出错 / import requeue error', e)).finally(schedule);

  return {
    /** Stops after the batch in progress. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
