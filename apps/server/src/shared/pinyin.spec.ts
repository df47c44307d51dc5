import { describe, expect, it } from 'vitest';
import { namePinyin } from './pinyin.js';

describe('name pinyin', () => {
  it.each([
    ['张三', 'zhangsan', 'zs'],
    ['单田芳', 'shantianfang', 'stf'],
    ['曾小贤', 'zengxiaoxian', 'zxx'],
    ['吕绿', 'lvlv', 'll'],
    ['欧阳娜娜', 'ouyangnana', 'oynn'],
  ])('%s → %s / %s', (name, full, initials) => {
    expect(namePinyin(name)).toEqual({ full, initials });
  });
});
