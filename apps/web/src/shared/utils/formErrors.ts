import type { FormInstance } from 'antd';
import { ApiError, formFieldName } from '../../api/errors';
import type { Lang } from '../../i18n/dict';

/**
 * Puts a 422's field messages under the matching form fields. Returns false when the error had
 * no field the form shows, so the caller still tells the user with a message.
 */
export function showFieldErrors(form: FormInstance, error: unknown, lang: Lang): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) return false;
  const shown = new Set<string>(Object.keys(form.getFieldsValue() as object));
  const matched = error.fields
    .map((f) => ({ name: formFieldName(f.field), text: lang === 'en' ? f.messageEn || f.message : f.message }))
    .filter((f) => shown.has(f.name));
  if (matched.length === 0) return false;
  form.setFields(matched.map((f) => ({ name: f.name, errors: [f.text] })));
  return true;
}
