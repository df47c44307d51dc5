import { CameraOutlined, CheckCircleFilled, EnvironmentOutlined, LeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Empty, Input, Progress, Radio, Rate, Result, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import { ApiError, errorText } from '../../../api/errors';
import type { DictKey } from '../../../i18n/dict';
import { useI18n } from '../../../i18n/I18nProvider';
import { preparePhoto } from '../../survey/utils/photo';
import type { MyVisit, StepBody } from '../types';
import { cstTime, kindKey, STATUS_COLOR, statusKey } from '../utils/care';
import { currentPosition, persist, stepKey, uploadVisitPhoto } from '../utils/upload';
import '../care.css';

type Stage = 'check_in' | 'during' | 'check_out';
type Shot = { key: string; url: string; stage: Stage; progress: number; done: boolean; error?: string };

/**
 * 护理员工作台 — the caregiver's phone page at /care/app, outside the desktop shell: the day's
 * visits, then per visit: check-in with a photo and the phone's position, photos during, the
 * tasks, check-out with a photo and position, and the elder's or family's rating. Each step is
 * sent with a key made once on the phone and photos resume from the server's offset, so a weak
 * network delays a step but never doubles it.
 */
export function CareApp() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const me = useQuery({ queryKey: ['care', 'me'], queryFn: () => unwrap(api.GET('/api/auth/me')), retry: false });

  useEffect(() => {
    if (me.error instanceof ApiError && me.error.status === 401) navigate('/login', { replace: true, state: { from: '/care/app' } });
  }, [me.error, navigate]);

  if (me.isPending) return <Spin size="large" style={{ display: 'block', marginTop: '40vh' }} />;
  if (!me.data) return <Result status="warning" title={errorText(me.error, 'zh')} />;
  if (!me.data.permissions.includes('care.visit')) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  return (
    <div className="care-app">
      <Routes>
        <Route index element={<TodayScreen name={me.data.displayName} />} />
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
      {back && <Button type="text" icon={<LeftOutlined />} aria-label={t('care.app.back')} onClick={() => navigate('/care/app')} />}
      <span className="care-top-title">{title}</span>
      {right && <span className="care-top-who">{right}</span>}
    </div>
  );
}

function TodayScreen({ name }: { name: string }) {
  const { t } = useI18n();
  const visits = useQuery({ queryKey: ['care', 'my'], queryFn: () => unwrap(api.GET('/api/care/my/visits', { params: { query: {} } })) });
  return (
    <>
      <TopBar title={t('care.app.today')} right={name} />
      <div className="care-body">
        {visits.isPending && <Spin />}
        {visits.data && visits.data.items.length === 0 && <Empty description={t('care.app.none')} />}
        {visits.data?.items.map((v) => <VisitCard key={v.id} v={v} />)}
      </div>
    </>
  );
}

function VisitCard({ v }: { v: MyVisit }) {
  const { t } = useI18n();
  return (
    <Link to={`/care/app/visits/${v.id}`} className="care-card-link" data-testid="care-visit">
      <Card size="small">
        <div className="care-card-head">
          <strong>{cstTime(v.scheduledAt).slice(11)}</strong>
          <span>{v.serviceName}</span>
          <Tag color={STATUS_COLOR[v.status]} style={{ marginLeft: 'auto' }}>{t(statusKey(v.status))}</Tag>
        </div>
        <div className="care-card-name">{v.personName}</div>
        <Typography.Text type="secondary">{v.address ?? '—'}</Typography.Text>
      </Card>
    </Link>
  );
}

function VisitScreen() {
  const { id } = useParams<{ id: string }>();
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const order = useQuery({ queryKey: ['care', 'visit', id], queryFn: () => unwrap(api.GET('/api/care/orders/{id}', { params: { path: { id: id! } } })) });
  const [shots, setShots] = useState<Shot[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [weak, setWeak] = useState(false);
  const [tasks, setTasks] = useState<string[]>([]);
  const [rating, setRating] = useState(5);
  const [comment, setComment] = useState('');
  const [confirmedBy, setConfirmedBy] = useState<'elder' | 'family'>('elder');
  const fileRef = useRef<HTMLInputElement>(null);
  const [stage, setStage] = useState<Stage>('check_in');

  const o = order.data;
  const refresh = () => Promise.all([order.refetch(), queryClient.invalidateQueries({ queryKey: ['care', 'my'] })]);
  const hasPhoto = (s: Stage) => shots.some((p) => p.stage === s && p.done) || Boolean(o?.photos.some((p) => p.stage === s && p.complete));

  async function addPhoto(file: File, s: Stage) {
    const key = crypto.randomUUID();
    const prepared = await preparePhoto(file);
    const url = URL.createObjectURL(prepared.blob);
    setShots((all) => [...all, { key, url, stage: s, progress: 0, done: false }]);
    const set = (patch: Partial<Shot>) => setShots((all) => all.map((p) => (p.key === key ? { ...p, ...patch } : p)));
    try {
      const position = await currentPosition();
      await uploadVisitPhoto(id!, { ...prepared, stage: s, ...(position ? { position: { lat: position.lat, lon: position.lon } } : {}) }, (f) => set({ progress: Math.round(f * 100) }), () => setWeak(true));
      set({ done: true, progress: 100 });
      setWeak(false);
    } catch (e) {
      set({ error: errorText(e, lang) });
    }
  }

  async function step(kind: StepBody['kind'], build: (at: string) => Promise<StepBody | null>) {
    setProblem(null);
    setBusy(kind);
    try {
      const body = await build(new Date().toISOString());
      if (!body) return;
      await persist(() => unwrap(api.POST('/api/care/orders/{id}/steps', { params: { path: { id: id! } }, body })), () => setWeak(true));
      setWeak(false);
      localStorage.removeItem(`linli.care.step.${id}.${kind}`);
      await refresh();
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
    const base = { key: stepKey(id!, kind), at, position };
    return kind === 'check_in' ? ({ ...base, kind } as StepBody) : ({ ...base, kind, tasksDone: tasks } as StepBody);
  };

  const pick = (s: Stage) => {
    setStage(s);
    fileRef.current?.click();
  };

  if (order.isPending) return <Spin size="large" style={{ display: 'block', marginTop: '40vh' }} />;
  if (!o) return <Result status="404" title={errorText(order.error, lang)} />;

  const photoBlock = (s: Stage) => (
    <div className="care-photos">
      {o.photos.filter((p) => p.stage === s && p.complete && !shots.some((x) => x.stage === s)).map((p) => (
        <img key={p.id} src={`/api/care/photos/${p.id}`} alt={t(`care.stage.${s}` as DictKey)} />
      ))}
      {shots.filter((p) => p.stage === s).map((p) => (
        <div key={p.key} className="care-photo" data-testid={`care-photo-${s}`} data-done={p.done ? 'yes' : 'no'}>
          <img src={p.url} alt={t(`care.stage.${s}` as DictKey)} />
          {p.done ? <CheckCircleFilled className="care-photo-ok" /> : <Progress percent={p.progress} size="small" showInfo={false} />}
          {p.error && <Typography.Text type="danger">{p.error}</Typography.Text>}
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
        </Card>
        {weak && <Alert type="warning" showIcon title={t('care.app.retry')} />}
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
              <Checkbox.Group className="care-tasks" value={tasks} onChange={(v) => setTasks(v as string[])} options={o.tasks.map((x) => ({ label: x, value: x }))} />
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
              onClick={() => void step('evaluate', async (at) => ({ key: stepKey(id!, 'evaluate'), kind: 'evaluate', at, rating, comment: comment || undefined, confirmedBy }) as StepBody)}>
              {t('care.app.submitEvaluation')}
            </Button>
          </Card>
        )}

        {o.status === 'completed' && evaluated && (
          <Result status="success" title={t('care.app.thanks')} data-testid="care-done"
            subTitle={o.exceptionList.length ? t('care.app.exceptions', { kinds: o.exceptionList.map((x) => t(kindKey(x.kind))).join('、') }) : undefined} />
        )}
      </div>
    </>
  );
}
