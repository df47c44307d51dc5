import { ArrowRightOutlined } from '@ant-design/icons';
import { Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import type { DictKey } from '../../../i18n/dict';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { formatDateTime } from '../../../shared/utils/format';
import { useRecordHistory } from '../hooks/useHistory';
import type { HistoryResource, RecordChange } from '../types';
import { changeLines, changeValueText, pathCode } from '../utils/history';

const OP_COLOR: Record<RecordChange['op'], string> = { insert: 'green', update: 'blue', delete: 'red' };

/**
 * 变更记录 of one record: when, who, and which fields went from what to what. `labels` names the
 * fields a reader knows (in the order to show them); `names` turns a field's codes into words.
 */
export function ChangeHistory({
  resource,
  id,
  labels,
  names = {},
}: {
  resource: HistoryResource;
  id: string;
  labels: Readonly<Record<string, DictKey>>;
  names?: Readonly<Record<string, (code: string) => string>>;
}) {
  const { t } = useI18n();
  const history = useRecordHistory(resource, id);
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  if (history.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (history.data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rec.history.empty')} />;

  const labelText = Object.fromEntries(Object.entries(labels).map(([field, key]) => [field, t(key)]));
  return (
    <Timeline
      items={history.data.map((c) => ({
        key: c.id,
        color: OP_COLOR[c.op],
        title: (
          <Flex gap={8} align="center" wrap>
            <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.changedAt)}</span>
            <Tag color={OP_COLOR[c.op]} style={{ marginInlineEnd: 0 }}>
              {t(`rec.history.op.${c.op}`)}
            </Tag>
            <Typography.Text type="secondary">{c.changedByName ?? t('rec.history.system')}</Typography.Text>
          </Flex>
        ),
        content: (
          <Flex vertical gap={2}>
            {changeLines(c, labelText).map((line) => {
              const name = names[line.field] ?? (line.field === 'path' ? pathCode : undefined);
              return (
                <span key={line.field}>
                  <Typography.Text type="secondary">{line.label}：</Typography.Text>
                  {c.op !== 'insert' && (
                    <>
                      <Typography.Text delete type="secondary">
                        {changeValueText(line.from, name)}
                      </Typography.Text>
                      <ArrowRightOutlined style={{ margin: '0 6px', fontSize: 11, color: '#999' }} />
                    </>
                  )}
                  <Typography.Text>{changeValueText(line.to, name)}</Typography.Text>
                </span>
              );
            })}
          </Flex>
        ),
      }))}
    />
  );
}
