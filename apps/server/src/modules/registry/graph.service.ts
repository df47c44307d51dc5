import type { Database, Queryable } from '../../db/database.js';
import { withScope } from '../../db/scope.js';
import type { Actor } from '../../shared/actor.js';
import { commonError } from '../../shared/errors.js';
import { FAMILY_RELATIONS, ORG_TYPES, PERSON_HOUSE_KINDS, PERSON_ORG_KINDS } from '../../standards/codes.js';
import * as housing from './housing.repository.js';
import * as people from './people.repository.js';
import * as repo from './relations.repository.js';

type Kind = 'person' | 'household' | 'house' | 'organization' | 'building';
interface GraphNode { id: string; kind: Kind; label: string; sublabel?: string }
interface GraphEdge { source: string; target: string; kind: string; label: string }

/** Collects nodes (once each) and edges of a neighbourhood. */
class GraphBuilder {
  private nodes = new Map<string, GraphNode>();
  readonly edges: GraphEdge[] = [];
  node(n: GraphNode) {
    if (!this.nodes.has(n.id)) this.nodes.set(n.id, n);
    return n.id;
  }
  edge(source: string, target: string, kind: string, label: string) {
    this.edges.push({ source, target, kind, label });
  }
  result() {
    return { nodes: [...this.nodes.values()], edges: this.edges };
  }
}

const kindName = (map: Record<string, string>, k: string) => map[k] ?? k;

export type GraphService = ReturnType<typeof createGraphService>;

/** 关系图 — the neighbourhood of a person, household, house or organisation, one hop, current relationships. */
export function createGraphService(deps: { db: Database }) {
  const found = <T>(x: T | undefined): T => {
    if (!x) throw commonError('NOT_FOUND');
    return x;
  };

  async function aroundPerson(tx: Queryable, g: GraphBuilder, id: string) {
    const p = found(await people.personById(tx, id));
    const me = g.node({ id: p.id, kind: 'person', label: p.name, sublabel: p.citizen_id_masked ?? undefined });
    for (const h of (await repo.housesOf(tx, id)).filter((x) => !x.valid_to)) {
      g.edge(me, g.node({ id: h.house_id, kind: 'house', label: h.label }), h.kind, kindName(PERSON_HOUSE_KINDS, h.kind));
      for (const o of await repo.occupantsOf(tx, h.house_id)) {
        if (o.person_id !== id) g.edge(g.node({ id: o.person_id, kind: 'person', label: o.name }), h.house_id, o.kind, kindName(PERSON_HOUSE_KINDS, o.kind));
      }
    }
    for (const r of (await repo.relativesOf(tx, id)).filter((x) => !x.valid_to)) {
      const other = g.node({ id: r.person_id, kind: 'person', label: r.name });
      g.edge(r.direction === 'out' ? me : other, r.direction === 'out' ? other : me, 'family', kindName(FAMILY_RELATIONS, r.relation_code));
    }
    for (const h of (await repo.householdsOf(tx, id)).filter((x) => !x.valid_to)) {
      g.edge(me, g.node({ id: h.household_id, kind: 'household', label: `${h.head_name ?? ''}户` }), 'member', kindName(FAMILY_RELATIONS, h.relation_code));
    }
    for (const o of (await repo.orgsOf(tx, id)).filter((x) => !x.valid_to)) {
      g.edge(me, g.node({ id: o.org_id, kind: 'organization', label: o.name, sublabel: kindName(ORG_TYPES, o.type) }), o.kind, kindName(PERSON_ORG_KINDS, o.kind));
    }
  }

  async function aroundHouse(tx: Queryable, g: GraphBuilder, id: string) {
    const h = found(await housing.houseById(tx, id));
    const house = g.node({ id: h.id, kind: 'house', label: h.label });
    g.edge(house, g.node({ id: h.building_id, kind: 'building', label: `${h.estate_name ?? ''} ${h.building_name}`.trim() }), 'in', '所在楼栋');
    for (const o of await repo.occupantsOf(tx, id)) g.edge(g.node({ id: o.person_id, kind: 'person', label: o.name }), house, o.kind, kindName(PERSON_HOUSE_KINDS, o.kind));
    for (const hh of await repo.householdsAtHouse(tx, id)) g.edge(g.node({ id: hh.id, kind: 'household', label: `${hh.head_name ?? ''}户` }), house, 'lives', '住址');
  }

  async function aroundHousehold(tx: Queryable, g: GraphBuilder, id: string) {
    const h = found(await repo.householdById(tx, id));
    const node = g.node({ id: h.id, kind: 'household', label: `${h.head_name ?? ''}户`, sublabel: h.household_no ?? undefined });
    if (h.house_id && h.house_label) g.edge(node, g.node({ id: h.house_id, kind: 'house', label: h.house_label }), 'lives', '住址');
    for (const m of (await repo.membersOf(tx, id)).filter((x) => !x.valid_to)) {
      g.edge(g.node({ id: m.person_id, kind: 'person', label: m.name }), node, 'member', kindName(FAMILY_RELATIONS, m.relation_code));
    }
  }

  async function aroundOrg(tx: Queryable, g: GraphBuilder, id: string) {
    const o = found(await repo.orgById(tx, id));
    const node = g.node({ id: o.id, kind: 'organization', label: o.name, sublabel: kindName(ORG_TYPES, o.type) });
    if (o.house_id) {
      const h = await housing.houseById(tx, o.house_id);
      if (h) g.edge(node, g.node({ id: h.id, kind: 'house', label: h.label }), 'located', '经营场所');
    }
    for (const p of await repo.peopleOfOrg(tx, id)) g.edge(g.node({ id: p.person_id, kind: 'person', label: p.name }), node, p.kind, kindName(PERSON_ORG_KINDS, p.kind));
  }

  return {
    around: (actor: Actor, kind: 'person' | 'household' | 'house' | 'organization', id: string) =>
      withScope(deps.db, actor.scope, async (tx) => {
        const g = new GraphBuilder();
        if (kind === 'person') await aroundPerson(tx, g, id);
        else if (kind === 'house') await aroundHouse(tx, g, id);
        else if (kind === 'household') await aroundHousehold(tx, g, id);
        else await aroundOrg(tx, g, id);
        return g.result();
      }),
  };
}
