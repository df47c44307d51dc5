import { FileProtectOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, DatePicker, Flex, Form, Input, Modal, Radio, Select, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useNotify } from '../../../shared/hooks/useNotify';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import { formatDateTime, toDateString } from '../../../shared/utils/format';
import { PersonPicker } from '../../registry/components/Pickers';
import {
  type PrivacyRequest, type PrivacyRequestQuery, useClosePrivacyRequest, useCreatePrivacyRequest, usePrivacyCopy, usePrivacyRequests,
} from '../hooks/usePrivacy';

const KINDS = ['access', 'correct', 'delete'] as const;
const CHANNELS = ['counter', 'phone', 'online', 'letter'] as const;
const KIND_COLORS = { access: 'blue', correct: 'gold', delete: 'volcano' } as const;
const STATUS_COLORS = { open: 'processing', done: 'success', refused: 'default' } as const;

/** 个人信息权利请求: residents' requests to see and copy, correct or delete their data, with deadlines. */
export function PrivacyRequestsPage() {
  const { t } = useI18n();
  const notify = useNotify();
  const [query, setQuery] = useState<PrivacyRequestQuery>({ page: 1, pageSize: 20 });
  const list = usePrivacyRequests(query);
  const copy = usePrivacyCopy();
  const [creating, setCreating] = useState(false);
  const [closing, setClosing] = useState<PrivacyRequest>();
  const set = (patch: Partial<PrivacyRequestQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));

  const columns: ColumnsType<PrivacyRequest> = [
    {
      title: t('privacy.col.person'), key: 'person', width: 200,
      render: (_, r) => (
        <Flex vertical>
          <Typography.Text strong>{r.person.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.person.citizenIdMasked ?? '—'}</Typography.Text>
        </Flex>
      ),
    },
    { title: t('privacy.col.kind'), key: 'kind', width: 110, render: (_, r) => <Tag color={KIND_COLORS[r.kind]}>{t(`privacy.kind.${r.kind}`)}</Tag> },
    { title: t('privacy.col.requester'), key: 'requester', width: 150, render: (_, r) => <>{r.requester}<Typography.Text type="secondary"> · {t(`privacy.channel.${r.channel}`)}</Typography.Text></> },
    { title: t('privacy.col.received'), dataIndex: 'receivedOn', width: 110 },
    {
      title: t('privacy.col.due'), key: 'due', width: 170,
      render: (_, r) => (
        <Flex gap={6} align="center">
          {r.dueOn}
          {r.daysLeft !== null && (r.daysLeft < 0
            ? <Tag color="error">{t('privacy.overdueDays', { n: -r.daysLeft })}</Tag>
            : <Tag color={r.daysLeft <= 3 ? 'warning' : 'default'}>{t('privacy.daysLeft', { n: r.daysLeft })}</Tag>)}
        </Flex>
      ),
    },
    { title: t('privacy.col.status'), key: 'status', width: 100, render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{t(`privacy.status.${r.status}`)}</Tag> },
    {
      title: t('privacy.col.outcome'), key: 'outcome', width: 220, ellipsis: true,
      render: (_, r) => (r.outcome ? <Tooltip title={`${r.handledBy ?? ''} ${formatDateTime(r.handledAt as unknown as string)}`}>{r.outcome}</Tooltip> : <Typography.Text type="secondary">{r.detail ?? '—'}</Typography.Text>),
    },
    {
      title: t('common.actions'), key: 'actions', width: 190, fixed: 'right',
      render: (_, r) => (
        <Flex gap={4}>
          <Tooltip title={t('privacy.copyHint')}>
            <Button size="small" icon={<FileProtectOutlined />} loading={copy.isPending && copy.variables === r.id}
              onClick={() => copy.mutate(r.id, { onSuccess: () => notify.success('privacy.copyDone'), onError: (e) => notify.error(e) })}>
              {t('privacy.copy')}{r.copies > 0 ? ` (${r.copies})` : ''}
            </Button>
          </Tooltip>
          {r.status === 'open' && <Button size="small" type="link" onClick={() => setClosing(r)}>{t('privacy.close')}</Button>}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('privacy.title')}
        subtitle={t('privacy.subtitle')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('privacy.new')}</Button>}
      />
      <Flex gap={16} wrap style={{ marginBottom: 16 }}>
        <Card size="small" style={{ minWidth: 160 }}><Statistic title={t('privacy.stat.open')} value={list.data?.open ?? 0} /></Card>
        <Card size="small" style={{ minWidth: 160 }}>
          <Statistic title={t('privacy.stat.overdue')} value={list.data?.overdue ?? 0} valueStyle={{ color: (list.data?.overdue ?? 0) > 0 ? '#cf1322' : undefined }} />
        </Card>
      </Flex>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
          <Input.Search allowClear placeholder={t('privacy.search')} style={{ width: 220 }} onSearch={(v) => set({ q: v || undefined })} />
          <Select allowClear placeholder={t('privacy.col.status')} style={{ width: 130 }} value={query.status} onChange={(v) => set({ status: v })}
            options={(['open', 'done', 'refused'] as const).map((s) => ({ value: s, label: t(`privacy.status.${s}`) }))} />
          <Select allowClear placeholder={t('privacy.col.kind')} style={{ width: 140 }} value={query.kind} onChange={(v) => set({ kind: v })}
            options={KINDS.map((k) => ({ value: k, label: t(`privacy.kind.${k}`) }))} />
          <Checkbox checked={query.overdue === 'true'} onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}>{t('privacy.onlyOverdue')}</Checkbox>
        </Flex>
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<PrivacyRequest>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            scroll={{ x: 1350 }}
            locale={{ emptyText: t('privacy.empty') }}
            rowClassName={(r) => (r.daysLeft !== null && r.daysLeft < 0 ? 'row-overdue' : '')}
            pagination={{
              current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, showSizeChanger: true,
              showTotal: (n) => t('common.total', { total: n }),
              onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
            }}
          />
        )}
      </Card>
      <CreateModal open={creating} onClose={() => setCreating(false)} />
      {closing && <CloseModal request={closing} onClose={() => setClosing(undefined)} />}
    </>
  );
}

function CreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm();
  const create = useCreatePrivacyRequest();
  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(
      { personId: (v.personId as { value: string }).value, kind: v.kind, channel: v.channel, requester: v.requester, detail: v.detail || undefined, receivedOn: toDateString(v.receivedOn) },
      {
        onSuccess: () => {
          notify.success('privacy.created');
          form.resetFields();
          onClose();
        },
        onError: (e) => {
          if (!showFieldErrors(form, e, lang)) notify.error(e);
        },
      },
    );
  };
  return (
    <Modal open={open} title={t('privacy.new')} okText={t('privacy.register')} onOk={() => void submit()} onCancel={onClose} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'access', channel: 'counter', receivedOn: dayjs() }}>
        <Form.Item name="personId" label={t('privacy.col.person')} rules={[{ required: true, message: t('privacy.personRequired') }]}>
          <PersonPicker placeholder={t('privacy.personPlaceholder')} />
        </Form.Item>
        <Form.Item name="kind" label={t('privacy.col.kind')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={KINDS.map((k) => ({ value: k, label: t(`privacy.kind.${k}`) }))} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="channel" label={t('privacy.col.channel')} style={{ flex: 1 }} rules={[{ required: true }]}>
            <Select options={CHANNELS.map((c) => ({ value: c, label: t(`privacy.channel.${c}`) }))} />
          </Form.Item>
          <Form.Item name="receivedOn" label={t('privacy.col.received')} style={{ flex: 1 }} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Flex>
        <Form.Item name="requester" label={t('privacy.col.requester')} extra={t('privacy.requesterHint')} rules={[{ required: true, whitespace: true, message: t('privacy.requesterRequired') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="detail" label={t('privacy.detail')}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('privacy.detailPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CloseModal({ request, onClose }: { request: PrivacyRequest; onClose: () => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm();
  const close = useClosePrivacyRequest();
  const submit = async () => {
    const v = await form.validateFields();
    close.mutate({ id: request.id, status: v.status, outcome: v.outcome, version: request.version }, {
      onSuccess: () => {
        notify.success('privacy.closed');
        onClose();
      },
      onError: (e) => {
        if (!showFieldErrors(form, e, lang)) notify.error(e, { versioned: true });
      },
    });
  };
  return (
    <Modal open title={t('privacy.closeTitle', { name: request.person.name })} okText={t('privacy.close')} onOk={() => void submit()} onCancel={onClose} confirmLoading={close.isPending}>
      <Typography.Paragraph type="secondary">
        {t(`privacy.kind.${request.kind}`)} · {request.requester} · {request.receivedOn}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ status: 'done' }}>
        <Form.Item name="status" label={t('privacy.col.status')}>
          <Radio.Group options={[{ value: 'done', label: t('privacy.status.done') }, { value: 'refused', label: t('privacy.status.refused') }]} />
        </Form.Item>
        <Form.Item name="outcome" label={t('privacy.col.outcome')} rules={[{ required: true, min: 4, whitespace: true, message: t('privacy.outcomeRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('privacy.outcomePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
