/** An entry of the sidebar: a module on its own, or a group heading with its modules. */
export type MenuEntry<M, G> = { kind: 'item'; module: M } | { kind: 'group'; group: G; modules: M[] };

/**
 * The sidebar from the modules a user may open: ungrouped modules where they stand, each group at
 * the place of its first module, in the groups' order within it. A group the user has only one
 * module of shows that module alone — a heading over a single item is a click for nothing.
 */
export function menuTree<M extends { group?: string }, G extends { key: string }>(visible: readonly M[], groups: readonly G[]): MenuEntry<M, G>[] {
  const byGroup = new Map<string, M[]>();
  for (const m of visible) if (m.group) byGroup.set(m.group, [...(byGroup.get(m.group) ?? []), m]);
  const out: MenuEntry<M, G>[] = [];
  const placed = new Set<string>();
  for (const m of visible) {
    if (!m.group) {
      out.push({ kind: 'item', module: m });
      continue;
    }
    if (placed.has(m.group)) continue;
    placed.add(m.group);
    const group = groups.find((g) => g.key === m.group);
    const members = byGroup.get(m.group)!;
    if (!group || members.length === 1) out.push(...members.map((module) => ({ kind: 'item' as const, module })));
    else out.push({ kind: 'group', group, modules: members });
  }
  return out;
}
