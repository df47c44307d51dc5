import { defineErrors } from '../../shared/errors.js';

export const qualityError = defineErrors({
  RULE_PARAMS_INVALID: { status: 422, zh: '规则参数有误：{summary}', en: 'Invalid rule parameters: {summaryEn}' },
  RUN_ALREADY_ACTIVE: {
    status: 409,
    zh: '“{node}”的质量评估正在进行，请等待其完成',
    en: 'A quality evaluation of "{node}" is already under way; wait for it to finish',
  },
});
