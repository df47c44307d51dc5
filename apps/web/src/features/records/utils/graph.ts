import type { ResponseOf } from '../../../api/types';

export type Graph = ResponseOf<'/api/graph', 'get'>;

/** A person linked to the record in the middle of a graph, with how (业主, 租户, 法定代表人 …). */
export interface LinkedPerson {
  id: string;
  name: string;
  /** Edge kinds (owner, tenant, resident, legal_rep …) — codes, for filtering and colours. */
  kinds: string[];
  /** Edge labels as the server names them, in Chinese. */
  labels: string[];
}

/**
 * The people directly linked to `centerId`, once each, with every relation they have to it (a
 * person can be 业主 and 住户 of the same house). Sorted by name so the list does not jump.
 */
export function peopleLinkedTo(graph: Graph, centerId: string): LinkedPerson[] {
  const people = new Map(graph.nodes.filter((n) => n.kind === 'person').map((n) => [n.id, n]));
  const out = new Map<string, LinkedPerson>();
  for (const e of graph.edges) {
    const personId = e.target === centerId ? e.source : e.source === centerId ? e.target : undefined;
    const node = personId ? people.get(personId) : undefined;
    if (!node) continue;
    const entry = out.get(node.id) ?? { id: node.id, name: node.label, kinds: [], labels: [] };
    if (!entry.kinds.includes(e.kind)) entry.kinds.push(e.kind);
    if (!entry.labels.includes(e.label)) entry.labels.push(e.label);
    out.set(node.id, entry);
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}
