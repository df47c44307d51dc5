import { LockOutlined } from '@ant-design/icons';
import { Space, Tag } from 'antd';
import type { User } from '../../../api/types';
import { useI18n } from '../../../i18n/I18nProvider';

/** 启用 / 停用, plus 锁定 while too many failed sign-ins keep the account shut. */
export function UserStatusTag({ user }: { user: Pick<User, 'status' | 'locked'> }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      {user.status === 'active' ? (
        <Tag color="success">{t('users.status.active')}</Tag>
      ) : (
        <Tag>{t('users.status.disabled')}</Tag>
      )}
      {user.locked && (
        <Tag color="error" icon={<LockOutlined />}>
          {t('users.locked')}
        </Tag>
      )}
    </Space>
  );
}
