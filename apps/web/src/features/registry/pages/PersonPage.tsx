import { Badge, Button, Card, Flex, Result, Skeleton, Tabs } from 'antd';
import { useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorText } from '../../../api/errors';
import { PERM, can } from '../../../app/permissions';
import type { DictKey } from '../../../i18n/dict';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { PersonFormModal } from '../components/PersonFormModal';
import { PersonHeader } from '../components/PersonHeader';
import { BasicInfoTab } from '../components/person360/BasicInfoTab';
import { EventsTab } from '../components/person360/EventsTab';
import { HistoryTab } from '../components/person360/HistoryTab';
import { HouseholdsTab } from '../components/person360/HouseholdsTab';
import { HousesTab } from '../components/person360/HousesTab';
import { OrganizationsTab } from '../components/person360/OrganizationsTab';
import { PanelCards } from '../components/person360/PanelCards';
import { RelationGraph } from '../components/person360/RelationGraph';
import { RelativesTab } from '../components/person360/RelativesTab';
import { UnmaskModal } from '../components/UnmaskModal';
import { usePersonOverview } from '../hooks/usePeople';

/** 人员360: one person with everything the registry links to them. */
export function PersonPage() {
  const { id = '' } = useParams();
  // Keyed by id: moving to a relative's page starts with fresh tabs, dialogs and graph.
  return <PersonView key={id} id={id} />;
}

function PersonView({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const overview = usePersonOverview(id);
  const [dialog, setDialog] = useState<'edit' | 'unmask' | null>(null);
  const [tab, setTab] = useState('basic');
  const canWrite = can(me, PERM.registryWrite);
  const canUnmask = can(me, PERM.registryUnmask);

  if (overview.isPending) {
    return (
      <Card>
        <Skeleton active avatar paragraph={{ rows: 6 }} />
      </Card>
    );
  }
  if (overview.isError) {
    // Outside one's jurisdiction is "not found", and the server's message says both.
    if (overview.error instanceof ApiError && overview.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('person.notFound')}
          subTitle={errorText(overview.error, lang)}
          extra={
            <Button type="primary" onClick={() => navigate('/registry/people')}>
              {t('person.backToList')}
            </Button>
          }
        />
      );
    }
    return <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;
  }

  const o = overview.data;
  const { person } = o;
  const label = (key: DictKey, count?: number): ReactNode =>
    count ? (
      <Flex align="center" gap={6}>
        {t(key)}
        <Badge count={count} color="#8c9db5" size="small" />
      </Flex>
    ) : (
      t(key)
    );

  return (
    <Flex vertical gap={16}>
      <PersonHeader
        person={person}
        canWrite={canWrite}
        canUnmask={canUnmask}
        onEdit={() => setDialog('edit')}
        onUnmask={() => setDialog('unmask')}
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'basic', label: label('person360.basic'), children: <BasicInfoTab person={person} /> },
            {
              key: 'houses',
              label: label('person360.houses', o.houses.length),
              children: <HousesTab person={person} houses={o.houses} canWrite={canWrite} />,
            },
            {
              key: 'households',
              label: label('person360.households', o.households.length),
              children: <HouseholdsTab personId={person.id} households={o.households} canWrite={canWrite} />,
            },
            {
              key: 'relatives',
              label: label('person360.relatives', o.relatives.length),
              children: <RelativesTab person={person} relatives={o.relatives} canWrite={canWrite} />,
            },
            {
              key: 'organizations',
              label: label('person360.organizations', o.organizations.length),
              children: <OrganizationsTab person={person} organizations={o.organizations} canWrite={canWrite} />,
            },
            { key: 'graph', label: label('person360.graph'), children: <RelationGraph personId={person.id} personName={person.name} /> },
            { key: 'events', label: label('person360.events', o.events.length), children: <EventsTab events={o.events} /> },
            { key: 'history', label: label('person360.history'), children: <HistoryTab personId={person.id} /> },
          ]}
        />
      </Card>
      <PanelCards panels={o.panels} />
      {dialog === 'edit' && <PersonFormModal person={person} onClose={() => setDialog(null)} />}
      {dialog === 'unmask' && <UnmaskModal person={person} onClose={() => setDialog(null)} />}
    </Flex>
  );
}
