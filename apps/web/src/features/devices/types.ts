import type { ResponseOf } from '../../api/types';

export type DeviceList = ResponseOf<'/api/devices', 'get'>;
export type Device = DeviceList['items'][number];
export type DeviceDetail = ResponseOf<'/api/devices/{id}', 'get'>;
export type AlertList = ResponseOf<'/api/devices/alerts', 'get'>;
export type Alert = AlertList['items'][number];
export type AlertDetail = ResponseOf<'/api/devices/alerts/{id}', 'get'>;
export type ElderMap = ResponseOf<'/api/devices/elders/{id}/map', 'get'>;
export type Zone = ElderMap['zones'][number];
export type TrackPoint = ElderMap['track'][number];
export type AlertKind = Alert['kind'];
export const ALERT_KINDS: readonly AlertKind[] = ['sos', 'fall', 'zone_exit', 'low_battery', 'removed', 'offline'];
