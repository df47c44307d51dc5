import { Badge, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Progress, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { PERM, can } from '../../../app/permissions';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { KeysetPager } from '../../../shared/components/KeysetPager';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useCursorPaging } from '../../../shared/hooks/useCursorPaging';
import { useNotify } from '../../../shared/hooks/useNotify';
import { formatDateTime } from '../../../shared/utils/format';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { ExportStatusTag } from '../components/ExportStatusTag';
import { FilterSummary } from '../components/FilterSummary';
import { type ExportJob, useDecideExport, useDownloadExport, useMyExports, usePendingExports } from '../hooks/useExports';
import { progressPercent } from '../utils/resources';

/** 导出与审批: my exports (status, progress, download) and, for approvers, the requests awaiting a decision. */
export function ExportsPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const approver = can(me, PERM.exportApprove);
  const [tab, setTab] = useState('mine');
  const waiting = usePendingExports(approver).data?.items.length ?? 0;
  return (
    <>
      <PageHeader title={t('exports.title')} subtitle={t('exports.subtitle')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'mine', label: t('exports.tab.mine'), children: <MyExports /> },
            ...(approver
              ? [{
                  key: 'pending',
                  label: <Badge count={waiting} size="small" offset={[10, -2]}>{t('exports.tab.pending')}</Badge>,
                  children: <PendingRequests />,
                }]
              : []),
          ]}
        />
      </Card>
    </>
  );
}

function useCommonColumns(): ColumnsType<ExportJob> {
  const { t, lang } = useI18n();
  return [
    { title: t('exports.col.list'), key: 'list', width: 90, render: (_, j) => (lang === 'en' ? j.resourceNameEn : j.resourceName) },
    {
      title: t('exports.col.mode'), key: 'mode', width: 90,
      render: (_, j) => (j.masked ? <Tag>{t('exports.masked')}</Tag> : <Tag color="volcano">{t('exports.unmasked')}</Tag>),
    },
    { title: t('exports.col.filters'), key: 'filters', render: (_, j) => <FilterSummary filters={j.filters} /> },
  ];
}

function MyExports() {
  const { t } = useI18n();
  const notify = useNotify();
  const paging = useCursorPaging<string>();
  const list = useMyExports(paging.cursor);
  const download = useDownloadExport();
  const common = useCommonColumns();
  const columns: ColumnsType<ExportJob> = [
    ...common,
    { title: t('exports.col.status'), dataIndex: 'status', width: 100, render: (s: string) => <ExportStatusTag status={s} /> },
    {
      title: t('exports.col.progress'), key: 'progress', width: 170,
      render: (_, j) => {
        if (j.status === 'running') {
          const p = progressPercent(j.rowsWritten, j.rowsExpected);
          return p === undefined ? t('exports.rows', { n: j.rowsWritten }) : <Progress size="small" percent={p} status="active" />;
        }
        if (j.status === 'ready' || (!j.masked && j.downloads > 0)) return t('exports.rows', { n: j.rowsWritten });
        if (j.status === 'rejected' && j.decisionNote) return <Typography.Text type="secondary">{t('exports.rejectedFor', { note: j.decisionNote })}</Typography.Text>;
        if (j.status === 'failed') return <Typography.Text type="danger">{j.error}</Typography.Text>;
        return '—';
      },
    },
    { title: t('exports.col.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    { title: t('exports.col.expiresAt'), dataIndex: 'expiresAt', width: 150, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
    { title: t('exports.col.downloads'), key: 'downloads', width: 90, render: (_, j) => `${j.downloads} / ${j.maxDownloads}` },
    {
      title: t('common.actions'), key: 'actions', width: 90, fixed: 'right',
      render: (_, j) => {
        const usable = (j.status === 'ready' || j.status === 'approved') && j.downloads < j.maxDownloads;
        return usable ? (
          <Typography.Link onClick={() => download.mutate(j.id, { onError: (e) => notify.error(e) })}>{t('export.download')}</Typography.Link>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        );
      },
    },
  ];
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Table<ExportJob>
        rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching && !list.data}
        pagination={false} scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('exports.empty')} /> }}
      />
      <KeysetPager
        page={paging.page} hasPrev={paging.hasPrev} hasNext={Boolean(list.data?.nextCursor)} onPrev={paging.prev}
        onNext={() => list.data?.nextCursor && paging.next(list.data.nextCursor)} pageSize={20} pageSizes={[20]} onPageSizeChange={() => undefined}
        loading={list.isFetching}
      />
    </>
  );
}

function PendingRequests() {
  const { t } = useI18n();
  const notify = useNotify();
  const paging = useCursorPaging<string>();
  const list = usePendingExports(true, paging.cursor);
  const decide = useDecideExport();
  const common = useCommonColumns();
  const [rejecting, setRejecting] = useState<ExportJob | null>(null);
  const [form] = Form.useForm<{ note: string }>();

  const approve = (j: ExportJob) =>
    decide.mutateAsync({ id: j.id, decision: 'approve', version: j.version }).then(
      () => notify.success('exports.approvedDone'),
      (e: unknown) => notify.error(e, { versioned: true }),
    );
  const reject = async () => {
    const { note } = await form.validateFields();
    try {
      await decide.mutateAsync({ id: rejecting!.id, decision: 'reject', note, version: rejecting!.version });
      notify.success('exports.rejectedDone');
      setRejecting(null);
      form.resetFields();
    } catch (e) {
      notify.error(e, { versioned: true });
    }
  };

  const columns: ColumnsType<ExportJob> = [
    { title: t('exports.col.requester'), key: 'requester', width: 150, render: (_, j) => j.requestedBy.name ?? '—' },
    { title: t('exports.col.jurisdiction'), dataIndex: 'jurisdictionName', width: 130, render: (v: string | null) => v ?? '—' },
    ...common,
    {
      title: t('exports.col.reason'), dataIndex: 'reason', width: 220,
      render: (v: string | null) => <Tooltip title={v}><Typography.Text ellipsis style={{ maxWidth: 200 }}>{v}</Typography.Text></Tooltip>,
    },
    { title: t('exports.col.requestedAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'), key: 'actions', width: 130, fixed: 'right',
      render: (_, j) => (
        <Flex gap={12}>
          <Popconfirm title={t('exports.approveTitle')} description={<div style={{ maxWidth: 320 }}>{t('exports.approveConfirm')}</div>} okText={t('exports.approve')} cancelText={t('common.cancel')} onConfirm={() => approve(j)}>
            <Typography.Link>{t('exports.approve')}</Typography.Link>
          </Popconfirm>
          <Typography.Link type="danger" onClick={() => setRejecting(j)}>{t('exports.reject')}</Typography.Link>
        </Flex>
      ),
    },
  ];
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Table<ExportJob>
        rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching && !list.data}
        pagination={false} scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('exports.pendingEmpty')} /> }}
      />
      <KeysetPager
        page={paging.page} hasPrev={paging.hasPrev} hasNext={Boolean(list.data?.nextCursor)} onPrev={paging.prev}
        onNext={() => list.data?.nextCursor && paging.next(list.data.nextCursor)} pageSize={20} pageSizes={[20]} onPageSizeChange={() => undefined}
        loading={list.isFetching}
      />
      <Modal
        open={Boolean(rejecting)} title={t('exports.rejectTitle')} okText={t('exports.reject')} okButtonProps={{ danger: true, loading: decide.isPending }}
        onOk={() => void reject()} onCancel={() => setRejecting(null)} destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="note" label={t('exports.rejectNote')} rules={[{ required: true, whitespace: true, message: t('exports.rejectNoteRequired') }]}>
            <Input.TextArea rows={3} maxLength={200} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
