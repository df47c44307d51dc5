import { z } from 'zod';
import { rule } from '../../http/validation.js';
import { EstateQuery, BuildingQuery, HouseQuery } from '../registry/housing.schema.js';
import { PersonQuery } from '../registry/people.schema.js';
import { EventQuery, OrgQuery, ThingQuery } from '../registry/records.schema.js';
import { HouseholdQuery } from '../registry/relations.schema.js';

const paging = { cursor: true, limit: true } as const;
/** The filters each list accepts on screen, validated by the list's own query schema (without paging). */
export const FILTER_SCHEMAS = {
  people: PersonQuery.omit(paging),
  households: HouseholdQuery.omit(paging),
  estates: EstateQuery.omit(paging),
  buildings: BuildingQuery.omit(paging),
  houses: HouseQuery.omit(paging),
  organizations: OrgQuery.omit(paging),
  things: ThingQuery.omit(paging),
  events: EventQuery.omit(paging),
};

const reason = z.string().trim().min(4, rule('申请不脱敏导出须填写事由（至少4个字）', 'Give a reason (at least 4 characters)')).max(200);
const request = <R extends keyof typeof FILTER_SCHEMAS, F extends z.ZodObject>(resource: R, filters: F) =>
  z.strictObject({
    resource: z.literal(resource),
    /** The filters on screen; none: the whole list of the user's jurisdiction. */
    filters: filters.optional(),
    /** false: an unmasked export, which needs a reason and another user's approval. */
    masked: z.boolean().default(true),
    reason: reason.optional(),
  });

export const ExportCreateBody = z.discriminatedUnion('resource', [
  request('people', FILTER_SCHEMAS.people), request('households', FILTER_SCHEMAS.households),
  request('estates', FILTER_SCHEMAS.estates), request('buildings', FILTER_SCHEMAS.buildings),
  request('houses', FILTER_SCHEMAS.houses), request('organizations', FILTER_SCHEMAS.organizations),
  request('things', FILTER_SCHEMAS.things), request('events', FILTER_SCHEMAS.events),
]);
export type ExportCreateInput = z.infer<typeof ExportCreateBody>;

export const ExportStatus = z.enum(['pending', 'approved', 'rejected', 'running', 'ready', 'failed', 'expired']);

export const ExportJob = z.object({
  id: z.string(),
  resource: z.string(),
  resourceName: z.string(),
  resourceNameEn: z.string(),
  filters: z.record(z.string(), z.unknown()),
  masked: z.boolean(),
  reason: z.string().nullable(),
  status: ExportStatus,
  requestedBy: z.object({ id: z.string(), name: z.string().nullable() }),
  jurisdictionName: z.string().nullable(),
  decidedBy: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  decidedAt: z.date().nullable(),
  decisionNote: z.string().nullable(),
  rowsWritten: z.number(),
  rowsExpected: z.number().nullable(),
  fileSize: z.number().nullable(),
  expiresAt: z.date().nullable(),
  downloads: z.number(),
  maxDownloads: z.number(),
  error: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  version: z.number(),
});
export type ExportJobDto = z.infer<typeof ExportJob>;

export const ExportQuery = z.strictObject({
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const ExportList = z.object({ items: z.array(ExportJob), nextCursor: z.string().nullable() });

export const DecisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  note: z.string().trim().max(200).optional(),
  version: z.number().int().min(1),
});
