import { chinaTime } from '../../shared/dates.js';
import type { Column, ExportSource } from '../exports/exports.columns.js';
import { EXCEPTION_KIND_NAMES } from './care.evv.js';
import { ExceptionListQuery, OrderListQuery } from './care.schema.js';
import type { CareService } from './care.service.js';

type OrderItem = Awaited<ReturnType<CareService['orderPage']>>['items'][number];
type ExceptionItem = Awaited<ReturnType<CareService['exceptionPage']>>['items'][number];

const ORDER_STATES: Record<string, string> = { pending: '待派单', dispatched: '已派单', in_progress: '服务中', completed: '已完成', cancelled: '已取消' };
const EVV_STATES: Record<string, string> = { pending: '待核验', verified: '核验通过', exception: '有异常' };
const REASONS: Record<string, string> = {
  gps_drift: '定位漂移', elder_outside: '老人在户外接受服务', device_problem: '手机故障', network: '网络原因', emergency: '紧急情况',
  staff_error: '护理员操作失误', fraud_suspected: '疑似虚假服务', other: '其他',
};
const RESOLUTIONS: Record<string, string> = {
  accepted: '核实无误，认可服务', corrected: '更正记录', revisit: '安排补服务', not_billed: '不予结算', warning: '约谈警告', referred: '移交处理', other: '其他',
};
const when = (v: Date | string | null) => (v ? chinaTime(new Date(v)) : null);
const named = (table: Record<string, string>, v: string | null) => (v ? (table[v] ?? v) : null);

const ORDER_COLUMNS: Column<OrderItem>[] = [
  { header: '服务对象', width: 12, value: (o) => o.personName },
  { header: '服务项目', width: 16, value: (o) => o.serviceName },
  { header: '服务机构', width: 24, value: (o) => o.providerName },
  { header: '计划时间', width: 17, value: (o) => when(o.scheduledAt) },
  { header: '时长（分钟）', width: 10, value: (o) => o.durationMin },
  { header: '护理员', width: 12, value: (o) => o.caregiverName },
  { header: '工单状态', width: 10, value: (o) => named(ORDER_STATES, o.status) },
  { header: '核验结果', width: 10, value: (o) => named(EVV_STATES, o.evvStatus) },
  { header: '异常数', width: 8, value: (o) => o.exceptions },
  { header: '满意度', width: 8, value: (o) => o.rating },
];

const EXCEPTION_COLUMNS: Column<ExceptionItem>[] = [
  { header: '服务日期', width: 12, value: (x) => x.day },
  { header: '服务对象', width: 12, value: (x) => x.personName },
  { header: '服务项目', width: 16, value: (x) => x.serviceName },
  { header: '服务机构', width: 24, value: (x) => x.providerName },
  { header: '护理员', width: 12, value: (x) => x.caregiverName },
  { header: '异常类型', width: 18, value: (x) => EXCEPTION_KIND_NAMES[x.kind]?.zh ?? x.kind },
  { header: '处理状态', width: 10, value: (x) => (x.status === 'resolved' ? '已处理' : '待处理') },
  { header: '原因', width: 16, value: (x) => named(REASONS, x.reasonCode) },
  { header: '处理结果', width: 18, value: (x) => named(RESOLUTIONS, x.resolutionCode) },
  { header: '处理说明', width: 30, value: (x) => x.note },
  { header: '处理人', width: 12, value: (x) => x.resolvedByName },
  { header: '处理时间', width: 17, value: (x) => when(x.resolvedAt) },
  { header: '发现时间', width: 17, value: (x) => when(x.createdAt) },
];

const paging = { page: true, pageSize: true } as const;

/** 服务工单 and 核查异常 as export sources: the lists' filters, in the caller's view (provider staff see their providers' only). */
export function careExportSources(care: CareService): [ExportSource<OrderItem>, ExportSource<ExceptionItem>] {
  return [
    {
      code: 'care_orders', name: { zh: '服务工单', en: 'service orders' },
      filters: OrderListQuery.omit({ ...paging, sort: true }), columns: () => ORDER_COLUMNS,
      list: (actor, f, cursor, limit) => care.orderPage(actor, f, cursor, limit),
    },
    {
      code: 'care_exceptions', name: { zh: '核查异常', en: 'visit exceptions' },
      filters: ExceptionListQuery.omit(paging), columns: () => EXCEPTION_COLUMNS,
      list: (actor, f, cursor, limit) => care.exceptionPage(actor, f, cursor, limit),
    },
  ];
}
