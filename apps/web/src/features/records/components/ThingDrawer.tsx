import { EditOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Skeleton, Tabs, Typography } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { formatDateTime } from '../../../shared/utils/format';
import { useCodeNames } from '../hooks/useCodeTables';
import { useBuildingLabel } from '../hooks/useLabels';
import { useThing } from '../hooks/useRecords';
import type { Thing } from '../types';
import { isThingStatus } from '../utils/thing';
import { ChangeHistory } from './ChangeHistory';
import { ThingStatusTag } from './ThingStatusTag';

export const THING_FIELDS = {
  kind: 'rec.thing.kind',
  name: 'rec.thing.name',
  serialNo: 'rec.thing.serialNo',
  status: 'rec.thing.status',
  firmware: 'rec.thing.firmware',
  battery: 'rec.thing.battery',
  lastSeenAt: 'rec.thing.lastSeenAt',
  path: 'rec.jurisdictionCode',
} as const;

/** 设施设备详情: the record, where it stands, its last report, and its change history. */
export function ThingDrawer({ id, canWrite, onEdit, onClose }: { id: string; canWrite: boolean; onEdit: (thing: Thing) => void; onClose: () => void }) {
  const { t } = useI18n();
  const codes = useCodeNames();
  const thing = useThing(id);
  const x = thing.data;
  const buildingLabel = useBuildingLabel(x?.buildingId);
  const attributes = Object.entries(x?.attributes ?? {});

  return (
    <Drawer
      open
      size={640}
      onClose={onClose}
      title={x?.name ?? t('rec.thing.detail')}
      extra={
        canWrite &&
        x && (
          <Button icon={<EditOutlined />} onClick={() => onEdit(x)}>
            {t('rec.edit')}
          </Button>
        )
      }
    >
      {thing.isError ? (
        <ErrorState error={thing.error} onRetry={() => void thing.refetch()} />
      ) : !x ? (
        <Skeleton active />
      ) : (
        <Tabs
          items={[
            {
              key: 'basic',
              label: t('rec.tab.basic'),
              children: (
                <Descriptions column={1} bordered size="small" styles={{ label: { width: 150 } }}>
                  <Descriptions.Item label={t('rec.thing.kind')}>{codes.name('thingKinds', x.kind)}</Descriptions.Item>
                  <Descriptions.Item label={t('rec.thing.name')}>{x.name}</Descriptions.Item>
                  <Descriptions.Item label={t('rec.thing.serialNo')}>{x.serialNo ? <span className="mono">{x.serialNo}</span> : '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('rec.thing.status')}>
                    <ThingStatusTag status={x.status} />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('map.position')}>
                    {x.lon !== null && x.lat !== null ? <span className="mono">{`${x.lon.toFixed(6)}, ${x.lat.toFixed(6)}`}</span> : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('rec.thing.building')}>{x.buildingId ? (buildingLabel ?? '…') : '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('rec.thing.lastSeenAt')}>{formatDateTime(x.lastSeenAt)}</Descriptions.Item>
                  <Descriptions.Item label={t('rec.thing.battery')}>{x.battery === null ? '—' : `${x.battery}%`}</Descriptions.Item>
                  <Descriptions.Item label={t('rec.thing.firmware')}>{x.firmware || '—'}</Descriptions.Item>
                  {attributes.length > 0 && (
                    <Descriptions.Item label={t('rec.thing.attributes')}>
                      {attributes.map(([k, v]) => (
                        <div key={k}>
                          <Typography.Text type="secondary">{k}：</Typography.Text>
                          {typeof v === 'object' ? JSON.stringify(v) : String(v)}
                        </div>
                      ))}
                    </Descriptions.Item>
                  )}
                  <Descriptions.Item label={t('rec.jurisdiction')}>{x.jurisdictionName ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('rec.version')}>{x.version}</Descriptions.Item>
                </Descriptions>
              ),
            },
            {
              key: 'history',
              label: t('rec.tab.history'),
              children: (
                <ChangeHistory
                  resource="things"
                  id={x.id}
                  labels={THING_FIELDS}
                  names={{
                    kind: (c) => codes.name('thingKinds', c),
                    status: (c) => (isThingStatus(c) ? t(`rec.thing.status.${c}`) : c),
                    lastSeenAt: (v) => formatDateTime(v),
                  }}
                />
              ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
