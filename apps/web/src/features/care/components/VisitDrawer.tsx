import { Descriptions, Drawer, Empty, Image, Rate, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import type { DictKey } from '../../../i18n/dict';
import { useOrder } from '../hooks/useCare';
import { cstTime, evvKey, exceptionDetail, kindKey, metres, STATUS_COLOR, statusKey } from '../utils/care';
import { VisitMap, type VisitPoint } from './VisitMap';
import '../care.css';

/** 服务详情: one visit with its six EVV elements, photos, positions on a map, and its exceptions. */
export function VisitDrawer({ orderId, onClose }: { orderId: string | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { data: o, isPending } = useOrder(orderId);
  const home = o && o.home.lat !== null && o.home.lon !== null ? { lat: o.home.lat, lon: o.home.lon } : null;
  const points = useMemo<VisitPoint[]>(() => {
    if (!o) return [];
    const ps: VisitPoint[] = [];
    if (o.checkIn) ps.push({ ...o.checkIn, label: t('care.map.in'), color: '#52c41a' });
    if (o.checkOut) ps.push({ ...o.checkOut, label: t('care.map.out'), color: '#fa8c16' });
    return ps;
  }, [o, t]);
  const far = (p: { lat: number; lon: number } | null) => (p && home ? t('care.detail.distance', { m: metres(p, home) }) : '');
  return (
    <Drawer open={Boolean(orderId)} onClose={onClose} size="large" title={t('care.detail')} destroyOnHidden>
      {isPending || !o ? <Spin /> : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="care-visit-drawer">
          <Descriptions size="small" column={2} bordered items={[
            { key: 'elder', label: t('care.col.elder'), children: o.personName },
            { key: 'service', label: t('care.col.service'), children: `${o.serviceName}（${t('care.app.minutes', { n: o.durationMin })}）` },
            { key: 'provider', label: t('care.col.provider'), children: o.providerName },
            { key: 'caregiver', label: t('care.col.caregiver'), children: o.caregiverName ?? '—' },
            { key: 'home', label: t('care.detail.home'), children: o.home.label ?? '—', span: 2 },
            { key: 'at', label: t('care.col.scheduledAt'), children: cstTime(o.scheduledAt) },
            { key: 'status', label: t('care.col.status'), children: <Space><Tag color={STATUS_COLOR[o.status]}>{t(statusKey(o.status))}</Tag><Tag color={o.evvStatus === 'exception' ? 'red' : o.evvStatus === 'verified' ? 'green' : 'default'}>{t(evvKey(o.evvStatus))}</Tag></Space> },
            { key: 'in', label: t('care.detail.checkIn'), children: o.checkInAt ? `${cstTime(o.checkInAt)} ${far(o.checkIn)}` : '—' },
            { key: 'out', label: t('care.detail.checkOut'), children: o.checkOutAt ? `${cstTime(o.checkOutAt)} ${far(o.checkOut)}` : '—' },
            { key: 'tasks', label: t('care.detail.tasks'), span: 2, children: o.tasks.map((x) => <Tag key={x} color={o.tasksDone.includes(x) ? 'green' : 'default'}>{x}</Tag>) },
            { key: 'eval', label: t('care.detail.evaluation'), span: 2, children: o.rating ? <Space><Rate disabled value={o.rating} /><span>{o.ratingComment}</span>{o.confirmedBy && <Tag>{t(`care.detail.confirmedBy.${o.confirmedBy}` as DictKey)}</Tag>}</Space> : '—' },
            ...(o.cancelReason ? [{ key: 'cancel', label: t('care.cancelReason'), span: 2, children: o.cancelReason }] : []),
          ]} />
          <VisitMap home={home} toleranceM={o.toleranceM} points={points} />
          <Typography.Title level={5} style={{ margin: 0 }}>{t('care.detail.photos')}</Typography.Title>
          {o.photos.filter((p) => p.complete).length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('care.detail.noPhotos')} /> : (
            <Image.PreviewGroup>
              <Space wrap>
                {o.photos.filter((p) => p.complete).map((p) => (
                  <div key={p.id} style={{ textAlign: 'center' }}>
                    <Image width={110} height={82} style={{ objectFit: 'cover' }} src={`/api/care/photos/${p.id}`} />
                    <div><Typography.Text type="secondary">{t(`care.stage.${p.stage}` as DictKey)} {p.takenAt ? cstTime(p.takenAt).slice(11) : ''}</Typography.Text></div>
                  </div>
                ))}
              </Space>
            </Image.PreviewGroup>
          )}
          {o.exceptionList.length > 0 && (
            <Table size="small" rowKey="id" pagination={false} dataSource={o.exceptionList} columns={[
              { title: t('care.col.kind'), dataIndex: 'kind', render: (k) => <Tag color="red">{t(kindKey(k))}</Tag> },
              { title: t('care.col.detail'), render: (_, x) => exceptionDetail(x.kind, x.detail, lang) },
              { title: t('care.col.status'), render: (_, x) => (x.status === 'open' ? <Tag color="orange">{t('care.open')}</Tag> : <Tag color="green">{t('care.resolved')}</Tag>) },
            ]} />
          )}
        </Space>
      )}
    </Drawer>
  );
}
