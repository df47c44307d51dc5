import { CaretRightOutlined, DeleteOutlined, EditOutlined, PauseOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Flex, Form, Input, InputNumber, List, Popconfirm, Segmented, Select, Slider, Space, Switch, Tag, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PERM, can } from '../../../app/permissions';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useDebouncedValue } from '../../../shared/hooks/useDebouncedValue';
import { useNotify } from '../../../shared/hooks/useNotify';
import { formatDateTime } from '../../../shared/utils/format';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { Chart } from '../components/Chart';
import { TrackMap, type ZoneDraft } from '../components/TrackMap';
import { type LivePosition, useAddZone, useDeleteZone, useDeviceList, useDeviceStream, useElderMap, useReadings, useUpdateZone } from '../hooks/useDevices';
import type { Zone } from '../types';
import { hhmm } from '../utils/geo';

/** 失智定位: an elder's current position (live), safe zones and the track of a chosen period, played back. */
export function ElderMapPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const personId = params.get('person') ?? undefined;
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const watches = useDeviceList({ kind: 'watch', q: q || undefined, page: 1, pageSize: 50, sort: 'serial', order: 'asc' });
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(24, 'hour'), dayjs()]);
  const from = range[0].toISOString();
  const to = range[1].toISOString();
  const data = useElderMap(personId, from, to);
  const track = useMemo(() => data.data?.track ?? [], [data.data]);
  const [upTo, setUpTo] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [live, setLive] = useState<LivePosition | null>(null);
  const [draft, setDraft] = useState<ZoneDraft | null>(null);
  const mayManage = can(me, PERM.devicesManage);

  useEffect(() => { setUpTo(Math.max(0, track.length - 1)); setPlaying(false); }, [track]);
  useEffect(() => { setLive(null); setDraft(null); }, [personId]);
  useEffect(() => {
    if (!playing) return;
    if (upTo >= track.length - 1) { setPlaying(false); return; }
    const h = requestAnimationFrame(() => setUpTo((i) => Math.min(track.length - 1, i + Math.max(1, Math.round(track.length / 240)))));
    return () => cancelAnimationFrame(h);
  }, [playing, upTo, track.length]);
  useDeviceStream({ onPosition: (p) => { if (p.personId && p.personId === personId) setLive(p); } });

  const watch = data.data?.devices[0];
  const current = live ?? (watch?.lastFix ? { lat: watch.lastFix.lat, lng: watch.lastFix.lng, accuracy: watch.lastFix.accuracy, at: watch.lastFix.at } : null);
  const options = (watches.data?.items ?? []).filter((d) => d.personId).map((d) => ({ value: d.personId!, label: `${d.personName ?? ''} · ${d.serialNo}` }));

  if (data.isError) return <ErrorState error={data.error} onRetry={() => void data.refetch()} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <PageHeader title={t('elderMap.title')} subtitle={t('elderMap.subtitle')} />
      <Flex gap={16} wrap align="flex-start">
        <Space direction="vertical" size={12} style={{ flex: '1 1 300px', maxWidth: 420 }}>
          <Card size="small">
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text strong>{t('elderMap.pick')}</Typography.Text>
              <Select
                showSearch filterOption={false} onSearch={setSearch} style={{ width: '100%' }} value={personId}
                placeholder={t('elderMap.pick')} options={options} loading={watches.isFetching} data-testid="elder-pick"
                onChange={(v: string) => setParams(v ? { person: v } : {})}
                notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
              />
              <Typography.Text strong>{t('elderMap.period')}</Typography.Text>
              <DatePicker.RangePicker showTime style={{ width: '100%' }} value={range} allowClear={false}
                onChange={(v) => { if (v?.[0] && v[1]) setRange([v[0], v[1]]); }} />
            </Space>
          </Card>
          {data.data && (
            <Card size="small" title={data.data.person.name} extra={watch && <Tag color={watch.online ? 'green' : 'default'}>{watch.online ? t('devices.online') : t('devices.offline')}</Tag>}>
              {watch ? (
                <Space direction="vertical" size={2}>
                  <Typography.Text>{t('elderMap.current')}：{current ? formatDateTime(String(current.at)) : '—'}</Typography.Text>
                  {current?.accuracy != null && <Typography.Text type="secondary">{t('elderMap.accuracy', { m: Math.round(current.accuracy) })}</Typography.Text>}
                  <Typography.Text type="secondary">{t('devices.battery')}：{watch.battery ?? '—'}%</Typography.Text>
                  <Typography.Text type="secondary" data-testid="track-count">{t('elderMap.fixes', { n: track.length })}</Typography.Text>
                </Space>
              ) : <Typography.Text type="secondary">{t('elderMap.noWatch')}</Typography.Text>}
            </Card>
          )}
          {data.data && <ReadingsCard personId={data.data.person.id} />}
          {data.data && (
            <ZonesCard personId={data.data.person.id} zones={data.data.zones} mayManage={mayManage} draft={draft} setDraft={setDraft} />
          )}
        </Space>
        <Card size="small" style={{ flex: '3 1 420px', minWidth: 0 }} styles={{ body: { padding: 8 } }}>
          <TrackMap zones={data.data?.zones ?? []} track={track} upTo={upTo} current={current} draft={draft} onDraftChange={setDraft}
            onClick={draft && !draft.id ? (lat, lng) => setDraft(draft.shape === 'circle' ? { ...draft, lat, lng } : { ...draft, points: [...draft.points, { lat, lng }] }) : undefined} height="min(62vh, 560px)" />
          <Flex gap={8} align="center" style={{ padding: '8px 4px 0' }}>
            <Button icon={playing ? <PauseOutlined /> : <CaretRightOutlined />} disabled={track.length < 2}
              onClick={() => { if (!playing && upTo >= track.length - 1) setUpTo(0); setPlaying(!playing); }}>
              {playing ? t('elderMap.pause') : t('elderMap.play')}
            </Button>
            <Slider style={{ flex: 1 }} min={0} max={Math.max(0, track.length - 1)} value={upTo} disabled={track.length < 2} onChange={(v) => { setPlaying(false); setUpTo(v); }}
              tooltip={{ formatter: (i) => (i !== undefined && track[i] ? formatDateTime(String(track[i].at)) : '') }} />
          </Flex>
          {personId && data.data && track.length === 0 && <Typography.Text type="secondary" style={{ padding: 4 }}>{t('elderMap.noTrack')}</Typography.Text>}
        </Card>
      </Flex>
    </Space>
  );
}

/** A saved zone as the outline the map edits (its id and version ride along to the save). */
const draftOf = (z: Zone): ZoneDraft =>
  z.shape === 'circle' && z.center
    ? { shape: 'circle', lat: z.center.lat, lng: z.center.lng, radiusM: z.radiusM ?? 300, id: z.id, version: z.version }
    : { shape: 'polygon', points: z.polygon ?? [], id: z.id, version: z.version };

type ZoneForm = { name: string; radiusM: number; hours?: [Dayjs, Dayjs] | null; enabled?: boolean };
const minutes = (d: Dayjs) => d.hour() * 60 + d.minute();
const timeOf = (m: number) => dayjs().startOf('day').add(m, 'minute');

/**
 * 安全区域: the elder's zones; a new one is drawn on the map (circle or polygon), a saved one is
 * edited in place — its outline dragged on the map, its name, radius, hours and on/off in the
 * editor — saved against the version read (someone else's change meanwhile is refused), or
 * deleted after a confirmation.
 */
function ZonesCard({ personId, zones, mayManage, draft, setDraft }: {
  personId: string;
  zones: readonly Zone[];
  mayManage: boolean;
  draft: ZoneDraft | null;
  setDraft: (d: ZoneDraft | null) => void;
}) {
  const { t } = useI18n();
  const notify = useNotify();
  const del = useDeleteZone();
  const editing = draft?.id ? zones.find((z) => z.id === draft.id) : undefined;
  const remove = (z: Zone) => del.mutate({ id: z.id, version: z.version }, {
    onSuccess: () => { notify.success('elderMap.zoneDeleted'); if (draft?.id === z.id) setDraft(null); },
    onError: (e) => notify.error(e),
  });
  // a new form for each zone edited (or drawn), so nothing typed for one carries over to the next
  const session = draft ? (draft.id ?? 'new') : null;
  return (
    <Card size="small" title={t('elderMap.zones')}
      extra={mayManage && !draft && <Button size="small" onClick={() => setDraft({ shape: 'circle', lat: 0, lng: 0, radiusM: 300 })} data-testid="zone-add">{t('elderMap.addZone')}</Button>}>
      <List size="small" dataSource={[...zones]} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        renderItem={(z) => (
          <List.Item data-testid="zone-item" style={draft?.id === z.id ? { background: '#e6f4ff' } : undefined} actions={mayManage ? [
            <Button key="e" size="small" type="text" icon={<EditOutlined />} aria-label={t('elderMap.editZone')} title={t('elderMap.editZone')} data-testid="zone-edit"
              disabled={Boolean(draft)} onClick={() => setDraft(draftOf(z))} />,
            <Popconfirm key="d" title={t('elderMap.deleteZone')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => remove(z)}>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('elderMap.deleteZoneAction')} data-testid="zone-delete" />
            </Popconfirm>,
          ] : []}>
            <Space direction="vertical" size={0}>
              <Space>
                <Typography.Text>{z.name}</Typography.Text>
                {z.enabled ? <Tag color={z.exited ? 'red' : 'green'}>{z.exited ? t('elderMap.outside') : t('elderMap.inside')}</Tag> : <Tag>{t('elderMap.zoneOff')}</Tag>}
              </Space>
              <Typography.Text type="secondary">
                {z.shape === 'circle' ? `${t('elderMap.circle')} r=${z.radiusM} m` : `${t('elderMap.polygon')} · ${t('elderMap.vertexCount', { n: z.polygon?.length ?? 0 })}`} · {z.fromMinute !== null && z.toMinute !== null ? `${hhmm(z.fromMinute)}–${hhmm(z.toMinute)}` : t('elderMap.allDay')}
              </Typography.Text>
            </Space>
          </List.Item>
        )} />
      {draft && <ZoneEditor key={session} personId={personId} draft={draft} setDraft={setDraft} editing={editing} onDelete={remove} deleting={del.isPending} />}
    </Card>
  );
}

/** The form of the zone being drawn (shape, name, radius, hours) or edited (name, radius, hours, on/off; delete). */
function ZoneEditor({ personId, draft, setDraft, editing, onDelete, deleting }: {
  personId: string;
  draft: ZoneDraft;
  setDraft: (d: ZoneDraft | null) => void;
  editing: Zone | undefined;
  onDelete: (z: Zone) => void;
  deleting: boolean;
}) {
  const { t } = useI18n();
  const notify = useNotify();
  const add = useAddZone();
  const update = useUpdateZone();
  const [form] = Form.useForm<ZoneForm>();
  const complete = draft.shape === 'circle' ? draft.lat !== 0 : draft.points.length >= 3;
  // the radius handle on the map and the number here are one value
  const draftRadius = draft.shape === 'circle' ? draft.radiusM : undefined;
  useEffect(() => { if (draftRadius !== undefined) form.setFieldValue('radiusM', draftRadius); }, [draftRadius, form]);
  const save = async (v: ZoneForm) => {
    if (!complete) return;
    const geometry = draft.shape === 'circle'
      ? { center: { lat: draft.lat, lng: draft.lng }, radiusM: v.radiusM }
      : { polygon: draft.points };
    const hours = v.hours ? { fromMinute: minutes(v.hours[0]), toMinute: minutes(v.hours[1]) } : null;
    try {
      if (draft.id && draft.version) {
        await update.mutateAsync({
          id: draft.id,
          body: { name: v.name, ...geometry, ...(hours ?? { fromMinute: null, toMinute: null }), enabled: v.enabled ?? true, version: draft.version },
        });
      } else {
        await add.mutateAsync({ personId, name: v.name, shape: draft.shape, ...geometry, ...(hours ?? {}) });
      }
      notify.success('elderMap.zoneSaved');
      setDraft(null);
    } catch (e) {
      notify.error(e);
    }
  };
  const hint = draft.id
      ? <Typography.Text type="secondary" data-testid="zone-edit-hint">{t(draft.shape === 'circle' ? 'elderMap.dragCircle' : 'elderMap.dragPolygon')}</Typography.Text>
      : draft.shape === 'circle'
        ? <Typography.Text type={draft.lat ? 'success' : 'warning'}>{draft.lat ? `${draft.lat.toFixed(5)}, ${draft.lng.toFixed(5)}` : t('elderMap.clickCenter')}</Typography.Text>
        : (
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('elderMap.clickVertices')}</Typography.Text>
            <Space wrap>
              <Typography.Text type={draft.points.length >= 3 ? 'success' : 'warning'} data-testid="zone-vertices">{t('elderMap.vertices', { n: draft.points.length })}</Typography.Text>
              <Button size="small" disabled={!draft.points.length} onClick={() => setDraft({ ...draft, points: draft.points.slice(0, -1) })}>{t('elderMap.undoVertex')}</Button>
              <Button size="small" disabled={!draft.points.length} onClick={() => setDraft({ ...draft, points: [] })}>{t('elderMap.clearVertices')}</Button>
            </Space>
          </Space>
        );
  const initial: Partial<ZoneForm> = editing
    ? {
        name: editing.name, radiusM: editing.radiusM ?? 300, enabled: editing.enabled,
        hours: editing.fromMinute !== null && editing.toMinute !== null ? [timeOf(editing.fromMinute), timeOf(editing.toMinute)] : null,
      }
    : { radiusM: 300, name: '家附近' };
  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} style={{ marginTop: 8 }} data-testid="zone-form">
      {draft.id ? (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('elderMap.editing', { name: editing?.name ?? '' })} />
      ) : (
        <Form.Item label={t('elderMap.shape')} style={{ marginBottom: 8 }}>
          <Segmented block data-testid="zone-shape" value={draft.shape}
            options={[{ value: 'circle', label: t('elderMap.circle') }, { value: 'polygon', label: t('elderMap.polygon') }]}
            onChange={(v) => setDraft(v === 'polygon' ? { shape: 'polygon', points: [] } : { shape: 'circle', lat: 0, lng: 0, radiusM: form.getFieldValue('radiusM') || 300 })} />
        </Form.Item>
      )}
      {hint}
      <Form.Item name="name" label={t('elderMap.zoneName')} rules={[{ required: true, message: t('common.required', { field: t('elderMap.zoneName') }) }]}><Input maxLength={40} data-testid="zone-name" /></Form.Item>
      {draft.shape === 'circle' && (
        <Form.Item name="radiusM" label={t('elderMap.radius')}>
          <InputNumber min={20} max={20000} step={50} style={{ width: '100%' }} data-testid="zone-radius" onChange={(r) => setDraft({ ...draft, radiusM: Number(r) || 300 })} />
        </Form.Item>
      )}
      <Form.Item name="hours" label={t('elderMap.hours')}><TimePicker.RangePicker format="HH:mm" order={false} style={{ width: '100%' }} /></Form.Item>
      {draft.id && <Form.Item name="enabled" label={t('elderMap.zoneEnabled')} valuePropName="checked"><Switch /></Form.Item>}
      <Flex gap={8} wrap>
        <Button type="primary" htmlType="submit" loading={add.isPending || update.isPending} disabled={!complete} data-testid="zone-save">{t('common.save')}</Button>
        <Button onClick={() => setDraft(null)} data-testid="zone-cancel">{t('common.cancel')}</Button>
        {editing && (
          <Popconfirm title={t('elderMap.deleteZone')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => onDelete(editing)}>
            <Button danger icon={<DeleteOutlined />} loading={deleting}>{t('elderMap.deleteZoneAction')}</Button>
          </Popconfirm>
        )}
      </Flex>
    </Form>
  );
}

/** 健康监测: the elder's kiosk blood pressure and glucose of the last 90 days as a trend. */
function ReadingsCard({ personId }: { personId: string }) {
  const { t } = useI18n();
  const r = useReadings(personId);
  const option = useMemo(() => {
    const items = [...(r.data?.items ?? [])].reverse();
    const series = (kind: string, key: string, name: string, axis = 0) => ({
      name, type: 'line', yAxisIndex: axis, showSymbol: true, symbolSize: 5,
      data: items.filter((i) => i.kind === kind && typeof i.values[key] === 'number').map((i) => [String(i.measuredAt), i.values[key] as number]),
    });
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { fontSize: 11 } },
      grid: { left: 36, right: 36, top: 28, bottom: 24 },
      xAxis: { type: 'time' },
      yAxis: [{ type: 'value', name: 'mmHg', min: 40 }, { type: 'value', name: 'mmol/L', min: 0 }],
      series: [series('blood_pressure', 'systolic', t('readings.systolic')), series('blood_pressure', 'diastolic', t('readings.diastolic')), series('glucose', 'glucose', t('readings.glucose'), 1)],
    };
  }, [r.data, t]);
  if (!r.data?.items.length) return null;
  const abnormal = r.data.items.filter((i) => i.abnormal.length).length;
  return (
    <Card size="small" title={t('readings.title')} extra={abnormal > 0 && <Tag color="red">{t('readings.abnormal', { n: abnormal })}</Tag>}>
      <Chart option={option} height={200} testId="readings-chart" />
    </Card>
  );
}
