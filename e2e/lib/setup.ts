import { afterEach } from 'vitest';
import { recordFailure } from './browser.js';

// A failed browser test leaves its screenshots and last API answers in test-results/screenshots.
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await recordFailure(ctx.task.name);
});
