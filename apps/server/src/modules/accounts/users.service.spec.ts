import { describe, expect, it } from 'vitest';
import { commonPath } from './users.service.js';

describe('a user row’s jurisdiction path', () => {
  it('is the deepest node common to all of the user’s nodes', () => {
    expect(commonPath(['5109.510903.510903001'])).toBe('5109.510903.510903001');
    expect(commonPath(['5109.510903.510903001', '5109.510903.510903002'])).toBe('5109.510903');
    expect(commonPath(['5109.510903', '5109.510904.510904001'])).toBe('5109');
  });
});
