import { LogoutOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { LanguageSwitch } from '../../shell/components/LanguageSwitch';
import { Logo } from '../../shell/components/Logo';
import { useCurrentUser, useLogout } from '../hooks/useAuth';
import { ChangePasswordForm } from '../components/ChangePasswordForm';

/**
 * After first sign-in or an administrator's reset the user must pick a new password; RequireAuth
 * keeps them on this page (no menu) until `mustChangePassword` is cleared, then sends them to `/`.
 */
export function ForcedPasswordPage() {
  const me = useCurrentUser();
  const { t } = useI18n();
  const notify = useNotify();
  const logout = useLogout();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const signOut = () =>
    logout.mutate(undefined, {
      onSettled: async () => {
        await navigate('/login', { replace: true });
        queryClient.clear();
      },
    });

  return (
    <Flex vertical style={{ minHeight: '100vh', background: '#f3f5f9' }}>
      <Flex justify="space-between" align="center" style={{ padding: '12px 24px', background: '#0f2747' }}>
        <Flex align="center" gap={10}>
          <Logo size={28} />
          <Typography.Text style={{ color: '#fff', fontSize: 16 }}>{t('brand.full')}</Typography.Text>
        </Flex>
        <Flex align="center" gap={8}>
          <LanguageSwitch light />
          <Button type="text" icon={<LogoutOutlined />} onClick={signOut} style={{ color: 'rgba(255,255,255,0.85)' }}>
            {t('header.logout')}
          </Button>
        </Flex>
      </Flex>
      <Flex justify="center" style={{ padding: '48px 16px' }}>
        <Card style={{ width: 480 }} title={t('password.forcedTitle')}>
          <Alert
            type="warning"
            showIcon
            title={`${me.displayName}（${me.username}）`}
            description={t('password.forcedHint')}
            style={{ marginBottom: 16 }}
          />
          <ChangePasswordForm onChanged={() => notify.success('password.changed')} />
        </Card>
      </Flex>
    </Flex>
  );
}
