import type { Database } from '../../db/database.js';
import { type Scope, withScope } from '../../db/scope.js';
import type { AuditService } from '../audit/audit.service.js';
import * as repo from './devices.repository.js';

/** One position of an elder, as other modules see it (care visits check "elsewhere during a visit"). */
export interface Whereabout {
  time: Date;
  lat: number;
  lng: number;
  /** metres; null when the watch did not say */
  accuracy: number | null;
  /** a GPS fix the watch marked valid (A); cell and Wi-Fi positions are not */
  valid: boolean;
}

export type DevicesService = ReturnType<typeof createDevicesService>;

/** 智能设备 — GPS watches, positions, safe zones, alerts and health kiosks. */
export function createDevicesService(deps: { db: Database; audit: AuditService }) {
  const { db, audit } = deps;
  return {
    /**
     * The elder's fixes between `from` and `to` (oldest first) within `scope`; a person outside it
     * has none. A read of a location track: audited for a user's scope.
     */
    whereabouts: (scope: Scope, personId: string, from: Date, to: Date): Promise<Whereabout[]> =>
      withScope(db, scope, async (tx) => {
        const rows = await repo.fixesOf(tx, personId, from, to);
        if (scope.kind === 'user') {
          await audit.recordIn(tx, {
            actor: { id: scope.userId, name: null }, action: 'device.track_read', objectType: 'person', objectId: personId,
            detail: { from: from.toISOString(), to: to.toISOString(), fixes: rows.length },
          });
        }
        return rows.map((r) => ({ time: r.fixed_at, lat: r.lat, lng: r.lng, accuracy: r.accuracy, valid: r.valid && r.source === 'gps' }));
      }),
  };
}
