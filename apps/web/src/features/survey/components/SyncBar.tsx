import { CloudSyncOutlined, WarningOutlined } from '@ant-design/icons';
import { App, Badge, Button, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../../../api/errors';
import { useI18n } from '../../../i18n/I18nProvider';
import { useOnline, useSyncState } from '../hooks/useSurveyStore';
import { syncChannel, type Channel } from '../offline/channels';
import '../offline/sync';
import '../survey.css';

/**
 * Always on screen in a field app: online or not, how much waits to be uploaded, when the last
 * sync was. The survey's by default; the caregiver's app passes its channel.
 */
export function SyncBar({ channel = 'survey' }: { channel?: Channel }) {
  const { t, lang } = useI18n();
  const online = useOnline();
  const state = useSyncState(channel);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);

  async function sync() {
    setBusy(true);
    try {
      const r = await syncChannel(channel);
      if (r.conflicts) message.warning(t('survey.sync.doneConflicts', { n: r.conflicts }));
      else if (r.rejected) message.warning(t('survey.sync.doneRejected', { n: r.rejected }));
      else message.success(t(channel === 'care' ? 'care.app.synced' : 'survey.sync.done', { n: r.sent, photos: r.photos }));
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="survey-syncbar" data-testid="sync-bar">
      <Tag color={online ? 'success' : 'default'} data-testid="net-state">{online ? t('survey.online') : t('survey.offline')}</Tag>
      <span data-testid="pending">{t('survey.pending', { n: state?.pending ?? 0 })}</span>
      <span className="survey-syncbar-time">
        {state?.lastSync ? t('survey.lastSync', { time: dayjs(state.lastSync).format(dayjs(state.lastSync).isSame(dayjs(), 'day') ? 'HH:mm' : 'MM-DD HH:mm') }) : t('survey.neverSynced')}
      </span>
      {state && state.conflicts > 0 && (
        <Badge count={state.conflicts} size="small">
          <Tag color="error" icon={<WarningOutlined />} style={{ cursor: 'pointer' }} onClick={() => navigate('/survey/conflicts')}>
            {t('survey.conflicts.tag')}
          </Tag>
        </Badge>
      )}
      <Button size="small" type="primary" icon={<CloudSyncOutlined />} disabled={!online} loading={busy} onClick={() => void sync()}>
        {t('survey.sync.now')}
      </Button>
    </div>
  );
}
