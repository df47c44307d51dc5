import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import type { AuditEntry } from '../../../api/types';
import { PERM, can } from '../../../app/permissions';
import { dict, type DictKey } from '../../../i18n/dict';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import { ErrorState } from '../../../shared/components/ErrorState';
import { KeysetPager } from '../../../shared/components/KeysetPager';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useCursorPaging } from '../../../shared/hooks/useCursorPaging';
import { useNotify } from '../../../shared/hooks/useNotify';
import { formatDateTime } from '../../../shared/utils/format';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { AuditFilters, type AuditFilter } from '../components/AuditFilters';
import { VerifyResult } from '../components/VerifyResult';
import { useAuditActions, useAuditList, useVerifyAudit } from '../hooks/useAudit';

const LIMIT = 20;

function hasDetail(detail: unknown): boolean {
  if (detail === null || detail === undefined || detail === '') return false;
  return typeof detail !== 'object' || Object.keys(detail as object).length > 0;
}

/** 审计日志: search the audit trail page by page, and verify that its hash chain is intact. */
export function AuditPage() {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const notify = useNotify();
  const [filter, setFilter] = useState<AuditFilter>({});
  const paging = useCursorPaging<number>();
  const list = useAuditList({ ...filter, limit: LIMIT, ...(paging.cursor !== undefined ? { cursor: paging.cursor } : {}) });
  const actions = useAuditActions();
  const verify = useVerifyAudit();

  const actionName = useMemo(() => {
    const map = new Map((actions.data ?? []).map((a) => [a.code, localName(a, lang)]));
    return (code: string) => map.get(code) ?? code;
  }, [actions.data, lang]);

  const objectTypeName = (type: string) => {
    const key = `audit.objectType.${type}`;
    return key in dict ? t(key as DictKey) : type;
  };

  const columns: ColumnsType<AuditEntry> = [
    { title: 'ID', dataIndex: 'id', width: 80, render: (v: number) => <span className="mono">{v}</span> },
    { title: t('audit.occurredAt'), dataIndex: 'occurredAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: t('audit.username'),
      dataIndex: 'username',
      width: 130,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (code: string) => (
        <span title={code}>{actionName(code)}</span>
      ),
    },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      width: 180,
      render: (v: AuditEntry['outcome'], e) =>
        v === 'success' ? (
          <Tag color="success">{t('audit.outcome.success')}</Tag>
        ) : (
          <Flex vertical gap={2} align="flex-start">
            <Tag color="error">{t('audit.outcome.failure')}</Tag>
            {e.reason && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.reason}
              </Typography.Text>
            )}
          </Flex>
        ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
    {
      title: t('audit.object'),
      key: 'object',
      ellipsis: true,
      render: (_, e) =>
        e.objectType ? (
          <Typography.Text>
            {objectTypeName(e.objectType)}
            {e.objectId && (
              <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
                {' '}
                #{e.objectId}
              </Typography.Text>
            )}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          can(me, PERM.auditVerify) && (
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={verify.isPending}
              onClick={() => verify.mutate(undefined, { onError: (err) => notify.error(err) })}
            >
              {t('audit.verify')}
            </Button>
          )
        }
      />
      {verify.data && <VerifyResult result={verify.data} onClose={() => verify.reset()} />}
      <Card style={{ marginBottom: 16 }}>
        <AuditFilters
          actions={actions.data ?? []}
          actionsLoading={actions.isPending}
          onChange={(f) => {
            setFilter(f);
            paging.reset();
          }}
        />
      </Card>
      <Card>
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<AuditEntry>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.isFetching}
              pagination={false}
              expandable={{
                rowExpandable: (e) => hasDetail(e.detail),
                expandedRowRender: (e) => (
                  <pre className="mono" style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                    {typeof e.detail === 'string' ? e.detail : JSON.stringify(e.detail, null, 2)}
                  </pre>
                ),
              }}
              locale={{ emptyText: <Empty description={t('audit.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            />
            <KeysetPager
              page={paging.page}
              hasPrev={paging.hasPrev}
              hasNext={list.data?.nextCursor != null}
              onPrev={paging.prev}
              onNext={() => list.data?.nextCursor != null && paging.next(list.data.nextCursor)}
              loading={list.isFetching}
            />
          </>
        )}
      </Card>
    </>
  );
}
