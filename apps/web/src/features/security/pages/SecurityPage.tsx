import { ReloadOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Flex, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { LockedUser, SessionRow } from '../../../api/types';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useNotify } from '../../../shared/hooks/useNotify';
import { formatDateTime } from '../../../shared/utils/format';
import { useUnlockUser } from '../../admin/hooks/useUsers';
import { useLockedUsers, useRevokeSession, useSessions } from '../hooks/useSecurity';

function UserCell({ displayName, username }: { displayName: string; username: string }) {
  return (
    <Flex vertical>
      <span>{displayName}</span>
      <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
        {username}
      </Typography.Text>
    </Flex>
  );
}

/** 安全管理: who is signed in right now (and signing them out), and which accounts are locked. */
export function SecurityPage() {
  const { t } = useI18n();
  const notify = useNotify();
  const sessions = useSessions();
  const locked = useLockedUsers();
  const revoke = useRevokeSession();
  const unlock = useUnlockUser();

  const sessionColumns: ColumnsType<SessionRow> = [
    {
      title: t('security.user'),
      key: 'user',
      width: 200,
      render: (_, s) => (
        <Flex align="center" gap={8}>
          <UserCell {...s} />
          {s.current && <Tag color="processing">{t('security.current')}</Tag>}
        </Flex>
      ),
    },
    { title: t('security.ip'), dataIndex: 'ip', width: 150, render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
    {
      title: t('security.userAgent'),
      dataIndex: 'userAgent',
      ellipsis: { showTitle: false },
      render: (v: string | null) => (
        <Tooltip title={v} placement="topLeft">
          <Typography.Text type="secondary">{v ?? '—'}</Typography.Text>
        </Tooltip>
      ),
    },
    { title: t('security.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    { title: t('security.lastSeenAt'), dataIndex: 'lastSeenAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, s) =>
        s.current ? (
          <Tooltip title={t('security.currentHint')}>
            <Button type="link" size="small" disabled>
              {t('security.forceLogout')}
            </Button>
          </Tooltip>
        ) : (
        <Popconfirm
          title={t('security.forceLogoutConfirm')}
          description={`${s.displayName}（${s.username}）${s.ip ? ` · ${s.ip}` : ''}`}
          okText={t('security.forceLogout')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            revoke
              .mutateAsync(s.id)
              .then(() => notify.success('security.forceLogoutOk'))
              .catch((err: unknown) => notify.error(err))
          }
        >
          <Button type="link" size="small" danger>
            {t('security.forceLogout')}
          </Button>
        </Popconfirm>
        ),
    },
  ];

  const lockedColumns: ColumnsType<LockedUser> = [
    { title: t('security.user'), key: 'user', render: (_, u) => <UserCell {...u} /> },
    {
      title: t('security.lockedUntil'),
      dataIndex: 'lockedUntil',
      render: (v: string) => formatDateTime(v),
    },
    { title: t('security.failedAttempts'), dataIndex: 'failedAttempts', width: 160 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, u) => (
        <Popconfirm
          title={t('users.unlockConfirm')}
          okText={t('users.unlock')}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            unlock
              .mutateAsync(u.id)
              .then(() => notify.success('users.unlocked'))
              .catch((err: unknown) => notify.error(err))
          }
        >
          <Button type="link" size="small">
            {t('users.unlock')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  const refresh = (q: { refetch: () => unknown; isFetching: boolean }) => (
    <Tooltip title={t('common.refresh')}>
      <Button size="small" icon={<ReloadOutlined />} loading={q.isFetching} onClick={() => void q.refetch()} />
    </Tooltip>
  );

  return (
    <>
      <PageHeader title={t('security.title')} subtitle={t('security.subtitle')} />
      <Flex vertical gap={16}>
        <Card
          title={
            <Flex align="center" gap={8}>
              {t('security.lockedUsers')}
              <Badge count={locked.data?.length ?? 0} showZero color={locked.data?.length ? '#ff4d4f' : '#bfbfbf'} />
            </Flex>
          }
          extra={refresh(locked)}
        >
          {locked.isError ? (
            <ErrorState error={locked.error} onRetry={() => void locked.refetch()} />
          ) : (
            <Table<LockedUser>
              rowKey="id"
              size="middle"
              columns={lockedColumns}
              dataSource={locked.data ?? []}
              loading={locked.isPending}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: <Empty description={t('security.noLocked')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            />
          )}
        </Card>
        <Card
          title={
            <Flex align="center" gap={8}>
              {t('security.sessions')}
              <Badge count={sessions.data?.length ?? 0} showZero color="#1d5bd8" overflowCount={999} />
            </Flex>
          }
          extra={refresh(sessions)}
        >
          {sessions.isError ? (
            <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
          ) : (
            <Table<SessionRow>
              rowKey="id"
              size="middle"
              columns={sessionColumns}
              dataSource={sessions.data ?? []}
              loading={sessions.isPending}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: <Empty description={t('security.noSessions')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            />
          )}
        </Card>
      </Flex>
    </>
  );
}
