import { AlertOutlined, EditOutlined, FormOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Popconfirm, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PERM, can } from '../../../app/permissions';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useNotify } from '../../../shared/hooks/useNotify';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { ArchiveFormModal } from '../components/ArchiveFormModal';
import { LevelTag } from '../components/LevelTag';
import { RiskEventModal } from '../components/RiskEventModal';
import { useElder, useSign, useVocabulary } from '../hooks/useElder';
import type { Assessment, Elder } from '../types';

const day = (d: string | null | undefined, lang: string) => (d ? new Date(d).toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN') : '—');

/** 老人档案详情: the registry summary, current level, social and health archive, assessments with signatures, risk events. */
export function ElderPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const elder = useElder(id);
  const vocab = useVocabulary();
  const sign = useSign();
  const notify = useNotify();
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState(false);
  if (elder.isError) return <ErrorState error={elder.error} onRetry={() => void elder.refetch()} />;
  if (!elder.data) return <Skeleton active />;
  const e: Elder = elder.data;
  const a = e.archive;
  const canWrite = can(me, PERM.elderWrite);
  const canAssess = can(me, PERM.elderAssess);
  const gender = e.person.gender === 1 ? t('elder.male') : e.person.gender === 2 ? t('elder.female') : '';

  const doSign = async (x: Assessment) => {
    try {
      await sign.mutateAsync(x.id);
      notify.success('elder.assess.signed');
    } catch (err) {
      notify.error(err);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <PageHeader
        title={e.person.name}
        subtitle={[gender, e.person.age !== null ? t('elder.ageYears', { age: e.person.age }) : '', e.person.jurisdictionName ?? ''].filter(Boolean).join(' · ')}
        extra={
          <>
            <Link to={`/registry/people/${e.person.id}`}><Button icon={<UserOutlined />}>{t('elder.person360')}</Button></Link>
            {canWrite && <Button icon={<AlertOutlined />} onClick={() => setRecording(true)} data-testid="elder-add-risk">{t('elder.risk.add')}</Button>}
            {canWrite && <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="elder-edit-archive">{a ? t('elder.archive.edit') : t('elder.archive.create')}</Button>}
            {canAssess && (
              <Button type="primary" icon={<FormOutlined />} onClick={() => navigate(`/elder/elders/${e.person.id}/assess`)} data-testid="elder-assess">
                {t('elder.assess.new')}
              </Button>
            )}
          </>
        }
      />
      {e.openProposalId && (
        <Alert
          type="warning"
          showIcon
          message={t('elder.proposal.alert', { n: e.riskEvents30d })}
          action={canAssess && (
            <Button size="small" type="primary" onClick={() => navigate(`/elder/elders/${e.person.id}/assess?reason=immediate&proposal=${e.openProposalId}`)}>
              {t('elder.proposal.start')}
            </Button>
          )}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card title={t('elder.currentLevel')} size="small">
            <Flex vertical gap={8}>
              <div style={{ fontSize: 18 }}><LevelTag level={a?.currentLevel} version={a?.currentScaleVersion} /></div>
              <Typography.Text type="secondary">
                {a?.currentScaleVersion ? `${a.currentScaleVersion} · ${day(a.currentAssessedAt, lang)}` : t('elder.level.noneHint')}
              </Typography.Text>
              <Descriptions size="small" column={1} items={[
                { key: 'id', label: t('person.citizenId'), children: <span className="mono">{e.person.citizenIdMasked ?? '—'}</span> },
                { key: 'phone', label: t('person.phone'), children: <span className="mono">{e.person.phoneMasked ?? '—'}</span> },
                { key: 'addr', label: t('elder.address'), children: e.person.residenceAddress ?? '—' },
                { key: 'risk', label: t('elder.risk.last30'), children: e.riskEvents30d },
              ]} />
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          {!a ? (
            <Card size="small" title={t('elder.archive.title')}>
              <Empty description={t('elder.archive.none')}>
                {canWrite && <Button type="primary" onClick={() => setEditing(true)}>{t('elder.archive.create')}</Button>}
              </Empty>
            </Card>
          ) : (
            <Card size="small" title={t('elder.archive.title')} data-testid="elder-archive">
              <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
                { key: 'living', label: t('elder.col.living'), children: vocab.name('livingSituations', a.livingSituation) },
                { key: 'sub', label: t('elder.col.subsidies'), children: a.subsidies.length ? a.subsidies.map((s) => <Tag key={s}>{vocab.name('subsidies', s)}</Tag>) : t('common.none') },
                { key: 'chronic', label: t('elder.health.chronic'), children: a.chronicConditions.join('、') || t('common.none') },
                {
                  key: 'dx', label: t('elder.health.diagnoses'),
                  children: a.diagnosisCodes.length ? (
                    <Space size={4} wrap>
                      {a.diagnosisCodes.map((c) => <Tag key={c}>{c}</Tag>)}
                      {a.diagnoses.dementia && <Tag color="red">{t('elder.health.dementia')}</Tag>}
                      {a.diagnoses.psychiatric && <Tag color="orange">{t('elder.health.psychiatric')}</Tag>}
                    </Space>
                  ) : t('common.none'),
                },
                { key: 'med', label: t('elder.health.medications'), children: a.medications.map((m) => (m.dosage ? `${m.name}（${m.dosage}）` : m.name)).join('、') || t('common.none') },
                { key: 'allergy', label: t('elder.health.allergies'), children: a.allergies.join('、') || t('common.none') },
                ...(a.notes ? [{ key: 'notes', label: t('elder.notes'), children: a.notes }] : []),
              ]} />
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={e.contacts}
                style={{ marginTop: 8 }}
                locale={{ emptyText: t('elder.contacts.empty') }}
                columns={[
                  { title: t('elder.contacts'), dataIndex: 'name', render: (n: string, c) => (c.contactPersonId ? <Link to={`/registry/people/${c.contactPersonId}`}>{n}</Link> : n) },
                  { title: t('elder.contact.relation'), dataIndex: 'relation' },
                  { title: t('person.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
                  { title: '', key: 'role', render: (_, c) => <>{c.isGuardian && <Tag color="purple">{t('elder.contact.guardian')}</Tag>}{c.isEmergency && <Tag color="red">{t('elder.contact.emergency')}</Tag>}</> },
                ]}
              />
            </Card>
          )}
        </Col>
      </Row>
      <Card size="small" title={t('elder.assess.history')}>
        <Table<Assessment>
          size="small"
          rowKey="id"
          dataSource={e.assessments}
          data-testid="elder-assessments"
          pagination={e.assessments.length > 10 ? { pageSize: 10 } : false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={t('elder.assess.none')} /> }}
          columns={[
            { title: t('elder.assess.date'), dataIndex: 'assessedAt', render: (d: string) => day(d, lang) },
            { title: t('elder.assess.scale'), dataIndex: 'scaleVersion' },
            { title: t('elder.assess.reason'), dataIndex: 'reason', render: (r: string) => vocab.name('reasons', r) },
            { title: t('elder.assess.total'), dataIndex: 'total' },
            { title: t('elder.assess.level'), dataIndex: 'finalLevel', render: (l: number, x) => <LevelTag level={l} version={x.scaleVersion} /> },
            {
              title: t('elder.assess.signatures'), key: 'sig',
              render: (_, x) => (
                <span>
                  {x.assessor1.name}{' / '}
                  {x.assessor2 ? x.assessor2.name : <Tag color="orange">{t('elder.assess.awaitingSecond')}</Tag>}
                </span>
              ),
            },
            {
              title: t('common.actions'), key: 'act',
              render: (_, x) => (
                <Space>
                  <Link to={`/elder/assessments/${x.id}`}>{t('elder.assess.report')}</Link>
                  {x.status === 'awaiting_second' && canAssess && x.assessor1.id !== me.id && (
                    <Popconfirm title={t('elder.assess.signConfirm')} onConfirm={() => doSign(x)} okText={t('elder.assess.sign')}>
                      <Button size="small" type="primary" loading={sign.isPending} data-testid="elder-sign">{t('elder.assess.sign')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('elder.risk.title')}>
        <Table
          size="small"
          rowKey="id"
          dataSource={e.riskEvents}
          pagination={e.riskEvents.length > 10 ? { pageSize: 10 } : false}
          locale={{ emptyText: <Empty description={t('elder.risk.none')} /> }}
          columns={[
            { title: t('elder.risk.occurredAt'), dataIndex: 'occurredAt', render: (d: string) => new Date(d).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN') },
            { title: t('elder.risk.kind'), dataIndex: 'kind', render: (k: string) => <Tag color={k === 'fall' || k === 'wandering' ? 'orange' : 'red'}>{vocab.name('riskEventKinds', k)}</Tag> },
            { title: t('elder.risk.source'), dataIndex: 'source', render: (s: string) => (s === 'device' ? t('elder.risk.device') : t('elder.risk.manual')) },
            { title: t('elder.notes'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
            { title: t('elder.risk.by'), dataIndex: 'recordedByName', render: (n: string | null) => n ?? '—' },
          ]}
        />
      </Card>
      <ArchiveFormModal elder={e} open={editing} onClose={() => setEditing(false)} />
      <RiskEventModal personId={e.person.id} open={recording} onClose={() => setRecording(false)} />
    </Space>
  );
}
