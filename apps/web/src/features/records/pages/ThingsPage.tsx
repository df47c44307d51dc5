import { Typography } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { FilterSelect } from '../../../shared/components/FilterSelect';
import { useKeysetList } from '../../../shared/hooks/useKeysetList';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { CodeCell, DateTimeCell } from '../components/cells';
import { PlacePicker } from '../components/PlacePicker';
import { RecordListPage } from '../components/RecordListPage';
import { ThingDrawer } from '../components/ThingDrawer';
import { ThingFormModal } from '../components/ThingFormModal';
import { ThingStatusTag } from '../components/ThingStatusTag';
import { useCodeNames } from '../hooks/useCodeTables';
import { useThingList } from '../hooks/useRecords';
import type { Thing, ThingKind, ThingStatus } from '../types';
import { THING_STATUSES } from '../utils/thing';

interface Filters {
  q?: string;
  kind?: ThingKind;
  status?: ThingStatus;
  jurisdiction?: JurisdictionOption;
}

/** 设施设备: hydrants, cameras, door terminals, kiosks … of one's jurisdiction, with their state. */
export function ThingsPage() {
  const { t } = useI18n();
  const codes = useCodeNames();
  const keyset = useKeysetList<Filters>();
  const { kind, status, jurisdiction } = keyset.filters;
  const list = useThingList(keyset.query({ kind, status, jurisdictionId: jurisdiction?.value }));

  return (
    <RecordListPage<Thing>
      text={{
        title: t('rec.thing.title'),
        subtitle: t('rec.thing.subtitle'),
        create: t('rec.thing.create'),
        search: t('rec.thing.searchPlaceholder'),
        empty: t('rec.thing.empty'),
        emptyFiltered: t('rec.thing.emptyFiltered'),
      }}
      keyset={keyset}
      list={list}
      searchWidth={260}
      filters={
        <>
          <FilterSelect placeholder={t('rec.thing.kind')} width={150} options={codes.options('thingKinds')} {...keyset.filter('kind')} />
          <FilterSelect
            placeholder={t('rec.thing.status')}
            width={120}
            options={THING_STATUSES.map((s) => ({ value: s, label: t(`rec.thing.status.${s}`) }))}
            {...keyset.filter('status')}
          />
          <PlacePicker placeholder={t('rec.filterJurisdiction')} style={{ width: 220 }} {...keyset.filter('jurisdiction')} />
        </>
      }
      columns={(open) => [
        {
          title: t('rec.thing.name'),
          dataIndex: 'name',
          render: (v: string, x) => <Typography.Link onClick={() => open(x.id)}>{v}</Typography.Link>,
        },
        { title: t('rec.thing.kind'), dataIndex: 'kind', width: 130, render: (v: string) => codes.name('thingKinds', v) },
        { title: t('rec.thing.serialNo'), dataIndex: 'serialNo', width: 170, render: (v: string | null) => <CodeCell value={v} /> },
        { title: t('rec.thing.status'), dataIndex: 'status', width: 100, render: (v: string) => <ThingStatusTag status={v} /> },
        { title: t('rec.thing.lastSeenAt'), dataIndex: 'lastSeenAt', width: 170, render: (v: string | null) => <DateTimeCell value={v} /> },
        { title: t('rec.jurisdiction'), dataIndex: 'jurisdictionName', width: 150, render: (v: string | null) => v ?? '—' },
      ]}
      action={{ label: t('rec.view'), width: 130 }}
      drawer={ThingDrawer}
      form={(thing, onClose) => <ThingFormModal thing={thing} onClose={onClose} />}
    />
  );
}
