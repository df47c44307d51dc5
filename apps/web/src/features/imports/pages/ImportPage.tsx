import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Descriptions, Flex, Progress, Radio, Result, Space, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import type { DictKey } from '../../../i18n/dict';
import { useI18n } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useNotify } from '../../../shared/hooks/useNotify';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { JurisdictionPicker, PLACEMENT_LEVELS } from '../../registry/components/JurisdictionPicker';
import { MappingTable } from '../components/MappingTable';
import { PreviewTable } from '../components/PreviewTable';
import {
  downloadErrors, downloadTemplate, useCancelImport, useCommitImport, useImportJob, useImportJobs, useImportKinds, useSetMapping, useUploadImport,
} from '../hooks/useImports';
import type { ImportDecisions, ImportKind, ImportMapping } from '../types';
import { ROW_CLASSES, isFinished, isRunning, percent, rowsToApply } from '../utils/importView';

const KINDS: { value: ImportKind; label: DictKey; hint: DictKey }[] = [
  { value: 'people', label: 'imports.kind.people', hint: 'imports.kind.peopleHint' },
  { value: 'houses', label: 'imports.kind.houses', hint: 'imports.kind.housesHint' },
  { value: 'organizations', label: 'imports.kind.organizations', hint: 'imports.kind.organizationsHint' },
];
const STEPS: DictKey[] = ['imports.step.kind', 'imports.step.upload', 'imports.step.mapping', 'imports.step.preview', 'imports.step.commit', 'imports.step.result'];

/** 数据导入: a guided import — kind and template, upload, column mapping, preview and validation, commit with progress, result. */
export function ImportPage() {
  const { t } = useI18n();
  const notify = useNotify();
  const { modal } = App.useApp();
  const [step, setStep] = useState(0);
  const [kind, setKind] = useState<ImportKind>('people');
  const [node, setNode] = useState<JurisdictionOption | undefined>();
  const [jobId, setJobId] = useState<string | undefined>();
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [decisions, setDecisions] = useState<ImportDecisions>({ new: 'create', update: 'apply', duplicate: 'skip' });
  const kinds = useImportKinds();
  const job = useImportJob(jobId).data;
  const upload = useUploadImport();
  const stage = useSetMapping();
  const commit = useCommitImport();
  const cancel = useCancelImport();
  const kindLabel = t(KINDS.find((k) => k.value === kind)!.label);

  // the commit step moves on by itself when the background job ends
  useEffect(() => {
    if (step === 4 && job && isFinished(job)) setStep(5);
  }, [step, job]);

  const restart = () => {
    setStep(0);
    setJobId(undefined);
    setMapping({});
    upload.reset();
  };

  const sendFile = (file: File) => {
    if (!node) return;
    upload.mutate(
      { file, kind, jurisdictionId: node.value },
      {
        onSuccess: (j) => {
          setJobId(j.id);
          setMapping(j.mapping);
          setStep(2);
        },
        onError: (e) => notify.error(e),
      },
    );
  };

  const validate = () =>
    stage.mutate({ id: jobId!, mapping }, { onSuccess: () => setStep(3), onError: (e) => notify.error(e) });

  const confirmCommit = () => {
    const n = rowsToApply(job!.counts, decisions);
    modal.confirm({
      title: t('imports.commit.confirmTitle'),
      content: t('imports.commit.confirmBody', { n, kind: kindLabel }),
      okText: t('imports.commit.start'),
      cancelText: t('common.cancel'),
      onOk: () => commit.mutateAsync({ id: jobId!, decisions }).then(() => setStep(4), (e) => notify.error(e)),
    });
  };

  const confirmCancel = () =>
    modal.confirm({
      title: t('imports.cancel.confirmTitle'),
      content: t('imports.cancel.confirmBody'),
      okText: t('imports.cancel.ok'),
      okButtonProps: { danger: true },
      cancelText: t('imports.cancel.keep'),
      onOk: () => cancel.mutateAsync(jobId!).catch((e) => notify.error(e)),
    });

  const fields = kinds.data?.[kind] ?? [];

  return (
    <>
      <PageHeader title={t('imports.title')} subtitle={t('imports.subtitle')} />
      <Card>
        <Steps current={step} size="small" style={{ marginBottom: 24 }} items={STEPS.map((s) => ({ title: t(s) }))} data-testid="import-steps" />

        {step === 0 && (
          <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 720 }}>
            <div>
              <Typography.Title level={5}>{t('imports.kind.choose')}</Typography.Title>
              <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as ImportKind)}>
                <Space orientation="vertical">
                  {KINDS.map((k) => (
                    <Radio key={k.value} value={k.value}>
                      {t(k.label)} <Typography.Text type="secondary">— {t(k.hint)}</Typography.Text>
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </div>
            <div>
              <Typography.Title level={5}>{t('imports.target')}</Typography.Title>
              <JurisdictionPicker value={node} onChange={setNode} levels={PLACEMENT_LEVELS} placeholder={t('imports.targetPlaceholder')} style={{ maxWidth: 420 }} />
              <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>{t('imports.targetHint')}</Typography.Paragraph>
            </div>
            <Alert type="info" showIcon title={t('imports.template.hint')} />
            <Flex gap={8}>
              <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate(kind, t('imports.template.file', { kind: kindLabel })).catch((e) => notify.error(e))}>
                {t('imports.template.download')}
              </Button>
              <Button type="primary" disabled={!node} onClick={() => setStep(1)}>{t('imports.next')}</Button>
            </Flex>
          </Space>
        )}

        {step === 1 && (
          <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
            <Descriptions size="small" column={2} items={[{ label: t('imports.kind.label'), children: kindLabel }, { label: t('imports.target'), children: node?.label }]} />
            <Upload.Dragger
              accept=".xlsx,.xls,.csv"
              multiple={false}
              showUploadList={false}
              disabled={upload.isPending}
              beforeUpload={(file) => {
                sendFile(file);
                return false;
              }}
              data-testid="import-upload"
            >
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p className="ant-upload-text">{upload.isPending ? t('imports.upload.reading') : t('imports.upload.drop')}</p>
              <p className="ant-upload-hint">{t('imports.upload.hint')}</p>
            </Upload.Dragger>
            <Button onClick={() => setStep(0)}>{t('imports.back')}</Button>
          </Space>
        )}

        {step === 2 && job && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              {t('imports.mapping.found', { file: job.fileName, row: job.headerRow ?? 1, format: job.format.toUpperCase(), encoding: job.encoding ? ` · ${job.encoding.toUpperCase()}` : '' })}
            </Typography.Text>
            <MappingTable headers={job.headers} mapping={mapping} fields={fields} onChange={setMapping} />
            <Flex gap={8}>
              <Button onClick={restart}>{t('imports.restart')}</Button>
              <Button type="primary" loading={stage.isPending} onClick={validate}>{t('imports.mapping.validate')}</Button>
            </Flex>
          </Space>
        )}

        {step === 3 && job && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Flex gap={32} wrap>
              <Statistic title={t('imports.preview.total')} value={job.totalRows} />
              {ROW_CLASSES.map((c) => (
                <Statistic key={c.value} title={t(c.label)} value={job.counts[c.value] ?? 0} />
              ))}
            </Flex>
            <PreviewTable job={job} />
            <Card size="small" title={t('imports.decide.title')} data-testid="import-decisions">
              <Space orientation="vertical">
                <DecisionRow label={t('imports.class.new')} n={job.counts.new ?? 0} value={decisions.new} options={[['create', t('imports.decide.create')], ['skip', t('imports.decide.skip')]]} onChange={(v) => setDecisions({ ...decisions, new: v as 'create' | 'skip' })} />
                <DecisionRow label={t('imports.class.update')} n={job.counts.update ?? 0} value={decisions.update} options={[['apply', t('imports.decide.apply')], ['skip', t('imports.decide.skip')]]} onChange={(v) => setDecisions({ ...decisions, update: v as 'apply' | 'skip' })} />
                <DecisionRow label={t('imports.class.duplicate')} n={job.counts.duplicate ?? 0} value={decisions.duplicate} options={[['skip', t('imports.decide.skipDuplicate')], ['create', t('imports.decide.createDuplicate')]]} onChange={(v) => setDecisions({ ...decisions, duplicate: v as 'create' | 'skip' })} />
                <Typography.Text type="secondary">{t('imports.decide.never', { n: (job.counts.unchanged ?? 0) + (job.counts.conflict ?? 0) + (job.counts.error ?? 0) })}</Typography.Text>
              </Space>
            </Card>
            <Flex gap={8}>
              <Button onClick={() => setStep(2)}>{t('imports.back')}</Button>
              {((job.counts.error ?? 0) + (job.counts.conflict ?? 0)) > 0 && (
                <Button icon={<DownloadOutlined />} onClick={() => void downloadErrors(job.id, t('imports.errors.file', { file: job.fileName })).catch((e) => notify.error(e))}>
                  {t('imports.errors.download')}
                </Button>
              )}
              <Button type="primary" disabled={rowsToApply(job.counts, decisions) === 0} onClick={confirmCommit}>
                {t('imports.commit.button', { n: rowsToApply(job.counts, decisions) })}
              </Button>
            </Flex>
          </Space>
        )}

        {step === 4 && job && (
          <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }} data-testid="import-progress">
            <Typography.Text>{t('imports.progress.status', { status: t(`imports.status.${job.status}` as DictKey) })}</Typography.Text>
            <Progress percent={percent(job)} status={job.status === 'cancelling' ? 'exception' : 'active'} />
            <Typography.Text type="secondary">{t('imports.progress.rows', { done: job.appliedRows + job.failedRows, total: job.toApply, failed: job.failedRows })}</Typography.Text>
            <div>
              <Button danger disabled={!isRunning(job) || job.status === 'cancelling'} loading={cancel.isPending} onClick={confirmCancel}>
                {t('imports.cancel.button')}
              </Button>
            </div>
          </Space>
        )}

        {step === 5 && job && (
          <Result
            status={job.status === 'done' ? (job.failedRows ? 'warning' : 'success') : job.status === 'cancelled' ? 'info' : 'error'}
            title={t(`imports.result.${job.status === 'done' ? 'done' : job.status === 'cancelled' ? 'cancelled' : 'failed'}` as DictKey)}
            subTitle={t('imports.result.summary', {
              applied: job.appliedRows, failed: job.failedRows, created: job.counts.result_created ?? 0, updated: job.counts.result_updated ?? 0, skipped: job.counts.result_skipped ?? 0,
            })}
            extra={[
              <Button key="errors" icon={<DownloadOutlined />} onClick={() => void downloadErrors(job.id, t('imports.errors.file', { file: job.fileName })).catch((e) => notify.error(e))}>
                {t('imports.errors.download')}
              </Button>,
              <Button key="again" type="primary" onClick={restart}>{t('imports.result.again')}</Button>,
            ]}
            data-testid="import-result"
          />
        )}
      </Card>
      <RecentJobs onOpen={(id, status) => { setJobId(id); setStep(status === 'mapping' ? 2 : status === 'preview' ? 3 : isFinishedStatus(status) ? 5 : 4); }} />
    </>
  );
}

const isFinishedStatus = (s: string) => s === 'done' || s === 'cancelled' || s === 'failed';

function DecisionRow({ label, n, value, options, onChange }: { label: string; n: number; value: string; options: [string, string][]; onChange: (v: string) => void }) {
  return (
    <Flex gap={12} align="center">
      <span style={{ width: 120 }}>{label}（{n}）</span>
      <Radio.Group value={value} onChange={(e) => onChange(String(e.target.value))} disabled={n === 0} optionType="button" size="small" options={options.map(([v, l]) => ({ value: v, label: l }))} />
    </Flex>
  );
}

/** The last imports in one's jurisdiction, to return to one (its progress or its report). */
function RecentJobs({ onOpen }: { onOpen: (id: string, status: string) => void }) {
  const { t, lang } = useI18n();
  const jobs = useImportJobs();
  return (
    <Card title={t('imports.recent.title')} size="small" style={{ marginTop: 16 }}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={jobs.isPending}
        dataSource={jobs.data?.items ?? []}
        locale={{ emptyText: t('imports.recent.empty') }}
        columns={[
          { title: t('imports.recent.file'), dataIndex: 'fileName', render: (v: string, j) => <a onClick={() => onOpen(j.id, j.status)}>{v}</a> },
          { title: t('imports.kind.label'), dataIndex: 'kind', width: 90, render: (k: ImportKind) => t(KINDS.find((x) => x.value === k)!.label) },
          { title: t('imports.target'), dataIndex: ['jurisdiction', 'name'], width: 140 },
          { title: t('imports.recent.status'), key: 'status', width: 110, render: (_, j) => <Tag color={j.status === 'done' ? 'green' : j.status === 'failed' ? 'red' : 'default'}>{lang === 'zh' ? j.statusName : j.statusNameEn}</Tag> },
          { title: t('imports.recent.rows'), key: 'rows', width: 140, render: (_, j) => t('imports.recent.rowsValue', { total: j.totalRows, applied: j.appliedRows }) },
          { title: t('imports.recent.at'), dataIndex: 'createdAt', width: 170, render: (d: string) => new Date(d).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB') },
        ]}
      />
    </Card>
  );
}
