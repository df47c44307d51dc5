import type { Database, Queryable } from '../../db/database.js';
import { type Scope, scopeOf, withScope } from '../../db/scope.js';
import { type Actor, auditActor } from '../../shared/actor.js';
import { commonError } from '../../shared/errors.js';
import { today } from '../../shared/dates.js';
import type { AuditService } from '../audit/audit.service.js';
import { jurisdictionError } from './jurisdiction.errors.js';
import * as repo from './jurisdiction.repository.js';

export type JurisdictionNode = ReturnType<typeof toNode>;

function toNode(r: repo.NodeRow) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level,
    parentId: r.parent_id,
    pathNames: r.path_names,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    source: r.source,
    version: r.version,
    childCount: r.child_count,
  };
}

export type JurisdictionService = ReturnType<typeof createJurisdictionService>;

/** How long a node's path and validity are trusted from memory (`pathIn`). */
const NODE_MEMORY_MS = 60_000;

/** Whether `path` lies in `scope`: the rule of the row-level security policies (`path <@ ANY(scope)`). */
function inScope(scope: Scope, path: string): boolean {
  return scope.kind === 'system' || scope.paths.some((p) => path === p || path.startsWith(`${p}.`));
}

/** 辖区树 — reading and keeping the jurisdiction tree; every read is limited to the actor's subtree. */
export function createJurisdictionService(deps: { db: Database; audit: AuditService }) {
  const { db, audit } = deps;
  const run = <T>(actor: Actor, fn: (tx: Queryable) => Promise<T>) => withScope(db, actor.scope, fn);
  const resolveIn = async (tx: Queryable, ids: string[]) => (await repo.byIds(tx, ids, today())).map((r) => ({ ...toNode(r), path: r.path }));
  // A node's path never changes (a redrawn area is a new node); its end of validity may.
  const known = new Map<string, { path: string; validFrom: string; validTo: string | null; at: number }>();

  return {
    /** Children of a node, or the actor's own top nodes when no parent is given. */
    list: (actor: Actor, q: { parentId?: string; q?: string; asOf?: string }) =>
      run(actor, async (tx) => {
        const asOf = q.asOf ?? today();
        const rows = q.q
          ? await repo.search(tx, q.q, asOf, 50)
          : q.parentId
            ? await repo.children(tx, q.parentId, asOf)
            : await repo.visibleRoots(tx, asOf);
        return rows.map(toNode);
      }),

    get: (actor: Actor, id: string, asOf?: string) =>
      run(actor, async (tx) => {
        const r = await repo.byId(tx, id, asOf ?? today());
        if (!r) throw commonError('NOT_FOUND');
        return toNode(r);
      }),

    /**
     * The nodes with these ids that are in force and inside the transaction's scope; used by
     * other modules to check that what a user names lies in their jurisdiction.
     */
    resolveIn,

    /**
     * The path of a node in force and visible to `tx`, or undefined — the path of a list's
     * jurisdiction filter, from memory when this instance read the node lately: a list is on
     * every page and the lookup was a round trip of its own. Memory only ever says yes (a node
     * it knows, in force, whose path lies in the transaction's scope, `scopeOf`); anything else is
     * asked of the database under row-level security, as `resolveIn`. The rows listed stay under
     * row-level security.
     */
    async pathIn(tx: Queryable, id: string): Promise<string | undefined> {
      const day = today();
      const k = known.get(id);
      const scope = scopeOf(tx);
      if (k && scope && Date.now() - k.at < NODE_MEMORY_MS && k.validFrom <= day && (!k.validTo || k.validTo >= day) && inScope(scope, k.path)) return k.path;
      const [n] = await resolveIn(tx, [id]);
      if (n) known.set(id, { path: n.path, validFrom: n.validFrom, validTo: n.validTo, at: Date.now() });
      return n?.path;
    },

    /** Draws a new grid (网格) under a community; its code is the community code + 3 digits. */
    createGrid: (actor: Actor, input: { parentId: string; name: string; validFrom: string }) =>
      run(actor, async (tx) => {
        const parent = await repo.byId(tx, input.parentId, input.validFrom);
        if (!parent) throw commonError('NOT_FOUND');
        if (parent.level !== 'community') throw jurisdictionError('GRID_PARENT_NOT_COMMUNITY', {}, 'parentId');
        const code = await repo.nextGridCode(tx, parent.code);
        const id = await repo.insert(tx, {
          code,
          name: input.name,
          level: 'grid',
          parentId: parent.id,
          path: `${parent.path}.${code}`,
          pathNames: [...parent.path_names, input.name],
          validFrom: input.validFrom,
          source: 'local',
        });
        await audit.recordIn(tx, { actor: auditActor(actor), action: 'jurisdiction.create', ip: actor.ip, objectType: 'jurisdiction_node', objectId: id, detail: { code, name: input.name } });
        return toNode((await repo.byId(tx, id, input.validFrom))!);
      }),

    /** Ends a local node's validity; history keeps it, figures for earlier dates still use it. */
    retire: (actor: Actor, id: string, input: { validTo: string; version: number }) =>
      run(actor, async (tx) => {
        const node = await repo.byId(tx, id, input.validTo);
        if (!node) throw commonError('NOT_FOUND');
        if (node.source !== 'local') throw jurisdictionError('NODE_ONLY_LOCAL_RETIRE');
        if (input.validTo < node.valid_from) throw jurisdictionError('RETIRE_BEFORE_START', { validFrom: node.valid_from }, 'validTo');
        if (node.child_count > 0) throw jurisdictionError('NODE_HAS_CHILDREN', { count: node.child_count });
        if (!(await repo.retire(tx, id, input.version, input.validTo))) throw commonError('VERSION_CONFLICT');
        known.delete(id);
        await audit.recordIn(tx, { actor: auditActor(actor), action: 'jurisdiction.retire', ip: actor.ip, objectType: 'jurisdiction_node', objectId: id, detail: { validTo: input.validTo } });
        return toNode((await repo.byId(tx, id, today()))!);
      }),
  };
}
