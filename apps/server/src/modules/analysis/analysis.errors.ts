import { defineErrors } from '../../shared/errors.js';

export const analysisError = defineErrors({
  MEASURE_UNKNOWN: { status: 422, zh: '没有名为“{code}”的指标', en: 'There is no measure "{code}"' },
  DIMENSION_UNSUPPORTED: {
    status: 422,
    zh: '指标“{measure}”不能按“{dim}”统计或筛选',
    en: 'Measure "{measureEn}" cannot be cut or filtered by "{dimEn}"',
  },
  NO_HISTORY: { status: 422, zh: '指标“{measure}”只有当前数值，不能查看历史月份', en: 'Measure "{measureEn}" is known only for now, not for past months' },
  MONTH_IN_FUTURE: { status: 422, zh: '月份不能晚于本月', en: 'The month cannot be later than this month' },
  SAME_DIMENSION: { status: 422, zh: '行和列不能选同一个维度', en: 'Rows and columns cannot use the same dimension' },
  NO_DRILL: { status: 422, zh: '该单元格背后的记录无法列出：明细列表不能按这一组维度筛选', en: 'The records behind this cell cannot be listed: the list cannot filter by this combination of dimensions' },
  NO_DRILL_LIST: { status: 422, zh: '指标“{measure}”没有可列出的明细记录', en: 'Measure "{measureEn}" has no list of records behind it' },
  NO_DRILL_PAST: {
    status: 422,
    zh: '指标“{measure}”是月末时点数，明细列表只反映当前状态，不能列出历史月份的记录',
    en: 'Measure "{measureEn}" is a standing at the month\'s end; its list shows records as they are now, so a past month cannot be listed',
  },
});
