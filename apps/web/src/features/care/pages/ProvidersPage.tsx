import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Form, InputNumber, Modal, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { useI18n } from '../../../i18n/I18nProvider';
import type { DictKey } from '../../../i18n/dict';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useNotify } from '../../../shared/hooks/useNotify';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import { JurisdictionTreeSelect, type JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { OrganizationPicker } from '../../registry/components/Pickers';
import type { PickedOption } from '../../registry/components/SearchSelect';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { ProviderSettingsModal } from '../components/ProviderSettingsModal';
import { ServiceFormModal } from '../components/ServiceFormModal';
import { useAddStaff, useCreateProvider, useProviders, useServices, useStaff } from '../hooks/useCare';
import type { Provider, Service } from '../types';

/**
 * 服务机构与项目: providers (registered organisations, their service areas and tolerances, their
 * staff) and the catalogue; elder-care staff (`care.manage`) change both here.
 */
export function ProvidersPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const canManage = me.permissions.includes('care.manage');
  const providers = useProviders();
  const services = useServices();
  const [creating, setCreating] = useState(false);
  const [staffOf, setStaffOf] = useState<Provider | null>(null);
  const [settingsOf, setSettingsOf] = useState<Provider | null>(null);
  const [service, setService] = useState<Service | null | undefined>(undefined);
  const [tab, setTab] = useState('providers');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('care.providers.title')} subtitle={t('care.providers.subtitle')}
        extra={canManage && (tab === 'services'
          ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setService(null)}>{t('care.services.new')}</Button>
          : <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('care.providers.new')}</Button>)} />
      <Card size="small">
        <Tabs activeKey={tab} onChange={setTab} items={[
          {
            key: 'providers', label: t('care.providers.tab'),
            children: (
              <Table<Provider> rowKey="id" size="middle" loading={providers.isFetching} dataSource={providers.data?.items ?? []} locale={{ emptyText: t('care.providers.empty') }} pagination={{ pageSize: 20, hideOnSinglePage: true }}
                columns={[
                  { title: t('care.col.provider'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name) },
                  { title: t('care.col.area'), dataIndex: 'serviceArea', render: (a: Provider['serviceArea']) => a.map((n) => <Tag key={n.path}>{n.name}</Tag>) },
                  { title: t('care.col.tolerance'), dataIndex: 'toleranceM' },
                  { title: t('care.col.share'), dataIndex: 'minDurationShare', render: (v) => `${Math.round(v * 100)}%` },
                  { title: t('care.col.caregivers'), dataIndex: 'caregivers' },
                  { title: t('care.col.status'), dataIndex: 'active', render: (a) => (a ? <Tag color="green">{t('care.providers.active')}</Tag> : <Tag>{t('care.providers.inactive')}</Tag>) },
                  {
                    title: t('common.actions'), key: 'a',
                    render: (_, p) => (
                      <Space size={0}>
                        {canManage && <Button size="small" type="link" data-testid={`provider-settings-${p.id}`} onClick={() => setSettingsOf(p)}>{t('care.providers.edit')}</Button>}
                        <Button size="small" type="link" onClick={() => setStaffOf(p)}>{t('care.providers.staff')}</Button>
                      </Space>
                    ),
                  },
                ]} />
            ),
          },
          {
            key: 'services', label: t('care.services.tab'),
            children: (
              <Table<Service> rowKey="code" size="middle" loading={services.isFetching} dataSource={services.data?.items ?? []} pagination={false}
                columns={[
                  { title: t('care.col.service'), dataIndex: 'name', render: (v, s) => <span>{v} <Tag>{s.code}</Tag></span> },
                  { title: t('care.col.duration'), dataIndex: 'durationMin' },
                  { title: t('care.col.price'), dataIndex: 'priceCents', render: (c) => (c / 100).toFixed(2) },
                  { title: t('care.col.tasks'), dataIndex: 'tasks', render: (ts: string[]) => ts.map((x) => <Tag key={x}>{x}</Tag>) },
                  { title: t('care.col.status'), dataIndex: 'active', render: (a) => (a ? <Tag color="green">{t('care.providers.active')}</Tag> : <Tag>{t('care.providers.inactive')}</Tag>) },
                  ...(canManage ? [{
                    title: t('common.actions'), key: 'a',
                    render: (_: unknown, s: Service) => <Button size="small" type="link" data-testid={`service-edit-${s.code}`} onClick={() => setService(s)}>{t('care.services.editShort')}</Button>,
                  }] : []),
                ]} />
            ),
          },
        ]} />
      </Card>
      <ProviderFormModal open={creating} onClose={() => setCreating(false)} />
      <StaffDrawer provider={staffOf} onClose={() => setStaffOf(null)} />
      <ProviderSettingsModal provider={settingsOf} onClose={() => setSettingsOf(null)} />
      <ServiceFormModal service={service} existing={(services.data?.items ?? []).map((s) => s.code)} onClose={() => setService(undefined)} />
    </Space>
  );
}

function ProviderFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm<{ org: PickedOption; area: JurisdictionOption[]; toleranceM: number; minDurationShare: number }>();
  const create = useCreateProvider();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({ organizationId: v.org.value, serviceAreaIds: v.area.map((a) => a.value), toleranceM: v.toleranceM, minDurationShare: v.minDurationShare });
      notify.success('care.providers.created');
      form.resetFields();
      onClose();
    } catch (e) {
      if (!showFieldErrors(form, e, lang)) notify.error(e);
    }
  };
  return (
    <Modal open={open} title={t('care.providers.new')} onCancel={onClose} onOk={() => void submit()} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ toleranceM: 300, minDurationShare: 0.5 }}>
        <Form.Item name="org" label={t('care.providers.org')} rules={[{ required: true }]}><OrganizationPicker placeholder={t('care.providers.orgSearch')} /></Form.Item>
        <Form.Item name="area" label={t('care.col.area')} rules={[{ required: true }]}><JurisdictionTreeSelect /></Form.Item>
        <Form.Item name="toleranceM" label={t('care.col.tolerance')}><InputNumber min={20} max={5000} step={50} /></Form.Item>
        <Form.Item name="minDurationShare" label={t('care.col.share')}><InputNumber min={0.1} max={1} step={0.1} /></Form.Item>
      </Form>
    </Modal>
  );
}

function StaffDrawer({ provider, onClose }: { provider: Provider | null; onClose: () => void }) {
  const { t } = useI18n();
  const notify = useNotify();
  const staff = useStaff(provider?.id ?? null);
  const add = useAddStaff();
  const [kind, setKind] = useState<'caregiver' | 'dispatcher'>('caregiver');
  const [userId, setUserId] = useState<string | undefined>();
  const candidates = useQuery({
    queryKey: ['care', 'candidates', kind],
    queryFn: () => unwrap(api.GET('/api/care/staff-candidates', { params: { query: { kind } } })),
    enabled: Boolean(provider),
  });
  const submit = async () => {
    if (!userId || !provider) return;
    try {
      await add.mutateAsync({ id: provider.id, body: { userId, kind } });
      notify.success('care.providers.staffAdded');
      setUserId(undefined);
    } catch (e) {
      notify.error(e);
    }
  };
  return (
    <Drawer open={Boolean(provider)} onClose={onClose} title={`${provider?.name ?? ''} · ${t('care.providers.staff')}`} size="default" destroyOnHidden>
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Select value={kind} onChange={(v) => { setKind(v); setUserId(undefined); }} style={{ width: 100 }}
          options={(['caregiver', 'dispatcher'] as const).map((k) => ({ value: k, label: t(`care.providers.kind.${k}` as DictKey) }))} />
        <Select showSearch optionFilterProp="label" value={userId} onChange={setUserId} style={{ flex: 1 }} placeholder={t('care.providers.addStaff')}
          options={(candidates.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}${u.jurisdictionName ? `（${u.jurisdictionName}）` : ''}` }))} />
        <Button type="primary" disabled={!userId} loading={add.isPending} onClick={() => void submit()}>{t('care.providers.addStaff')}</Button>
      </Space.Compact>
      <Table rowKey="id" size="small" loading={staff.isFetching} dataSource={staff.data?.items ?? []} pagination={false}
        columns={[
          { title: t('care.col.caregiver'), dataIndex: 'displayName' },
          { title: t('care.col.status'), dataIndex: 'kind', render: (k) => <Tag>{t(`care.providers.kind.${k}` as DictKey)}</Tag> },
        ]} />
    </Drawer>
  );
}
