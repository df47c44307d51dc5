import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { api, unwrap } from '../../../api/client';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import type { DictionaryName, Dictionaries } from '../types';

/** The registry's code tables; they change only with a release, so they are read once. */
export function useDictionaries() {
  return useQuery({
    queryKey: ['registry', 'dictionaries'],
    queryFn: () => unwrap(api.GET('/api/registry/dictionaries')),
    staleTime: Infinity,
  });
}

/**
 * Names and select options for coded values (性别, 民族, 人群标签, 家庭关系, …) in the reader's
 * language. A code the table does not know is shown as itself rather than hidden.
 */
export function useCodes() {
  const { lang } = useI18n();
  const dictionaries = useDictionaries();
  const data = dictionaries.data;
  const maps = useMemo(() => {
    const m = new Map<DictionaryName, Map<string, string>>();
    if (data) {
      for (const key of Object.keys(data) as DictionaryName[]) {
        m.set(key, new Map(data[key].map((e) => [e.code, localName(e, lang)])));
      }
    }
    return m;
  }, [data, lang]);

  /** `fallback` (a name the server sent along) is shown when the table does not know the code. */
  const name = useCallback(
    (table: DictionaryName, code: string | number | null | undefined, fallback?: string): string => {
      if (code === null || code === undefined || code === '') return fallback ?? '';
      return maps.get(table)?.get(String(code)) ?? fallback ?? String(code);
    },
    [maps],
  );
  const options = useCallback(
    (table: DictionaryName) => ((data as Dictionaries | undefined)?.[table] ?? []).map((e) => ({ value: e.code, label: localName(e, lang) })),
    [data, lang],
  );
  return { name, options, loading: dictionaries.isPending, error: dictionaries.error };
}
