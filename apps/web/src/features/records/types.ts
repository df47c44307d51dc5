import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';

/** 单位 — an organisation of the registry (unified social credit code, type, address). */
export type Organization = ResponseOf<'/api/organizations/{id}', 'get'>;
export type OrganizationQuery = QueryOf<'/api/organizations', 'get'>;
export type OrganizationCreateBody = BodyOf<'/api/organizations', 'post'>;
export type OrganizationPatchBody = BodyOf<'/api/organizations/{id}', 'patch'>;
export type OrgType = NonNullable<OrganizationQuery['type']>;

/** 物 — a facility or device with a position (hydrant, camera, door terminal, kiosk …). */
export type Thing = ResponseOf<'/api/things/{id}', 'get'>;
export type ThingQuery = QueryOf<'/api/things', 'get'>;
export type ThingCreateBody = BodyOf<'/api/things', 'post'>;
export type ThingPatchBody = BodyOf<'/api/things/{id}', 'patch'>;
export type ThingKind = ThingCreateBody['kind'];
export type ThingStatus = NonNullable<ThingCreateBody['status']>;

/** 事 — a work item with a state, a priority and an SLA clock. */
export type RegistryEvent = ResponseOf<'/api/events/{id}', 'get'>;
export type EventQuery = QueryOf<'/api/events', 'get'>;
export type EventCreateBody = BodyOf<'/api/events', 'post'>;
export type EventPatchBody = BodyOf<'/api/events/{id}', 'patch'>;
export type EventTransitionBody = BodyOf<'/api/events/{id}/transition', 'post'>;
export type EventKind = EventCreateBody['kind'];
export type EventState = EventTransitionBody['to'];
export type EventPriority = NonNullable<EventCreateBody['priority']>;

/** One entry of a record's change log (变更记录): who changed which fields from what to what. */
export type RecordChange = ResponseOf<'/api/organizations/{id}/history', 'get'>['items'][number];

/** The registry's code tables (房屋用途, 单位类型, 设施类型, 事件状态, …). */
export type CodeTables = ResponseOf<'/api/registry/dictionaries', 'get'>;
export type CodeTableName = keyof CodeTables;

/** Registry resources that keep a change history, by their URL segment. */
export type HistoryResource = 'estates' | 'buildings' | 'houses' | 'organizations' | 'things' | 'events';
