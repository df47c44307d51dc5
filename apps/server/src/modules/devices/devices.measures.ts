import { type MeasureProvider, sliceDepth, toCubeValues } from '../analysis/analysis.catalogue.js';
import * as repo from './devices.repository.js';

const ALERT_KINDS = [
  { key: 'sos', label: 'SOS 求助', labelEn: 'SOS' },
  { key: 'fall', label: '跌倒', labelEn: 'Fall' },
  { key: 'zone_exit', label: '走出安全区域', labelEn: 'Left the safe zone' },
  { key: 'low_battery', label: '电量低', labelEn: 'Low battery' },
  { key: 'removed', label: '手表被摘下', labelEn: 'Watch removed' },
  { key: 'offline', label: '设备离线', labelEn: 'Device offline' },
];

/** The devices module's measure for the cube and the cockpit: alerts not yet acknowledged, from `device_alert_stats`. */
export function devicesMeasures(): MeasureProvider[] {
  return [{
    code: 'alerts_open', name: '未处置告警', nameEn: 'Open alerts', unit: '条', unitEn: 'alerts', source: 'devices', kind: 'stock', history: false,
    dims: ['area', 'alertKind'], kpiOrder: 8, members: { alertKind: ALERT_KINDS },
    async values(tx, s) {
      const rows = await repo.alertFigures(tx, s.path, sliceDepth(s), { state: 'open', ...(s.filters.alertKind ? { kind: s.filters.alertKind } : {}) });
      return toCubeValues(s, rows.map((r) => ({ keys: { area: r.area, alertKind: r.kind }, n: r.n })));
    },
    drill: (keys, c) => ({ list: 'alerts', query: { jurisdictionId: c.nodeId, state: 'open', ...(keys.alertKind ? { kind: keys.alertKind } : {}) } }),
  }];
}
