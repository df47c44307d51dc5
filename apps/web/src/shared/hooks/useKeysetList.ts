import type { ChangeEvent } from 'react';
import { useRef, useState } from 'react';
import { compactQuery, DEFAULT_PAGE_SIZE, hasActiveFilter, PAGE_SIZES } from '../utils/listQuery';
import { useCursorPaging } from './useCursorPaging';

/** Every keyset list is searched by typed text (`q`); the rest of its filters are its own. */
export interface KeysetFilters {
  q?: string;
}

/** One page of a keyset list as the server answers it. */
export interface KeysetPage<Row> {
  items: Row[];
  nextCursor?: string | null;
  total?: number;
}

/** Props for the list's search box (antd Input.Search). */
export interface KeysetSearchProps {
  value: string;
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
  onSearch: (value: string) => void;
}

/** Props for KeysetPager, given the page on screen. */
export interface KeysetPagerState {
  page: number;
  hasPrev: boolean;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
  pageSize: number;
  pageSizes: number[];
  onPageSizeChange: (size: number) => void;
}

/**
 * The state of a searchable, filterable keyset list: its filters, the text in the search box, the
 * page size and the stack of cursors. Changing a filter or the page size goes back to page 1.
 * The page calls its own list hook with `query({...its filters as query parameters})`.
 */
export function useKeysetList<F extends KeysetFilters>() {
  const [filters, setFilters] = useState<F>({} as F);
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(DEFAULT_PAGE_SIZE);
  const paging = useCursorPaging<string>();
  // The filters of the query last asked for: what an export of this list must send.
  const lastQuery = useRef<Record<string, unknown>>({});

  const apply = (next: F) => {
    setFilters(next);
    paging.reset();
  };
  const set = <K extends keyof F>(key: K, value: F[K]) => apply({ ...filters, [key]: value });

  return {
    filters,
    /** Some filter is on: an empty list then says "nothing matches" rather than "nothing yet". */
    filtered: hasActiveFilter(filters),
    set,
    /** `value` / `onChange` of one filter's input. */
    filter: <K extends keyof F>(key: K) => ({ value: filters[key], onChange: (value: F[K]) => set(key, value) }),
    /** The list's query: page size, search text, the given parameters that are set, then the cursor. */
    query: <P extends Record<string, unknown>>(params: P) => {
      const query = compactQuery({ limit, q: filters.q, ...params, cursor: paging.cursor });
      lastQuery.current = query;
      return query;
    },
    /** The list's query as last sent (read when asked, e.g. by 导出 Excel). */
    lastQuery: () => lastQuery.current,
    search: {
      value: search,
      onChange: (e) => {
        setSearch(e.target.value);
        // Clearing the box (its × or deleting the text) shows the whole list again at once.
        if (!e.target.value) apply({ ...filters, q: undefined });
      },
      onSearch: (v) => apply({ ...filters, q: v.trim() || undefined }),
    } satisfies KeysetSearchProps,
    pager: (data: Pick<KeysetPage<unknown>, 'nextCursor'> | undefined): KeysetPagerState => ({
      page: paging.page,
      hasPrev: paging.hasPrev,
      hasNext: Boolean(data?.nextCursor),
      onPrev: paging.prev,
      onNext: () => data?.nextCursor && paging.next(data.nextCursor),
      pageSize: limit,
      pageSizes: PAGE_SIZES,
      onPageSizeChange: (n) => {
        setLimit(n);
        paging.reset();
      },
    }),
  };
}

/** What useKeysetList gives a list page. */
export type KeysetList<F extends KeysetFilters> = ReturnType<typeof useKeysetList<F>>;
