import { describe, expect, it } from 'vitest';
import { menuTree } from './menuTree';

const groups = [{ key: 'registry' }, { key: 'admin' }];
const m = (path: string, group?: string) => ({ path, group });

describe('menuTree', () => {
  it('puts grouped modules under their heading at the place of the first one', () => {
    const tree = menuTree([m('/'), m('/people', 'registry'), m('/users', 'admin'), m('/houses', 'registry'), m('/audit', 'admin')], groups);
    expect(tree.map((e) => (e.kind === 'item' ? e.module.path : `${e.group.key}:${e.modules.map((x) => x.path).join(',')}`))).toEqual([
      '/',
      'registry:/people,/houses',
      'admin:/users,/audit',
    ]);
  });

  it('shows the only module of a group on its own', () => {
    const tree = menuTree([m('/'), m('/audit', 'admin')], groups);
    expect(tree).toEqual([
      { kind: 'item', module: m('/') },
      { kind: 'item', module: m('/audit', 'admin') },
    ]);
  });

  it('lists a module of an unknown group on its own rather than losing it', () => {
    const tree = menuTree([m('/a', 'nope'), m('/b', 'nope')], groups);
    expect(tree.map((e) => e.kind)).toEqual(['item', 'item']);
  });
});
