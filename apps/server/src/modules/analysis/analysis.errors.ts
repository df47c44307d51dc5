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
  NO_DRILL: { status: 422, zh: '该单元格背后的记录无法列出（历史月份或该维度不支持明细）', en: 'The records behind this cell cannot be listed (a past month, or a cut the lists do not filter by)' },
});
