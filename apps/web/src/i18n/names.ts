import type { Lang } from './dict';

/** Picks the server-provided name in the reader's language (`{name, nameEn}` pairs). */
export function localName(item: { name: string; nameEn?: string | null }, lang: Lang): string {
  return lang === 'en' && item.nameEn ? item.nameEn : item.name;
}
