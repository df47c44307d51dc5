/**
 * Keyset paging keeps the cursors of the pages already visited: the top is the cursor of the page
 * on screen (none for the first page). "Next" pushes the server's nextCursor, "previous" pops.
 * Cursors are opaque: a username for users, an id number for the audit log.
 */
export type Cursor = string | number;
export type CursorStack<C extends Cursor = Cursor> = readonly C[];

export function currentCursor<C extends Cursor>(stack: CursorStack<C>): C | undefined {
  return stack.length ? stack[stack.length - 1] : undefined;
}

export function pushCursor<C extends Cursor>(stack: CursorStack<C>, next: C): CursorStack<C> {
  return [...stack, next];
}

export function popCursor<C extends Cursor>(stack: CursorStack<C>): CursorStack<C> {
  return stack.slice(0, -1);
}

/** 1-based number of the page on screen. */
export function pageNumber(stack: CursorStack): number {
  return stack.length + 1;
}
