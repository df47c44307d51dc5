import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError, errorText } from '../../api/errors';
import type { DictKey } from '../../i18n/dict';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * message.success / message.error in the reader's language. Updates that carry a `version` pass
 * `{ versioned: true }`, so their 409 reads the one wording every page uses for a lost update:
 * "该记录已被他人修改，请刷新后重试".
 */
export function useNotify() {
  const { message } = App.useApp();
  const { t, lang } = useI18n();
  const success = useCallback((key: DictKey) => void message.success(t(key)), [message, t]);
  const error = useCallback(
    (err: unknown, options?: { versioned?: boolean }) => {
      const lostUpdate = options?.versioned && err instanceof ApiError && err.status === 409;
      const text = lostUpdate ? t('common.conflict') : errorText(err, lang);
      void message.error(text);
    },
    [message, t, lang],
  );
  return { success, error };
}
