import '../analysis.css';
import { FullscreenOutlined } from '@ant-design/icons';
import { Alert, Button, Col, ConfigProvider, Empty, Flex, Row, Spin, Typography, theme } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../shared/utils/format';
import { Bars, MovesLine, Pyramid } from '../components/Charts';
import { CockpitMap } from '../components/CockpitMap';
import { KpiTiles } from '../components/KpiTiles';
import { useCockpitStream } from '../hooks/useAnalysis';

/**
 * 领导驾驶舱: a 1920×1080 dark big screen. Its figures come over server-sent events — at once, then
 * again within moments of any committed change — so it never reloads. `/cockpit` shows it full
 * screen outside the shell; the menu entry shows it in the shell with a button to go full screen.
 */
export function CockpitPage({ fullscreen = false }: { fullscreen?: boolean }) {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const nodeId = params.get('node') ?? undefined;
  const { data, updates, error } = useCockpitStream(nodeId);
  const panel = (title: string, children: React.ReactNode) => (
    <div className="cockpit-panel"><div className="cockpit-panel-title">{title}</div>{children}</div>
  );
  const go = (id: string) => setParams(new URLSearchParams({ node: id }));
  // the big screen's 1080 rows are filled; inside the app's frame the panels keep their size
  const h = (px: number) => (fullscreen ? Math.round(px * 1.2) : px);
  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm }}>
      <div className={fullscreen ? 'cockpit cockpit-full' : 'cockpit'} data-testid="cockpit" data-updates={updates}>
        <Flex justify="space-between" align="center" className="cockpit-head">
          <Typography.Title level={2} style={{ margin: 0, color: '#e6f0ff', letterSpacing: 4 }}>
            {data ? t('analysis.cockpitTitle', { name: data.node.name }) : t('menu.analysisCockpit')}
          </Typography.Title>
          <Flex gap={16} align="center">
            {data?.node.parentId && <Button ghost size="small" onClick={() => go(data.node.parentId!)}>{t('analysis.up')}</Button>}
            <span className="cockpit-live" data-testid="cockpit-at">● {t('analysis.live')} · {data ? t('analysis.updatedAt', { time: formatDateTime(data.at) }) : ''}</span>
            {!fullscreen && <Link to={`/cockpit${nodeId ? `?node=${nodeId}` : ''}`}><Button icon={<FullscreenOutlined />}>{t('analysis.fullscreen')}</Button></Link>}
          </Flex>
        </Flex>
        {error && <Alert type="warning" showIcon message={t('analysis.disconnected')} style={{ marginBottom: 12 }} />}
        {!data ? <Flex justify="center" style={{ padding: 120 }}><Spin size="large" /></Flex> : (
          <>
            <KpiTiles kpis={data.kpis} dark span={3} />
            <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
              <Col span={6}>
                {panel(t('analysis.pyramid'), <Pyramid dark height={h(330)} data={data.pyramid} labels={{ male: t('analysis.male'), female: t('analysis.female') }} />)}
                {panel(t('analysis.moves'), <MovesLine dark height={h(250)} data={data.moves} labels={{ in: t('analysis.movedIn'), out: t('analysis.movedOut') }} />)}
              </Col>
              <Col span={12}>
                {panel(data.node.name, <CockpitMap nodeId={data.node.id} height={h(624)} />)}
              </Col>
              <Col span={6}>
                {panel(t('analysis.eventsByKind'), <Bars dark horizontal height={h(300)} categories={data.eventsByKind.map((e) => (lang === 'zh' ? e.label : e.kind))}
                  series={[{ name: t('analysis.open'), data: data.eventsByKind.map((e) => e.open), color: '#38bdf8' }, { name: t('analysis.overdue'), data: data.eventsByKind.map((e) => e.overdue), color: '#f87171' }]} />)}
                {panel(t('analysis.children'), data.children.length
                  ? <Bars dark height={h(280)} categories={data.children.map((c) => (lang === 'zh' ? c.label : c.labelEn))}
                      series={[{ name: t('analysis.people'), data: data.children.map((c) => c.values.people ?? 0), color: '#60a5fa' }, { name: '60+', data: data.children.map((c) => c.values.elders ?? 0), color: '#fbbf24' }]}
                      onPick={(i) => { const c = data.children[i]; if (c?.nodeId && c.key !== data.node.path) go(c.nodeId); }} />
                  : <Empty />)}
              </Col>
            </Row>
          </>
        )}
      </div>
    </ConfigProvider>
  );
}

export function CockpitFullPage() {
  return <CockpitPage fullscreen />;
}
