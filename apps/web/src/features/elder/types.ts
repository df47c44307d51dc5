import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';

/** 养老档案与能力评估 — types from the server's OpenAPI document. */
export type ElderListQuery = QueryOf<'/api/elder/elders', 'get'>;
export type ElderListItem = ResponseOf<'/api/elder/elders', 'get'>['items'][number];
export type Elder = ResponseOf<'/api/elder/elders/{id}', 'get'>;
export type ArchiveBody = BodyOf<'/api/elder/elders/{id}/archive', 'put'>;
export type Assessment = Elder['assessments'][number];
export type AssessmentWithScale = ResponseOf<'/api/elder/assessments/{id}', 'get'>;
export type Scale = ResponseOf<'/api/elder/scales', 'get'>['items'][number];
export type ScaleDefinition = Scale['definition'];
export type Preview = ResponseOf<'/api/elder/elders/{id}/assessments/preview', 'post'>;
export type AssessmentBody = BodyOf<'/api/elder/elders/{id}/assessments', 'post'>;
export type RiskEventBody = BodyOf<'/api/elder/elders/{id}/risk-events', 'post'>;
export type Proposal = ResponseOf<'/api/elder/proposals', 'get'>['items'][number];
export type Awaiting = ResponseOf<'/api/elder/assessments/awaiting', 'get'>['items'][number];
export type ElderStats = ResponseOf<'/api/elder/stats', 'get'>;
export type Vocabulary = ResponseOf<'/api/elder/vocabulary', 'get'>;
