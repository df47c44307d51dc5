import { z } from 'zod';
import type { ZodApp } from '../../http/app.js';
import * as C from '../../standards/codes.js';

const Entry = z.object({ code: z.string(), name: z.string(), nameEn: z.string().optional() });
const Dictionaries = z.object({
  genders: z.array(Entry), ethnicities: z.array(Entry), familyRelations: z.array(Entry), personTags: z.array(Entry),
  houseUses: z.array(Entry), houseOwnerships: z.array(Entry), personHouseKinds: z.array(Entry), personOrgKinds: z.array(Entry),
  orgTypes: z.array(Entry), thingKinds: z.array(Entry), eventKinds: z.array(Entry), eventStates: z.array(Entry), buildingUses: z.array(Entry),
});

const list = (o: Record<string, string>) => Object.entries(o).map(([code, name]) => ({ code, name }));

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
    houseUses: list(C.HOUSE_USES),
    houseOwnerships: list(C.HOUSE_OWNERSHIPS),
    personHouseKinds: list(C.PERSON_HOUSE_KINDS),
    personOrgKinds: list(C.PERSON_ORG_KINDS),
    orgTypes: list(C.ORG_TYPES),
    thingKinds: list(C.THING_KINDS),
    eventKinds: list(C.EVENT_KINDS),
    eventStates: list(C.EVENT_STATES),
    buildingUses: list(C.BUILDING_USES),
  }));
}
