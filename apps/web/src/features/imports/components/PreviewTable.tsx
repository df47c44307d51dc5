import { Button, Flex, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { useImportRows } from '../hooks/useImports';
import type { ImportJob, ImportRow, RowClass } from '../types';
import { ROW_CLASSES, classInfo, rowSummary } from '../utils/importView';

const LIMIT = 20;

/** 预览与校验: staged rows by class, with the normalised values and the reason for each problem. */
export function PreviewTable({ job }: { job: ImportJob }) {
  const { t, lang } = useI18n();
  const [cls, setCls] = useState<RowClass | 'all'>('all');
  const [stack, setStack] = useState<number[]>([0]);
  const after = stack.at(-1)!;
  const rows = useImportRows(job.id, { limit: LIMIT, after, ...(cls === 'all' ? {} : { class: cls }) });
  const choose = (v: RowClass | 'all') => {
    setCls(v);
    setStack([0]);
  };
  if (rows.isError) return <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />;
  return (
    <>
      <Segmented
        style={{ marginBottom: 12 }}
        value={cls}
        onChange={(v) => choose(v as RowClass | 'all')}
        options={[
          { value: 'all', label: `${t('common.all')} ${job.totalRows}` },
          ...ROW_CLASSES.filter((c) => job.counts[c.value]).map((c) => ({ value: c.value, label: `${t(c.label)} ${job.counts[c.value]}` })),
        ]}
      />
      <Table<ImportRow>
        size="small"
        rowKey="rowNo"
        loading={rows.isFetching}
        pagination={false}
        data-testid="preview-table"
        dataSource={rows.data?.items ?? []}
        locale={{ emptyText: t('imports.preview.empty') }}
        columns={[
          { title: t('imports.preview.rowNo'), dataIndex: 'rowNo', width: 70 },
          { title: t('imports.preview.class'), dataIndex: 'class', width: 100, render: (c: RowClass) => <Tag color={classInfo(c).color}>{t(classInfo(c).label)}</Tag> },
          { title: t('imports.preview.content'), key: 'content', render: (_, r) => rowSummary(job.kind, r) || '—' },
          {
            title: t('imports.preview.messages'),
            key: 'messages',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                {r.messages.map((m, i) => (
                  <Typography.Text key={i} type={r.class === 'error' || r.class === 'conflict' ? 'danger' : 'warning'}>
                    {lang === 'zh' ? m.zh : m.en}
                  </Typography.Text>
                ))}
                {r.changes.length > 0 && <Typography.Text type="secondary">{t('imports.preview.changes', { fields: r.changes.join(', ') })}</Typography.Text>}
              </Space>
            ),
          },
        ]}
      />
      <Flex justify="flex-end" gap={8} style={{ marginTop: 12 }}>
        <Button disabled={stack.length < 2} onClick={() => setStack(stack.slice(0, -1))}>{t('common.prevPage')}</Button>
        <Button disabled={rows.data?.nextAfter == null} onClick={() => setStack([...stack, rows.data!.nextAfter!])}>{t('common.nextPage')}</Button>
      </Flex>
    </>
  );
}
