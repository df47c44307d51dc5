/**
 * Typed errors with a code, an HTTP status and a message for a person in Chinese and English.
 * Each module declares its codes with `defineErrors`; the table is typed so a code without a
 * status and both messages does not compile.
 */
export type HttpStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 423 | 428 | 429 | 503;

export interface ErrorDef {
  status: HttpStatus;
  zh: string;
  en: string;
}

/** One field that failed validation, named by its path in the request. */
export interface FieldError {
  field: string;
  message: string;
  messageEn: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: HttpStatus,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly fields?: FieldError[],
  ) {
    super(`${code}: ${messageEn}`);
  }

  toBody() {
    return { code: this.code, message: this.messageZh, messageEn: this.messageEn, ...(this.fields ? { fields: this.fields } : {}) };
  }
}

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));

/**
 * Declares a module's error codes; returns a factory `err(code, params?, field?)`. Pass a field
 * name to attach the same message to that field, or a list of field errors.
 */
export function defineErrors<const T extends Record<string, ErrorDef>>(defs: T) {
  return function err(code: keyof T & string, params: Record<string, string | number> = {}, field?: string | FieldError[]): AppError {
    const d = defs[code] as ErrorDef;
    const zh = fill(d.zh, params);
    const en = fill(d.en, params);
    const fields = typeof field === 'string' ? [{ field, message: zh, messageEn: en }] : field;
    return new AppError(code, d.status, zh, en, fields);
  };
}

/** Errors every module may raise. */
export const commonError = defineErrors({
  VALIDATION_FAILED: { status: 422, zh: '提交的数据有误：{summary}', en: 'Invalid input: {summary}' },
  BAD_REQUEST: { status: 400, zh: '请求格式错误：{summary}', en: 'Malformed request: {summary}' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  FORBIDDEN: { status: 403, zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '记录不存在或不在您的辖区内', en: 'Not found, or outside your jurisdiction' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  VERSION_CONFLICT: {
    status: 409,
    zh: '该记录已被他人修改，请刷新后重试',
    en: 'The record was changed by someone else; reload and try again',
  },
  CSRF_INVALID: { status: 403, zh: '请求校验失败，请刷新页面后重试', en: 'Request verification (CSRF) failed; reload the page' },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'Payload too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported media type' },
});
