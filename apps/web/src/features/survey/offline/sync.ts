import { surveyApi } from '../hooks/surveyApi';
import { isSurveyChange, type LocalPerson, type LocalPhoto, type LocalVisit, type PersonCreateChange, type PersonUpdateChange, type QueuedChange, type Slice, type SyncBody } from '../types';
import { applyEdit, changedFields, coalesce, type PersonEdit } from '../utils/changes';
import { photosPendingOf, queuedOf, registerChannel, syncChannel, uploadQueuedPhoto, type PhotoTarget, type SyncOutcome } from './channels';
import { changed, getMeta, setMeta, SLICE_STORES, surveyDb, type SurveyStore } from './db';

const uuid = () => crypto.randomUUID();

/**
 * Downloads the grid slice with real progress (bytes of the answer) and replaces the local copy
 * in one IndexedDB transaction. Refused while changes are still queued, so nothing queued is
 * overwritten.
 */
export async function downloadSlice(onProgress: (fraction: number) => void): Promise<{ houses: number; people: number }> {
  const db = await surveyDb();
  if ((await queuedOf(db, 'survey')).length > 0) throw new Error('queue-not-empty');
  const me = await surveyApi.me();
  const dictionaries = await surveyApi.dictionaries();
  const { stream, total } = await surveyApi.sliceStream();
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let got = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    got += value.length;
    if (total) onProgress(Math.min(0.95, got / total));
  }
  const slice = JSON.parse(await new Blob(parts as BlobPart[]).text()) as Slice;
  const tx = db.transaction([...SLICE_STORES, 'meta'], 'readwrite');
  await Promise.all(SLICE_STORES.map((s) => tx.objectStore(s).clear()));
  for (const b of slice.buildings) void tx.objectStore('buildings').put(b);
  for (const h of slice.houses) void tx.objectStore('houses').put(h);
  for (const p of slice.people) void tx.objectStore('people').put(p);
  for (const r of slice.residences) void tx.objectStore('residences').put(r);
  const meta = tx.objectStore('meta');
  void meta.put({ id: me.id, username: me.username, displayName: me.displayName, permissions: me.permissions }, 'me');
  void meta.put(dictionaries, 'dictionaries');
  void meta.put({ generatedAt: String(slice.generatedAt), houses: slice.houses.length, people: slice.people.length, userId: me.id }, 'slice');
  await tx.done;
  onProgress(1);
  changed();
  return { houses: slice.houses.length, people: slice.people.length };
}

/** Queues a correction of a person and shows it at once; a second edit folds into the first. */
export async function editPerson(person: LocalPerson, edit: PersonEdit, visitId: string): Promise<number> {
  const fields = changedFields(person, edit);
  if (!Object.keys(fields).length) return 0;
  const db = await surveyDb();
  const tx = db.transaction(['queue', 'people'], 'readwrite');
  const queued = (await tx.objectStore('queue').index('person').getAll(person.id)).filter(isSurveyChange);
  const pending = queued.at(-1);
  if (pending?.change.kind === 'person.create') {
    // registered offline and not yet sent: the registration itself carries the new values
    const create = pending.change as PersonCreateChange;
    const values = Object.fromEntries(Object.entries(fields).map(([f, p]) => [f, p!.value ?? undefined]));
    await tx.objectStore('queue').put({ ...pending, change: { ...create, person: { ...create.person, ...values } as PersonCreateChange['person'] } });
  } else if (pending?.change.kind === 'person.update') {
    await tx.objectStore('queue').put({ ...pending, change: coalesce(pending.change as PersonUpdateChange, fields) });
  } else {
    const change: PersonUpdateChange = { key: uuid(), kind: 'person.update', personId: person.id, baseVersion: person.version, visitId, fields: fields as PersonUpdateChange['fields'] };
    await tx.objectStore('queue').add({ key: change.key, personId: person.id, change, createdAt: new Date().toISOString() });
  }
  await tx.objectStore('people').put(applyEdit(person, fields));
  await tx.done;
  changed();
  return Object.keys(fields).length;
}

/** Registers a new resident of a house on the doorstep (sent with the next sync). */
export async function addResident(houseId: string, person: PersonCreateChange['person'], visitId: string): Promise<void> {
  const db = await surveyDb();
  const localId = `local-${uuid()}`;
  const change: PersonCreateChange = { key: uuid(), kind: 'person.create', houseId, visitId, residenceKind: 'resident', person };
  const tx = db.transaction(['queue', 'people', 'residences'], 'readwrite');
  await tx.objectStore('queue').add({ key: change.key, personId: localId, change, createdAt: new Date().toISOString() });
  await tx.objectStore('people').put({
    id: localId, name: person.name, gender: person.gender ?? 0, birthDate: person.birthDate ?? null, ethnicity: person.ethnicity ?? null,
    citizenIdMasked: null, phoneMasked: null, residenceAddress: person.residenceAddress ?? null, tags: person.tags ?? [], notes: person.notes ?? null,
    status: 'active', version: 0, isNew: true,
  });
  await tx.objectStore('residences').put({ id: `local-${uuid()}`, personId: localId, houseId, kind: 'resident', validFrom: new Date().toISOString().slice(0, 10) });
  await tx.done;
  changed();
}

/** Records that a resident has moved out of the house (ends the residence on the server). */
export async function moveOut(residenceId: string, personId: string, visitId: string): Promise<void> {
  const db = await surveyDb();
  const tx = db.transaction(['queue', 'residences'], 'readwrite');
  const key = uuid();
  await tx.objectStore('queue').add({ key, personId, change: { key, kind: 'residence.end', residenceId, visitId, validTo: new Date().toISOString().slice(0, 10) }, createdAt: new Date().toISOString() });
  await tx.objectStore('residences').delete(residenceId);
  await tx.done;
  changed();
}

export async function saveVisit(visit: Omit<LocalVisit, 'synced'>): Promise<void> {
  await (await surveyDb()).put('visits', { ...visit, synced: false });
  changed();
}

export async function savePhoto(photo: Omit<LocalPhoto, 'received' | 'done'>): Promise<void> {
  await (await surveyDb()).put('photos', { ...photo, received: 0, done: false });
  changed();
}

export type { SyncOutcome } from './channels';

/** Sends what the survey queued (one at a time: a second call waits for the running one). */
export function syncNow(): Promise<SyncOutcome> {
  return syncChannel('survey');
}

const surveyQueue = async (db: SurveyStore) => (await queuedOf(db, 'survey')).filter(isSurveyChange);

async function pushAll(): Promise<SyncOutcome> {
  const db = await surveyDb();
  const visits = (await db.getAll('visits')).filter((v) => !v.synced);
  const queued: QueuedChange[] = await surveyQueue(db);
  const out: SyncOutcome = { sent: 0, conflicts: 0, rejected: 0, photos: 0 };
  if (visits.length || queued.length) {
    const body: SyncBody = {
      visits: visits.map((v) => ({ id: v.id, houseId: v.houseId, visitedAt: v.visitedAt, outcome: v.outcome, ...(v.notes ? { notes: v.notes } : {}) })),
      changes: queued.map((q) => q.change),
    };
    const result = await surveyApi.sync(body);
    const people = new Map((await db.getAll('people')).map((p) => [p.id, p]));
    const rejections = (await getMeta('rejections')) ?? [];
    const tx = db.transaction(['visits', 'queue'], 'readwrite');
    for (const v of result.visits) {
      const local = visits.find((x) => x.id === v.id);
      if (local) await tx.objectStore('visits').put({ ...local, synced: true });
    }
    for (const c of result.changes) {
      const q = queued.find((x) => x.key === c.key);
      if (q?.seq !== undefined) await tx.objectStore('queue').delete(q.seq);
      out.sent += 1;
      if (c.conflicts.length) out.conflicts += 1;
      if (c.status === 'rejected' && c.error) {
        out.rejected += 1;
        rejections.push({ key: c.key, personName: people.get(q?.personId ?? '')?.name ?? '', message: c.error.message, messageEn: c.error.messageEn, at: new Date().toISOString() });
      }
    }
    await tx.done;
    await setMeta('rejections', rejections.slice(-50));
  }
  out.photos = await uploadPhotos();
  const conflicts = await surveyApi.conflicts();
  const ctx = db.transaction('conflicts', 'readwrite');
  await ctx.store.clear();
  for (const c of conflicts.items) await ctx.store.put(c);
  await ctx.done;
  await setMeta('lastSync', new Date().toISOString());
  changed();
  // with nothing left queued, take the server's current records (new versions, new residents)
  if ((await surveyQueue(db)).length === 0) await downloadSlice(() => undefined).catch(() => undefined);
  return out;
}
registerChannel('survey', pushAll);

const surveyPhotos: PhotoTarget = {
  start: (p) => surveyApi.startPhoto({ visitId: p.visitId, sha256: p.sha256, size: p.size, mime: p.mime }),
  put: (id, offset, chunk) => surveyApi.putChunk(id, offset, chunk),
};

/** Uploads photos of synced visits in chunks, each resuming from what the server already holds. */
async function uploadPhotos(): Promise<number> {
  const db = await surveyDb();
  const synced = new Set((await db.getAll('visits')).filter((v) => v.synced).map((v) => v.id));
  let done = 0;
  for (const photo of await photosPendingOf(db, 'survey')) {
    if (!photo.blob || !synced.has(photo.visitId)) continue;
    await uploadQueuedPhoto(photo, surveyPhotos);
    done += 1;
  }
  return done;
}

/** Resolves a conflict on the server and shows the result locally. */
export async function resolveConflict(id: string, version: number, choices: { field: string; choice: 'mine' | 'theirs' | 'edit'; value?: unknown }[]) {
  const r = await surveyApi.resolve(id, { version, choices });
  const db = await surveyDb();
  await db.delete('conflicts', id);
  changed();
  if ((await surveyQueue(db)).length === 0) await downloadSlice(() => undefined).catch(() => undefined);
  return r;
}

/** Reloads the open conflicts (after the server said they moved on). */
export async function refreshConflicts() {
  const conflicts = await surveyApi.conflicts();
  const db = await surveyDb();
  const tx = db.transaction('conflicts', 'readwrite');
  await tx.store.clear();
  for (const c of conflicts.items) await tx.store.put(c);
  await tx.done;
  changed();
}
