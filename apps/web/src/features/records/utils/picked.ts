import type { PickedRecord } from '../components/LookupSelect';

/**
 * The value of a record picker on an edit form: the record points to another by id only, and the
 * label is fetched after the form opens — until then the picker shows '…' rather than a bare id.
 */
export function pickedRecord(id: string | null | undefined, label: string | undefined): PickedRecord | undefined {
  return id ? { value: id, label: label ?? '…' } : undefined;
}
