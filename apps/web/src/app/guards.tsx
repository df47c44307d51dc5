import { Button, Flex, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/errors';
import { useCurrentUser, useMeQuery } from '../features/auth/hooks/useAuth';
import { useI18n } from '../i18n/I18nProvider';
import { ErrorState } from '../shared/components/ErrorState';
import { CHANGE_PASSWORD_PATH, LOGIN_PATH } from './paths';
import { can, type Permission } from './permissions';

/** A full-screen spinner while the session is being checked. */
export function FullScreenSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/**
 * Everything behind it needs a session. Without one → /login (remembering where the user was
 * going); with a password that must be changed → the change-password page and nowhere else.
 */
export function RequireAuth() {
  const location = useLocation();
  const me = useMeQuery();
  if (me.isPending) return <FullScreenSpin />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      return <Navigate to={LOGIN_PATH} replace state={{ from: location.pathname + location.search }} />;
    }
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Flex>
    );
  }
  const forced = me.data.mustChangePassword;
  if (forced && location.pathname !== CHANGE_PASSWORD_PATH) return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  if (!forced && location.pathname === CHANGE_PASSWORD_PATH) return <Navigate to="/" replace />;
  return <Outlet />;
}

/** Whether the user still has to set up two-factor authentication before using most modules. */
export function totpPending(me: { totpRequired: boolean; totpEnabled: boolean }): boolean {
  return me.totpRequired && !me.totpEnabled;
}

/**
 * Shows the page only to users holding the permission (others get a plain 403), and only once a
 * required two-factor set-up is done, unless the module works before it.
 */
export function RequirePermission({
  permission,
  whilePending = false,
  children,
}: {
  permission?: Permission;
  whilePending?: boolean;
  children: ReactNode;
}) {
  const me = useCurrentUser();
  if (!can(me, permission)) return <Forbidden />;
  if (totpPending(me) && !whilePending) return <TotpFirst />;
  return <>{children}</>;
}

function TotpFirst() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="warning"
      title={t('totp.firstTitle')}
      subTitle={t('shell.totpBanner')}
      extra={
        <Button type="primary" onClick={() => navigate('/settings#totp')}>
          {t('shell.totpBannerAction')}
        </Button>
      }
    />
  );
}

export function Forbidden() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('common.forbidden')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}

export function NotFound() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
