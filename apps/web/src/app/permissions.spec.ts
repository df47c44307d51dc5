import { describe, expect, it } from 'vitest';
import { moduleForPath } from './moduleForPath';
import { PERM, allowed, can } from './permissions';

describe('permissions', () => {
  const auditor = { permissions: ['audit.read', 'audit.verify'] };
  const items = [
    { path: '/' },
    { path: '/audit', permission: PERM.auditRead },
    { path: '/admin/users', permission: PERM.userManage },
  ];

  it('lets everyone see entries without a permission', () => {
    expect(can({ permissions: [] }, undefined)).toBe(true);
  });

  it('lists only what the user may open', () => {
    expect(allowed(items, auditor).map((i) => i.path)).toEqual(['/', '/audit']);
    expect(allowed(items, { permissions: [] }).map((i) => i.path)).toEqual(['/']);
  });
});

describe('menu selection', () => {
  const items = [{ path: '/' }, { path: '/admin/users' }, { path: '/audit' }];

  it('matches the longest module path, and / only exactly', () => {
    expect(moduleForPath(items, '/')?.path).toBe('/');
    expect(moduleForPath(items, '/admin/users')?.path).toBe('/admin/users');
    expect(moduleForPath(items, '/admin/users/42')?.path).toBe('/admin/users');
    expect(moduleForPath(items, '/auditx')).toBeUndefined();
    expect(moduleForPath(items, '/nowhere')).toBeUndefined();
  });
});

describe('moduleForPath with sub-pages', () => {
  it('highlights the module a sub-page belongs to', () => {
    const items = [
      { path: '/registry/housing', subPages: [{ path: '/registry/buildings/:id' }] },
      { path: '/registry/people', subPages: [{ path: '/registry/people/:id' }] },
    ];
    expect(moduleForPath(items, '/registry/buildings/abc')?.path).toBe('/registry/housing');
    expect(moduleForPath(items, '/registry/people/abc')?.path).toBe('/registry/people');
    expect(moduleForPath(items, '/registry/buildings')).toBeUndefined();
  });
});
