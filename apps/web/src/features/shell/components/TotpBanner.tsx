import { Alert, Button } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { totpPending } from '../../../app/guards';
import { useI18n } from '../../../i18n/I18nProvider';
import { useCurrentUser } from '../../auth/hooks/useAuth';

/** Reminds users whose role requires two-factor authentication but who have not set it up. */
export function TotpBanner() {
  const me = useCurrentUser();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (!totpPending(me)) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      title={t('shell.totpBanner')}
      action={
        pathname !== '/settings' && (
          <Button size="small" type="primary" onClick={() => navigate('/settings#totp')}>
            {t('shell.totpBannerAction')}
          </Button>
        )
      }
    />
  );
}
