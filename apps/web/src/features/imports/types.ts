import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';

/** 导入任务 — an import job as the server shows it, with its progress. */
export type ImportJob = ResponseOf<'/api/imports/{id}', 'get'>;
export type ImportKind = ImportJob['kind'];
export type ImportKinds = ResponseOf<'/api/imports/kinds', 'get'>;
export type ImportRowPage = ResponseOf<'/api/imports/{id}/rows', 'get'>;
export type ImportRow = ImportRowPage['items'][number];
export type RowClass = ImportRow['class'];
export type ImportRowsQuery = NonNullable<QueryOf<'/api/imports/{id}/rows', 'get'>>;
export type ImportDecisions = BodyOf<'/api/imports/{id}/commit', 'post'>;
export type ImportMapping = Record<string, string>;
