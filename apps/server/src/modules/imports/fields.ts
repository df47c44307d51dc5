import { type Cell, cellText, isBlankRow } from './normalize.js';

/** What can be imported. */
export const IMPORT_KINDS = ['people', 'houses', 'organizations'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface FieldDef {
  field: string;
  zh: string;
  en: string;
  required?: boolean;
  /** Headers seen in real community spreadsheets for this field (first is the template's). */
  synonyms: string[];
  /** A note shown under the header in the template. */
  note?: string;
  /** Written as text in the template (citizen IDs, phones, codes): Excel must not turn it into a number. */
  text?: boolean;
  example?: string;
}

const JURISDICTION: FieldDef = {
  field: 'jurisdiction', zh: '所属辖区', en: 'Jurisdiction', synonyms: ['所属网格', '所属辖区', '所属社区', '网格', '辖区', '社区'],
  note: '网格或社区的名称或区划代码；不填则为导入时选择的辖区', text: true, example: '第一网格',
};

/** The fields of each kind, in template order. */
export const FIELDS: Record<ImportKind, FieldDef[]> = {
  people: [
    { field: 'name', zh: '姓名', en: 'Name', required: true, synonyms: ['姓名', '名字', '居民姓名', '人员姓名'], example: '张三' },
    { field: 'citizenId', zh: '公民身份号码', en: 'Citizen ID', synonyms: ['公民身份号码', '身份证号', '身份证号码', '身份证', '证件号码', '证件号'], text: true, note: '18位；请保持本列为文本格式，勿让 Excel 转为数字', example: '11010519491231002X' },
    { field: 'gender', zh: '性别', en: 'Gender', synonyms: ['性别'], note: '男/女 或 1/2；有身份证号时可不填', example: '男' },
    { field: 'birthDate', zh: '出生日期', en: 'Birth date', synonyms: ['出生日期', '出生年月', '出生年月日', '生日'], note: '如 1950-03-05、1950.3.5、1950年3月5日', text: true, example: '1949-12-31' },
    { field: 'ethnicity', zh: '民族', en: 'Ethnicity', synonyms: ['民族'], example: '汉族' },
    { field: 'phone', zh: '联系电话', en: 'Phone', synonyms: ['联系电话', '手机号', '手机号码', '手机', '电话', '联系方式', '电话号码'], text: true, example: '13800000000' },
    { field: 'residenceAddress', zh: '现住址', en: 'Residence address', synonyms: ['现住址', '住址', '居住地址', '现居住地址', '家庭住址', '实际居住地址'], example: '遂宁市船山区南津路街道电江路社区1栋1单元101' },
    { field: 'hukouAddress', zh: '户籍地址', en: 'Household registration address', synonyms: ['户籍地址', '户籍地', '户籍所在地', '户口所在地'] },
    { field: 'householdNo', zh: '户号', en: 'Household number', synonyms: ['户号', '户编号', '户籍户号'], text: true, note: '同一户的人员填写相同户号', example: 'H0001' },
    { field: 'relation', zh: '与户主关系', en: 'Relation to head', synonyms: ['与户主关系', '与户主的关系', '家庭关系', '关系'], note: 'GB/T 4761：户主、配偶、子、女、父亲、母亲…', example: '户主' },
    { field: 'tags', zh: '人群标签', en: 'Group tags', synonyms: ['人群标签', '标签', '人员类别', '重点人群', '人员类型'], note: '如 独居老人、低保、残疾人，多个用顿号分隔' },
    JURISDICTION,
    { field: 'notes', zh: '备注', en: 'Notes', synonyms: ['备注', '说明'] },
  ],
  houses: [
    { field: 'address', zh: '房屋地址', en: 'Address', synonyms: ['房屋地址', '地址', '房屋坐落', '坐落', '详细地址'], note: '如 遂宁市船山区XX街道XX小区3栋2单元501；或分列填写小区、楼栋、单元、房号', example: '遂宁市船山区南津路街道滨江花园3栋2单元501' },
    { field: 'estate', zh: '小区', en: 'Estate', synonyms: ['小区', '小区名称', '小区（院落）', '院落'] },
    { field: 'building', zh: '楼栋', en: 'Building', synonyms: ['楼栋', '楼栋号', '栋', '幢', '楼号'] },
    { field: 'unit', zh: '单元', en: 'Unit', synonyms: ['单元', '单元号'] },
    { field: 'number', zh: '房号', en: 'House number', synonyms: ['房号', '门牌号', '室号', '房间号'], text: true },
    { field: 'floor', zh: '楼层', en: 'Floor', synonyms: ['楼层', '所在楼层', '层'] },
    { field: 'area', zh: '建筑面积', en: 'Area', synonyms: ['建筑面积', '面积', '房屋面积'], note: '平方米' },
    { field: 'use', zh: '用途', en: 'Use', synonyms: ['用途', '房屋用途'], note: '住宅/商铺/办公/商住/其他', example: '住宅' },
    { field: 'ownership', zh: '产权性质', en: 'Ownership', synonyms: ['产权性质', '产权类型', '房屋性质'], note: '商品房/保障性住房/公租房/自建房/集体产权/其他', example: '商品房' },
    JURISDICTION,
  ],
  organizations: [
    { field: 'name', zh: '单位名称', en: 'Name', required: true, synonyms: ['单位名称', '名称', '企业名称', '机构名称', '单位'], example: '遂宁市某某商贸有限公司' },
    { field: 'creditCode', zh: '统一社会信用代码', en: 'Unified social credit code', synonyms: ['统一社会信用代码', '信用代码', '社会信用代码'], text: true, note: '18位（GB 32100）', example: '91510903MA6XXXXXXX' },
    { field: 'type', zh: '单位类型', en: 'Type', synonyms: ['单位类型', '类型', '单位性质'], note: '企业/个体工商户/机关/事业单位/社会组织/其他', example: '企业' },
    { field: 'address', zh: '单位地址', en: 'Address', synonyms: ['单位地址', '地址', '经营地址', '注册地址'] },
    { field: 'phone', zh: '联系电话', en: 'Phone', synonyms: ['联系电话', '电话', '联系方式'], text: true },
    JURISDICTION,
  ],
};

/** A header as compared: half-width, no spaces, no required marks or bracketed notes. */
export function headerKey(c: Cell): string {
  return cellText(c)
    .replace(/\s+/g, '')
    .replace(/[*＊]/g, '')
    .replace(/[（(【[][^）)】\]]*[）)】\]]/g, '')
    .toLowerCase();
}

/** The field a header means, or undefined. */
export function fieldForHeader(kind: ImportKind, header: Cell): string | undefined {
  const key = headerKey(header);
  if (!key) return undefined;
  for (const f of FIELDS[kind]) if (f.synonyms.some((s) => headerKey(s) === key) || headerKey(f.field) === key) return f.field;
  return undefined;
}

/** Column index → field, as the user sees it. */
export type Mapping = Record<string, string>;

export interface HeaderGuess {
  /** 0-based index of the header row among the rows read (title and merged group rows come before it). */
  headerRow: number;
  headers: string[];
  mapping: Mapping;
}

/**
 * Finds the header row among the first rows: the row that names the most known fields. Title
 * rows (a merged "XX社区人口信息表") and group rows ("基本信息" merged across columns) score
 * lower and are skipped; a blank header cell under a merged group takes the group's text.
 */
export function detectHeader(kind: ImportKind, rows: readonly (readonly Cell[])[]): HeaderGuess | null {
  let best: { index: number; score: number } | null = null;
  rows.slice(0, 20).forEach((row, index) => {
    if (isBlankRow(row)) return;
    const score = new Set(row.map((c) => fieldForHeader(kind, c)).filter(Boolean)).size;
    if (score > 0 && (!best || score > best.score)) best = { index, score };
  });
  if (!best) return null;
  const { index } = best as { index: number };
  const row = rows[index]!;
  const above = index > 0 ? rows[index - 1]! : [];
  const width = Math.max(row.length, above.length);
  const headers: string[] = [];
  for (let i = 0; i < width; i++) headers.push(cellText(row[i]) || cellText(above[i]));
  return { headerRow: index, headers, mapping: autoMap(kind, headers) };
}

/** Maps each header to a field; a field is taken by its first column only. */
export function autoMap(kind: ImportKind, headers: readonly string[]): Mapping {
  const mapping: Mapping = {};
  const taken = new Set<string>();
  headers.forEach((h, i) => {
    const f = fieldForHeader(kind, h);
    if (f && !taken.has(f)) {
      mapping[String(i)] = f;
      taken.add(f);
    }
  });
  return mapping;
}

/** The problems of a mapping: unknown fields, a field twice, a required field missing. */
export function mappingProblems(kind: ImportKind, mapping: Mapping): { zh: string; en: string }[] {
  const defs = FIELDS[kind];
  const out: { zh: string; en: string }[] = [];
  const seen = new Set<string>();
  for (const f of Object.values(mapping)) {
    const d = defs.find((x) => x.field === f);
    if (!d) out.push({ zh: `未知字段 ${f}`, en: `Unknown field ${f}` });
    else if (seen.has(f)) out.push({ zh: `字段“${d.zh}”对应了多列`, en: `Field "${d.en}" is mapped to several columns` });
    seen.add(f);
  }
  for (const d of defs) if (d.required && !seen.has(d.field)) out.push({ zh: `缺少必填列“${d.zh}”`, en: `The required column "${d.en}" is not mapped` });
  if (kind === 'houses' && !seen.has('address') && !(seen.has('estate') && seen.has('building') && seen.has('number'))) {
    out.push({ zh: '请对应“房屋地址”列，或分别对应“小区”“楼栋”“房号”列', en: 'Map the address column, or the estate, building and house number columns' });
  }
  return out;
}
