/** The module a location belongs to: the longest module path that prefixes it ("/" only exactly). */
export function moduleForPath<T extends { path: string }>(items: readonly T[], pathname: string): T | undefined {
  return items
    .filter((m) => (m.path === '/' ? pathname === '/' : pathname === m.path || pathname.startsWith(`${m.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
}
