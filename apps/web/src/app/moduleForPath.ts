/** Whether `pathname` is `path` itself or lies under it (route params like `:id` match one segment). */
function under(path: string, pathname: string): boolean {
  if (path === '/') return pathname === '/';
  const re = new RegExp(`^${path.replace(/:[^/]+/g, '[^/]+')}(/|$)`);
  return re.test(pathname);
}

/**
 * The module a location belongs to: the module whose path or one of whose sub-pages (e.g. the
 * 楼盘表 of 房屋管理) is the longest match ("/" only exactly).
 */
export function moduleForPath<T extends { path: string; subPages?: readonly { path: string }[] }>(items: readonly T[], pathname: string): T | undefined {
  let best: { item: T; length: number } | undefined;
  for (const m of items) {
    for (const p of [m.path, ...(m.subPages ?? []).map((s) => s.path)]) {
      if (under(p, pathname) && (!best || p.length > best.length)) best = { item: m, length: p.length };
    }
  }
  return best?.item;
}
