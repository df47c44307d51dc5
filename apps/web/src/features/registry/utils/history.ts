import type { DictKey } from '../../../i18n/dict';

/**
 * 变更记录 — the change log gives stored column names (camelCased) with raw old and new values.
 * These turn them into what a worker reads: 联系电话 138****8000 → 139****0001.
 */
const FIELD_LABELS: Record<string, DictKey> = {
  name: 'person.name',
  citizenIdMasked: 'person.citizenId',
  gender: 'person.gender',
  birthDate: 'person.birthDate',
  ethnicity: 'person.ethnicity',
  phoneMasked: 'person.phone',
  path: 'person.jurisdiction',
  hukouDivision: 'person.hukouDivision',
  hukouAddress: 'person.hukouAddress',
  residenceAddress: 'person.residenceAddress',
  tags: 'person.tags',
  status: 'person.status',
  notes: 'person.notes',
  mergedInto: 'person.mergedInto',
  verifiedAt: 'person.verifiedAt',
};

/** The label key of a changed field, or undefined for a column the page has no name for. */
export function fieldLabelKey(field: string): DictKey | undefined {
  return FIELD_LABELS[field];
}

/** Names for coded values; each returns the code itself when it does not know it. */
export interface CodeNames {
  gender: (code: string) => string;
  ethnicity: (code: string) => string;
  tag: (code: string) => string;
  status: (code: string) => string;
  dateTime: (iso: string) => string;
  /** A jurisdiction node's name by its code. */
  node: (code: string) => string;
}

/** The division code of the node a record sits under: the last label of its ltree path. */
export function pathCode(path: unknown): string {
  return String(path).split('.').at(-1) ?? String(path);
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The fields of a change worth a line: ones the page has a label for, and on a 登记 (insert)
 * only those that were filled in.
 */
export function shownFields<F extends { field: string; to: unknown }>(op: string, fields: readonly F[]): F[] {
  // In the order the person form shows them, not the alphabetical order of column names.
  const order = Object.keys(FIELD_LABELS);
  return fields
    .filter((f) => fieldLabelKey(f.field) && (op !== 'insert' || !isEmpty(f.to)))
    .sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

/** One old or new value of a change as text; empty values read as "—". */
export function formatChangeValue(field: string, value: unknown, names: CodeNames): string {
  if (isEmpty(value)) return '—';
  switch (field) {
    case 'gender':
      return names.gender(String(value));
    case 'ethnicity':
      return names.ethnicity(String(value));
    case 'status':
      return names.status(String(value));
    case 'tags':
      return (Array.isArray(value) ? value : [value]).map((v) => names.tag(String(v))).join('、');
    case 'verifiedAt':
      return names.dateTime(String(value));
    case 'path':
      // An ltree of division codes; its last label is the node the record was placed under.
      return names.node(pathCode(value));
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
