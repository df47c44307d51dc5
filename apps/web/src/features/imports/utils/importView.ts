import type { DictKey } from '../../../i18n/dict';
import type { ImportJob, ImportKind, ImportMapping, ImportRow, RowClass } from '../types';

/** Row classes in the order the preview lists them, with their tag colour and label. */
export const ROW_CLASSES: readonly { value: RowClass; color: string; label: DictKey }[] = [
  { value: 'new', color: 'green', label: 'imports.class.new' },
  { value: 'update', color: 'blue', label: 'imports.class.update' },
  { value: 'unchanged', color: 'default', label: 'imports.class.unchanged' },
  { value: 'duplicate', color: 'orange', label: 'imports.class.duplicate' },
  { value: 'conflict', color: 'magenta', label: 'imports.class.conflict' },
  { value: 'error', color: 'red', label: 'imports.class.error' },
];

export const classInfo = (c: RowClass) => ROW_CLASSES.find((x) => x.value === c)!;

/** A job that is still working in the background: the page polls it. */
export const isRunning = (j: Pick<ImportJob, 'status'>) => j.status === 'queued' || j.status === 'running' || j.status === 'cancelling';

/** A job whose commit has ended one way or the other. */
export const isFinished = (j: Pick<ImportJob, 'status'>) => j.status === 'done' || j.status === 'cancelled' || j.status === 'failed';

/** Progress as a whole percentage for antd's Progress. */
export const percent = (j: Pick<ImportJob, 'progress'>) => Math.round(j.progress * 1000) / 10;

/** Rows the decisions would apply, from the class counts. */
export function rowsToApply(counts: Record<string, number>, d: { new: string; update: string; duplicate: string }): number {
  return (d.new === 'create' ? counts.new ?? 0 : 0) + (d.update === 'apply' ? counts.update ?? 0 : 0) + (d.duplicate === 'create' ? counts.duplicate ?? 0 : 0);
}

/** Sets one column's field; a field mapped elsewhere moves here (a field is taken by one column). */
export function remap(mapping: ImportMapping, column: number, field: string | undefined): ImportMapping {
  const next: ImportMapping = {};
  for (const [c, f] of Object.entries(mapping)) if (Number(c) !== column && f !== field) next[c] = f;
  if (field) next[String(column)] = field;
  return next;
}

/** Required fields no column is mapped to. */
export function missingRequired(mapping: ImportMapping, fields: readonly { field: string; required: boolean }[]): string[] {
  const used = new Set(Object.values(mapping));
  return fields.filter((f) => f.required && !used.has(f.field)).map((f) => f.field);
}

const SUMMARY_KEYS: Record<ImportKind, string[]> = {
  people: ['name', 'citizenIdMasked', 'birthDate', 'phoneMasked', 'householdNo', 'residenceAddress', 'nodeName'],
  houses: ['label', 'floor', 'area', 'nodeName'],
  organizations: ['name', 'creditCode', 'address', 'nodeName'],
};

/** The values of a staged row worth showing in one line of the preview. */
export function rowSummary(kind: ImportKind, row: Pick<ImportRow, 'values'>): string {
  return SUMMARY_KEYS[kind]
    .map((k) => row.values[k])
    .filter((v) => v !== null && v !== undefined && v !== '')
    .join(' · ');
}
