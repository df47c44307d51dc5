import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
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

/** What the sync bar shows: what waits to be uploaded, open conflicts, the last sync. */
export function useSyncState() {
  return useLocal(async (db) => {
    const [queue, visits, photos, conflicts, lastSync, slice, rejections] = await Promise.all([
      db.count('queue'), db.getAll('visits'), db.getAll('photos'), db.count('conflicts'), getMeta('lastSync'), getMeta('slice'), getMeta('rejections'),
    ]);
    const visitsPending = visits.filter((v) => !v.synced).length;
    const photosPending = photos.filter((p) => !p.done).length;
    return { queue, visitsPending, photosPending, pending: queue + visitsPending + photosPending, conflicts, lastSync, slice, rejections: rejections ?? [] };
  }, []);
}
