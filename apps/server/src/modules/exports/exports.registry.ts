import type { FieldCipher } from '../../crypto/field-cipher.js';
import type { Database } from '../../db/database.js';
import { withScope } from '../../db/scope.js';
import type { Actor } from '../../shared/actor.js';
import type { HousingService } from '../registry/housing.service.js';
import { BuildingQuery, EstateQuery, HouseQuery } from '../registry/housing.schema.js';
import * as peopleRepo from '../registry/people.repository.js';
import { PersonQuery } from '../registry/people.schema.js';
import { CITIZEN_ID_COLUMN, PHONE_COLUMN, type PeopleService } from '../registry/people.service.js';
import { EventQuery, OrgQuery, ThingQuery } from '../registry/records.schema.js';
import type { RecordsService } from '../registry/records.service.js';
import { HouseholdQuery } from '../registry/relations.schema.js';
import type { RelationsService } from '../registry/relations.service.js';
import { type ExportSource, LIST_COLUMNS, PEOPLE_COLUMNS, type PersonExportRow, RESOURCE_NAMES } from './exports.columns.js';

const paging = { cursor: true, limit: true } as const;

/**
 * Fills in the plaintext citizen ID and phone of one page of rows that are registry people (the
 * people list, the elder archive), read in the actor's scope: the `unmask` of an approved
 * unmasked export, while it is downloaded.
 */
export async function unmaskPeople<R extends { citizenId?: string | null; phone?: string | null }>(
  deps: { db: Database; cipher: FieldCipher }, actor: Actor, rows: R[], personIdOf: (row: R) => string,
): Promise<void> {
  const secrets = await withScope(deps.db, actor.scope, (tx) => peopleRepo.secretsOf(tx, rows.map(personIdOf)));
  const byId = new Map(secrets.map((s) => [s.id, s]));
  for (const r of rows) {
    const s = byId.get(personIdOf(r));
    r.citizenId = s?.citizen_id_enc ? deps.cipher.decrypt(s.citizen_id_enc, CITIZEN_ID_COLUMN) : null;
    r.phone = s?.phone_enc ? deps.cipher.decrypt(s.phone_enc, PHONE_COLUMN) : null;
  }
}

/**
 * The registry's eight lists as export sources: each page through the list endpoint's own service
 * call, so jurisdiction and masking are exactly what the screen shows.
 */
export function registryExportSources(deps: {
  db: Database; cipher: FieldCipher; people: PeopleService; relations: RelationsService; housing: HousingService; records: RecordsService;
}): ExportSource<never>[] {
  const { db, cipher } = deps;
  const people: ExportSource<PersonExportRow> = {
    code: 'people', name: RESOURCE_NAMES.people, filters: PersonQuery.omit(paging), columns: PEOPLE_COLUMNS,
    list: (a, f, cursor, limit) => deps.people.list(a, { ...(f as object), cursor, limit }, false),
    unmask: (actor, rows) => unmaskPeople({ db, cipher }, actor, rows, (r) => r.id),
  };
  const plain = (code: keyof typeof LIST_COLUMNS, filters: ExportSource['filters'], list: ExportSource['list']) =>
    ({ code, name: RESOURCE_NAMES[code], filters, columns: () => LIST_COLUMNS[code], list }) as unknown as ExportSource<never>;
  return [
    people as unknown as ExportSource<never>,
    plain('households', HouseholdQuery.omit(paging), (a, f, cursor, limit) => deps.relations.listHouseholds(a, { ...(f as object), cursor, limit })),
    plain('estates', EstateQuery.omit(paging), (a, f, cursor, limit) => deps.housing.listEstates(a, { ...(f as object), cursor, limit })),
    plain('buildings', BuildingQuery.omit(paging), (a, f, cursor, limit) => deps.housing.listBuildings(a, { ...(f as object), cursor, limit })),
    plain('houses', HouseQuery.omit(paging), (a, f, cursor, limit) => deps.housing.listHouses(a, { ...(f as object), cursor, limit })),
    plain('organizations', OrgQuery.omit(paging), (a, f, cursor, limit) => deps.records.listOrgs(a, { ...(f as object), cursor, limit })),
    plain('things', ThingQuery.omit(paging), (a, f, cursor, limit) => deps.records.listThings(a, { ...(f as object), cursor, limit })),
    plain('events', EventQuery.omit(paging), (a, f, cursor, limit) => deps.records.listEvents(a, { ...(f as object), cursor, limit })),
  ];
}
