import { CameraOutlined, CheckCircleFilled, CloudDownloadOutlined, CloudUploadOutlined, EnvironmentOutlined, LeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Empty, Input, Progress, Radio, Rate, Result, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import { ApiError, errorText } from '../../../api/errors';
import type { DictKey } from '../../../i18n/dict';
import { useI18n } from '../../../i18n/I18nProvider';
import { SyncBar } from '../../survey/components/SyncBar';
import { useLocal, useOnline } from '../../survey/hooks/useSurveyStore';
import { syncChannel } from '../../survey/offline/channels';
import { getMeta, setMeta } from '../../survey/offline/db';
import { registerOffline } from '../../survey/offline/register';
import { downloadDay, localVisits, queuePhoto, queueStep, tickTasks } from '../offline/careSync';
import type { LocalCareVisit, StepBody } from '../types';
import { cstTime, kindKey, STATUS_COLOR, statusKey } from '../utils/care';
import { currentPosition } from '../utils/position';
import '../care.css';

type Stage = 'check_in' | 'during' | 'check_out';
type Who = { displayName: string; permissions: string[] };

/** Points the page's web-app manifest at the caregiver's, so "add to home screen" installs 护理员工作台. */
function useCareManifest() {
  useEffect(() => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
    if (!link) return;
    const before = link.href;
    link.href = '/care.webmanifest';
    return () => {
      link.href = before;
    };
  }, []);
}

/**
 * 护理员工作台 — the caregiver's phone page at /care/app, outside the desktop shell, installable
 * and working for a day without signal like 入户调查 (the same service worker, IndexedDB store,
 * queue and sync bar): the day's visits are downloaded beforehand; check-in with a photo and the
 * phone's position, photos during, the tasks, check-out, and the elder's or family's rating are
 * kept on the phone with the time and place they were captured and go up, once, when the network
 * is back.
 */
export function CareApp() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const online = useOnline();
  const [who, setWho] = useState<Who | null | undefined>(undefined);
  useCareManifest();

  useEffect(() => {
    registerOffline();
  }, []);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const me = await unwrap(api.GET('/api/auth/me'));
        await setMeta('me', { id: me.id, username: me.username, displayName: me.displayName, permissions: me.permissions });
        if (live) setWho(me);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return navigate('/login', { replace: true, state: { from: '/care/app' } });
        // no network: whoever last used the phone app
        const stored = await getMeta('me');
        if (live) setWho(stored ?? null);
      }
    })();
    return () => {
      live = false;
    };
  }, [navigate]);

  // online (at start, or back): send what waited, then take the day's visits as the server has them
  const canVisit = Boolean(who?.permissions.includes('care.visit'));
  useEffect(() => {
    if (!online || !canVisit) return;
    void syncChannel('care').catch(() => undefined).then(() => downloadDay()).catch(() => undefined);
  }, [online, canVisit]);

  if (who === undefined) return <Spin size="large" style={{ display: 'block', marginTop: '40vh' }} />;
  if (who === null) return <Result status="warning" title={t('care.app.noData')} subTitle={t('care.app.noDataHint')} />;
  if (!canVisit) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  return (
    <div className="care-app">
      <Routes>
        <Route index element={<TodayScreen name={who.displayName} />} />
        <Route path="visits/:id" element={<VisitScreen />} />
      </Routes>
    </div>
  );
}

function TopBar({ title, back, right }: { title: string; back?: boolean; right?: string }) {
  const navigate = useNavigate();
  const { t } = useI18n();
  return (
    <div className="care-top">
      <div className="care-top-row">
        {back && <Button type="text" icon={<LeftOutlined />} aria-label={t('care.app.back')} onClick={() => navigate('/care/app')} />}
        <span className="care-top-title">{title}</span>
        {right && <span className="care-top-who">{right}</span>}
      </div>
      <SyncBar channel="care" />
    </div>
  );
}

function TodayScreen({ name }: { name: string }) {
  const { t, lang } = useI18n();
  const online = useOnline();
  const { message } = App.useApp();
  const visits = useLocal(() => localVisits(), []);
  const sync = useLocal(async () => (await getMeta('channels'))?.care, []);
  const [busy, setBusy] = useState(false);

  async function download() {
    setBusy(true);
    try {
      message.success(t('care.app.downloaded', { n: await downloadDay() }));
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <TopBar title={t('care.app.today')} right={name} />
      <div className="care-body">
        <div className="care-download" data-testid="care-downloaded">
          <Typography.Text type="secondary">
            {sync?.downloadedAt ? t('care.app.downloadedAt', { time: dayjs(sync.downloadedAt).format('MM-DD HH:mm') }) : t('care.app.notDownloaded')}
          </Typography.Text>
          <Button size="small" icon={<CloudDownloadOutlined />} disabled={!online} loading={busy} onClick={() => void download()}>{t('care.app.download')}</Button>
        </div>
        {visits === undefined && <Spin />}
        {visits?.length === 0 && <Empty description={t('care.app.none')} />}
        {visits?.map((v) => <VisitCard key={v.id} v={v} />)}
      </div>
    </>
  );
}

function VisitCard({ v }: { v: LocalCareVisit }) {
  const { t } = useI18n();
  return (
    <Link to={`/care/app/visits/${v.id}`} className="care-card-link" data-testid="care-visit">
      <Card size="small">
        <div className="care-card-head">
          <strong>{cstTime(v.scheduledAt).slice(11)}</strong>
          <span>{v.serviceName}</span>
          <span style={{ marginLeft: 'auto' }}>
            {v.queued > 0 && <Tag icon={<CloudUploadOutlined />} color="warning">{t('care.app.queued')}</Tag>}
            <Tag color={STATUS_COLOR[v.status]}>{t(statusKey(v.status))}</Tag>
          </span>
        </div>
        <div className="care-card-name">{v.personName}</div>
        <Typography.Text type="secondary">{v.home.label ?? '—'}</Typography.Text>
      </Card>
    </Link>
  );
}

function VisitScreen() {
  const { id = '' } = useParams<{ id: string }>();
  const { t, lang } = useI18n();
  const online = useOnline();
  const data = useLocal(async (db) => ({ visit: await db.get('fieldVisits', id), photos: await db.getAllFromIndex('photos', 'visit', id) }), [id]);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [rating, setRating] = useState(5);
  const [comment, setComment] = useState('');
  const [confirmedBy, setConfirmedBy] = useState<'elder' | 'family'>('elder');
  const fileRef = useRef<HTMLInputElement>(null);
  const [stage, setStage] = useState<Stage>('check_in');

  const o = data?.visit;
  const local = data?.photos;
  // ticks show at once and are kept on the phone's copy (a reload keeps them)
  const [ticked, setTicked] = useState<string[] | null>(null);
  const tasks = ticked ?? o?.tasksDone ?? [];
  const urls = useMemo(() => new Map((local ?? []).map((p) => [p.id, p.blob ? URL.createObjectURL(p.blob) : ''])), [local]);
  useEffect(() => () => urls.forEach((u) => u && URL.revokeObjectURL(u)), [urls]);
  const hasPhoto = (s: Stage) => Boolean(local?.some((p) => p.stage === s)) || Boolean(o?.photos.some((p) => p.stage === s && p.complete));
  const sendSoon = () => {
    if (navigator.onLine) void syncChannel('care').catch(() => undefined);
  };

  async function addPhoto(file: File, s: Stage) {
    setProblem(null);
    try {
      const position = await currentPosition();
      await queuePhoto(id, file, s, position ? { lat: position.lat, lon: position.lon } : null);
      sendSoon();
    } catch (e) {
      setProblem(errorText(e, lang));
    }
  }

  async function step(kind: StepBody['kind'], build: (at: string) => Promise<StepBody | null>) {
    setProblem(null);
    setBusy(kind);
    try {
      const body = await build(new Date().toISOString());
      if (!body) return;
      await queueStep(id, body);
      sendSoon();
    } catch (e) {
      setProblem(errorText(e, lang));
    } finally {
      setBusy(null);
    }
  }

  const located = async (kind: 'check_in' | 'check_out', at: string) => {
    const position = await currentPosition();
    if (!position) {
      setProblem(t('care.app.noPosition'));
      return null;
    }
    const base = { key: crypto.randomUUID(), at, position };
    return kind === 'check_in' ? ({ ...base, kind } as StepBody) : ({ ...base, kind, tasksDone: tasks } as StepBody);
  };

  const pick = (s: Stage) => {
    setStage(s);
    fileRef.current?.click();
  };

  if (data === undefined) return <Spin size="large" style={{ display: 'block', marginTop: '40vh' }} />;
  if (!o) return <Result status="404" title={t('care.app.notOnPhone')} extra={<Link to="/care/app">{t('care.app.back')}</Link>} />;

  const photoBlock = (s: Stage) => (
    <div className="care-photos">
      {o.photos.filter((p) => p.stage === s && p.complete && !local?.some((x) => x.sha256 === p.sha256)).map((p) => (
        <img key={p.id} src={`/api/care/photos/${p.id}`} alt={t(`care.stage.${s}` as DictKey)} />
      ))}
      {local?.filter((p) => p.stage === s).map((p) => (
        <div key={p.id} className="care-photo" data-testid={`care-photo-${s}`} data-done={p.done ? 'yes' : 'no'}>
          <img src={urls.get(p.id)} alt={t(`care.stage.${s}` as DictKey)} />
          {p.done ? <CheckCircleFilled className="care-photo-ok" /> : <Progress percent={Math.round((100 * p.received) / p.size)} size="small" showInfo={false} />}
        </div>
      ))}
      <Button icon={<CameraOutlined />} onClick={() => pick(s)} data-testid={`care-take-${s}`}>{t(`care.stage.${s}` as DictKey)}</Button>
    </div>
  );

  const evaluated = o.rating !== null;
  return (
    <>
      <TopBar title={o.serviceName} back />
      <div className="care-body">
        <input ref={fileRef} type="file" accept="image/*" capture="environment" hidden data-testid="care-file"
          onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void addPhoto(f, stage); }} />
        <Card size="small">
          <div className="care-card-name">{o.personName}</div>
          <div>{cstTime(o.scheduledAt)} · {t('care.app.minutes', { n: o.durationMin })}</div>
          <div className="care-address">
            <span>{o.home.label ?? '—'}</span>
            {o.home.lat !== null && o.home.lon !== null && (
              <a className="ant-btn ant-btn-default" href={`geo:${o.home.lat},${o.home.lon}?q=${o.home.lat},${o.home.lon}(${encodeURIComponent(o.personName)})`}>
                <EnvironmentOutlined /> {t('care.app.navigate')}
              </a>
            )}
          </div>
          <Tag color={STATUS_COLOR[o.status]} data-testid="care-status">{t(statusKey(o.status))}</Tag>
          {o.queued > 0 && <Tag icon={<CloudUploadOutlined />} color="warning" data-testid="care-queued">{t(online ? 'care.app.sending' : 'care.app.queuedOffline')}</Tag>}
        </Card>
        {problem && <Alert type="error" showIcon title={problem} data-testid="care-problem" />}

        {o.status === 'dispatched' && (
          <Card size="small" title={t('care.app.checkIn')}>
            {photoBlock('check_in')}
            <Button type="primary" block size="large" loading={busy === 'check_in'} disabled={!hasPhoto('check_in')} data-testid="care-check-in"
              onClick={() => void step('check_in', (at) => located('check_in', at))}>
              {hasPhoto('check_in') ? t('care.app.checkIn') : t('care.app.needPhoto', { stage: t('care.stage.check_in') })}
            </Button>
          </Card>
        )}

        {o.status === 'in_progress' && (
          <>
            <Alert type="success" title={t('care.app.checkedIn', { time: cstTime(o.checkInAt).slice(11) })} />
            <Card size="small" title={t('care.stage.during')}>{photoBlock('during')}</Card>
            <Card size="small" title={t('care.app.tasks')}>
              <Checkbox.Group className="care-tasks" value={tasks} onChange={(v) => { setTicked(v as string[]); void tickTasks(id, v as string[]); }} options={o.tasks.map((x) => ({ label: x, value: x }))} />
            </Card>
            <Card size="small" title={t('care.app.checkOut')}>
              {photoBlock('check_out')}
              <Button type="primary" block size="large" loading={busy === 'check_out'} disabled={!hasPhoto('check_out')} data-testid="care-check-out"
                onClick={() => void step('check_out', (at) => located('check_out', at))}>
                {hasPhoto('check_out') ? t('care.app.checkOut') : t('care.app.needPhoto', { stage: t('care.stage.check_out') })}
              </Button>
            </Card>
          </>
        )}

        {o.status === 'completed' && !evaluated && (
          <Card size="small" title={t('care.app.evaluate')}>
            <Alert type="success" title={t('care.app.checkedOut', { time: cstTime(o.checkOutAt).slice(11) })} style={{ marginBottom: 12 }} />
            <Rate value={rating} onChange={setRating} style={{ fontSize: 32 }} data-testid="care-rate" />
            <Input.TextArea rows={2} maxLength={500} placeholder={t('care.app.comment')} value={comment} onChange={(e) => setComment(e.target.value)} style={{ marginTop: 12 }} data-testid="care-comment" />
            <div style={{ margin: '12px 0' }}>
              <Typography.Text>{t('care.app.confirmedBy')}：</Typography.Text>
              <Radio.Group value={confirmedBy} onChange={(e) => setConfirmedBy(e.target.value)}>
                <Radio value="elder">{t('care.app.elder')}</Radio>
                <Radio value="family" data-testid="care-family">{t('care.app.family')}</Radio>
              </Radio.Group>
            </div>
            <Button type="primary" block size="large" loading={busy === 'evaluate'} data-testid="care-evaluate"
              onClick={() => void step('evaluate', async (at) => ({ key: crypto.randomUUID(), kind: 'evaluate', at, rating, comment: comment || undefined, confirmedBy }) as StepBody)}>
              {t('care.app.submitEvaluation')}
            </Button>
          </Card>
        )}

        {o.status === 'completed' && evaluated && (
          <Result status="success" title={t(o.queued > 0 ? 'care.app.savedOnPhone' : 'care.app.thanks')} data-testid="care-done"
            subTitle={o.exceptionList.length ? t('care.app.exceptions', { kinds: o.exceptionList.map((x) => t(kindKey(x.kind))).join('、') }) : undefined} />
        )}
      </div>
    </>
  );
}
