import { useCallback, useState } from 'react';
import { currentCursor, pageNumber, popCursor, pushCursor, type Cursor, type CursorStack } from '../utils/cursorStack';

/** State for "上一页 / 下一页" over a keyset-paged list. */
export function useCursorPaging<C extends Cursor>() {
  const [stack, setStack] = useState<CursorStack<C>>([]);
  return {
    cursor: currentCursor(stack),
    page: pageNumber(stack),
    hasPrev: stack.length > 0,
    next: useCallback((cursor: C) => setStack((s) => pushCursor(s, cursor)), []),
    prev: useCallback(() => setStack((s) => popCursor(s)), []),
    reset: useCallback(() => setStack([]), []),
  };
}
