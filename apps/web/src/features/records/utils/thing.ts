import type { ThingStatus } from '../types';

/** 正常 / 故障 / 离线 / 已报废 — the states a facility or device is kept in. */
export const THING_STATUSES: readonly ThingStatus[] = ['normal', 'fault', 'offline', 'retired'];

export function isThingStatus(s: string): s is ThingStatus {
  return (THING_STATUSES as readonly string[]).includes(s);
}

export const THING_STATUS_COLOR: Readonly<Record<ThingStatus, string>> = {
  normal: 'success',
  fault: 'error',
  offline: 'warning',
  retired: 'default',
};
