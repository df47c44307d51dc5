import { App as AntApp, Badge, Button, Card, Descriptions, Drawer, Empty, Flex, Form, Grid, Input, List, Modal, Pagination, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { PERM, can } from '../../../app/permissions';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useNotify } from '../../../shared/hooks/useNotify';
import { formatDateTime } from '../../../shared/utils/format';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { Chart } from '../components/Chart';
import { useAlertAction, useAlertDetail, useAlerts, useDeviceStream } from '../hooks/useDevices';
import { ALERT_KINDS, type Alert, type AlertKind } from '../types';

const KIND_COLORS: Record<AlertKind, string> = { sos: 'red', fall: 'volcano', zone_exit: 'orange', low_battery: 'gold', removed: 'purple', offline: 'default' };
const STATE_BADGE = { open: 'error', acknowledged: 'processing', closed: 'default' } as const;

/** 设备告警: alerts of the user's jurisdiction, pushed live; acknowledged (stops escalation) and closed with a note. */
export function AlertsPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const notify = useNotify();
  const { message } = AntApp.useApp();
  const [state, setState] = useState<Alert['state'] | undefined>('open');
  const [kind, setKind] = useState<AlertKind | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [acting, setActing] = useState<{ alert: Alert; action: 'acknowledge' | 'close' } | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const alerts = useAlerts({ state, kind, page, pageSize, order: 'desc' });
  const mayHandle = can(me, PERM.devicesAlerts);
  // on a phone (the grid worker in the field) the alerts are cards with large buttons, not a table
  const narrow = !Grid.useBreakpoint().md;
  const live = useDeviceStream({
    onAlert: (a) => {
      if (a.state === 'open' && a.level === 0) void message.warning(t('alerts.newAlert', { kind: t(`alerts.kind.${a.kind}`), name: a.personName ?? a.serialNo ?? '' }));
    },
  });
  const byKind = useMemo(() => {
    const counts = new Map<AlertKind, number>();
    for (const a of alerts.data?.items ?? []) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
    return {
      grid: { left: 90, right: 16, top: 8, bottom: 24 },
      tooltip: {},
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: ALERT_KINDS.map((k) => t(`alerts.kind.${k}`)) },
      series: [{ type: 'bar', data: ALERT_KINDS.map((k) => counts.get(k) ?? 0), itemStyle: { color: '#e8684a' } }],
    };
  }, [alerts.data, t]);

  const columns: TableProps<Alert>['columns'] = [
    { title: t('alerts.raisedAt'), dataIndex: 'raisedAt', render: (v: string) => formatDateTime(v), width: 170 },
    { title: t('alerts.kind'), dataIndex: 'kind', width: 120, render: (k: AlertKind) => <Tag color={KIND_COLORS[k]}>{t(`alerts.kind.${k}`)}</Tag> },
    {
      title: t('alerts.elder'), dataIndex: 'personName', width: 110,
      render: (v: string | null, a) => (a.personId ? <Link to={`/devices/map?person=${a.personId}`}>{v}</Link> : (a.serialNo ?? '—')),
    },
    { title: t('alerts.state'), dataIndex: 'state', width: 100, render: (s: Alert['state']) => <Badge status={STATE_BADGE[s]} text={t(`alerts.state.${s}`)} /> },
    { title: t('alerts.level'), dataIndex: 'target', width: 110, render: (v: Alert['target'], a) => (a.state === 'open' ? <Tag>{t(`alerts.target.${v}`)}</Tag> : '—') },
    { title: t('devices.jurisdiction'), dataIndex: 'jurisdictionName', width: 120, ellipsis: true, responsive: ['lg'] },
    { title: t('alerts.note'), dataIndex: 'note', width: 160, responsive: ['xl'], ellipsis: true, render: (v: string | null) => v ?? '' },
    {
      title: t('common.actions'), key: 'actions', fixed: 'right', width: 200,
      render: (_, a) => (
        <Space size={4}>
          <Button size="small" type="link" onClick={() => setViewing(a.id)}>{t('alerts.steps')}</Button>
          {mayHandle && a.state === 'open' && <Button size="small" type="primary" danger data-testid={`ack-${a.id}`} onClick={() => setActing({ alert: a, action: 'acknowledge' })}>{t('alerts.acknowledge')}</Button>}
          {mayHandle && a.state !== 'closed' && <Button size="small" data-testid={`close-${a.id}`} onClick={() => setActing({ alert: a, action: 'close' })}>{t('alerts.close')}</Button>}
        </Space>
      ),
    },
  ];

  if (alerts.isError) return <ErrorState error={alerts.error} onRetry={() => void alerts.refetch()} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <PageHeader
        title={t('alerts.title')}
        subtitle={t('alerts.subtitle')}
        extra={<Space><Badge status={live ? 'success' : 'default'} text={live ? t('alerts.live') : t('alerts.connecting')} data-testid="alerts-live" /><Tag color="red">{t('alerts.openCount', { n: alerts.data?.open ?? 0 })}</Tag></Space>}
      />
      <Flex gap={16} wrap align="flex-start">
        <Card size="small" style={{ flex: '3 1 560px', minWidth: 0 }}>
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            <Select allowClear placeholder={t('alerts.state')} style={{ width: 140 }} value={state} data-testid="alerts-state"
              onChange={(v) => { setState(v); setPage(1); }}
              options={(['open', 'acknowledged', 'closed'] as const).map((s) => ({ value: s, label: t(`alerts.state.${s}`) }))} />
            <Select allowClear placeholder={t('alerts.kind')} style={{ width: 160 }} value={kind}
              onChange={(v) => { setKind(v); setPage(1); }} options={ALERT_KINDS.map((k) => ({ value: k, label: t(`alerts.kind.${k}`) }))} />
          </Flex>
          {narrow ? (
            <>
              <List
                data-testid="alerts-table"
                loading={alerts.isFetching}
                dataSource={alerts.data?.items ?? []}
                locale={{ emptyText: <Empty description={t('alerts.empty')} /> }}
                renderItem={(a) => (
                  <List.Item className="ant-table-row" style={{ display: 'block' }}>
                    <Flex justify="space-between" align="center">
                      <Space><Tag color={KIND_COLORS[a.kind]}>{t(`alerts.kind.${a.kind}`)}</Tag><Typography.Text strong>{a.personName ?? a.serialNo}</Typography.Text></Space>
                      <Badge status={STATE_BADGE[a.state]} text={t(`alerts.state.${a.state}`)} />
                    </Flex>
                    <Typography.Text type="secondary">{formatDateTime(a.raisedAt)} · {a.jurisdictionName}{a.state === 'open' ? ` · ${t('alerts.level')}：${t(`alerts.target.${a.target}`)}` : ''}</Typography.Text>
                    <Flex gap={8} style={{ marginTop: 8 }}>
                      {a.personId && <Button href={`/devices/map?person=${a.personId}`} style={{ flex: 1 }}>{t('devices.map')}</Button>}
                      {mayHandle && a.state === 'open' && <Button type="primary" danger style={{ flex: 1 }} onClick={() => setActing({ alert: a, action: 'acknowledge' })}>{t('alerts.acknowledge')}</Button>}
                      {mayHandle && a.state !== 'closed' && <Button style={{ flex: 1 }} onClick={() => setActing({ alert: a, action: 'close' })}>{t('alerts.close')}</Button>}
                    </Flex>
                  </List.Item>
                )}
              />
              <Pagination simple current={page} pageSize={pageSize} total={alerts.data?.total ?? 0} onChange={(p) => setPage(p)} style={{ marginTop: 12, textAlign: 'center' }} />
            </>
          ) : (
          <Table<Alert>
            rowKey="id"
            size="middle"
            data-testid="alerts-table"
            loading={alerts.isFetching}
            columns={columns}
            dataSource={alerts.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('alerts.empty')} /> }}
            scroll={{ x: 1000 }}
            pagination={{ current: page, pageSize, total: alerts.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { total: n }) }}
            onChange={(p) => { setPage(p.current ?? 1); setPageSize(p.pageSize ?? 20); }}
          />
          )}
        </Card>
        <Card size="small" title={t('alerts.byKind')} style={{ flex: '1 1 280px' }}>
          <Chart option={byKind} height={220} testId="alerts-chart" />
        </Card>
      </Flex>
      {acting && <HandleModal {...acting} onClose={() => setActing(null)} onDone={(key) => { notify.success(key); setActing(null); }} />}
      <AlertDrawer id={viewing} onClose={() => setViewing(null)} />
    </Space>
  );
}

function HandleModal({ alert, action, onClose, onDone }: { alert: Alert; action: 'acknowledge' | 'close'; onClose: () => void; onDone: (key: 'alerts.acknowledged' | 'alerts.closed') => void }) {
  const { t } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm<{ note?: string }>();
  const act = useAlertAction();
  const submit = async ({ note }: { note?: string }) => {
    try {
      await act.mutateAsync({ id: alert.id, action, note: note?.trim() || undefined, version: alert.version });
      onDone(action === 'acknowledge' ? 'alerts.acknowledged' : 'alerts.closed');
    } catch (e) {
      notify.error(e, { versioned: true });
    }
  };
  return (
    <Modal open title={action === 'acknowledge' ? t('alerts.ackTitle') : t('alerts.closeTitle')} onCancel={onClose} onOk={() => form.submit()}
      okText={action === 'acknowledge' ? t('alerts.acknowledge') : t('alerts.close')} cancelText={t('common.cancel')} confirmLoading={act.isPending} okButtonProps={{ 'data-testid': 'alert-confirm' } as never}>
      <Typography.Paragraph>
        <Tag color={KIND_COLORS[alert.kind]}>{t(`alerts.kind.${alert.kind}`)}</Tag> {alert.personName} · {formatDateTime(alert.raisedAt)}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="note" label={t('alerts.note')} rules={action === 'close' ? [{ required: true, whitespace: true, message: t('alerts.noteRequired') }] : []}>
          <Input.TextArea rows={3} maxLength={500} placeholder={t('alerts.notePlaceholder')} data-testid="alert-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AlertDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const d = useAlertDetail(id);
  return (
    <Drawer open={Boolean(id)} onClose={onClose} title={t('alerts.steps')} width={420}>
      {d.data && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} items={[
            { key: 'k', label: t('alerts.kind'), children: t(`alerts.kind.${d.data.kind}`) },
            { key: 'e', label: t('alerts.elder'), children: d.data.personName ?? '—' },
            { key: 'r', label: t('alerts.raisedAt'), children: formatDateTime(d.data.raisedAt) },
            { key: 's', label: t('alerts.state'), children: t(`alerts.state.${d.data.state}`) },
            { key: 'n', label: t('alerts.note'), children: d.data.note ?? '—' },
          ]} />
          <Timeline items={d.data.steps.map((s) => ({
            children: `${formatDateTime(s.at)} · ${t(`alerts.target.${s.target as Alert['target']}`)}${s.recipients.length ? `：${s.recipients.join('、')}` : ''}`,
          }))} />
        </Space>
      )}
    </Drawer>
  );
}
