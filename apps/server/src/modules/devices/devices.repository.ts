import type { Queryable } from '../../db/database.js';

/** One fix of a watch, as stored (device_position). */
export interface FixRow {
  fixed_at: Date;
  lat: number;
  lng: number;
  accuracy: number | null;
  valid: boolean;
  source: 'gps' | 'wifi' | 'cell';
  device_id: string;
}

/** The fixes of an elder's watches in [from, to], oldest first (uses the (person, time) index). */
export async function fixesOf(tx: Queryable, personId: string, from: Date, to: Date, limit = 20_000): Promise<FixRow[]> {
  const { rows } = await tx.query<FixRow>(
    `SELECT fixed_at, lat, lng, accuracy, valid, source, device_id FROM device_position
      WHERE person_id = $1 AND fixed_at >= $2 AND fixed_at <= $3
      ORDER BY fixed_at LIMIT $4`,
    [personId, from, to, limit],
  );
  return rows;
}
