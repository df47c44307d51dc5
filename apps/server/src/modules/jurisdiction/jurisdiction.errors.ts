import { defineErrors } from '../../shared/errors.js';

export const jurisdictionError = defineErrors({
  GRID_PARENT_NOT_COMMUNITY: { status: 422, zh: '网格只能建在社区（村）之下', en: 'A grid can only be created under a community or village' },
  NODE_HAS_CHILDREN: {
    status: 409,
    zh: '该节点下仍有 {count} 个有效的下级节点，请先撤销下级节点',
    en: 'The node still has {count} nodes in force under it; retire them first',
  },
  NODE_ONLY_LOCAL_RETIRE: {
    status: 422,
    zh: '国家行政区划节点随区划代码数据更新，不能手工撤销；仅可撤销本地网格',
    en: 'National division nodes follow the division-code data; only local grids can be retired by hand',
  },
  RETIRE_BEFORE_START: { status: 422, zh: '撤销日期不能早于生效日期 {validFrom}', en: 'The end date cannot be before the start date {validFrom}' },
});
