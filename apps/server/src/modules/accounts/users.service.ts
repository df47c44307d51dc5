import type { Database, Queryable } from '../../db/database.js';
import { type Scope, systemScope, withScope } from '../../db/scope.js';
import { type Actor, auditActor } from '../../shared/actor.js';
import { commonError } from '../../shared/errors.js';
import { maskPhone } from '../../shared/mask.js';
import type { AuditService } from '../audit/audit.service.js';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service.js';
import { userAdminError } from './accounts.errors.js';
import * as repo from './accounts.repository.js';
import { hashPassword, type PasswordPolicy } from './password.js';

export interface NewUser {
  username: string;
  displayName: string;
  phone?: string | null;
  password: string;
  roleCodes: string[];
  jurisdictionIds: string[];
}

export interface UserPatch {
  displayName?: string;
  phone?: string | null;
  roleCodes?: string[];
  jurisdictionIds?: string[];
  status?: 'active' | 'disabled';
  version: number;
}

/** The longest common ancestor path of the user's nodes: where the account row itself lives. */
export function commonPath(paths: string[]): string {
  const split = paths.map((p) => p.split('.'));
  const out: string[] = [];
  for (let i = 0; split.every((s) => i < s.length && s[i] === split[0]![i]); i++) out.push(split[0]![i]!);
  return out.join('.');
}

function toUser(r: repo.UserRow) {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    phone: maskPhone(r.phone),
    status: r.status,
    locked: !!r.locked_until && r.locked_until.getTime() > Date.now(),
    roles: r.roles.map(({ code, name, nameEn }) => ({ code, name, nameEn })),
    jurisdictions: r.nodes.map(({ id, code, name, level }) => ({ id, code, name, level })),
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
    version: r.version,
  };
}

export type UsersService = ReturnType<typeof createUsersService>;

/**
 * User administration. A system administrator manages the users of their jurisdiction; the
 * three administrator roles (system, security, audit) are kept from the command line only, so
 * no administrator can make themself or anyone else another kind of administrator.
 */
export function createUsersService(deps: {
  db: Database; audit: AuditService; jurisdiction: JurisdictionService; passwords: PasswordPolicy;
  /** Told after a user's roles, nodes, status or password changed (this instance's session cache). */
  principalChanged?: (userId: string) => void;
}) {
  const { db, audit, jurisdiction, passwords } = deps;
  const changed = (id: string) => deps.principalChanged?.(id);
  const run = <T>(scope: Scope, fn: (tx: Queryable) => Promise<T>) => withScope(db, scope, fn);

  async function checkRoles(tx: Queryable, codes: string[], allowAdmin: boolean) {
    const roles = await repo.listRoles(tx);
    const unknown = codes.filter((c) => !roles.some((r) => r.code === c));
    if (unknown.length) {
      throw commonError('VALIDATION_FAILED', { summary: `未知角色 ${unknown.join('、')}` }, [
        { field: 'roleCodes', message: `未知角色：${unknown.join('、')}`, messageEn: `Unknown roles: ${unknown.join(', ')}` },
      ]);
    }
    if (!allowAdmin && roles.some((r) => r.is_admin && codes.includes(r.code))) throw userAdminError('ADMIN_ACCOUNT_PROTECTED');
  }

  /** The named nodes, which must all be in force and inside the caller's scope. */
  async function checkNodes(tx: Queryable, ids: string[]) {
    const nodes = await jurisdiction.resolveIn(tx, ids);
    if (nodes.length !== new Set(ids).size || ids.length === 0) {
      throw commonError('VALIDATION_FAILED', { summary: '辖区' }, [
        {
          field: 'jurisdictionIds',
          message: ids.length === 0 ? '请至少选择一个辖区' : '所选辖区不存在、已撤销或不在您的管辖范围内',
          messageEn: ids.length === 0 ? 'Choose at least one jurisdiction' : 'A chosen jurisdiction does not exist, is retired, or is outside yours',
        },
      ]);
    }
    return nodes;
  }

  async function create(scope: Scope, actor: { id: string | null; name: string | null; ip: string | null }, input: NewUser, opts: { allowAdminRoles: boolean; mustChangePassword: boolean }) {
    const username = input.username.toLowerCase();
    await passwords.assertAllowed('password', null, username, input.password);
    const passwordHash = await hashPassword(input.password);
    return run(scope, async (tx) => {
      await checkRoles(tx, input.roleCodes, opts.allowAdminRoles);
      const nodes = await checkNodes(tx, input.jurisdictionIds);
      if (await repo.usernameExists(tx, username)) throw userAdminError('USERNAME_TAKEN', { username }, 'username');
      const id = await repo.insertUser(tx, {
        username, displayName: input.displayName, phone: input.phone ?? null, passwordHash,
        mustChangePassword: opts.mustChangePassword, path: commonPath(nodes.map((n) => n.path)),
      });
      await repo.replaceUserRoles(tx, id, input.roleCodes);
      await repo.replaceUserNodes(tx, id, input.jurisdictionIds);
      await audit.recordIn(tx, { actor, action: 'user.create', ip: actor.ip, objectType: 'user', objectId: id, detail: { username, roles: input.roleCodes, jurisdictions: nodes.map((n) => n.code) } });
      return toUser((await repo.getUser(tx, id))!);
    });
  }

  /** A user in scope who is not an administrator (administrators are kept from the command line). */
  async function editable(tx: Queryable, id: string) {
    const user = await repo.getUser(tx, id);
    if (!user) throw commonError('NOT_FOUND');
    if (user.roles.some((r) => r.isAdmin)) throw userAdminError('ADMIN_ACCOUNT_PROTECTED');
    return user;
  }

  return {
    /** Colleagues within the caller's jurisdiction whose roles grant `permission` (an assignee picker). */
    holders: (actor: Actor, permission: string, q: { q?: string; limit: number }) =>
      run(actor.scope, async (tx) => (await repo.activeHolders(tx, permission, q.q, q.limit)).map((u) => ({ id: u.id, displayName: u.display_name, jurisdictionName: u.node_name }))),
    /** Whether `id` is such a colleague. */
    isHolder: (actor: Actor, permission: string, id: string) => run(actor.scope, (tx) => repo.activeHolder(tx, permission, id)),
    list: (actor: Actor, f: repo.UserFilter) =>
      run(actor.scope, async (tx) => {
        const { rows, total } = await repo.listUsers(tx, { ...f, limit: f.limit + 1 });
        const items = rows.slice(0, f.limit).map(toUser);
        return { items, total, nextCursor: rows.length > f.limit ? items[items.length - 1]!.username : null };
      }),

    get: (actor: Actor, id: string) =>
      run(actor.scope, async (tx) => {
        const user = await repo.getUser(tx, id);
        if (!user) throw commonError('NOT_FOUND');
        await audit.recordIn(tx, { actor: auditActor(actor), action: 'user.read', ip: actor.ip, objectType: 'user', objectId: id });
        return toUser(user);
      }),

    roles: (actor: Actor) => run(actor.scope, (tx) => repo.listRoles(tx)),

    /** Created by an administrator: the user must change the initial password at first sign-in. */
    create: (actor: Actor, input: NewUser) =>
      create(actor.scope, { ...auditActor(actor), ip: actor.ip }, input, { allowAdminRoles: false, mustChangePassword: true }),

    /** From the command line or the demo seed, with the system's scope. */
    createAsSystem: (input: NewUser, opts: { mustChangePassword: boolean }) =>
      create(systemScope('command line'), { id: null, name: 'system', ip: null }, input, { allowAdminRoles: true, ...opts }),

    update: (actor: Actor, id: string, patch: UserPatch) =>
      run(actor.scope, async (tx) => {
        const before = await editable(tx, id);
        if (patch.status === 'disabled' && id === actor.userId) throw userAdminError('SELF_LOCKOUT', {}, 'status');
        let path: string | undefined;
        if (patch.roleCodes) await checkRoles(tx, patch.roleCodes, false);
        if (patch.jurisdictionIds) path = commonPath((await checkNodes(tx, patch.jurisdictionIds)).map((n) => n.path));
        const ok = await repo.updateUser(tx, id, patch.version, { displayName: patch.displayName, phone: patch.phone, status: patch.status, path });
        if (!ok) throw commonError('VERSION_CONFLICT');
        const who = { actor: auditActor(actor), ip: actor.ip, objectType: 'user', objectId: id } as const;
        if (patch.roleCodes) {
          await repo.replaceUserRoles(tx, id, patch.roleCodes);
          await audit.recordIn(tx, { ...who, action: 'user.role_change', detail: { from: before.roles.map((r) => r.code), to: patch.roleCodes } });
        }
        if (patch.jurisdictionIds) {
          await repo.replaceUserNodes(tx, id, patch.jurisdictionIds);
          await audit.recordIn(tx, { ...who, action: 'user.jurisdiction_change', detail: { from: before.nodes.map((n) => n.code) } });
        }
        if (patch.status && patch.status !== before.status) {
          if (patch.status === 'disabled') await repo.endUserSessions(tx, id, 'user disabled');
          await audit.recordIn(tx, { ...who, action: patch.status === 'disabled' ? 'user.disable' : 'user.enable' });
        }
        if (patch.displayName !== undefined || patch.phone !== undefined) {
          await audit.recordIn(tx, { ...who, action: 'user.update', detail: { fields: ['displayName', 'phone'].filter((k) => k in patch) } });
        }
        return toUser((await repo.getUser(tx, id))!);
      }).finally(() => changed(id)),

    /** Sets a temporary password the user must change at next sign-in; ends their sessions. */
    async resetPassword(actor: Actor, id: string, newPassword: string) {
      const user = await run(actor.scope, (tx) => editable(tx, id));
      await passwords.assertAllowed('newPassword', id, user.username, newPassword);
      const h = await hashPassword(newPassword);
      await run(actor.scope, async (tx) => {
        await repo.setPassword(tx, id, h, true);
        await repo.endUserSessions(tx, id, 'password reset');
        await audit.recordIn(tx, { actor: auditActor(actor), action: 'user.password_reset', ip: actor.ip, objectType: 'user', objectId: id });
      });
      changed(id);
    },

    unlock: (actor: Actor, id: string) =>
      run(actor.scope, async (tx) => {
        if (!(await repo.unlockUser(tx, id))) throw commonError('NOT_FOUND');
        await audit.recordIn(tx, { actor: auditActor(actor), action: 'user.unlock', ip: actor.ip, objectType: 'user', objectId: id });
      }).finally(() => changed(id)),

    count: () => run(systemScope('count users'), (tx) => repo.countUsers(tx)),

    /** The id of an account by user name, or null (the demo seed acts as named demo accounts). */
    idOf: (username: string) => run(systemScope('find user'), async (tx) => (await repo.findLoginByUsername(tx, username))?.id ?? null),
  };
}
