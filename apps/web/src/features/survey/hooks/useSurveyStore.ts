import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { photosPendingOf, queuedOf, type Channel } from '../offline/channels';
import { getMeta, storeRevision, subscribe, surveyDb, type SurveyStore } from '../offline/db';

/** Whether the phone has a network (the browser's own view, updated by its online/offline events). */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (cb) => {
      window.addEventListener('online', cb);
      window.addEventListener('offline', cb);
      return () => {
        window.removeEventListener('online', cb);
        window.removeEventListener('offline', cb);
      };
    },
    () => navigator.onLine,
  );
}

/** Reads IndexedDB, and reads again whenever the survey writes to it. */
export function useLocal<T>(read: (db: SurveyStore) => Promise<T>, deps: unknown[]): T | undefined {
  const revision = useSyncExternalStore(subscribe, storeRevision);
  const [value, setValue] = useState<T>();
  const stableRead = useCallback(read, deps);
  useEffect(() => {
    let live = true;
    void surveyDb().then(stableRead).then((v) => live && setValue(v));
    return () => {
      live = false;
    };
  }, [stableRead, revision]);
  return value;
}

/** What a field app's sync bar shows: what waits to be uploaded, open conflicts, the last sync. */
export function useSyncState(channel: Channel = 'survey') {
  return useLocal(async (db) => {
    const [queued, photos, rejections] = await Promise.all([queuedOf(db, channel), photosPendingOf(db, channel), getMeta('rejections')]);
    const queue = queued.length;
    const photosPending = photos.length;
    if (channel !== 'survey') {
      const sync = (await getMeta('channels'))?.[channel];
      return { queue, visitsPending: 0, photosPending, pending: queue + photosPending, conflicts: 0, lastSync: sync?.lastSync, slice: undefined, rejections: rejections ?? [] };
    }
    const [visits, conflicts, lastSync, slice] = await Promise.all([db.getAll('visits'), db.count('conflicts'), getMeta('lastSync'), getMeta('slice')]);
    const visitsPending = visits.filter((v) => !v.synced).length;
    return { queue, visitsPending, photosPending, pending: queue + visitsPending + photosPending, conflicts, lastSync, slice, rejections: rejections ?? [] };
  }, [channel]);
}
