import { Checkbox, Flex, Typography } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { FilterSelect } from '../../../shared/components/FilterSelect';
import { useKeysetList } from '../../../shared/hooks/useKeysetList';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { DateTimeCell } from '../components/cells';
import { EventDrawer } from '../components/EventDrawer';
import { EventFormModal } from '../components/EventFormModal';
import { EventStateTag, PriorityTag, SlaCell } from '../components/EventTags';
import { PlacePicker } from '../components/PlacePicker';
import { RecordListPage } from '../components/RecordListPage';
import { useCodeNames } from '../hooks/useCodeTables';
import { useEventList } from '../hooks/useRecords';
import type { EventKind, EventState, RegistryEvent } from '../types';
import { EVENT_STATES } from '../utils/eventFlow';

interface Filters {
  q?: string;
  kind?: EventKind;
  state?: EventState;
  overdue?: boolean;
  jurisdiction?: JurisdictionOption;
}

/** 事件: grid events, repairs, complaints, applications and alarms — each with a state, an SLA and a history. */
export function EventsPage() {
  const { t } = useI18n();
  const codes = useCodeNames();
  const keyset = useKeysetList<Filters>();
  const { kind, state, overdue, jurisdiction } = keyset.filters;
  const list = useEventList(keyset.query({ kind, state, overdue: overdue ? ('true' as const) : undefined, jurisdictionId: jurisdiction?.value }));

  return (
    <RecordListPage<RegistryEvent>
      text={{
        title: t('rec.event.pageTitle'),
        subtitle: t('rec.event.subtitle'),
        create: t('rec.event.create'),
        search: t('rec.event.searchPlaceholder'),
        empty: t('rec.event.empty'),
        emptyFiltered: t('rec.event.emptyFiltered'),
      }}
      keyset={keyset}
      list={list}
      searchWidth={240}
      toolbarAlign="center"
      filters={
        <>
          <FilterSelect placeholder={t('rec.event.kind')} width={130} options={codes.options('eventKinds')} {...keyset.filter('kind')} />
          <FilterSelect
            placeholder={t('rec.event.state')}
            width={120}
            options={EVENT_STATES.map((s) => ({ value: s, label: t(`rec.event.state.${s}`) }))}
            {...keyset.filter('state')}
          />
          <PlacePicker placeholder={t('rec.filterJurisdiction')} style={{ width: 200 }} {...keyset.filter('jurisdiction')} />
          <Checkbox checked={Boolean(overdue)} onChange={(e) => keyset.set('overdue', e.target.checked || undefined)}>
            {t('rec.event.onlyOverdue')}
          </Checkbox>
        </>
      }
      columns={(open) => [
        {
          title: t('rec.event.title'),
          dataIndex: 'title',
          render: (v: string, e) => (
            <Flex vertical gap={0}>
              <Typography.Link onClick={() => open(e.id)}>{v}</Typography.Link>
              {e.category && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {e.category}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        { title: t('rec.event.kind'), dataIndex: 'kind', width: 110, render: (v: string) => codes.name('eventKinds', v) },
        { title: t('rec.event.state'), dataIndex: 'state', width: 100, render: (v: string) => <EventStateTag state={v} /> },
        { title: t('rec.event.priority'), dataIndex: 'priority', width: 90, render: (v: string) => <PriorityTag priority={v} /> },
        { title: t('rec.event.assignee'), dataIndex: 'assigneeName', width: 110, render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('rec.event.unassigned')}</Typography.Text> },
        { title: t('rec.event.slaDueAt'), key: 'sla', width: 220, render: (_, e) => <SlaCell event={e} /> },
        { title: t('rec.event.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => <DateTimeCell value={v} /> },
        { title: t('rec.jurisdiction'), dataIndex: 'jurisdictionName', width: 140, render: (v: string | null) => v ?? '—' },
      ]}
      action={{ label: t('rec.handle'), width: 110 }}
      rowClassName={(e) => (e.overdue ? 'row-overdue' : '')}
      drawer={EventDrawer}
      form={(event, onClose) => <EventFormModal event={event} onClose={onClose} />}
    />
  );
}
