import type { RecordChange } from '../types';

/** Columns the change log records but a reader has no use for (the server already hides ids and hashes). */
const TECHNICAL = new Set(['path', 'footprint', 'attributes', 'lon', 'lat']);

/** Links to other records (buildingId, reporterId …) are ids a reader cannot read. */
const isTechnical = (field: string) => TECHNICAL.has(field) || /Id$/.test(field);

/** One changed field as a line of 变更记录: its label (or the raw name) and both values. */
export interface ChangeLine {
  field: string;
  label: string;
  from: unknown;
  to: unknown;
}

/**
 * The lines of one change a person reads: fields with a label first in the order given, then any
 * other non-technical field under its own name, so nothing that changed is silently left out.
 */
export function changeLines(change: Pick<RecordChange, 'fields'>, labels: Readonly<Record<string, string>>): ChangeLine[] {
  const order = Object.keys(labels);
  return change.fields
    .filter((f) => labels[f.field] !== undefined || !isTechnical(f.field))
    .map((f) => ({ field: f.field, label: labels[f.field] ?? f.field, from: f.from, to: f.to }))
    .sort((a, b) => rank(order, a.field) - rank(order, b.field));
}

function rank(order: string[], field: string): number {
  const i = order.indexOf(field);
  return i < 0 ? order.length : i;
}

/** A jurisdiction path (an ltree of division codes) as the code of the node it ends at. */
export function pathCode(path: string): string {
  return path.split('.').at(-1) ?? path;
}

/** A stored value as text: empty reads "—", lists join with 、, objects as JSON. */
export function changeValueText(value: unknown, name?: (code: string) => string): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '—';
  if (Array.isArray(value)) return value.map((v) => changeValueText(v, name)).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  const text = String(value);
  return name ? name(text) : text;
}
