import { RightOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import { Link } from 'react-router-dom';
import { can, PERM } from '../../../app/permissions';
import { useI18n } from '../../../i18n/I18nProvider';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { useCockpitStream } from '../hooks/useAnalysis';
import '../analysis.css';
import { KpiTiles } from './KpiTiles';

function LiveKpis() {
  const { t } = useI18n();
  const { data, updates } = useCockpitStream();
  return (
    <Card title={`${t('analysis.homeCard')}${data ? ` · ${data.node.name}` : ''}`} loading={!data} data-testid="home-cockpit" data-updates={updates}
      extra={<Link to="/analysis/cockpit">{t('analysis.openCockpit')} <RightOutlined /></Link>}>
      {data && <KpiTiles kpis={data.kpis.filter((k) => k.value !== null)} span={4} />}
    </Card>
  );
}

/** The cockpit's live KPIs as a normal card on the home page of every official (analysis.read). */
export function CockpitCard() {
  const me = useCurrentUser();
  return can(me, PERM.analysisRead) ? <LiveKpis /> : null;
}
