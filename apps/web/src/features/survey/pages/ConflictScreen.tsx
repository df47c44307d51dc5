import { App, Button, Card, Empty, Input, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, errorText } from '../../../api/errors';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import { useLocal, useOnline } from '../hooks/useSurveyStore';
import { getMeta } from '../offline/db';
import { refreshConflicts, resolveConflict } from '../offline/sync';
import type { Dictionaries, SurveyConflict, SurveyField } from '../types';

type Choice = { choice: 'mine' | 'theirs' | 'edit'; value?: string };

/**
 * 冲突处理: a field the worker changed offline that someone else changed meanwhile shows both
 * values; the worker keeps theirs, keeps mine, or enters the right one. Nothing is overwritten
 * without that choice.
 */
export function ConflictScreen() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const data = useLocal(async (db) => ({ conflicts: await db.getAll('conflicts'), dictionaries: await getMeta('dictionaries') }), []);
  if (!data) return null;
  return (
    <div className="survey-body">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('survey.conflicts.intro')}</Typography.Paragraph>
      {data.conflicts.length === 0 ? (
        <Card size="small"><Empty description={t('survey.conflicts.none')}><Button onClick={() => navigate('/survey')}>{t('survey.backHome')}</Button></Empty></Card>
      ) : (
        data.conflicts.map((c) => <ConflictCard key={c.id} conflict={c} dictionaries={data.dictionaries} />)
      )}
    </div>
  );
}

function ConflictCard({ conflict, dictionaries }: { conflict: SurveyConflict; dictionaries: Dictionaries | undefined }) {
  const { t, lang } = useI18n();
  const online = useOnline();
  const { message } = App.useApp();
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [busy, setBusy] = useState(false);

  const show = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return t('survey.value.empty');
    const byCode = (list: { code: string; name: string; nameEn?: string }[] | undefined, code: string) => {
      const e = list?.find((x) => x.code === code);
      return e ? localName(e, lang) : code;
    };
    if (field === 'gender') return byCode(dictionaries?.genders, String(v));
    if (field === 'ethnicity') return byCode(dictionaries?.ethnicities, String(v));
    if (field === 'tags' && Array.isArray(v)) return v.map((x) => byCode(dictionaries?.personTags, String(x))).join('、');
    if (field === 'status') return t(`survey.status.${v as 'active'}`);
    return String(v);
  };
  const complete = conflict.conflicts.every((x) => choices[x.field] && (choices[x.field]!.choice !== 'edit' || choices[x.field]!.value?.trim()));

  async function submit() {
    setBusy(true);
    try {
      await resolveConflict(conflict.id, conflict.version, conflict.conflicts.map((x) => {
        const c = choices[x.field]!;
        return c.choice === 'edit' ? { field: x.field, choice: 'edit' as const, value: x.field === 'tags' ? c.value!.split(/[,，、\s]+/).filter(Boolean) : x.field === 'gender' ? Number(c.value) : c.value!.trim() } : { field: x.field, choice: c.choice };
      }));
      message.success(t('survey.conflicts.resolved', { name: conflict.personName ?? '' }));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT_MOVED') {
        await refreshConflicts();
        setChoices({});
      }
      message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title={conflict.personName ?? t('survey.conflicts.unknownPerson')} data-testid={`conflict-${conflict.personName ?? conflict.id}`}>
      {conflict.applied.length > 0 && (
        <Typography.Paragraph type="secondary">{t('survey.conflicts.appliedOthers', { fields: conflict.applied.map((f) => t(`survey.field.${f as SurveyField}`)).join('、') })}</Typography.Paragraph>
      )}
      {conflict.conflicts.map((x) => (
        <div className="survey-field-row" key={x.field} data-testid={`field-${x.field}`}>
          <Typography.Text strong>{t(`survey.field.${x.field as SurveyField}`)}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>{t('survey.conflicts.base', { value: show(x.field, x.base) })}</Typography.Text>
          <Radio.Group className="survey-choice" style={{ display: 'block' }} value={choices[x.field]?.choice}
            onChange={(e) => setChoices({ ...choices, [x.field]: { choice: e.target.value, value: choices[x.field]?.value } })}>
            <Radio value="mine">{t('survey.conflicts.mine')}：<span className="survey-value">{show(x.field, x.mine)}</span></Radio>
            <Radio value="theirs">{t('survey.conflicts.theirs')}：<span className="survey-value">{show(x.field, x.theirs)}</span></Radio>
            <Radio value="edit">{t('survey.conflicts.edit')}</Radio>
          </Radio.Group>
          {choices[x.field]?.choice === 'edit' && (
            <Input autoFocus placeholder={t('survey.conflicts.editPlaceholder')} value={choices[x.field]?.value ?? ''}
              onChange={(e) => setChoices({ ...choices, [x.field]: { choice: 'edit', value: e.target.value } })} />
          )}
        </div>
      ))}
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" disabled={!complete || !online} loading={busy} onClick={() => void submit()}>{t('survey.conflicts.submit')}</Button>
        {!online && <Typography.Text type="secondary">{t('survey.conflicts.needOnline')}</Typography.Text>}
      </Space>
    </Card>
  );
}
