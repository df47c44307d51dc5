import { describe, expect, it } from 'vitest';
import { currentCursor, pageNumber, popCursor, pushCursor } from './cursorStack';

describe('cursor stack (keyset paging)', () => {
  it('starts on page 1 with no cursor', () => {
    expect(currentCursor([])).toBeUndefined();
    expect(pageNumber([])).toBe(1);
  });

  it('walks forward and back through the cursors it was given', () => {
    const p2 = pushCursor([], 'wang');
    const p3 = pushCursor(p2, 'zhang');
    expect(currentCursor(p3)).toBe('zhang');
    expect(pageNumber(p3)).toBe(3);
    expect(currentCursor(popCursor(p3))).toBe('wang');
    expect(currentCursor(popCursor(popCursor(p3)))).toBeUndefined();
  });

  it('keeps numeric cursors numeric (audit ids)', () => {
    expect(currentCursor(pushCursor<number>([], 42))).toBe(42);
  });

  it('does not change the stack it was given', () => {
    const s = ['a'] as const;
    pushCursor(s, 'b');
    popCursor(s);
    expect(s).toEqual(['a']);
  });
});
