import { Select, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import { ErrorState } from '../../../shared/components/ErrorState';
import { KeysetPager } from '../../../shared/components/KeysetPager';
import { useCursorPaging } from '../../../shared/hooks/useCursorPaging';
import { useFindings } from '../hooks/useQuality';
import type { Finding, QualitySummary } from '../types';
import { recordLink, SEVERITY_COLOR } from '../utils/quality';

/** 问题清单: the open findings under a node, one rule or all, with a link to fix each record. */
export function FindingsTable({ jurisdictionId, rules, ruleCode, onRuleChange }: {
  jurisdictionId: string | undefined;
  rules: QualitySummary['rules'];
  ruleCode: string | undefined;
  onRuleChange: (code: string | undefined) => void;
}) {
  const { t, lang } = useI18n();
  const paging = useCursorPaging<string>();
  const [limit, setLimit] = useState(20);
  const { reset } = paging;
  useEffect(() => reset(), [jurisdictionId, ruleCode, limit, reset]);
  const q = useFindings({ ...(jurisdictionId ? { jurisdictionId } : {}), ...(ruleCode ? { ruleCode } : {}), ...(paging.cursor ? { cursor: paging.cursor } : {}), limit });
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <>
      <Select
        allowClear
        style={{ width: 260, marginBottom: 12 }}
        placeholder={t('quality.allRules')}
        value={ruleCode}
        onChange={(v: string | undefined) => onRuleChange(v)}
        options={rules.map((r) => ({ value: r.code, label: `${localName(r, lang)}（${r.findings}）` }))}
        data-testid="quality-rule-filter"
      />
      <Table<Finding>
        rowKey="id"
        size="middle"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('quality.noFindings') }}
        data-testid="quality-findings"
        columns={[
          {
            title: t('quality.col.record'),
            render: (_, f) => {
              const to = recordLink(f);
              const text = (
                <>
                  {f.label}
                  {f.subLabel && <Typography.Text type="secondary"> {f.subLabel}</Typography.Text>}
                </>
              );
              return to ? <Link to={to}>{text}</Link> : text;
            },
          },
          { title: t('quality.col.rule'), render: (_, f) => <Tag color={SEVERITY_COLOR[f.severity]}>{localName({ name: f.ruleName, nameEn: f.ruleNameEn }, lang)}</Tag> },
          {
            title: t('quality.col.problem'),
            render: (_, f) => (
              <>
                {lang === 'en' ? f.problemEn : f.problem}
                {f.relatedId && (
                  <>
                    {' '}
                    <Link to={`/registry/people/${f.relatedId}`}>{t('quality.relatedRecord')}</Link>
                  </>
                )}
              </>
            ),
          },
          { title: t('quality.col.where'), render: (_, f) => f.pathNames.slice(2).join(' / ') || f.jurisdictionName },
          { title: t('quality.col.since'), render: (_, f) => new Date(f.firstSeenAt).toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN') },
        ]}
      />
      <KeysetPager
        page={paging.page}
        hasPrev={paging.hasPrev}
        hasNext={Boolean(q.data?.nextCursor)}
        onPrev={paging.prev}
        onNext={() => q.data?.nextCursor && paging.next(q.data.nextCursor)}
        total={q.data?.total}
        pageSize={limit}
        pageSizes={[20, 50, 100]}
        onPageSizeChange={setLimit}
        loading={q.isFetching}
      />
    </>
  );
}
