import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { User, UserQuery } from '../../../api/types';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import { ErrorState } from '../../../shared/components/ErrorState';
import { KeysetPager } from '../../../shared/components/KeysetPager';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useCursorPaging } from '../../../shared/hooks/useCursorPaging';
import { formatDateTime } from '../../../shared/utils/format';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { LevelTag } from '../../jurisdiction/components/LevelTag';
import { ResetPasswordModal } from '../components/ResetPasswordModal';
import { UserFormModal } from '../components/UserFormModal';
import { UserRowActions } from '../components/UserRowActions';
import { UserStatusTag } from '../components/UserStatusTag';
import { useRoles, useUserList } from '../hooks/useUsers';

const PAGE_SIZES = [10, 20, 50];

type StatusFilter = NonNullable<UserQuery['status']>;

interface Filters {
  q?: string;
  role?: string;
  status?: StatusFilter;
}

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'reset'; user: User } | null;

/** 用户管理: find accounts, create and edit them, disable/enable, reset passwords, unlock. */
export function UsersPage() {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const roles = useRoles();
  const [filters, setFilters] = useState<Filters>({});
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(20);
  const paging = useCursorPaging<string>();
  const list = useUserList({ ...filters, limit, ...(paging.cursor ? { cursor: paging.cursor } : {}) });
  const [dialog, setDialog] = useState<Dialog>(null);
  const adminRoles = new Set((roles.data ?? []).filter((r) => r.isAdmin).map((r) => r.code));
  /** 三员 accounts are kept from the command line; the server refuses changes to them. */
  const isProtected = (u: User) => u.roles.some((r) => adminRoles.has(r.code));

  const applyFilters = (next: Filters) => {
    setFilters(next);
    paging.reset();
  };

  const columns: ColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      width: 130,
      render: (v: string) => <Typography.Text className="mono">{v}</Typography.Text>,
    },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 200 },
    {
      title: t('users.roles'),
      key: 'roles',
      render: (_, u) =>
        u.roles.length ? (
          <Space size={[0, 4]} wrap>
            {u.roles.map((r) => (
              <Tag key={r.code} color="blue">
                {localName(r, lang)}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
    {
      title: t('users.jurisdictions'),
      key: 'jurisdictions',
      render: (_, u) => {
        const [first, ...rest] = u.jurisdictions;
        if (!first) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
        return (
          <Space size={4} wrap={false} style={{ whiteSpace: 'nowrap' }}>
            <span>{first.name}</span>
            <LevelTag level={first.level} />
            {rest.length > 0 && (
              <Tooltip title={rest.map((j) => j.name).join('、')}>
                <Tag>+{rest.length}</Tag>
              </Tooltip>
            )}
          </Space>
        );
      },
    },
    { title: t('users.status'), key: 'status', width: 130, render: (_, u) => <UserStatusTag user={u} /> },
    {
      title: t('users.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      width: 170,
      render: (v: string | null) =>
        v ? (
          <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>
        ) : (
          <Typography.Text type="secondary">{t('common.neverLoggedIn')}</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, u) => (
        <UserRowActions
          user={u}
          isSelf={u.id === me.id}
          isProtected={isProtected(u)}
          onEdit={() => setDialog({ kind: 'edit', user: u })}
          onResetPassword={() => setDialog({ kind: 'reset', user: u })}
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('users.create')}
          </Button>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder={t('users.searchPlaceholder')}
            allowClear
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              if (!e.target.value) applyFilters({ ...filters, q: undefined });
            }}
            onSearch={(v) => applyFilters({ ...filters, q: v.trim() || undefined })}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            placeholder={t('users.filterRole')}
            style={{ width: 180 }}
            value={filters.role}
            loading={roles.isPending}
            options={(roles.data ?? []).map((r) => ({ value: r.code, label: localName(r, lang) }))}
            onChange={(role?: string) => applyFilters({ ...filters, role })}
          />
          <Select
            allowClear
            placeholder={t('users.filterStatus')}
            style={{ width: 140 }}
            value={filters.status}
            options={[
              { value: 'active', label: t('users.status.active') },
              { value: 'disabled', label: t('users.status.disabled') },
              { value: 'locked', label: t('users.locked') },
            ]}
            onChange={(status?: StatusFilter) => applyFilters({ ...filters, status })}
          />
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} />
          </Tooltip>
        </Flex>
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<User>
              rowKey="id"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.isFetching}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty description={t('users.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            />
            <KeysetPager
              page={paging.page}
              hasPrev={paging.hasPrev}
              hasNext={Boolean(list.data?.nextCursor)}
              onPrev={paging.prev}
              onNext={() => list.data?.nextCursor && paging.next(list.data.nextCursor)}
              total={list.data?.total}
              pageSize={limit}
              pageSizes={PAGE_SIZES}
              onPageSizeChange={(n) => {
                setLimit(n);
                paging.reset();
              }}
              loading={list.isFetching}
            />
          </>
        )}
      </Card>
      {dialog?.kind === 'create' && <UserFormModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <UserFormModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reset' && <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />}
    </>
  );
}
