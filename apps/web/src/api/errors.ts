import type { Lang } from '../i18n/dict';

/** One field-level validation problem, as the server names it (422). */
export interface FieldProblem {
  field: string;
  message: string;
  messageEn: string;
}

/** The body every non-2xx answer of the server carries. */
export interface ErrorBody {
  code: string;
  message: string;
  messageEn: string;
  fields?: FieldProblem[];
}

/**
 * An answer that was not a success, with the server's code and both messages kept, so a page can
 * decide by code (never by text) and show the message in the reader's language.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly fields: FieldProblem[];

  constructor(status: number, body: ErrorBody) {
    super(body.messageEn || body.message || body.code);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.messageZh = body.message;
    this.messageEn = body.messageEn;
    this.fields = body.fields ?? [];
  }

  /** The message in the reader's language, falling back to the other one. */
  text(lang: Lang): string {
    return (lang === 'en' ? this.messageEn || this.messageZh : this.messageZh || this.messageEn) || this.code;
  }
}

/** Codes the client invents itself when the server did not answer with a proper body. */
export const CLIENT_ERROR = {
  network: 'CLIENT_NETWORK',
  unexpected: 'CLIENT_UNEXPECTED',
} as const;

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).code === 'string' &&
    typeof (value as ErrorBody).message === 'string'
  );
}

/** Turns whatever came back (JSON body, text, nothing) into an ApiError. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) {
    return new ApiError(status, { ...body, messageEn: body.messageEn ?? body.message });
  }
  return new ApiError(status, {
    code: CLIENT_ERROR.unexpected,
    message: `服务器返回了无法识别的响应（HTTP ${status}），请稍后重试。`,
    messageEn: `The server returned an unexpected response (HTTP ${status}). Please try again later.`,
  });
}

/** The error used when the request never reached the server. */
export function networkError(): ApiError {
  return new ApiError(0, {
    code: CLIENT_ERROR.network,
    message: '无法连接服务器，请检查网络后重试。',
    messageEn: 'Cannot reach the server. Check the network and try again.',
  });
}

/** Text for any thrown value, in the reader's language. */
export function errorText(error: unknown, lang: Lang): string {
  if (error instanceof ApiError) return error.text(lang);
  return lang === 'en' ? 'Something went wrong. Please try again.' : '操作失败，请稍后重试。';
}

/**
 * The form field a server-side field name belongs to: `body.roleCodes.0` → `roleCodes`.
 * Server field names are the request body keys, and our forms use the same names.
 */
export function formFieldName(serverField: string): string {
  const parts = serverField.split(/[.[\]/]/).filter(Boolean);
  const rest = parts[0] === 'body' ? parts.slice(1) : parts;
  return rest.find((p) => !/^\d+$/.test(p)) ?? serverField;
}
