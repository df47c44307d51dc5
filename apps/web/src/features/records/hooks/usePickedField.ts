import type { FormInstance } from 'antd';
import { useEffect } from 'react';
import type { PickedRecord } from '../components/LookupSelect';
import { pickedRecord } from '../utils/picked';

/**
 * A record picker on an edit form whose record is known by id only (an organisation's house, a
 * device's building): its initial value now, and its label put in once it arrives — unless the
 * user has picked something else in the meantime.
 */
export function usePickedField(form: FormInstance, name: string, id: string | null | undefined, label: string | undefined): PickedRecord | undefined {
  useEffect(() => {
    if (id && label && !form.isFieldTouched(name)) form.setFieldValue(name, { value: id, label });
  }, [form, name, id, label]);
  return pickedRecord(id, label);
}
