import { LockOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Tag, Tooltip } from 'antd';
import type { User, UserStatus } from '../../../api/types';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { useUnlockUser, useUpdateUser } from '../hooks/useUsers';

interface Props {
  user: User;
  /** The row is the signed-in administrator: they cannot disable themselves. */
  isSelf: boolean;
  /** 三员 accounts are kept from the command line; the server refuses changes to them. */
  isProtected: boolean;
  onEdit: () => void;
  onResetPassword: () => void;
}

/** 编辑 · 停用/启用 · 重置密码 · 解锁 for one row of 用户管理. */
export function UserRowActions({ user, isSelf, isProtected, onEdit, onResetPassword }: Props) {
  const { t } = useI18n();
  const notify = useNotify();
  const update = useUpdateUser();
  const unlock = useUnlockUser();

  const setStatus = (status: UserStatus) =>
    update
      .mutateAsync({ id: user.id, body: { status, version: user.version } })
      .then(() => notify.success(status === 'active' ? 'users.enabledOk' : 'users.disabledOk'))
      .catch((err: unknown) => notify.error(err, { versioned: true }));

  const unlockButton = user.locked && (
    <Popconfirm
      title={t('users.unlockConfirm')}
      okText={t('users.unlock')}
      cancelText={t('common.cancel')}
      onConfirm={() =>
        unlock
          .mutateAsync(user.id)
          .then(() => notify.success('users.unlocked'))
          .catch((err: unknown) => notify.error(err))
      }
    >
      <Button type="link" size="small">
        {t('users.unlock')}
      </Button>
    </Popconfirm>
  );

  if (isProtected) {
    return (
      <Space size={0}>
        <Tooltip title={t('users.protected')}>
          <Tag icon={<LockOutlined />} style={{ marginInline: 8 }}>
            {t('users.protectedTag')}
          </Tag>
        </Tooltip>
        {unlockButton}
      </Space>
    );
  }

  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={onEdit}>
        {t('users.edit')}
      </Button>
      {user.status === 'active' ? (
        <Popconfirm
          title={t('users.disableConfirm')}
          description={t('users.disableDesc')}
          okText={t('users.disable')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={() => setStatus('disabled')}
          disabled={isSelf}
        >
          <Button type="link" size="small" danger disabled={isSelf}>
            {t('users.disable')}
          </Button>
        </Popconfirm>
      ) : (
        <Popconfirm
          title={t('users.enableConfirm')}
          okText={t('users.enable')}
          cancelText={t('common.cancel')}
          onConfirm={() => setStatus('active')}
        >
          <Button type="link" size="small">
            {t('users.enable')}
          </Button>
        </Popconfirm>
      )}
      <Button type="link" size="small" onClick={onResetPassword}>
        {t('users.resetPassword')}
      </Button>
      {unlockButton}
    </Space>
  );
}
