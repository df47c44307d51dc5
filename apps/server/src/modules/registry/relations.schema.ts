import { z } from 'zod';
import { rule } from '../../http/validation.js';
import { FAMILY_RELATIONS } from '../../standards/codes.js';
import { isoDate, Person } from './people.schema.js';

const relationCode = z.string().refine((c) => c in FAMILY_RELATIONS, rule('未知的家庭关系代码（GB/T 4761）', 'Unknown family relation code (GB/T 4761)'));

export const AddHouseBody = z.strictObject({ houseId: z.uuid(), kind: z.enum(['owner', 'tenant', 'resident', 'operator']), validFrom: isoDate });
export const AddRelativeBody = z.strictObject({ relatedPersonId: z.uuid(), relationCode, validFrom: isoDate });
export const AddOrgBody = z.strictObject({ orgId: z.uuid(), kind: z.enum(['employee', 'legal_rep', 'contact']), validFrom: isoDate });
export const EndBody = z.strictObject({ validTo: isoDate });
export const Created = z.object({ id: z.string() });
export const Ok = z.object({ ok: z.literal(true) });

export const HouseholdBody = z.strictObject({
  householdNo: z.string().trim().max(30).optional(),
  kind: z.enum(['family', 'collective']).default('family'),
  houseId: z.uuid().optional(),
  headPersonId: z.uuid(),
  members: z.array(z.strictObject({ personId: z.uuid(), relationCode })).max(30).default([]),
  validFrom: isoDate.optional(),
});
export const HouseholdPatch = z.strictObject({
  householdNo: z.string().trim().max(30).optional(),
  houseId: z.uuid().optional(),
  headPersonId: z.uuid().optional(),
  version: z.number().int().min(1),
});
export const AddMemberBody = z.strictObject({ personId: z.uuid(), relationCode, validFrom: isoDate });
export const HouseholdQuery = z.strictObject({ q: z.string().trim().max(40).optional(), jurisdictionId: z.uuid().optional(), cursor: z.string().max(400).optional(), limit: z.coerce.number().int().min(1).max(200).default(20) });

const Member = z.object({
  memberId: z.string(), personId: z.string(), name: z.string(), gender: z.number(), age: z.number().nullable(),
  relationCode: z.string(), relationName: z.string(), validFrom: z.string(), validTo: z.string().nullable(),
});
export const HouseholdSummary = z.object({
  id: z.string(), householdNo: z.string().nullable(), kind: z.string(), headId: z.string().nullable(), headName: z.string().nullable(),
  houseId: z.string().nullable(), houseLabel: z.string().nullable(), memberCount: z.number(), version: z.number(),
});
export const Household = HouseholdSummary.extend({ members: z.array(Member) });
export const HouseholdList = z.object({ items: z.array(HouseholdSummary), nextCursor: z.string().nullable() });

export const Overview = z.object({
  person: Person,
  houses: z.array(z.object({ relationId: z.string(), kind: z.string(), validFrom: z.string(), validTo: z.string().nullable(), house: z.object({ id: z.string(), label: z.string(), use: z.string(), buildingId: z.string() }) })),
  households: z.array(z.object({
    householdId: z.string(), relationCode: z.string(), relationName: z.string(), validFrom: z.string(), validTo: z.string().nullable(),
    headId: z.string().nullable(), headName: z.string().nullable(),
    members: z.array(z.object({ memberId: z.string(), personId: z.string(), name: z.string(), relationCode: z.string(), relationName: z.string() })),
  })),
  relatives: z.array(z.object({
    relationId: z.string(), relationCode: z.string(), relationName: z.string(), validFrom: z.string(), validTo: z.string().nullable(),
    /** out: the other person is this person's <relation>; in: this person is the other's <relation>. */
    direction: z.enum(['out', 'in']),
    person: z.object({ id: z.string(), name: z.string(), gender: z.number(), age: z.number().nullable() }),
  })),
  organizations: z.array(z.object({ relationId: z.string(), kind: z.string(), validFrom: z.string(), validTo: z.string().nullable(), org: z.object({ id: z.string(), name: z.string(), type: z.string() }) })),
  events: z.array(z.object({ id: z.string(), kind: z.string(), title: z.string(), state: z.string(), createdAt: z.date() })),
  panels: z.array(z.object({ key: z.string(), title: z.string(), titleEn: z.string(), items: z.array(z.object({ label: z.string(), labelEn: z.string(), value: z.string() })) })),
});

export const GraphQuery = z.strictObject({ kind: z.enum(['person', 'household', 'house', 'organization']), id: z.uuid() });
export const Graph = z.object({
  nodes: z.array(z.object({ id: z.string(), kind: z.enum(['person', 'household', 'house', 'organization', 'building']), label: z.string(), sublabel: z.string().optional() })),
  edges: z.array(z.object({ source: z.string(), target: z.string(), kind: z.string(), label: z.string() })),
});
