import { api, unwrap } from '../../../api/client';
import { ApiError } from '../../../api/errors';
import { photosPendingOf, queuedOf, registerChannel, uploadQueuedPhoto, type Channel, type ChannelSync, type PhotoTarget, type SyncOutcome } from '../../survey/offline/channels';
import { changed, getMeta, setMeta, surveyDb } from '../../survey/offline/db';
import type { QueuedStep } from '../../survey/types';
import { preparePhoto } from '../../survey/utils/photo';
import type { LocalCareVisit, StepBody } from '../types';

/**
 * The caregiver's day offline, on the field apps' shared store and queue (`survey/offline`): the
 * day's visits are downloaded beforehand; check-in, photos, check-out and the rating are queued on
 * the phone with the time and place they were captured, applied to the local visit at once, and
 * sent in order when there is a network — photos of a visit before its next step, so the server
 * checks a check-out with its photos present. Every step carries a key made on the phone and a
 * photo resumes by its hash, so a step sent twice is stored once.
 */

const careApi = {
  myVisits: () => unwrap(api.GET('/api/care/my/visits', { params: { query: {} } })),
  order: (id: string) => unwrap(api.GET('/api/care/orders/{id}', { params: { path: { id } } })),
  step: (id: string, body: StepBody) => unwrap(api.POST('/api/care/orders/{id}/steps', { params: { path: { id } }, body })),
};

const carePhotos: PhotoTarget = {
  start: (p) => unwrap(api.POST('/api/care/orders/{id}/photos', {
    params: { path: { id: p.visitId } },
    body: { stage: p.stage ?? 'during', sha256: p.sha256, size: p.size, mime: p.mime, ...(p.takenAt ? { takenAt: p.takenAt } : {}), ...(p.position ? { position: p.position } : {}) },
  })),
  put: (id, offset, chunk) => unwrap(api.PUT('/api/care/photos/{id}/content', {
    params: { path: { id }, query: { offset } },
    body: chunk as never,
    bodySerializer: (b: unknown) => b as Blob,
    headers: { 'content-type': 'application/octet-stream' },
  })),
};

const isNetwork = (e: unknown) => !(e instanceof ApiError) || e.status === 0;
const stepsOf = async (visitId?: string) => {
  const all = (await queuedOf(await surveyDb(), 'care')) as QueuedStep[];
  return visitId ? all.filter((q) => q.visitId === visitId) : all;
};
const asLocal = (o: Awaited<ReturnType<typeof careApi.order>>, day: string): LocalCareVisit => JSON.parse(JSON.stringify({ ...o, day, queued: 0 })) as LocalCareVisit;

/**
 * Downloads the day's visits (each with its tasks, home and photos) for a day without signal. A
 * visit with steps still queued keeps the phone's copy; the others take the server's.
 */
export async function downloadDay(): Promise<number> {
  const me = unwrap(api.GET('/api/auth/me'));
  const list = await careApi.myVisits();
  const details = await Promise.all(list.items.map((v) => careApi.order(v.id)));
  const who = await me;
  const db = await surveyDb();
  // one transaction with the queue: a step queued meanwhile keeps its visit as the phone has it
  const tx = db.transaction(['fieldVisits', 'meta', 'queue'], 'readwrite');
  const waiting = new Set((await tx.objectStore('queue').getAll()).flatMap((q) => ('channel' in q ? [q.visitId] : [])));
  const store = tx.objectStore('fieldVisits');
  for (const old of await store.getAll()) if (old.day !== list.date && !waiting.has(old.id)) await store.delete(old.id);
  for (const o of details) if (!waiting.has(o.id)) await store.put(asLocal(o, list.date));
  const meta = tx.objectStore('meta');
  await meta.put({ id: who.id, username: who.username, displayName: who.displayName, permissions: who.permissions }, 'me');
  const channels = ((await meta.get('channels')) ?? {}) as Partial<Record<Channel, ChannelSync>>;
  await meta.put({ ...channels, care: { ...channels.care, downloadedAt: new Date().toISOString(), userId: who.id } }, 'channels');
  await tx.done;
  changed();
  return details.length;
}

/** The downloaded day's visits on the phone (and any older one with steps still to send), by time. */
export async function localVisits(): Promise<LocalCareVisit[]> {
  const all = await (await surveyDb()).getAll('fieldVisits');
  return all.sort((a, b) => String(a.scheduledAt).localeCompare(String(b.scheduledAt)));
}

/** Keeps the tasks ticked so far on the phone's copy (sent with the check-out), so a reload keeps them. */
export async function tickTasks(visitId: string, tasksDone: string[]): Promise<void> {
  const db = await surveyDb();
  const tx = db.transaction('fieldVisits', 'readwrite');
  const v = await tx.store.get(visitId);
  if (v && v.status === 'in_progress') await tx.store.put({ ...v, tasksDone });
  await tx.done;
  changed();
}

/**
 * Queues a step of a visit and applies it to the phone's copy in the same transaction, so the
 * screen moves on at once and a closed page loses nothing.
 */
export async function queueStep(visitId: string, step: StepBody): Promise<void> {
  const db = await surveyDb();
  const tx = db.transaction(['queue', 'fieldVisits'], 'readwrite');
  const v = await tx.objectStore('fieldVisits').get(visitId);
  if (!v) throw new Error('visit-not-downloaded');
  const entry: QueuedStep = { key: step.key, personId: v.personId, channel: 'care', visitId, step, createdAt: new Date().toISOString() };
  await tx.objectStore('queue').add(entry);
  const next: LocalCareVisit = { ...v, queued: v.queued + 1 };
  if (step.kind === 'check_in') Object.assign(next, { status: 'in_progress', checkInAt: step.at, checkIn: { ...step.position, accuracy: step.position.accuracy ?? null } });
  if (step.kind === 'check_out') Object.assign(next, { status: 'completed', checkOutAt: step.at, checkOut: { ...step.position, accuracy: step.position.accuracy ?? null }, tasksDone: step.tasksDone ?? [] });
  if (step.kind === 'evaluate') Object.assign(next, { rating: step.rating, ratingComment: step.comment ?? null, confirmedBy: step.confirmedBy, confirmedAt: step.at });
  await tx.objectStore('fieldVisits').put(next);
  await tx.done;
  changed();
}

/** Keeps a visit photo on the phone (re-encoded, hashed) with when and where it was taken, for upload. */
export async function queuePhoto(visitId: string, file: Blob, stage: 'check_in' | 'during' | 'check_out', position: { lat: number; lon: number } | null): Promise<void> {
  const { blob, sha256 } = await preparePhoto(file);
  await (await surveyDb()).put('photos', {
    id: crypto.randomUUID(), visitId, houseId: '', channel: 'care', stage, takenAt: new Date().toISOString(), ...(position ? { position } : {}),
    blob, sha256, size: blob.size, mime: 'image/jpeg', received: 0, done: false,
  });
  changed();
}

/** Uploads the photos of one visit still waiting. */
async function uploadPhotosOf(visitId: string): Promise<number> {
  let n = 0;
  for (const p of await photosPendingOf(await surveyDb(), 'care')) {
    if (p.visitId !== visitId) continue;
    await uploadQueuedPhoto(p, carePhotos);
    n += 1;
  }
  return n;
}

/**
 * Sends the queue in the order it was made. A network failure stops the run (the rest waits for
 * the next); an answer refusing a step (the order was cancelled meanwhile, say) takes it off the
 * queue and keeps the reason on the phone for the caregiver to see.
 */
async function pushCare(): Promise<SyncOutcome> {
  const db = await surveyDb();
  const out: SyncOutcome = { sent: 0, conflicts: 0, rejected: 0, photos: 0 };
  const touched = new Set<string>();
  try {
    for (const q of await stepsOf()) {
      touched.add(q.visitId);
      out.photos += await uploadPhotosOf(q.visitId);
      try {
        await careApi.step(q.visitId, q.step);
        out.sent += 1;
      } catch (e) {
        if (isNetwork(e)) throw e;
        out.rejected += 1;
        const v = await db.get('fieldVisits', q.visitId);
        const err = e as ApiError;
        const rejections = (await getMeta('rejections')) ?? [];
        rejections.push({ key: q.key, personName: v?.personName ?? '', message: err.messageZh, messageEn: err.messageEn, at: new Date().toISOString() });
        await setMeta('rejections', rejections.slice(-50));
      }
      await db.delete('queue', q.seq!);
      const v = await db.get('fieldVisits', q.visitId);
      if (v) await db.put('fieldVisits', { ...v, queued: Math.max(0, v.queued - 1) });
      changed();
    }
    // photos taken since the last step (during the visit)
    for (const p of await photosPendingOf(db, 'care')) {
      touched.add(p.visitId);
      out.photos += await uploadPhotosOf(p.visitId);
    }
  } finally {
    // take the server's view of each visit with nothing left queued (its checks and exceptions)
    for (const id of touched) {
      const o = await careApi.order(id).catch(() => null);
      if (!o) continue;
      const tx = db.transaction(['queue', 'fieldVisits'], 'readwrite');
      const waiting = (await tx.objectStore('queue').getAll()).some((q) => 'channel' in q && q.visitId === id);
      const local = await tx.objectStore('fieldVisits').get(id);
      if (local && !waiting) await tx.objectStore('fieldVisits').put(asLocal(o, local.day));
      await tx.done;
    }
    const channels = (await getMeta('channels')) ?? {};
    if (out.sent || out.photos || out.rejected || !(await stepsOf()).length) await setMeta('channels', { ...channels, care: { ...channels.care, lastSync: new Date().toISOString() } });
    changed();
  }
  return out;
}
registerChannel('care', pushCare);
