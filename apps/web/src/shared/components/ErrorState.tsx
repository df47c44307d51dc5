import { Button, Result } from 'antd';
import { errorText } from '../../api/errors';
import { useI18n } from '../../i18n/I18nProvider';

/** What a page shows when its data could not be loaded: the server's reason and a retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, lang } = useI18n();
  return (
    <Result
      status="warning"
      title={t('common.loadFailed')}
      subTitle={errorText(error, lang)}
      extra={
        onRetry && (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}
