/**
 * 关系图 — the registry around one record (a person, household, house or organisation) as a
 * force-directed graph. These turn the server's nodes and edges into ECharts `graph` data:
 * one colour per kind of node, the centre drawn larger, edge labels on the lines.
 */
export const GRAPH_NODE_KINDS = ['person', 'household', 'house', 'building', 'organization'] as const;
export type GraphNodeKind = (typeof GRAPH_NODE_KINDS)[number];
/** Kinds the graph can be centred on (GET /api/graph?kind=). */
export type GraphCentreKind = Exclude<GraphNodeKind, 'building'>;

export interface GraphNode {
  id: string;
  kind: string;
  label: string;
  sublabel?: string | null;
}
export interface GraphEdge {
  source: string;
  target: string;
  kind: string;
  label: string;
}
export interface Graph {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
}

export const GRAPH_COLORS: Record<GraphNodeKind, string> = {
  person: '#1d5bd8',
  household: '#fa8c16',
  house: '#52c41a',
  building: '#13c2c2',
  organization: '#722ed1',
};

export function isCentreKind(kind: string): kind is GraphCentreKind {
  return kind === 'person' || kind === 'household' || kind === 'house' || kind === 'organization';
}

/**
 * The record id a node stands for. Node ids are unique across kinds; a server that prefixes
 * them with the kind (`person:…`) is read the same way.
 */
export function entityId(node: Pick<GraphNode, 'id' | 'kind'>): string {
  const prefix = `${node.kind}:`;
  return node.id.startsWith(prefix) ? node.id.slice(prefix.length) : node.id;
}

export interface GraphSeriesData {
  categories: { name: string; itemStyle: { color: string } }[];
  data: {
    id: string;
    name: string;
    category: number;
    symbolSize: number;
    kind: string;
    sublabel: string;
    label: { fontWeight: 'bold' | 'normal' };
  }[];
  links: { source: string; target: string; value: string }[];
}

/** ECharts graph data: categories in a fixed order (so colours and legend stay put), centre larger. */
export function graphSeriesData(graph: Graph, centreId: string | undefined, kindName: (kind: GraphNodeKind) => string): GraphSeriesData {
  const categories = GRAPH_NODE_KINDS.map((k) => ({ name: kindName(k), itemStyle: { color: GRAPH_COLORS[k] } }));
  const seen = new Set<string>();
  const data: GraphSeriesData['data'] = [];
  for (const n of graph.nodes) {
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    const index = GRAPH_NODE_KINDS.indexOf(n.kind as GraphNodeKind);
    const centre = n.id === centreId || entityId(n) === centreId;
    data.push({
      id: n.id,
      name: n.label,
      category: index < 0 ? GRAPH_NODE_KINDS.indexOf('building') : index,
      symbolSize: centre ? 56 : n.kind === 'person' ? 36 : 30,
      kind: n.kind,
      sublabel: n.sublabel ?? '',
      label: { fontWeight: centre ? 'bold' : 'normal' },
    });
  }
  const links = graph.edges
    .filter((e) => seen.has(e.source) && seen.has(e.target))
    .map((e) => ({ source: e.source, target: e.target, value: e.label }));
  return { categories, data, links };
}

/** Text for the chart's HTML tooltip: names come from the registry, so they are escaped. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
