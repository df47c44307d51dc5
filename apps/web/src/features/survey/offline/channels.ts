import { ApiError } from '../../../api/errors';
import type { LocalPhoto, QueueEntry } from '../types';
import type { LocalCareVisit } from '../../care/types';
import { changed, surveyDb, type SurveyStore } from './db';

/**
 * The field apps that share the offline store, its queue, its photo uploads and its sync bar:
 * 入户调查 (the survey, whose entries carry no channel) and the caregiver's 护理员工作台.
 */
export type Channel = 'survey' | 'care';

/** A field app's sync state kept in `meta.channels` (the survey keeps its own `lastSync`). */
export interface ChannelSync {
  lastSync?: string;
  /** When the day's work was downloaded, and for whom. */
  downloadedAt?: string;
  userId?: string;
}

/** A caregiver's visit as the phone holds it (the `fieldVisits` store). */
export type FieldVisit = LocalCareVisit;

export const channelOf = (x: object): Channel => ('channel' in x && x.channel === 'care' ? 'care' : 'survey');

/** What one sync of a channel did. */
export interface SyncOutcome {
  sent: number;
  conflicts: number;
  rejected: number;
  photos: number;
}

const pushers = new Map<Channel, () => Promise<SyncOutcome>>();
const running = new Map<Channel, Promise<SyncOutcome>>();
const again = new Map<Channel, Promise<SyncOutcome>>();

/** A field app says how its queue is sent; `syncChannel` then runs it. */
export function registerChannel(channel: Channel, push: () => Promise<SyncOutcome>): void {
  pushers.set(channel, push);
}

/**
 * Sends what a field app queued, one sync at a time per app. A call during a sync gets one more
 * run after it (what was queued meanwhile goes too); further calls share that run.
 */
export function syncChannel(channel: Channel): Promise<SyncOutcome> {
  const push = pushers.get(channel);
  if (!push) return Promise.reject(new Error(`no sync for ${channel}`));
  const current = running.get(channel);
  if (current) {
    let next = again.get(channel);
    if (!next) {
      next = current.catch(() => undefined).then(() => {
        again.delete(channel);
        return syncChannel(channel);
      });
      again.set(channel, next);
    }
    return next;
  }
  const run = push().finally(() => running.delete(channel));
  running.set(channel, run);
  return run;
}

/** The queue entries of one field app, oldest first. */
export async function queuedOf(db: SurveyStore, channel: Channel): Promise<QueueEntry[]> {
  return (await db.getAll('queue')).filter((q) => channelOf(q) === channel);
}

/** Photos of one field app not yet fully on the server. */
export async function photosPendingOf(db: SurveyStore, channel: Channel): Promise<LocalPhoto[]> {
  return (await db.getAll('photos')).filter((p) => channelOf(p) === channel && !p.done);
}

/** Where a photo goes: start (or resume) its upload, and put a chunk at the server's offset. */
export interface PhotoTarget {
  start(photo: LocalPhoto): Promise<{ id: string; received: number; complete: boolean }>;
  put(uploadId: string, offset: number, chunk: Blob): Promise<{ id: string; received: number; complete: boolean }>;
}

const CHUNK = 128 * 1024;

/**
 * Uploads one queued photo in chunks from where the server stands (its hash is the resume key),
 * noting the bytes received after each chunk so the bar shows progress and a reload resumes.
 */
export async function uploadQueuedPhoto(photo: LocalPhoto, target: PhotoTarget): Promise<void> {
  if (photo.done || !photo.blob) return;
  const db = await surveyDb();
  let state = await target.start(photo);
  let retries = 0;
  while (!state.complete) {
    try {
      state = await target.put(state.id, state.received, photo.blob.slice(state.received, state.received + CHUNK));
    } catch (e) {
      // another attempt moved the offset: ask where the server stands and continue from there
      if (e instanceof ApiError && e.code === 'PHOTO_OFFSET' && retries++ < 3) state = await target.start(photo);
      else throw e;
    }
    await db.put('photos', { ...photo, received: state.received });
    changed();
  }
  await db.put('photos', { ...photo, received: photo.size, done: true });
  changed();
}
