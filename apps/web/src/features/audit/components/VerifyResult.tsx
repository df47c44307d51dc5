import { Alert } from 'antd';
import type { AuditVerifyResult } from '../../../api/types';
import { useI18n } from '../../../i18n/I18nProvider';

/** The outcome of 校验审计链, as a green or red banner naming the first broken record. */
export function VerifyResult({ result, onClose }: { result: AuditVerifyResult; onClose: () => void }) {
  const { t } = useI18n();
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        title={t('audit.verifyOk')}
        description={t('audit.verifyOkDesc', { checked: result.checked })}
        closable={{ onClose }}
        style={{ marginBottom: 16 }}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      title={t('audit.verifyBad')}
      description={
        <>
          <div>{t('audit.verifyBadDesc', { checked: result.checked, id: result.firstBadId ?? '?' })}</div>
          {result.reason && <div>{t('audit.verifyReason', { reason: result.reason })}</div>}
        </>
      }
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
    />
  );
}
