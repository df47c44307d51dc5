import { CloudDownloadOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, List, Progress, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../../../api/errors';
import { useI18n } from '../../../i18n/I18nProvider';
import { useLocal, useOnline, useSyncState } from '../hooks/useSurveyStore';
import { downloadSlice } from '../offline/sync';
import { buildingOrder } from '../utils/houses';

/** The day's start: download the grid, then pick a building. */
export function SurveyHome() {
  const { t, lang } = useI18n();
  const online = useOnline();
  const state = useSyncState();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<number | null>(null);

  const buildings = useLocal(async (db) => {
    const [bs, houses, visits] = await Promise.all([db.getAll('buildings'), db.getAll('houses'), db.getAll('visits')]);
    const visitedLocally = new Set(visits.map((v) => v.houseId));
    return buildingOrder(bs).map((b) => {
      const hs = houses.filter((h) => h.buildingId === b.id);
      return { ...b, houses: hs.length, visited: hs.filter((h) => h.lastVisit || visitedLocally.has(h.id)).length };
    });
  }, []);

  async function download() {
    setProgress(0);
    try {
      const r = await downloadSlice(setProgress);
      message.success(t('survey.download.done', { houses: r.houses, people: r.people }));
    } catch (e) {
      message.error(e instanceof Error && e.message === 'queue-not-empty' ? t('survey.download.queueFirst') : errorText(e, lang));
    } finally {
      setProgress(null);
    }
  }

  const queued = (state?.pending ?? 0) > 0;
  return (
    <div className="survey-body">
      <Card size="small">
        {state?.slice ? (
          <Typography.Paragraph style={{ marginBottom: 8 }} data-testid="slice-info">
            {t('survey.slice.info', { houses: state.slice.houses, people: state.slice.people, time: dayjs(state.slice.generatedAt).format('MM-DD HH:mm') })}
          </Typography.Paragraph>
        ) : (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('survey.slice.none')}</Typography.Paragraph>
        )}
        <Button type="primary" block size="large" icon={<CloudDownloadOutlined />} disabled={!online || queued || progress !== null} onClick={() => void download()}>
          {t('survey.download')}
        </Button>
        {progress !== null && <Progress percent={Math.round(progress * 100)} size="small" data-testid="download-progress" />}
        {!online && <Typography.Text type="secondary">{t('survey.download.offline')}</Typography.Text>}
        {online && queued && <Typography.Text type="secondary">{t('survey.download.queueFirst')}</Typography.Text>}
      </Card>
      {state && state.conflicts > 0 && (
        <Alert type="error" showIcon message={t('survey.conflicts.banner', { n: state.conflicts })} action={<Button size="small" danger onClick={() => navigate('/survey/conflicts')}>{t('survey.conflicts.open')}</Button>} />
      )}
      {state && state.rejections.length > 0 && (
        <Alert type="warning" showIcon message={t('survey.rejected.title')} description={
          <ul style={{ paddingLeft: 16, margin: 0 }}>
            {state.rejections.slice(-5).map((r) => <li key={r.key}>{r.personName}：{lang === 'en' ? r.messageEn : r.message}</li>)}
          </ul>
        } />
      )}
      <Card size="small" title={t('survey.buildings')}>
        {buildings && buildings.length === 0 ? (
          <Empty description={t('survey.buildings.empty')} />
        ) : (
          <List
            dataSource={buildings ?? []}
            loading={!buildings}
            renderItem={(b) => (
              <List.Item style={{ cursor: 'pointer' }} data-testid={`building-${b.id}`} onClick={() => navigate(`/survey/buildings/${b.id}`)} extra={<RightOutlined />}>
                <List.Item.Meta
                  title={[b.estateName, b.name].filter(Boolean).join(' ')}
                  description={t('survey.buildings.progress', { visited: b.visited, houses: b.houses })}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
