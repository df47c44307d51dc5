import { ArrowRightOutlined } from '@ant-design/icons';
import { Empty, Flex, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../../../i18n/I18nProvider';
import { ErrorState } from '../../../../shared/components/ErrorState';
import { formatDateTime } from '../../../../shared/utils/format';
import { useCodes } from '../../hooks/useDictionaries';
import { useNodeNames, usePersonHistory } from '../../hooks/usePeople';
import type { PersonChange } from '../../types';
import { fieldLabelKey, formatChangeValue, pathCode, shownFields, type CodeNames } from '../../utils/history';
import { personStatusKey } from '../PersonStatusTag';

/** 变更记录: who changed what and when, field by field, old → new. */
export function HistoryTab({ personId }: { personId: string }) {
  const { t } = useI18n();
  const codes = useCodes();
  const history = usePersonHistory(personId, true);
  const pathCodes = [
    ...new Set(
      (history.data ?? []).flatMap((c) =>
        c.fields.filter((f) => f.field === 'path').flatMap((f) => [f.from, f.to].filter(Boolean).map(pathCode)),
      ),
    ),
  ];
  const nodeName = useNodeNames(pathCodes);

  const names: CodeNames = {
    gender: (c) => codes.name('genders', c),
    ethnicity: (c) => codes.name('ethnicities', c),
    tag: (c) => codes.name('personTags', c),
    status: (c) => t(personStatusKey(c)),
    dateTime: (iso) => formatDateTime(iso),
    node: nodeName,
  };

  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;

  return (
    <Table<PersonChange>
      rowKey="id"
      size="middle"
      loading={history.isPending}
      pagination={(history.data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
      dataSource={history.data ?? []}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} /> }}
      columns={[
        {
          title: t('history.time'),
          dataIndex: 'changedAt',
          width: 170,
          render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
        },
        {
          title: t('history.who'),
          key: 'who',
          width: 180,
          render: (_, c) => c.changedByName ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
        },
        {
          title: t('history.op'),
          dataIndex: 'op',
          width: 80,
          render: (op: PersonChange['op']) => <Tag color={op === 'insert' ? 'green' : op === 'delete' ? 'red' : 'blue'}>{t(`history.op.${op}`)}</Tag>,
        },
        {
          title: t('history.changes'),
          key: 'fields',
          render: (_, c) => (
            <Flex vertical gap={2}>
              {shownFields(c.op, c.fields).map((f) => {
                  const label = t(fieldLabelKey(f.field)!);
                  return (
                    <span key={f.field}>
                      <Typography.Text type="secondary">{label}：</Typography.Text>
                      {c.op !== 'insert' && (
                        <>
                          <Typography.Text delete type="secondary">
                            {formatChangeValue(f.field, f.from, names)}
                          </Typography.Text>
                          <ArrowRightOutlined style={{ margin: '0 6px', fontSize: 11, color: '#999' }} />
                        </>
                      )}
                      <Typography.Text>{formatChangeValue(f.field, f.to, names)}</Typography.Text>
                    </span>
                  );
                })}
            </Flex>
          ),
        },
      ]}
    />
  );
}
