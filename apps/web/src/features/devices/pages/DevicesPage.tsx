import { PlusOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Empty, Flex, Form, Input, Modal, Progress, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PERM, can } from '../../../app/permissions';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useNotify } from '../../../shared/hooks/useNotify';
import { formatDateTime } from '../../../shared/utils/format';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { JurisdictionPicker, PLACEMENT_LEVELS } from '../../registry/components/JurisdictionPicker';
import { PersonPicker } from '../../registry/components/Pickers';
import { useCreateDevice, useDeviceList } from '../hooks/useDevices';
import type { Device } from '../types';

type Sort = 'serial' | 'last_seen' | 'battery';

/** 智能设备: watches and kiosks with their state, filtered, sorted and paged on the server. */
export function DevicesPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<'watch' | 'kiosk' | undefined>();
  const [status, setStatus] = useState<'online' | 'offline' | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [sort, setSort] = useState<{ sort: Sort; order: 'asc' | 'desc' }>({ sort: 'last_seen', order: 'desc' });
  const [adding, setAdding] = useState(false);
  const list = useDeviceList({ q: q || undefined, kind, status, page, pageSize, ...sort });
  const mayManage = can(me, PERM.devicesManage);

  const columns: TableProps<Device>['columns'] = [
    {
      title: t('devices.serial'), dataIndex: 'serialNo', key: 'serial', sorter: true, sortOrder: sort.sort === 'serial' ? (sort.order === 'asc' ? 'ascend' : 'descend') : null,
      render: (v: string, d) => <Space direction="vertical" size={0}><Typography.Text code>{v}</Typography.Text><Typography.Text type="secondary">{d.name}</Typography.Text></Space>,
    },
    { title: t('devices.kind'), dataIndex: 'kind', render: (k: Device['kind']) => <Tag color={k === 'watch' ? 'purple' : 'gold'}>{t(`devices.kind.${k}`)}</Tag> },
    {
      title: t('devices.status'), key: 'status',
      render: (_, d) => (
        <Space size={4}>
          <Badge status={d.online ? 'success' : 'default'} text={d.online ? t('devices.online') : t('devices.offline')} />
          {d.worn === false && <Tag color="orange">{t('devices.removed')}</Tag>}
        </Space>
      ),
    },
    { title: t('devices.elder'), dataIndex: 'personName', render: (v: string | null, d) => (v && d.personId ? <Link to={`/registry/people/${d.personId}`}>{v}</Link> : '—') },
    {
      title: t('devices.battery'), dataIndex: 'battery', key: 'battery', sorter: true, width: 140, sortOrder: sort.sort === 'battery' ? (sort.order === 'asc' ? 'ascend' : 'descend') : null,
      render: (b: number | null) => (b === null ? '—' : <Progress percent={b} size="small" status={b <= 15 ? 'exception' : 'normal'} />),
    },
    {
      title: t('devices.lastSeen'), dataIndex: 'lastSeenAt', key: 'last_seen', sorter: true, sortOrder: sort.sort === 'last_seen' ? (sort.order === 'asc' ? 'ascend' : 'descend') : null,
      render: (v: string | null) => (v ? formatDateTime(v) : t('devices.never')),
    },
    { title: t('devices.jurisdiction'), dataIndex: 'jurisdictionName', responsive: ['lg'] },
    {
      title: t('common.actions'), key: 'actions',
      render: (_, d) => (d.kind === 'watch' && d.personId ? <Link to={`/devices/map?person=${d.personId}`}>{t('devices.map')}</Link> : null),
    },
  ];

  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <PageHeader
        title={t('devices.title')}
        subtitle={t('devices.subtitle')}
        extra={mayManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="device-add">{t('devices.add')}</Button>}
      />
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder={t('devices.search')} style={{ width: 240 }} onSearch={(v) => { setQ(v.trim()); setPage(1); }} data-testid="device-search" />
          <Select allowClear placeholder={t('devices.kind')} style={{ width: 140 }} value={kind} onChange={(v) => { setKind(v); setPage(1); }}
            options={[{ value: 'watch', label: t('devices.kind.watch') }, { value: 'kiosk', label: t('devices.kind.kiosk') }]} />
          <Select allowClear placeholder={t('devices.status')} style={{ width: 120 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }}
            options={[{ value: 'online', label: t('devices.online') }, { value: 'offline', label: t('devices.offline') }]} />
        </Flex>
        <Table<Device>
          rowKey="id"
          size="middle"
          data-testid="device-table"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('devices.empty')} /> }}
          scroll={{ x: 900 }}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { total: n }) }}
          onChange={(p, _f, sorter) => {
            setPage(p.current ?? 1);
            setPageSize(p.pageSize ?? 20);
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            if (s?.order && s.columnKey) setSort({ sort: s.columnKey as Sort, order: s.order === 'ascend' ? 'asc' : 'desc' });
            else setSort({ sort: 'last_seen', order: 'desc' });
          }}
        />
      </Card>
      {adding && <AddDeviceModal onClose={() => setAdding(false)} />}
    </Space>
  );
}

type FormValues = {
  kind: 'watch' | 'kiosk'; serialNo: string; maker?: string; model?: string;
  elder?: { value: string }; place?: { value: string }; family?: { value: string }; emergency?: { value: string };
};

function AddDeviceModal({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const { modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? 'watch';
  const create = useCreateDevice();
  const submit = async (v: FormValues) => {
    try {
      const contacts = [
        ...(v.family ? [{ role: 'family' as const, personId: v.family.value }] : []),
        ...(v.emergency ? [{ role: 'emergency' as const, personId: v.emergency.value }] : []),
      ];
      const d = await create.mutateAsync({
        kind: v.kind, serialNo: v.serialNo.trim(), maker: v.maker || undefined, model: v.model || undefined,
        ...(v.kind === 'watch' ? { personId: v.elder?.value, contacts } : { jurisdictionId: v.place?.value }),
      });
      notify.success('devices.created');
      if (d.deviceKey) modal.info({ title: t('devices.kind.kiosk'), content: <Space direction="vertical"><span>{t('devices.keyOnce')}</span><Typography.Text code copyable>{d.deviceKey}</Typography.Text></Space> });
      onClose();
    } catch (e) {
      if (!showFieldErrors(form, e, lang)) notify.error(e);
    }
  };
  return (
    <Modal open title={t('devices.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'watch', maker: '3G' }} onFinish={(v) => void submit(v)} data-testid="device-form">
        <Form.Item name="kind" label={t('devices.kind')}>
          <Radio.Group optionType="button" options={[{ value: 'watch', label: t('devices.kind.watch') }, { value: 'kiosk', label: t('devices.kind.kiosk') }]} />
        </Form.Item>
        <Form.Item name="serialNo" label={t('devices.serial')} rules={[{ required: true, message: t('common.required', { field: t('devices.serial') }) }]}>
          <Input maxLength={32} />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item name="maker" label={t('devices.maker')} style={{ flex: 1 }}><Input maxLength={2} /></Form.Item>
          <Form.Item name="model" label={t('devices.model')} style={{ flex: 2 }}><Input maxLength={60} /></Form.Item>
        </Flex>
        {kind === 'watch' ? (
          <>
            <Form.Item name="elder" label={t('devices.elder')} rules={[{ required: true, message: t('common.selectRequired', { field: t('devices.elder') }) }]}><PersonPicker /></Form.Item>
            <Form.Item name="family" label={t('devices.family')}><PersonPicker /></Form.Item>
            <Form.Item name="emergency" label={t('devices.emergency')}><PersonPicker /></Form.Item>
          </>
        ) : (
          <Form.Item name="place" label={t('devices.place')} rules={[{ required: true, message: t('common.selectRequired', { field: t('devices.place') }) }]}><JurisdictionPicker levels={PLACEMENT_LEVELS} /></Form.Item>
        )}
      </Form>
    </Modal>
  );
}
