import type { Queryable } from '../../db/database.js';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service.js';
import { commonError } from '../../shared/errors.js';
import { registryError } from './registry.errors.js';

/** Where a registry row lives: its jurisdiction path and the district code it is sharded by. */
export interface Placement {
  path: string;
  district_code: string;
}

/** The district code is the second label of a path (5109.510903.…). */
export function districtOf(path: string): string {
  const d = path.split('.')[1];
  if (!d || !/^\d{6}$/.test(d)) throw new Error(`path ${path} has no district`);
  return d;
}

/**
 * Places a record at a community/village or grid node the actor may see. `field` names the
 * request field for the error.
 */
export async function placeAt(tx: Queryable, jurisdiction: JurisdictionService, nodeId: string, field = 'jurisdictionId'): Promise<Placement> {
  const [node] = await jurisdiction.resolveIn(tx, [nodeId]);
  if (!node) throw registryError('JURISDICTION_UNKNOWN', {}, field);
  if (node.level !== 'community' && node.level !== 'grid') throw registryError('JURISDICTION_NOT_LEAF', {}, field);
  return { path: node.path, district_code: districtOf(node.path) };
}

/** The path of a list's jurisdiction filter (a node the actor can see), or undefined without one; 404 otherwise. */
export async function filterPath(tx: Queryable, jurisdiction: JurisdictionService, nodeId: string | undefined): Promise<string | undefined> {
  if (!nodeId) return undefined;
  return found(await jurisdiction.pathIn(tx, nodeId));
}

/** The record, or 404 (absent or outside the actor's jurisdiction — row-level security hid it). */
export function found<T>(x: T | undefined): T {
  if (!x) throw commonError('NOT_FOUND');
  return x;
}
