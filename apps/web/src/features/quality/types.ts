import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';

/** 数据质量 — types from the server's OpenAPI document. */
export type QualityRule = ResponseOf<'/api/quality/rules', 'get'>['items'][number];
export type RulePatchBody = BodyOf<'/api/quality/rules/{code}', 'patch'>;
export type QualitySummary = ResponseOf<'/api/quality/summary', 'get'>;
export type QualityChild = QualitySummary['children'][number];
export type FindingQuery = QueryOf<'/api/quality/findings', 'get'>;
export type Finding = ResponseOf<'/api/quality/findings', 'get'>['items'][number];
export type TodoItem = ResponseOf<'/api/quality/todo', 'get'>['items'][number];
export type QualityRun = ResponseOf<'/api/quality/runs', 'get'>['items'][number];
