import type { paths } from './paths';

/**
 * Domain types read off the OpenAPI paths, so pages never restate what the server promises and a
 * contract change shows up as a type error here.
 */
type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;

/** JSON body of the success (200 or 201) answer of an operation. */
export type ResponseOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer Rs }
    ? JsonOf<Rs[Extract<keyof Rs, 200 | 201>]>
    : never;

/** JSON request body of an operation. */
export type BodyOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** Query parameters of an operation. */
export type QueryOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The signed-in user, with what they may do and where (`GET /api/auth/me`). */
export type Me = ResponseOf<'/api/auth/me', 'get'>;
export type RoleRef = Me['roles'][number];
export type JurisdictionRef = Me['jurisdictions'][number];
/** 市 / 区县 / 街道乡镇 / 社区村 / 网格 */
export type JurisdictionLevel = JurisdictionRef['level'];

export type Role = ResponseOf<'/api/roles', 'get'>['items'][number];

export type UserPage = ResponseOf<'/api/users', 'get'>;
export type User = UserPage['items'][number];
export type UserQuery = QueryOf<'/api/users', 'get'>;
export type UserStatus = User['status'];
export type UserCreateBody = BodyOf<'/api/users', 'post'>;
export type UserPatchBody = BodyOf<'/api/users/{id}', 'patch'>;

/** 辖区节点 — one node of the jurisdiction tree (city → district → street → community → grid). */
export type JurisdictionNode = ResponseOf<'/api/jurisdictions/{id}', 'get'>;
export type JurisdictionListItem = ResponseOf<'/api/jurisdictions', 'get'>['items'][number];

export type SessionRow = ResponseOf<'/api/security/sessions', 'get'>['items'][number];
export type LockedUser = ResponseOf<'/api/security/locked-users', 'get'>['items'][number];

export type AuditPage = ResponseOf<'/api/audit', 'get'>;
export type AuditEntry = AuditPage['items'][number];
export type AuditQuery = QueryOf<'/api/audit', 'get'>;
export type AuditAction = ResponseOf<'/api/audit/actions', 'get'>['items'][number];
export type AuditVerifyResult = ResponseOf<'/api/audit/verify', 'post'>;

export type TotpSetup = ResponseOf<'/api/auth/totp/setup', 'post'>;
