import { Col, Row, Statistic, Tag } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import type { Cockpit } from '../hooks/useAnalysis';

/** The cockpit's KPI tiles; a slot another module has not filled yet shows 待接入. */
export function KpiTiles({ kpis, dark, span = 6 }: { kpis: Cockpit['kpis']; dark?: boolean; span?: number }) {
  const { t, lang } = useI18n();
  return (
    <Row gutter={[12, 12]} wrap={!dark}>
      {kpis.map((k) => (
        <Col key={k.code} {...(dark ? { flex: '1 1 0' } : { xs: 12, md: span })}>
          <div className={dark ? 'cockpit-tile' : 'kpi-tile'} data-testid={`kpi-${k.code}`}>
            <Statistic
              title={<span style={dark ? { color: '#9fb3d9' } : undefined}>{lang === 'zh' ? k.name : k.nameEn}</span>}
              value={k.value ?? '—'}
              suffix={k.value === null ? <Tag color={dark ? 'geekblue' : 'default'}>{t('analysis.pending')}</Tag> : <span style={{ fontSize: 14 }}>{k.unit}</span>}
              valueStyle={dark ? { color: k.code.includes('overdue') ? '#ff7875' : '#e6f0ff', fontSize: 40, fontWeight: 600 } : { fontSize: 26 }}
            />
          </div>
        </Col>
      ))}
    </Row>
  );
}
