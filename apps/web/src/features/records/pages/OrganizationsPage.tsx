import { Typography } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { FilterSelect } from '../../../shared/components/FilterSelect';
import { useKeysetList } from '../../../shared/hooks/useKeysetList';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { CodeCell } from '../components/cells';
import { OrganizationDrawer } from '../components/OrganizationDrawer';
import { OrganizationFormModal } from '../components/OrganizationFormModal';
import { PlacePicker } from '../components/PlacePicker';
import { RecordListPage } from '../components/RecordListPage';
import { useCodeNames } from '../hooks/useCodeTables';
import { useOrganizationList } from '../hooks/useRecords';
import type { Organization, OrgType } from '../types';

interface Filters {
  q?: string;
  type?: OrgType;
  jurisdiction?: JurisdictionOption;
}

/** 单位: the organisations of one's jurisdiction — find, register, correct, and see who works there. */
export function OrganizationsPage() {
  const { t } = useI18n();
  const codes = useCodeNames();
  const keyset = useKeysetList<Filters>();
  const { type, jurisdiction } = keyset.filters;
  const list = useOrganizationList(keyset.query({ type, jurisdictionId: jurisdiction?.value }));

  return (
    <RecordListPage<Organization>
      text={{
        title: t('rec.org.title'),
        subtitle: t('rec.org.subtitle'),
        create: t('rec.org.create'),
        search: t('rec.org.searchPlaceholder'),
        empty: t('rec.org.empty'),
        emptyFiltered: t('rec.org.emptyFiltered'),
      }}
      keyset={keyset}
      list={list}
      searchWidth={300}
      filters={
        <>
          <FilterSelect placeholder={t('rec.org.type')} width={160} options={codes.options('orgTypes')} {...keyset.filter('type')} />
          <PlacePicker placeholder={t('rec.filterJurisdiction')} style={{ width: 220 }} {...keyset.filter('jurisdiction')} />
        </>
      }
      columns={(open) => [
        {
          title: t('rec.org.name'),
          dataIndex: 'name',
          render: (v: string, o) => <Typography.Link onClick={() => open(o.id)}>{v}</Typography.Link>,
        },
        { title: t('rec.org.creditCode'), dataIndex: 'creditCode', width: 200, render: (v: string | null) => <CodeCell value={v} /> },
        { title: t('rec.org.type'), dataIndex: 'type', width: 130, render: (v: string) => codes.name('orgTypes', v) },
        { title: t('rec.org.address'), dataIndex: 'address', ellipsis: true, render: (v: string | null) => v || '—' },
        { title: t('rec.jurisdiction'), dataIndex: 'jurisdictionName', width: 150, render: (v: string | null) => v ?? '—' },
        { title: t('rec.org.peopleCount'), dataIndex: 'peopleCount', width: 100, align: 'right' },
      ]}
      action={{ label: t('rec.view'), width: 130 }}
      drawer={OrganizationDrawer}
      form={(org, onClose) => <OrganizationFormModal org={org} onClose={onClose} />}
    />
  );
}
