import type { Scope } from '../db/scope.js';

/** 辖区节点 reference as carried on a signed-in user. */
export interface NodeRef {
  id: string;
  code: string;
  name: string;
  level: 'city' | 'district' | 'street' | 'community' | 'grid';
  path: string;
}

/** The signed-in user behind a request, with what they may do and where. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: { code: string; name: string; nameEn: string; isAdmin: boolean }[];
  permissions: ReadonlySet<string>;
  nodes: NodeRef[];
  /** Jurisdiction scope: the subtrees of `nodes`. */
  scope: Scope;
  ip: string;
  sessionId: string;
  csrfToken: string;
  /** Set when the user must first change their password or enrol TOTP; all else is refused. */
  pending: 'password' | 'totp' | null;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  totpRequired: boolean;
  lastLoginAt: Date | null;
  lastLoginIp: string | null;
}

export const auditActor = (a: Pick<Actor, 'userId' | 'username'>) => ({ id: a.userId, name: a.username });
