import { z } from 'zod';
import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, commonError, type FieldError } from '../shared/errors.js';

const zh = z.locales.zhCN().localeError;
const en = z.locales.en().localeError;

type IssueLike = Parameters<typeof zh>[0];

/** Separates the Chinese and English halves of a rule's message (see `rule()`). */
const LANG_SEPARATOR = '\u241E';

/**
 * A message a person can act on, for both languages: our own rules carry both; Zod's built-in
 * checks are worded by its zh-CN and en locales.
 */
function describe(keyword: string, message: string, params: Record<string, unknown>): { zh: string; en: string } {
  if (message.includes(LANG_SEPARATOR)) {
    const [zhText, enText] = message.split(LANG_SEPARATOR);
    return { zh: zhText!, en: enText! };
  }
  const issue = { code: keyword, message, ...params } as unknown as IssueLike;
  const text = (map: typeof zh) => {
    const r = map(issue);
    return typeof r === 'string' ? r : (r?.message ?? message);
  };
  return { zh: text(zh), en: text(en) };
}

/** A Zod check's message in Chinese and English: `z.string().regex(re, rule('…', '…'))`. */
export const rule = (zhMessage: string, enMessage: string) => ({ message: `${zhMessage}${LANG_SEPARATOR}${enMessage}` });

/**
 * Turns a request-schema failure into Linli's error: unknown fields and malformed requests are
 * 400, values that break a rule are 422 with each field named, and a malformed id in the path
 * is simply not found.
 */
export function fromValidationError(error: FastifyError): AppError | null {
  if (!hasZodFastifySchemaValidationErrors(error)) return null;
  const context = (error as { validationContext?: string }).validationContext;
  if (context === 'params') return commonError('NOT_FOUND');
  return toAppError(error.validation.map((v) => ({
    keyword: v.keyword, path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'), message: v.message ?? '', params: (v.params ?? {}) as Record<string, unknown>,
  })));
}

/**
 * The same error for a schema a service checks itself (one chosen at run time, e.g. an export's
 * filters by its list), each field named under `prefix`.
 */
export function fromZodError(error: z.ZodError, prefix: string): AppError {
  return toAppError(error.issues.map((i) => ({
    keyword: i.code, path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message, params: i as unknown as Record<string, unknown>,
  })));
}

function toAppError(issues: { keyword: string; path: string; message: string; params: Record<string, unknown> }[]): AppError {
  const fields: FieldError[] = [];
  let unknownKeys = false;
  for (const { keyword, path, message, params } of issues) {
    if (keyword === 'unrecognized_keys') {
      unknownKeys = true;
      for (const k of (params.keys as string[]) ?? []) {
        const field = path ? `${path}.${k}` : k;
        fields.push({ field, message: `不允许的字段“${field}”`, messageEn: `Field "${field}" is not allowed` });
      }
      continue;
    }
    const m = describe(keyword, message, params);
    fields.push({ field: path || '(body)', message: m.zh, messageEn: m.en });
  }
  const summary = fields.map((f) => `${f.field}：${f.message}`).join('；');
  if (unknownKeys) return commonError('BAD_REQUEST', { summary }, fields);
  return commonError('VALIDATION_FAILED', { summary }, fields);
}
