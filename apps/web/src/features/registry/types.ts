import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';

/** 人口 — a person as the server shows it (citizen ID and phone masked). */
export type Person = ResponseOf<'/api/people/{id}', 'get'>;
export type PersonPage = ResponseOf<'/api/people', 'get'>;
export type PersonQuery = QueryOf<'/api/people', 'get'>;
export type PersonCreateBody = BodyOf<'/api/people', 'post'>;
export type PersonPatchBody = BodyOf<'/api/people/{id}', 'patch'>;
export type PersonChange = ResponseOf<'/api/people/{id}/history', 'get'>['items'][number];
export type UnmaskBody = BodyOf<'/api/people/{id}/unmask', 'post'>;
export type Unmasked = ResponseOf<'/api/people/{id}/unmask', 'post'>;

/** The registry's code tables (性别, 民族, 家庭关系, 人群标签, …). */
export type Dictionaries = ResponseOf<'/api/registry/dictionaries', 'get'>;
export type DictionaryName = keyof Dictionaries;
export type DictionaryEntry = Dictionaries[DictionaryName][number];

/** 人员360 — the person and everything hung on them, with panels other subsystems fill. */
export type PersonOverview = ResponseOf<'/api/people/{id}/overview', 'get'>;

/** 户 — a household with its head, house and members (relation to the head, GB/T 4761). */
export type HouseholdPage = ResponseOf<'/api/households', 'get'>;
export type HouseholdListItem = HouseholdPage['items'][number];
export type HouseholdQuery = QueryOf<'/api/households', 'get'>;
export type Household = ResponseOf<'/api/households/{id}', 'get'>;
export type HouseholdCreateBody = BodyOf<'/api/households', 'post'>;
export type HouseholdMemberBody = BodyOf<'/api/households/{id}/members', 'post'>;

export type PersonHouseBody = BodyOf<'/api/people/{id}/houses', 'post'>;
export type PersonRelativeBody = BodyOf<'/api/people/{id}/relatives', 'post'>;
export type PersonOrgBody = BodyOf<'/api/people/{id}/organizations', 'post'>;

/** 关系图 — one hop around a person, household, house or organisation. */
export type GraphResponse = ResponseOf<'/api/graph', 'get'>;
export type GraphQuery = QueryOf<'/api/graph', 'get'>;
