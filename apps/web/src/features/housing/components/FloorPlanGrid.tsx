import { Tooltip } from 'antd';
import { Fragment } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import type { FloorPlanHouse } from '../types';
import { floorLabel, hasTag, OCCUPANCY_COLOR, type FloorGrid } from '../utils/floorPlan';

/** What the cells are coloured by: who lives there, or whether anyone there carries a person tag. */
export type ColourBy = { kind: 'occupancy' } | { kind: 'tag'; tag: string; tagName: string };

export const TAG_COLOR = '#fa541c';

/** Light fill and strong border of a colour, so the door number stays readable. */
function cellStyle(color: string) {
  return { background: `${color}22`, borderColor: color, color: '#262626' };
}

/**
 * The 楼盘表 grid: floors as rows (top first), units as column groups, one button per house
 * with its number and residents; the cell colour follows `colourBy`.
 */
export function FloorPlanGrid({ grid, colourBy, onOpen }: { grid: FloorGrid; colourBy: ColourBy; onOpen: (house: FloorPlanHouse) => void }) {
  const { t } = useI18n();

  const style = (h: FloorPlanHouse) => {
    if (colourBy.kind === 'occupancy') return { className: 'fp-cell', style: cellStyle(OCCUPANCY_COLOR[h.occupancy]) };
    return hasTag(h, colourBy.tag) ? { className: 'fp-cell', style: cellStyle(TAG_COLOR) } : { className: 'fp-cell fp-cell-dim', style: {} };
  };

  const detail = (h: FloorPlanHouse) => {
    if (colourBy.kind === 'tag' && hasTag(h, colourBy.tag)) return t('housing.floorPlan.tagPeople', { name: colourBy.tagName, n: h.tags[colourBy.tag] ?? 0 });
    if (h.residents === 0) return t('housing.occupancy.vacant');
    return t('housing.floorPlan.people', { n: h.residents });
  };

  return (
    <div className="floor-plan-scroll">
      <table className="floor-plan">
        <thead>
          <tr>
            <th className="floor-label">{t('housing.floorPlan.floor')}</th>
            {grid.units.map((u) => (
              <Fragment key={u}>
                <th className="floor-plan-unit-gap" style={{ background: 'transparent' }} />
                <th colSpan={grid.columns.get(u) ?? 1}>{t('housing.unitN', { n: u })}</th>
              </Fragment>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.floor}>
              <th className="floor-label">{floorLabel(row.floor)}</th>
              {grid.units.map((u) => (
                <Fragment key={u}>
                  <td className="floor-plan-unit-gap" />
                  {(row.cells.get(u) ?? []).map((h, i) =>
                    h ? (
                      <td key={h.id}>
                        <Tooltip
                          title={
                            <>
                              <div>{t(`housing.occupancy.${h.occupancy}`)}</div>
                              <div>{t('housing.floorPlan.cellTip', { owners: h.owners, tenants: h.tenants, residents: h.residents })}</div>
                              {h.shopName && <div>{h.shopName}</div>}
                            </>
                          }
                          mouseEnterDelay={0.4}
                        >
                          <button type="button" {...style(h)} onClick={() => onOpen(h)} aria-label={`${h.number} ${detail(h)}`}>
                            <span className="fp-cell-number">{h.number}</span>
                            <span>{detail(h)}</span>
                          </button>
                        </Tooltip>
                      </td>
                    ) : (
                      <td key={`empty-${i}`}>
                        <div className="fp-empty" />
                      </td>
                    ),
                  )}
                </Fragment>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
