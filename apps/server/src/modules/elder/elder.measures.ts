import { type MeasureProvider, sliceDepth, toCubeValues } from '../analysis/analysis.catalogue.js';
import { ABILITY_LEVELS } from './elder.codes.js';
import * as repo from './elder.repository.js';

const LEVELS = ABILITY_LEVELS.map((l, level) => ({ key: String(level), label: l.name, labelEn: l.nameEn }));

/**
 * The statistics' age bands (completed years) as the cube's decades: 60–69 → 6 … 90+ → 9; those
 * under 60 and of unknown birth date show as 不详 (-1).
 */
const BAND_OF: Record<string, string> = { '60_69': '6', '70_79': '7', '80_89': '8', '90_plus': '9', under60: '-1', unknown: '-1' };
const bandsFor = (cubeBand: string) => Object.keys(BAND_OF).filter((k) => BAND_OF[k] === cubeBand);

/** The elder module's measures for 数据立方 and the cockpit: elders by ability level, from `elder_stats`. */
export function elderMeasures(): MeasureProvider[] {
  return [{
    code: 'elders_by_level', name: '已评估老人', nameEn: 'Assessed elders', unit: '人', unitEn: 'elders', source: 'eldercare',
    kind: 'stock', history: false, dims: ['area', 'abilityLevel', 'ageBand', 'gender'], members: { abilityLevel: LEVELS },
    async values(tx, s) {
      const rows = await repo.levelFigures(tx, s.path, sliceDepth(s), {
        ...(s.filters.abilityLevel !== undefined ? { level: Number(s.filters.abilityLevel) } : {}),
        ...(s.filters.ageBand !== undefined ? { ageBands: bandsFor(s.filters.ageBand) } : {}),
        ...(s.filters.gender !== undefined ? { gender: Number(s.filters.gender) } : {}),
        byGender: s.dims.includes('gender'),
      });
      return toCubeValues(s, rows.map((r) => ({ keys: { area: r.area, abilityLevel: String(r.level), ageBand: BAND_OF[r.ageBand] ?? '-1', gender: r.gender }, n: r.n })));
    },
    // the elder list filters by node, level, gender and the statistics' own age bands (it cannot
    // list "assessed, any level", nor the 不详 band that gathers two of them)
    drill: (keys, c) => {
      const band = keys.ageBand === undefined ? undefined : bandsFor(keys.ageBand);
      if (keys.abilityLevel === undefined || (band && band.length !== 1)) return null;
      return {
        list: 'elders',
        query: { jurisdictionId: c.nodeId, level: Number(keys.abilityLevel), ...(band ? { ageBand: band[0]! } : {}), ...(keys.gender !== undefined ? { gender: Number(keys.gender) } : {}) },
      };
    },
  }];
}
