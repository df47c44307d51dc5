import { describe, expect, it } from 'vitest';
import { dict, translate, type DictKey } from './dict';

describe('dictionary', () => {
  it('has both languages for every key', () => {
    for (const [key, entry] of Object.entries(dict)) {
      expect(entry.zh.trim(), key).not.toBe('');
      expect(entry.en.trim(), key).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, entry] of Object.entries(dict)) expect(names(entry.en), key).toEqual(names(entry.zh));
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh', 'common.total', { total: 37 })).toBe('共 37 条');
    expect(translate('en', 'common.total', { total: 37 })).toBe('37 in total');
    expect(translate('zh', 'home.greeting' as DictKey)).toBe('您好，{name}');
  });

  it('speaks as the civil service does', () => {
    expect(translate('zh', 'menu.users')).toBe('用户管理');
    expect(translate('zh', 'users.disableConfirm')).toBe('确定要停用该用户吗？');
    expect(translate('zh', 'common.conflict')).toBe('该记录已被他人修改，请刷新后重试');
  });
});
