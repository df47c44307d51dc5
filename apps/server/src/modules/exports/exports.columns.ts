import type { z } from 'zod';
import type { Actor } from '../../shared/actor.js';
import { chinaTime } from '../../shared/dates.js';
import {
  BUILDING_USES, ETHNICITIES, EVENT_KINDS, EVENT_STATES, GENDERS, HOUSE_OWNERSHIPS, HOUSE_USES, ORG_TYPES, PERSON_TAGS, THING_KINDS,
} from '../../standards/codes.js';

/** The registry's lists (registered as export sources like any module's). */
export type RegistryResource = 'people' | 'households' | 'estates' | 'buildings' | 'houses' | 'organizations' | 'things' | 'events';

/** Names of the registry's lists, as the menu calls them (for file names, errors and the audit log). */
export const RESOURCE_NAMES: Record<RegistryResource, { zh: string; en: string }> = {
  people: { zh: '人口', en: 'people' },
  households: { zh: '家庭户', en: 'households' },
  estates: { zh: '小区', en: 'estates' },
  buildings: { zh: '楼栋', en: 'buildings' },
  houses: { zh: '房屋', en: 'houses' },
  organizations: { zh: '单位', en: 'organisations' },
  things: { zh: '设施设备', en: 'things' },
  events: { zh: '事件', en: 'events' },
};

export type Cell = string | number | null;
/** One column of an exported sheet: its Chinese header, width and how a list row shows in it. */
export interface Column<R> {
  header: string;
  width: number;
  value: (row: R) => Cell;
}

/** One page of a list, as its list endpoint returns it (keyset: `nextCursor` leads on). */
export type ExportPage = { items: unknown[]; nextCursor: string | null; total?: number };

/**
 * A list that can be exported, registered by its module (`services.exports.registerSource`).
 * `list` reads one keyset page in the actor's scope with the same filters the list page sends,
 * masked as the screen shows it; `unmask` (only for lists with masked fields) fills in the
 * plaintext of a page while an approved unmasked export is downloaded.
 */
export interface ExportSource<R = never> {
  code: string;
  name: { zh: string; en: string };
  /** The list's own query schema without paging: what `filters` may hold. */
  filters: z.ZodType<Record<string, unknown>>;
  columns: (masked: boolean) => Column<R>[];
  list: (actor: Actor, filters: Record<string, unknown>, cursor: string | undefined, limit: number) => Promise<ExportPage>;
  unmask?: (actor: Actor, rows: R[]) => Promise<void>;
}

const PERSON_STATUSES: Record<string, string> = { active: '在册', moved_out: '已迁出', deceased: '已死亡', merged: '已合并' };
const HOUSEHOLD_KINDS: Record<string, string> = { family: '家庭户', collective: '集体户' };
const THING_STATUSES: Record<string, string> = { normal: '正常', fault: '故障', offline: '离线', retired: '已报废' };
const PRIORITIES: Record<string, string> = { low: '一般', normal: '普通', high: '较急', urgent: '紧急' };

const code = (table: Record<string, string>, v: string | null | undefined) => (v ? (table[v] ?? v) : null);
const when = (v: Date | string | null | undefined) => (v ? chinaTime(new Date(v)) : null);

/* The rows as the list endpoints return them (only the fields the sheets read). */
export interface PersonListRow {
  id: string; name: string; gender: number; birthDate: string | null; age: number | null; ethnicity: string | null;
  citizenIdMasked: string | null; phoneMasked: string | null; hukouAddress: string | null; residenceAddress: string | null;
  tags: string[]; status: string; jurisdiction: { name: string | null; pathNames: string[] }; verifiedAt: Date | null;
}
/** A person row of an unmasked export: the plaintext is filled in only while the file is written. */
export type PersonExportRow = PersonListRow & { citizenId?: string | null; phone?: string | null };

export const PEOPLE_COLUMNS = (masked: boolean): Column<PersonExportRow>[] => [
  { header: '姓名', width: 12, value: (p) => p.name },
  { header: '性别', width: 8, value: (p) => GENDERS[p.gender as keyof typeof GENDERS]?.zh ?? String(p.gender) },
  { header: '出生日期', width: 12, value: (p) => p.birthDate },
  { header: '年龄', width: 6, value: (p) => p.age },
  { header: '民族', width: 10, value: (p) => code(ETHNICITIES, p.ethnicity) },
  { header: '公民身份号码', width: 22, value: (p) => (masked ? p.citizenIdMasked : (p.citizenId ?? null)) },
  { header: '联系电话', width: 15, value: (p) => (masked ? p.phoneMasked : (p.phone ?? null)) },
  { header: '户籍地址', width: 30, value: (p) => p.hukouAddress },
  { header: '现居住地址', width: 30, value: (p) => p.residenceAddress },
  { header: '所属辖区', width: 30, value: (p) => p.jurisdiction.pathNames.join('/') || p.jurisdiction.name },
  { header: '人群标签', width: 20, value: (p) => p.tags.map((t) => PERSON_TAGS[t]?.zh ?? t).join('、') || null },
  { header: '状态', width: 8, value: (p) => PERSON_STATUSES[p.status] ?? p.status },
  { header: '最近核实时间', width: 17, value: (p) => when(p.verifiedAt) },
];

interface HouseholdListRow { householdNo: string | null; kind: string; headName: string | null; houseLabel: string | null; memberCount: number }
interface EstateListRow { name: string; address: string | null; propertyCompany: string | null; jurisdictionName: string | null; buildingCount: number; houseCount: number }
interface BuildingListRow {
  name: string; estateName: string | null; floors: number; unitCount: number; use: string; builtYear: number | null;
  jurisdictionName: string | null; houseCount: number; residentCount: number;
}
interface HouseListRow {
  label: string; estateName: string | null; buildingName: string; unitNo: number; floor: number; number: string; area: number | null;
  use: string; ownership: string; shopName: string | null; residentCount: number;
}
interface OrgListRow { name: string; creditCode: string | null; type: string; address: string | null; phone: string | null; jurisdictionName: string | null; peopleCount: number }
interface ThingListRow {
  name: string; kind: string; serialNo: string | null; status: string; lastSeenAt: Date | null; battery: number | null;
  firmware: string | null; lon: number | null; lat: number | null; jurisdictionName: string | null;
}
interface EventListRow {
  title: string; kind: string; category: string | null; state: string; priority: string; slaDueAt: Date | null; overdue: boolean;
  resolvedAt: Date | null; jurisdictionName: string | null; createdAt: Date;
}

/** The columns of every list but people (which has masked and unmasked forms). */
export const LIST_COLUMNS = {
  households: [
    { header: '户号', width: 16, value: (h) => h.householdNo },
    { header: '户别', width: 8, value: (h) => code(HOUSEHOLD_KINDS, h.kind) },
    { header: '户主', width: 12, value: (h) => h.headName },
    { header: '房屋', width: 30, value: (h) => h.houseLabel },
    { header: '人数', width: 6, value: (h) => h.memberCount },
  ] as Column<HouseholdListRow>[],
  estates: [
    { header: '小区名称', width: 20, value: (e) => e.name },
    { header: '地址', width: 30, value: (e) => e.address },
    { header: '物业公司', width: 20, value: (e) => e.propertyCompany },
    { header: '所属辖区', width: 16, value: (e) => e.jurisdictionName },
    { header: '楼栋数', width: 8, value: (e) => e.buildingCount },
    { header: '房屋数', width: 8, value: (e) => e.houseCount },
  ] as Column<EstateListRow>[],
  buildings: [
    { header: '楼栋', width: 12, value: (b) => b.name },
    { header: '所属小区', width: 20, value: (b) => b.estateName },
    { header: '层数', width: 6, value: (b) => b.floors },
    { header: '单元数', width: 8, value: (b) => b.unitCount },
    { header: '用途', width: 10, value: (b) => code(BUILDING_USES, b.use) },
    { header: '建成年份', width: 10, value: (b) => b.builtYear },
    { header: '所属辖区', width: 16, value: (b) => b.jurisdictionName },
    { header: '房屋数', width: 8, value: (b) => b.houseCount },
    { header: '居住人数', width: 8, value: (b) => b.residentCount },
  ] as Column<BuildingListRow>[],
  houses: [
    { header: '房屋', width: 30, value: (h) => h.label },
    { header: '小区', width: 16, value: (h) => h.estateName },
    { header: '楼栋', width: 10, value: (h) => h.buildingName },
    { header: '单元', width: 6, value: (h) => h.unitNo },
    { header: '楼层', width: 6, value: (h) => h.floor },
    { header: '房号', width: 8, value: (h) => h.number },
    { header: '面积（㎡）', width: 10, value: (h) => h.area },
    { header: '用途', width: 8, value: (h) => code(HOUSE_USES, h.use) },
    { header: '产权性质', width: 10, value: (h) => code(HOUSE_OWNERSHIPS, h.ownership) },
    { header: '商铺名称', width: 16, value: (h) => h.shopName },
    { header: '居住人数', width: 8, value: (h) => h.residentCount },
  ] as Column<HouseListRow>[],
  organizations: [
    { header: '单位名称', width: 28, value: (o) => o.name },
    { header: '统一社会信用代码', width: 22, value: (o) => o.creditCode },
    { header: '单位类型', width: 12, value: (o) => code(ORG_TYPES, o.type) },
    { header: '地址', width: 30, value: (o) => o.address },
    { header: '联系电话', width: 15, value: (o) => o.phone },
    { header: '所属辖区', width: 16, value: (o) => o.jurisdictionName },
    { header: '从业人数', width: 8, value: (o) => o.peopleCount },
  ] as Column<OrgListRow>[],
  things: [
    { header: '名称', width: 20, value: (t) => t.name },
    { header: '类型', width: 12, value: (t) => code(THING_KINDS, t.kind) },
    { header: '编号', width: 18, value: (t) => t.serialNo },
    { header: '状态', width: 8, value: (t) => code(THING_STATUSES, t.status) },
    { header: '最近在线时间', width: 17, value: (t) => when(t.lastSeenAt) },
    { header: '电量（%）', width: 8, value: (t) => t.battery },
    { header: '固件版本', width: 10, value: (t) => t.firmware },
    { header: '经度', width: 11, value: (t) => t.lon },
    { header: '纬度', width: 11, value: (t) => t.lat },
    { header: '所属辖区', width: 16, value: (t) => t.jurisdictionName },
  ] as Column<ThingListRow>[],
  events: [
    { header: '标题', width: 30, value: (e) => e.title },
    { header: '类型', width: 10, value: (e) => code(EVENT_KINDS, e.kind) },
    { header: '分类', width: 10, value: (e) => e.category },
    { header: '状态', width: 8, value: (e) => code(EVENT_STATES, e.state) },
    { header: '紧急程度', width: 8, value: (e) => code(PRIORITIES, e.priority) },
    { header: '办理时限', width: 17, value: (e) => when(e.slaDueAt) },
    { header: '是否超期', width: 8, value: (e) => (e.overdue ? '已超期' : '否') },
    { header: '办结时间', width: 17, value: (e) => when(e.resolvedAt) },
    { header: '所属辖区', width: 16, value: (e) => e.jurisdictionName },
    { header: '上报时间', width: 17, value: (e) => when(e.createdAt) },
  ] as Column<EventListRow>[],
} satisfies Record<Exclude<RegistryResource, 'people'>, Column<never>[]>;
