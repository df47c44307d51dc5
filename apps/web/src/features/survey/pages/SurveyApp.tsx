import { LeftOutlined } from '@ant-design/icons';
import { Button, Result, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../../api/errors';
import { useI18n } from '../../../i18n/I18nProvider';
import { SyncBar } from '../components/SyncBar';
import { surveyApi } from '../hooks/surveyApi';
import { useOnline } from '../hooks/useSurveyStore';
import { getMeta, setMeta } from '../offline/db';
import { registerOffline } from '../offline/register';
import { syncNow } from '../offline/sync';
import '../survey.css';
import { BuildingScreen } from './BuildingScreen';
import { ConflictScreen } from './ConflictScreen';
import { SurveyHome } from './SurveyHome';
import { VisitScreen } from './VisitScreen';

type Who = { displayName: string; permissions: string[] };

/**
 * 入户调查 — the grid worker's phone app at /survey. It runs outside the desktop shell and does
 * not need the server to start: the app shell comes from the service worker's cache, the data
 * and the queue from IndexedDB, and who is signed in from the last time it was online.
 */
export function SurveyApp() {
  const { t } = useI18n();
  const online = useOnline();
  const location = useLocation();
  const navigate = useNavigate();
  const [who, setWho] = useState<Who | null | undefined>(undefined);

  useEffect(() => {
    registerOffline();
  }, []);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const me = await surveyApi.me();
        await setMeta('me', { id: me.id, username: me.username, displayName: me.displayName, permissions: me.permissions });
        if (live) setWho(me);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return navigate('/login', { replace: true, state: { from: '/survey' } });
        // offline: whoever last used the survey on this phone
        const stored = await getMeta('me');
        if (live) setWho(stored ?? null);
      }
    })();
    return () => {
      live = false;
    };
  }, [navigate]);

  // back online: send what waited
  useEffect(() => {
    if (online && who) void syncNow().catch(() => undefined);
  }, [online, who]);

  if (who === undefined) return <Spin size="large" style={{ display: 'block', marginTop: '40vh' }} />;
  if (who === null) {
    return <Result status="warning" title={t('survey.noData.title')} subTitle={t('survey.noData.hint')} />;
  }
  if (!who.permissions.includes('survey.use')) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;

  const atHome = location.pathname === '/survey' || location.pathname === '/survey/';
  return (
    <div className="survey-app">
      <div className="survey-top">
        <div className="survey-title">
          {!atHome && <Button className="survey-back" type="text" icon={<LeftOutlined />} aria-label={t('survey.back')} onClick={() => navigate(-1)} />}
          <span>{t('survey.title')}</span>
          <span className="survey-who">{who.displayName}</span>
        </div>
        <SyncBar />
      </div>
      <Routes>
        <Route index element={<SurveyHome />} />
        <Route path="buildings/:id" element={<BuildingScreen />} />
        <Route path="houses/:id" element={<VisitScreen />} />
        <Route path="conflicts" element={<ConflictScreen />} />
        <Route path="*" element={<Navigate to="/survey" replace />} />
      </Routes>
    </div>
  );
}
