import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Dictionaries, LocalPerson, LocalPhoto, LocalVisit, Me, QueueEntry, SliceBuilding, SliceHouse, SliceResidence, SurveyConflict } from '../types';
import type { Channel, ChannelSync, FieldVisit } from './channels';

/** A change the server refused, kept so the worker sees why. */
export interface Rejection {
  key: string;
  personName: string;
  message: string;
  messageEn: string;
  at: string;
}

interface Meta {
  me: Pick<Me, 'id' | 'username' | 'displayName' | 'permissions'>;
  slice: { generatedAt: string; houses: number; people: number; userId: string };
  lastSync: string;
  dictionaries: Dictionaries;
  rejections: Rejection[];
  /** Per channel other than the survey (the caregiver's day): the last sync and what was downloaded. */
  channels: Partial<Record<Channel, ChannelSync>>;
}

/**
 * Everything the field apps need for a day without signal, in IndexedDB: the grid slice, the queue
 * of changes, visits and photos (as Blobs), conflicts and sync state. It survives closing the
 * browser and restarting the phone; nothing of it lives only in memory. The queue and the photos
 * are shared by the field apps (入户调查 and the caregiver's 护理员工作台): an entry with a
 * `channel` belongs to that app, one without to the survey (see `channels.ts`).
 */
interface SurveyDB extends DBSchema {
  meta: { key: keyof Meta; value: Meta[keyof Meta] };
  buildings: { key: string; value: SliceBuilding };
  houses: { key: string; value: SliceHouse; indexes: { building: string } };
  people: { key: string; value: LocalPerson };
  residences: { key: string; value: SliceResidence; indexes: { house: string } };
  queue: { key: number; value: QueueEntry; indexes: { person: string; key: string } };
  visits: { key: string; value: LocalVisit; indexes: { house: string } };
  photos: { key: string; value: LocalPhoto; indexes: { visit: string; house: string } };
  conflicts: { key: string; value: SurveyConflict };
  /** The caregiver's visits of the day as downloaded, with the steps queued on the phone applied. */
  fieldVisits: { key: string; value: FieldVisit };
}

export type SurveyStore = IDBPDatabase<SurveyDB>;
export const SLICE_STORES = ['buildings', 'houses', 'people', 'residences'] as const;

let opening: Promise<SurveyStore> | null = null;

export function surveyDb(): Promise<SurveyStore> {
  opening ??= openDB<SurveyDB>('linli-survey', 2, {
    upgrade(db, oldVersion) {
      if (oldVersion < 2) db.createObjectStore('fieldVisits', { keyPath: 'id' });
      if (oldVersion >= 1) return;
      db.createObjectStore('meta');
      db.createObjectStore('buildings', { keyPath: 'id' });
      db.createObjectStore('houses', { keyPath: 'id' }).createIndex('building', 'buildingId');
      db.createObjectStore('people', { keyPath: 'id' });
      db.createObjectStore('residences', { keyPath: 'id' }).createIndex('house', 'houseId');
      const q = db.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
      q.createIndex('person', 'personId');
      q.createIndex('key', 'key', { unique: true });
      db.createObjectStore('visits', { keyPath: 'id' }).createIndex('house', 'houseId');
      const p = db.createObjectStore('photos', { keyPath: 'id' });
      p.createIndex('visit', 'visitId');
      p.createIndex('house', 'houseId');
      db.createObjectStore('conflicts', { keyPath: 'id' });
    },
  });
  return opening;
}

export async function getMeta<K extends keyof Meta>(key: K): Promise<Meta[K] | undefined> {
  return (await (await surveyDb()).get('meta', key)) as Meta[K] | undefined;
}

export async function setMeta<K extends keyof Meta>(key: K, value: Meta[K]): Promise<void> {
  await (await surveyDb()).put('meta', value, key);
}

// —— a tiny change signal so screens re-read IndexedDB after a write
type Listener = () => void;
const listeners = new Set<Listener>();
let revision = 0;
export const storeRevision = () => revision;
export function subscribe(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
/** Tells every screen that IndexedDB changed. */
export function changed(): void {
  revision += 1;
  for (const l of listeners) l();
}
