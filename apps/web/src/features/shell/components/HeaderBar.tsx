import { LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Divider, Flex, Grid, Popconfirm, Tag, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import { useCurrentUser, useLogout } from '../../auth/hooks/useAuth';
import { LanguageSwitch } from './LanguageSwitch';

/** Who is signed in (name, roles, jurisdictions), the language switch and 退出登录. */
export function HeaderBar({ collapsed, onToggle }: { collapsed: boolean; onToggle: () => void }) {
  const me = useCurrentUser();
  const { t, lang } = useI18n();
  const logout = useLogout();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // on a phone the header keeps the name, the language and an icon to sign out; roles and
  // jurisdictions are on the workbench
  const wide = Grid.useBreakpoint().md !== false;

  // Whatever the server answers, the user asked to leave: go to /login and forget cached data.
  const signOut = () =>
    logout.mutate(undefined, {
      onSettled: async () => {
        await navigate('/login', { replace: true });
        queryClient.clear();
      },
    });

  const jurisdictionNames = me.jurisdictions.map((j) => j.name).join('、');

  return (
    <Flex align="center" justify="space-between" style={{ height: '100%' }}>
      <Tooltip title={collapsed ? t('header.expand') : t('header.collapse')}>
        <Button
          type="text"
          icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
          onClick={onToggle}
          aria-label={collapsed ? t('header.expand') : t('header.collapse')}
        />
      </Tooltip>
      <Flex align="center" gap={4}>
        <Flex align="center" gap={8}>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1d5bd8' }} />
          <Typography.Text strong ellipsis style={{ maxWidth: wide ? undefined : 110 }}>
            {me.displayName}
          </Typography.Text>
          {wide && me.roles.map((r) => (
            <Tag key={r.code} color="blue" style={{ marginInlineEnd: 0 }}>
              {localName(r, lang)}
            </Tag>
          ))}
          {wide && jurisdictionNames && (
            <Tooltip title={`${t('header.jurisdictions')}：${jurisdictionNames}`}>
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 240 }}>
                {jurisdictionNames}
              </Typography.Text>
            </Tooltip>
          )}
        </Flex>
        {wide && <Divider orientation="vertical" />}
        <LanguageSwitch />
        <Popconfirm
          title={t('header.logoutConfirm')}
          onConfirm={signOut}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
          placement="bottomRight"
        >
          <Button type="text" icon={<LogoutOutlined />} loading={logout.isPending} aria-label={t('header.logout')}>
            {wide && t('header.logout')}
          </Button>
        </Popconfirm>
      </Flex>
    </Flex>
  );
}
