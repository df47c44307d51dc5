import { Button, Card, Empty, Form, Input, List, Modal, Popconfirm, Segmented, Space, Switch, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PERM, can } from '../../../app/permissions';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useNotify } from '../../../shared/hooks/useNotify';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { LevelTag } from '../components/LevelTag';
import { useAwaiting, useDecideProposal, useElderSettings, useProposals, useUpdateElderSettings, useVocabulary } from '../hooks/useElder';
import type { Proposal } from '../types';

type Status = 'open' | 'started' | 'dismissed' | 'done';

/** Proposals of an immediate re-assessment: start one, or dismiss it with a reason. */
function Proposals() {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const notify = useNotify();
  const [status, setStatus] = useState<Status>('open');
  const [page, setPage] = useState(1);
  const list = useProposals(status, page, 20);
  const decide = useDecideProposal();
  const [dismissing, setDismissing] = useState<Proposal | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const canAssess = can(me, PERM.elderAssess);

  const start = async (p: Proposal) => {
    try {
      await decide.mutateAsync({ id: p.id, body: { action: 'start' } });
      navigate(`/elder/elders/${p.personId}/assess?reason=immediate&proposal=${p.id}`);
    } catch (e) {
      notify.error(e);
    }
  };
  const dismiss = async () => {
    const v = await form.validateFields();
    try {
      await decide.mutateAsync({ id: dismissing!.id, body: { action: 'dismiss', reason: v.reason } });
      notify.success('elder.proposal.dismissed');
      setDismissing(null);
      form.resetFields();
    } catch (e) {
      notify.error(e);
    }
  };
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Segmented<Status>
        value={status}
        onChange={(s) => { setStatus(s); setPage(1); }}
        options={(['open', 'started', 'dismissed', 'done'] as const).map((s) => ({ value: s, label: t(`elder.proposal.status.${s}`) }))}
        style={{ marginBottom: 12 }}
      />
      <List<Proposal>
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="elder-proposals"
        locale={{ emptyText: <Empty description={t('elder.proposal.empty')} /> }}
        pagination={(list.data?.total ?? 0) > 20 ? { current: page, pageSize: 20, total: list.data?.total, onChange: setPage } : false}
        renderItem={(p) => (
          <List.Item
            actions={status === 'open' && canAssess ? [
              <Button key="s" type="primary" size="small" onClick={() => void start(p)}>{t('elder.proposal.start')}</Button>,
              <Button key="d" size="small" onClick={() => setDismissing(p)}>{t('elder.proposal.dismiss')}</Button>,
            ] : []}
          >
            <List.Item.Meta
              title={<Space><Link to={`/elder/elders/${p.personId}`}>{p.personName}</Link><LevelTag level={p.currentLevel} /></Space>}
              description={
                <Space direction="vertical" size={2}>
                  <span>{t('elder.proposal.why', { n: p.eventCount })}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p.jurisdictionName} · {new Date(p.createdAt).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN')}
                    {p.decidedByName ? ` · ${p.decidedByName}` : ''}
                  </Typography.Text>
                  {p.dismissReason && <Typography.Text type="secondary">{t('elder.proposal.reason')}：{p.dismissReason}</Typography.Text>}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <Modal title={t('elder.proposal.dismissTitle', { name: dismissing?.personName ?? '' })} open={dismissing !== null} onCancel={() => setDismissing(null)} onOk={() => void dismiss()} confirmLoading={decide.isPending} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('elder.proposal.reason')} rules={[{ required: true, min: 2, message: t('elder.proposal.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Assessments one assessor submitted that wait for a second assessor's signature. */
function Awaiting() {
  const { t, lang } = useI18n();
  const list = useAwaiting();
  const vocab = useVocabulary();
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <List
      loading={list.isLoading}
      dataSource={list.data?.items ?? []}
      data-testid="elder-awaiting"
      locale={{ emptyText: <Empty description={t('elder.awaiting.empty')} /> }}
      renderItem={(a) => (
        <List.Item actions={[<Link key="r" to={`/elder/assessments/${a.id}`}>{a.mine ? t('elder.assess.report') : t('elder.awaiting.review')}</Link>]}>
          <List.Item.Meta
            title={<Space><Link to={`/elder/elders/${a.personId}`}>{a.personName}</Link><LevelTag level={a.finalLevel} version={a.scaleVersion} />{a.mine && <Tag>{t('elder.awaiting.mine')}</Tag>}</Space>}
            description={`${vocab.name('reasons', a.reason)} · ${a.assessor1.name ?? ''} · ${new Date(a.assessedAt).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN')}`}
          />
        </List.Item>
      )}
    />
  );
}

/** 评估设置: whether the diagnosis raise and the risk-event raise add up (a confirmed change, audited). */
function Settings() {
  const { t } = useI18n();
  const notify = useNotify();
  const settings = useElderSettings();
  const update = useUpdateElderSettings();
  const s = settings.data;
  if (!s) return null;
  const change = async () => {
    try {
      await update.mutateAsync({ raisesStack: !s.raisesStack, version: s.version });
      notify.success('common.saved');
    } catch (e) {
      notify.error(e, { versioned: true });
    }
  };
  return (
    <Card size="small" title={t('elder.settings.title')}>
      <Space>
        <Popconfirm title={t('elder.settings.confirm')} onConfirm={change}>
          <Switch checked={s.raisesStack} loading={update.isPending} />
        </Popconfirm>
        <Typography.Text>{t('elder.settings.raisesStack')}</Typography.Text>
      </Space>
      <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('elder.settings.hint')}</Typography.Text></div>
    </Card>
  );
}

/** 评估待办: immediate-assessment proposals and assessments waiting for a second signature; a list that reads on a phone. */
export function ElderTodoPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <PageHeader title={t('elder.todo.title')} subtitle={t('elder.todo.subtitle')} />
      {can(me, PERM.elderManage) && <Settings />}
      <Card size="small">
        <Tabs items={[
          { key: 'proposals', label: t('elder.todo.proposals'), children: <Proposals /> },
          { key: 'awaiting', label: t('elder.todo.awaiting'), children: <Awaiting /> },
        ]} />
      </Card>
    </Space>
  );
}
