import { describe, expect, it } from 'vitest';
import { tagColor } from './tags';

describe('group tag colours', () => {
  it('gives known tags their colour and unknown ones a stable one', () => {
    expect(tagColor('elderly_alone')).toBe('volcano');
    expect(tagColor('new_tag')).toBe(tagColor('new_tag'));
    expect(typeof tagColor('another')).toBe('string');
  });
});
