import { describe, expect, it } from 'vitest';
import { repeatedMembers } from './household';

describe('household members', () => {
  it('flags a member who is the head or listed twice', () => {
    expect(repeatedMembers('h', ['a', 'h', 'b', 'a', undefined])).toEqual([1, 3]);
  });
  it('accepts distinct members and rows not yet filled', () => {
    expect(repeatedMembers('h', ['a', 'b', undefined, undefined])).toEqual([]);
    expect(repeatedMembers(undefined, [])).toEqual([]);
  });
});
