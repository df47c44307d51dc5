import { Button, Popconfirm, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import { ErrorState } from '../../../shared/components/ErrorState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useNotify } from '../../../shared/hooks/useNotify';
import { RuleParamsModal } from '../components/RuleParamsModal';
import { useRules, useUpdateRule } from '../hooks/useQuality';
import type { QualityRule } from '../types';
import { SEVERITY_COLOR } from '../utils/quality';

/** Shows a rule's parameters in words. */
function ParamsText({ rule }: { rule: QualityRule }) {
  const { t } = useI18n();
  const p = rule.params as Record<string, unknown>;
  const list = (key: 'fields' | 'reasons' | 'uses', prefix: 'quality.field' | 'quality.reason' | 'quality.use') =>
    ((p[key] as string[]) ?? []).map((v) => t(`${prefix}.${v}` as 'quality.field.phone')).join('、');
  switch (rule.checkKind) {
    case 'not_verified': return <>{t('quality.param.monthsText', { months: Number(p.months) })}</>;
    case 'citizen_id_excel': return <>{t('quality.param.trailingZerosText', { n: Number(p.trailingZeros) })}</>;
    case 'missing_fields': return <>{list('fields', 'quality.field')}</>;
    case 'duplicate_candidate': return <>{list('reasons', 'quality.reason')}</>;
    case 'house_no_residents': return <>{list('uses', 'quality.use')}</>;
    case 'id_gender_birth':
      return <>{[p.checkGender && t('quality.param.checkGender'), p.checkBirthDate && t('quality.param.checkBirthDate')].filter(Boolean).join('、')}</>;
    default: return <Typography.Text type="secondary">—</Typography.Text>;
  }
}

/** 质量规则: rules are data — enable or disable them, tune their parameters and weights (audited). */
export function RulesPage() {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const rules = useRules();
  const update = useUpdateRule();
  const [editing, setEditing] = useState<QualityRule | null>(null);
  if (rules.isError) return <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />;
  const toggle = (r: QualityRule, enabled: boolean) =>
    update.mutate({ code: r.code, body: { enabled, version: r.version } }, {
      onSuccess: () => notify.success('quality.rules.saved'),
      onError: (e) => notify.error(e, { versioned: true }),
    });
  return (
    <>
      <PageHeader title={t('quality.rules.title')} subtitle={t('quality.rules.subtitle')} />
      <Table<QualityRule>
        rowKey="code"
        style={{ marginTop: 16 }}
        loading={rules.isLoading}
        dataSource={rules.data?.items ?? []}
        pagination={false}
        data-testid="quality-rules"
        columns={[
          {
            title: t('quality.col.rule'),
            render: (_, r) => (
              <>
                <div>{localName(r, lang)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{lang === 'en' ? r.descriptionEn : r.description}</Typography.Text>
              </>
            ),
          },
          { title: t('quality.rules.entity'), width: 90, render: (_, r) => t(r.entity === 'person' ? 'quality.people' : 'quality.houses') },
          { title: t('quality.rules.params'), render: (_, r) => <ParamsText rule={r} /> },
          { title: t('quality.rules.severity'), width: 110, render: (_, r) => <Tag color={SEVERITY_COLOR[r.severity]}>{t(`quality.severity.${r.severity}`)}</Tag> },
          { title: t('quality.rules.weight'), dataIndex: 'weight', width: 80 },
          {
            title: t('quality.rules.enabled'),
            width: 80,
            render: (_, r) =>
              r.enabled ? (
                <Popconfirm title={t('quality.rules.disableConfirm')} onConfirm={() => toggle(r, false)} okText={t('common.ok')} cancelText={t('common.cancel')}>
                  <Switch checked aria-label={r.code} />
                </Popconfirm>
              ) : (
                <Switch checked={false} aria-label={r.code} onChange={() => toggle(r, true)} />
              ),
          },
          { title: t('common.actions'), width: 120, render: (_, r) => <Button size="small" onClick={() => setEditing(r)}>{t('quality.rules.editButton')}</Button> },
        ]}
      />
      <RuleParamsModal rule={editing} onClose={() => setEditing(null)} />
    </>
  );
}
