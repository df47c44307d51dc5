import { EditOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Skeleton, Tabs, Typography } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { useCodeNames } from '../hooks/useCodeTables';
import { useHouseLabel } from '../hooks/useLabels';
import { useOrganization } from '../hooks/useRecords';
import type { Organization } from '../types';
import { ChangeHistory } from './ChangeHistory';
import { LinkedPeople } from './LinkedPeople';

/** Field names of an organisation's change log, in the order a reader expects them. */
export const ORG_FIELDS = {
  name: 'rec.org.name',
  creditCode: 'rec.org.creditCode',
  type: 'rec.org.type',
  address: 'rec.org.address',
  phone: 'rec.org.phone',
  path: 'rec.jurisdictionCode',
} as const;

/** 单位详情: the record, the people linked to it, and its change history. */
export function OrganizationDrawer({ id, canWrite, onEdit, onClose }: { id: string; canWrite: boolean; onEdit: (org: Organization) => void; onClose: () => void }) {
  const { t } = useI18n();
  const codes = useCodeNames();
  const org = useOrganization(id);
  const houseLabel = useHouseLabel(org.data?.houseId);
  const o = org.data;

  return (
    <Drawer
      open
      size={640}
      onClose={onClose}
      title={o?.name ?? t('rec.org.detail')}
      extra={
        canWrite &&
        o && (
          <Button icon={<EditOutlined />} onClick={() => onEdit(o)}>
            {t('rec.edit')}
          </Button>
        )
      }
    >
      {org.isError ? (
        <ErrorState error={org.error} onRetry={() => void org.refetch()} />
      ) : !o ? (
        <Skeleton active />
      ) : (
        <Tabs
          items={[
            {
              key: 'basic',
              label: t('rec.tab.basic'),
              children: (
                <Descriptions column={1} bordered size="small" styles={{ label: { width: 150 } }}>
                  <Descriptions.Item label={t('rec.org.name')}>{o.name}</Descriptions.Item>
                  <Descriptions.Item label={t('rec.org.creditCode')}>
                    {o.creditCode ? <Typography.Text className="mono" copyable>{o.creditCode}</Typography.Text> : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('rec.org.type')}>{codes.name('orgTypes', o.type)}</Descriptions.Item>
                  <Descriptions.Item label={t('rec.org.address')}>{o.address || '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('rec.org.phone')}>{o.phone || '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('rec.org.house')}>{o.houseId ? (houseLabel ?? '…') : '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('rec.jurisdiction')}>{o.jurisdictionName ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('rec.org.peopleCount')}>{o.peopleCount}</Descriptions.Item>
                  <Descriptions.Item label={t('rec.version')}>{o.version}</Descriptions.Item>
                </Descriptions>
              ),
            },
            {
              key: 'people',
              label: t('rec.org.people'),
              children: <LinkedPeople kind="organization" id={o.id} emptyText={t('rec.org.noPeople')} />,
            },
            {
              key: 'history',
              label: t('rec.tab.history'),
              children: (
                <ChangeHistory
                  resource="organizations"
                  id={o.id}
                  labels={ORG_FIELDS}
                  names={{ type: (c) => codes.name('orgTypes', c) }}
                />
              ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
