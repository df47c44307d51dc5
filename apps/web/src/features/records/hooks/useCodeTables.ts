import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { api, unwrap } from '../../../api/client';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import type { CodeTableName, CodeTables } from '../types';

/**
 * The registry's code tables (GET /api/registry/dictionaries). They change only with a release, so
 * they are read once; the query key is the one the people pages use, so both share one request.
 */
export function useCodeTables() {
  return useQuery({
    queryKey: ['registry', 'dictionaries'],
    queryFn: () => unwrap(api.GET('/api/registry/dictionaries')),
    staleTime: Infinity,
  });
}

/**
 * Names and select options for coded values (房屋用途, 单位类型, 设施类型 …) in the reader's
 * language. A code the table does not know is shown as itself rather than hidden.
 */
export function useCodeNames() {
  const { lang } = useI18n();
  const tables = useCodeTables();
  const data = tables.data;
  const maps = useMemo(() => {
    const m = new Map<CodeTableName, Map<string, string>>();
    if (data) for (const key of Object.keys(data) as CodeTableName[]) m.set(key, new Map(data[key].map((e) => [e.code, localName(e, lang)])));
    return m;
  }, [data, lang]);

  const name = useCallback(
    (table: CodeTableName, code: string | null | undefined): string => {
      if (code === null || code === undefined || code === '') return '';
      return maps.get(table)?.get(code) ?? code;
    },
    [maps],
  );
  const options = useCallback(
    (table: CodeTableName) => ((data as CodeTables | undefined)?.[table] ?? []).map((e) => ({ value: e.code, label: localName(e, lang) })),
    [data, lang],
  );
  return { name, options, loading: tables.isPending };
}
