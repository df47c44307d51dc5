import { Affix, Button, Card, Checkbox, Flex, Popconfirm, Progress, Radio, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import { ErrorState } from '../../../shared/components/ErrorState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useNotify } from '../../../shared/hooks/useNotify';
import { LevelTag } from '../components/LevelTag';
import { useCreateAssessment, useElder, usePreview, useScales, useVocabulary } from '../hooks/useElder';
import type { AssessmentBody, Preview, ScaleDefinition } from '../types';
import '../elder.css';

type Reason = AssessmentBody['reason'];

/** Running total, indicator subtotals and the resulting level, always in view while answering. */
function Summary({ def, preview, answered }: { def: ScaleDefinition; preview: Preview | undefined; answered: number }) {
  const { t, lang } = useI18n();
  return (
    <Card size="small" className="elder-summary" data-testid="assessment-summary">
      <Flex wrap gap={12} align="center" justify="space-between">
        <Space size={4} direction="vertical">
          <Typography.Text type="secondary">{t('elder.assess.answered', { n: answered, of: def.items.length })}</Typography.Text>
          <Typography.Text strong style={{ fontSize: 20 }} data-testid="assessment-total">
            {t('elder.assess.totalOf', { total: preview?.total ?? 0, max: preview?.max ?? 0 })}
          </Typography.Text>
        </Space>
        <Flex wrap gap={8}>
          {def.groups.map((g) => {
            const s = preview?.subtotals[g.code];
            return (
              <Tag key={g.code} data-testid={`subtotal-${g.code}`}>
                {localName(g, lang)} {s ? `${s.score}/${s.max}` : '—'}
              </Tag>
            );
          })}
        </Flex>
        <Space direction="vertical" size={2} align="end">
          {preview?.finalLevel !== null && preview?.finalLevel !== undefined ? (
            <>
              <span data-testid="assessment-level"><LevelTag level={preview.finalLevel} /></span>
              {preview.preliminaryLevel !== preview.finalLevel && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('elder.assess.preliminary')} {preview.preliminaryLevel} → {preview.adjustments.map((a) => t(`elder.adj.${a}` as 'elder.adj.coma')).join('、')}
                </Typography.Text>
              )}
            </>
          ) : (
            <Typography.Text type="secondary">{t('elder.assess.levelPending')}</Typography.Text>
          )}
        </Space>
      </Flex>
    </Card>
  );
}

/**
 * 能力评估 form: every item of the scale in use, grouped by indicator, as large radio choices a
 * phone can tap; the server scores the answers as they change (the one place the rules live).
 */
export function AssessmentFormPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const notify = useNotify();
  const elder = useElder(id);
  const scales = useScales();
  const vocab = useVocabulary();
  const create = useCreateAssessment(id);
  const scale = scales.data?.items.find((s) => s.inUse);
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [reason, setReason] = useState<Reason | undefined>((params.get('reason') as Reason | null) ?? undefined);
  const [flags, setFlags] = useState<{ dementia?: boolean; psychiatric?: boolean }>({});
  const proposalId = params.get('proposal') ?? undefined;
  const archive = elder.data?.archive;
  const effectiveFlags = {
    dementia: flags.dementia ?? archive?.diagnoses.dementia ?? false,
    psychiatric: flags.psychiatric ?? archive?.diagnoses.psychiatric ?? false,
  };
  const { dementia, psychiatric } = effectiveFlags;
  const body = useMemo(() => (scale ? { scaleVersion: scale.version, answers, flags: { dementia, psychiatric } } : null), [scale, answers, dementia, psychiatric]);
  const preview = usePreview(id, body);

  if (elder.isError) return <ErrorState error={elder.error} onRetry={() => void elder.refetch()} />;
  if (scales.isError) return <ErrorState error={scales.error} onRetry={() => void scales.refetch()} />;
  if (!elder.data || !scale) return <Skeleton active />;
  const def = scale.definition;
  const defaultReason: Reason = elder.data.assessments.length ? 'routine' : 'first';
  const chosenReason = reason ?? defaultReason;
  const answered = def.items.filter((i) => answers[i.code] !== undefined).length;
  const complete = answered === def.items.length;

  const submit = async () => {
    try {
      const a = await create.mutateAsync({ scaleVersion: scale.version, reason: chosenReason, answers, flags: effectiveFlags, ...(proposalId ? { proposalId } : {}) });
      notify.success('elder.assess.submitted');
      navigate(`/elder/assessments/${a.id}`);
    } catch (e) {
      notify.error(e);
    }
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} className="elder-assess">
      <PageHeader title={t('elder.assess.titleFor', { name: elder.data.person.name })} subtitle={`${scale.name}`} />
      <Card size="small">
        <Flex wrap gap={16} align="center">
          <Space>
            <Typography.Text>{t('elder.assess.reason')}</Typography.Text>
            <Select<Reason> value={chosenReason} onChange={setReason} style={{ width: 150 }} data-testid="assessment-reason"
              options={(vocab.data?.reasons ?? []).map((r) => ({ value: r.code as Reason, label: localName(r, lang) }))} />
          </Space>
          <Checkbox checked={effectiveFlags.dementia} onChange={(e) => setFlags((f) => ({ ...f, dementia: e.target.checked }))}>{t('elder.assess.flagDementia')}</Checkbox>
          <Checkbox checked={effectiveFlags.psychiatric} onChange={(e) => setFlags((f) => ({ ...f, psychiatric: e.target.checked }))}>{t('elder.assess.flagPsychiatric')}</Checkbox>
          <Typography.Text type="secondary">{t('elder.assess.riskEvents', { n: preview.data?.riskEvents30d ?? elder.data.riskEvents30d })}</Typography.Text>
        </Flex>
      </Card>
      <Affix offsetTop={56}>
        <div><Summary def={def} preview={preview.data} answered={answered} /></div>
      </Affix>
      {def.groups.map((g) => {
        const items = def.items.filter((i) => i.group === g.code);
        const sub = preview.data?.subtotals[g.code];
        return (
          <Card key={g.code} size="small" title={`${g.code} ${localName(g, lang)}`} extra={sub && <Progress type="circle" size={32} percent={Math.round((sub.score / sub.max) * 100)} format={() => sub.score} />}>
            <Flex vertical gap={16}>
              {items.map((it) => (
                <div key={it.code} data-testid={`item-${it.code}`}>
                  <Typography.Text strong>{it.code} {localName(it, lang)}</Typography.Text>
                  <Radio.Group
                    className="elder-options"
                    value={answers[it.code]}
                    onChange={(e) => setAnswers((a) => ({ ...a, [it.code]: e.target.value as number }))}
                    options={it.options.map((o) => ({ value: o.score, label: <span><b>{o.score}</b> {lang === 'en' ? o.labelEn : o.label}</span> }))}
                  />
                </div>
              ))}
            </Flex>
          </Card>
        );
      })}
      <Flex justify="flex-end" gap={8}>
        <Button onClick={() => navigate(`/elder/elders/${id}`)}>{t('common.cancel')}</Button>
        <Popconfirm title={t('elder.assess.submitConfirm')} onConfirm={submit} disabled={!complete} okText={t('elder.assess.submit')}>
          <Button type="primary" disabled={!complete} loading={create.isPending} data-testid="assessment-submit">
            {complete ? t('elder.assess.submit') : t('elder.assess.incomplete', { n: def.items.length - answered })}
          </Button>
        </Popconfirm>
      </Flex>
    </Space>
  );
}
