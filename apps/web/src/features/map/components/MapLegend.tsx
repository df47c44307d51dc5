import { Flex, Typography } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import type { Measure } from '../types';
import { legendTicks, rampGradient, THING_COLORS, THING_DEFAULT_COLOR, ZERO_COLOR } from '../utils/mapStyle';

/** What the colours mean: the measure's ramp from 0 to the largest value, and the things' kinds. */
export function MapLegend({ measure, max, thingKinds }: { measure: Measure; max: number; thingKinds?: { code: string; name: string }[] }) {
  const { t } = useI18n();
  return (
    <div className="map-legend">
      <Typography.Text strong style={{ fontSize: 12 }}>
        {t(`map.measure.${measure}`)}
        {measure === 'vacancy' ? '' : ` (${t(measure === 'floors' ? 'map.unit.floors' : 'map.unit.people')})`}
      </Typography.Text>
      <div className="map-legend-bar" style={{ background: rampGradient(), marginTop: 6 }} />
      <div className="map-legend-ticks">
        {legendTicks(max, measure).map((tick) => (
          <span key={tick}>{tick}</span>
        ))}
      </div>
      <div style={{ marginTop: 4, color: '#595959' }}>
        <span className="map-legend-swatch" style={{ background: ZERO_COLOR }} />
        {t('map.legend.zero')}
      </div>
      {thingKinds && thingKinds.length > 0 && (
        <Flex wrap gap="2px 10px" style={{ marginTop: 6, color: '#595959' }}>
          {thingKinds.map((k) => (
            <span key={k.code}>
              <span className="map-legend-dot" style={{ background: THING_COLORS[k.code] ?? THING_DEFAULT_COLOR }} />
              {k.name}
            </span>
          ))}
        </Flex>
      )}
    </div>
  );
}
