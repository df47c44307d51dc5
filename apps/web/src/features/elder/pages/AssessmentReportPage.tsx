import { PrinterOutlined } from '@ant-design/icons';
import { Button, Flex, Popconfirm, Skeleton, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { PERM, can } from '../../../app/permissions';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import { ErrorState } from '../../../shared/components/ErrorState';
import { useNotify } from '../../../shared/hooks/useNotify';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { useAssessment, useSign, useVocabulary } from '../hooks/useElder';
import { useLevelName } from '../hooks/useLevelName';
import '../elder.css';

/** 老年人能力评估报告: every answer, subtotals, the level and its adjustments, both signatures; printable. */
export function AssessmentReportPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const notify = useNotify();
  const a = useAssessment(id);
  const sign = useSign();
  const vocab = useVocabulary();
  const levelName = useLevelName();
  if (a.isError) return <ErrorState error={a.error} onRetry={() => void a.refetch()} />;
  if (!a.data) return <Skeleton active />;
  const x = a.data;
  const def = x.scale.definition;
  const when = (d: string | null | undefined) => (d ? new Date(d).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN') : '');
  const canSign = x.status === 'awaiting_second' && can(me, PERM.elderAssess) && x.assessor1.id !== me.id;
  const doSign = async () => {
    try {
      await sign.mutateAsync(x.id);
      notify.success('elder.assess.signed');
      void a.refetch();
    } catch (e) {
      notify.error(e);
    }
  };
  return (
    <>
      <Flex gap={8} justify="flex-end" className="no-print" style={{ marginBottom: 12 }}>
        <Link to={`/elder/elders/${x.personId}`}><Button>{t('elder.backToElder')}</Button></Link>
        {canSign && (
          <Popconfirm title={t('elder.assess.signConfirm')} onConfirm={doSign} okText={t('elder.assess.sign')}>
            <Button type="primary" loading={sign.isPending} data-testid="report-sign">{t('elder.assess.sign')}</Button>
          </Popconfirm>
        )}
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t('elder.print')}</Button>
      </Flex>
      <div className="elder-report" data-testid="assessment-report">
        <h2>{t('elder.report.title')}</h2>
        <p style={{ textAlign: 'center', color: '#666', marginTop: 0 }}>{x.scale.name}</p>
        <table>
          <tbody>
            <tr><th>{t('person.name')}</th><td>{x.personName}</td><th>{t('people.col.jurisdiction')}</th><td>{x.jurisdictionName ?? ''}</td></tr>
            <tr><th>{t('elder.assess.reason')}</th><td>{vocab.name('reasons', x.reason)}</td><th>{t('elder.assess.date')}</th><td>{when(x.assessedAt)}</td></tr>
          </tbody>
        </table>
        <h3>{t('elder.report.items')}</h3>
        <table>
          <thead><tr><th style={{ width: 70 }}>{t('elder.report.code')}</th><th>{t('elder.report.item')}</th><th style={{ width: 60 }}>{t('elder.report.score')}</th><th>{t('elder.report.answer')}</th></tr></thead>
          <tbody>
            {def.groups.map((g) => [
              <tr key={g.code}><th colSpan={4}>{g.code} {localName(g, lang)} — {t('elder.report.subtotal')} {x.subtotals[g.code]?.score ?? 0} / {x.subtotals[g.code]?.max ?? 0}</th></tr>,
              ...def.items.filter((i) => i.group === g.code).map((i) => {
                const v = x.answers[i.code];
                const o = i.options.find((op) => op.score === v);
                return <tr key={i.code}><td>{i.code}</td><td>{localName(i, lang)}</td><td>{v ?? ''}</td><td>{o ? (lang === 'en' ? o.labelEn : o.label) : ''}</td></tr>;
              }),
            ])}
          </tbody>
        </table>
        <h3>{t('elder.report.result')}</h3>
        <table>
          <tbody>
            <tr><th>{t('elder.assess.total')}</th><td>{x.total}</td><th>{t('elder.assess.preliminary')}</th><td>{levelName(x.preliminaryLevel, x.scaleVersion)}</td></tr>
            <tr>
              <th>{t('elder.report.adjustments')}</th>
              <td>
                {x.adjustments.length ? x.adjustments.map((k) => t(`elder.adj.${k}` as 'elder.adj.coma')).join('、') : t('common.none')}
                {x.flags.dementia ? ` · ${t('elder.health.dementia')}` : ''}{x.flags.psychiatric ? ` · ${t('elder.health.psychiatric')}` : ''}
                {` · ${t('elder.assess.riskEvents', { n: x.riskEvents30d })}`}
              </td>
              <th>{t('elder.report.final')}</th><td><b data-testid="report-level">{levelName(x.finalLevel, x.scaleVersion)}</b></td>
            </tr>
          </tbody>
        </table>
        <h3>{t('elder.assess.signatures')}</h3>
        <table>
          <tbody>
            <tr><th>{t('elder.report.assessor1')}</th><td>{x.assessor1.name}</td><td>{when(x.assessor1.signedAt)}</td></tr>
            <tr>
              <th>{t('elder.report.assessor2')}</th>
              <td data-testid="report-assessor2">{x.assessor2 ? x.assessor2.name : <Tag color="orange">{t('elder.assess.awaitingSecond')}</Tag>}</td>
              <td>{when(x.assessor2?.signedAt)}</td>
            </tr>
          </tbody>
        </table>
        {x.status !== 'signed' && <p style={{ color: '#d46b08' }}>{t('elder.report.unsignedNote')}</p>}
      </div>
    </>
  );
}
