import { z } from 'zod';
import type { ZodApp } from '../../http/app.js';
import * as C from '../../standards/codes.js';

const Entry = z.object({ code: z.string(), name: z.string(), nameEn: z.string().optional() });
const Dictionaries = z.object({
  genders: z.array(Entry), ethnicities: z.array(Entry), familyRelations: z.array(Entry), personTags: z.array(Entry),
  houseUses: z.array(Entry), houseOwnerships: z.array(Entry), personHouseKinds: z.array(Entry), personOrgKinds: z.array(Entry),
  orgTypes: z.array(Entry), thingKinds: z.array(Entry), eventKinds: z.array(Entry), eventStates: z.array(Entry), buildingUses: z.array(Entry),
});

const list = (o: Record<string, string>, en?: Record<string, string>) => Object.entries(o).map(([code, name]) => ({ code, name, ...(en?.[code] ? { nameEn: en[code] } : {}) }));

/** The code tables of the national standards and of the registry, for forms and filters. */
export function dictionariesRoutes(app: ZodApp) {
  app.get('/api/registry/dictionaries', {
    config: { access: { signedIn: true } },
    schema: { tags: ['registry'], summary: '代码表（性别、民族、家庭关系、人群标签等）/ code tables', response: { 200: Dictionaries } },
  }, async () => ({
    genders: Object.entries(C.GENDERS).map(([code, v]) => ({ code, name: v.zh, nameEn: v.en })),
    ethnicities: list(C.ETHNICITIES),
    familyRelations: list(C.FAMILY_RELATIONS),
    personTags: Object.entries(C.PERSON_TAGS).map(([code, v]) => ({ code, name: v.zh, nameEn: v.en })),
    houseUses: list(C.HOUSE_USES, C.EN.houseUses),
    houseOwnerships: list(C.HOUSE_OWNERSHIPS, C.EN.houseOwnerships),
    personHouseKinds: list(C.PERSON_HOUSE_KINDS, C.EN.personHouseKinds),
    personOrgKinds: list(C.PERSON_ORG_KINDS, C.EN.personOrgKinds),
    orgTypes: list(C.ORG_TYPES, C.EN.orgTypes),
    thingKinds: list(C.THING_KINDS, C.EN.thingKinds),
    eventKinds: list(C.EVENT_KINDS, C.EN.eventKinds),
    eventStates: list(C.EVENT_STATES, C.EN.eventStates),
    buildingUses: list(C.BUILDING_USES, C.EN.buildingUses),
  }));
}
