import { CameraOutlined, EditOutlined, PlusOutlined, UserDeleteOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Input, List, Popconfirm, Radio, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import { PersonDrawer } from '../components/PersonDrawer';
import { useLocal } from '../hooks/useSurveyStore';
import { getMeta } from '../offline/db';
import { addResident, editPerson, moveOut, savePhoto, saveVisit } from '../offline/sync';
import type { LocalPerson, PersonCreateChange, SliceResidence, VisitOutcome } from '../types';
import type { PersonEdit } from '../utils/changes';
import { nextHouse } from '../utils/houses';
import { preparePhoto } from '../utils/photo';

const OUTCOMES: VisitOutcome[] = ['verified', 'changed', 'absent', 'refused'];

/** One line per person, however many ways they hold the house (业主 and 居住, say). */
function groupByPerson(residences: SliceResidence[], people: (LocalPerson | undefined)[]) {
  const out = new Map<string, { person: LocalPerson; residences: SliceResidence[] }>();
  residences.forEach((r, i) => {
    const person = people[i];
    if (!person) return;
    const entry = out.get(person.id) ?? { person, residences: [] };
    entry.residences.push(r);
    out.set(person.id, entry);
  });
  return [...out.values()];
}

/** A visit to one house: confirm, correct or add its residents, tags and photos, then the next house. */
export function VisitScreen() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [visitId, setVisitId] = useState(() => crypto.randomUUID());
  const [outcome, setOutcome] = useState<VisitOutcome>('verified');
  const [notes, setNotes] = useState('');
  const [editing, setEditing] = useState<LocalPerson | null | undefined>(undefined);
  const [edited, setEdited] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setVisitId(crypto.randomUUID());
    setOutcome('verified');
    setNotes('');
    setEdited(false);
  }, [id]);

  const data = useLocal(async (db) => {
    const house = await db.get('houses', id);
    const residences = await db.getAllFromIndex('residences', 'house', id);
    const people = await Promise.all(residences.map((r) => db.get('people', r.personId)));
    const siblings = house ? await db.getAllFromIndex('houses', 'building', house.buildingId) : [];
    const visits = (await db.getAllFromIndex('visits', 'house', id)).sort((a, b) => b.visitedAt.localeCompare(a.visitedAt));
    const photos = await db.getAllFromIndex('photos', 'visit', visitId);
    return {
      house, next: house ? nextHouse(siblings, id) : null, visits, photos, dictionaries: await getMeta('dictionaries'),
      residents: groupByPerson(residences, people),
    };
  }, [id, visitId]);

  const thumbs = useMemo(() => (data?.photos ?? []).map((p) => ({ ...p, url: p.blob ? URL.createObjectURL(p.blob) : '' })), [data?.photos]);
  useEffect(() => () => thumbs.forEach((p) => p.url && URL.revokeObjectURL(p.url)), [thumbs]);

  if (!data) return null;
  if (!data.house) return <div className="survey-body"><Empty description={t('survey.house.missing')} /></div>;
  const house = data.house;
  const dict = data.dictionaries;
  const codeName = (list: { code: string; name: string; nameEn?: string }[] | undefined, code: string | number | null) =>
    code === null ? '' : (list?.find((e) => e.code === String(code)) ? localName(list.find((e) => e.code === String(code))!, lang) : String(code));

  async function savePerson(v: PersonEdit & { citizenId?: string }) {
    if (editing) {
      const n = await editPerson(editing, v, visitId);
      if (n) {
        setEdited(true);
        setOutcome('changed');
        message.success(t('survey.person.queued', { n }));
      }
    } else {
      const person = Object.fromEntries(Object.entries({ ...v, birthDate: v.birthDate || undefined }).filter(([, x]) => x !== undefined && x !== '' && x !== null)) as PersonCreateChange['person'];
      await addResident(house.id, person, visitId);
      setEdited(true);
      setOutcome('changed');
      message.success(t('survey.person.added', { name: v.name ?? '' }));
    }
    setEditing(undefined);
  }

  async function addPhotos(files: FileList | null) {
    for (const file of Array.from(files ?? [])) {
      try {
        const { blob, sha256 } = await preparePhoto(file);
        await savePhoto({ id: crypto.randomUUID(), visitId, houseId: house.id, blob, sha256, size: blob.size, mime: 'image/jpeg' });
      } catch {
        message.error(t('survey.photo.unreadable'));
      }
    }
    if (fileInput.current) fileInput.current.value = '';
  }

  async function finish(goNext: boolean) {
    await saveVisit({ id: visitId, houseId: house.id, visitedAt: new Date().toISOString(), outcome, ...(notes.trim() ? { notes: notes.trim() } : {}) });
    message.success(t('survey.visit.saved'));
    if (goNext && data?.next) navigate(`/survey/houses/${data.next.id}`, { replace: true });
    else navigate(`/survey/buildings/${house.buildingId}`, { replace: true });
  }

  const last = data.visits[0] ?? (house.lastVisit ? { visitedAt: String(house.lastVisit.visitedAt), outcome: house.lastVisit.outcome } : null);
  return (
    <>
      <div className="survey-body">
        <Card size="small" title={<span data-testid="house-label">{house.label}</span>}>
          <Typography.Text type="secondary">
            {last ? t('survey.visit.last', { time: dayjs(last.visitedAt).format('MM-DD HH:mm'), outcome: t(`survey.outcome.${last.outcome as VisitOutcome}`) }) : t('survey.visit.never')}
          </Typography.Text>
        </Card>
        <Card size="small" title={t('survey.residents')} extra={<Button size="small" icon={<PlusOutlined />} onClick={() => setEditing(null)}>{t('survey.person.add')}</Button>}>
          {data.residents.length === 0 ? <Empty description={t('survey.residents.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
            <List
              dataSource={data.residents}
              renderItem={({ residences, person }) => {
                const living = residences.filter((r) => r.kind === 'resident' || r.kind === 'tenant');
                return (
                <List.Item data-testid={`resident-${person.name}`}
                  actions={[
                    <Button key="edit" size="small" icon={<EditOutlined />} onClick={() => setEditing(person)} aria-label={t('survey.person.editShort')}>{t('survey.person.editShort')}</Button>,
                    !person.isNew && living.length > 0 && (
                      <Popconfirm key="out" title={t('survey.person.moveOutConfirm', { name: person.name })} okText={t('common.ok')} cancelText={t('common.cancel')}
                        onConfirm={() => void Promise.all(living.map((r) => moveOut(r.id, person.id, visitId))).then(() => { setEdited(true); setOutcome('changed'); })}>
                        <Button size="small" danger icon={<UserDeleteOutlined />} aria-label={t('survey.person.moveOut')} />
                      </Popconfirm>
                    ),
                  ].filter(Boolean)}>
                  <List.Item.Meta
                    title={<Space size={4} wrap>{person.name}{residences.map((r) => <Tag key={r.id}>{codeName(dict?.personHouseKinds, r.kind)}</Tag>)}{person.isNew && <Tag color="blue">{t('survey.person.new')}</Tag>}{person.edited && <Tag color="processing">{t('survey.person.edited')}</Tag>}</Space>}
                    description={
                      <Space direction="vertical" size={0}>
                        <span>{[codeName(dict?.genders, person.gender), person.birthDate, person.phoneMasked].filter(Boolean).join(' · ')}</span>
                        {person.residenceAddress && <span data-testid="address">{person.residenceAddress}</span>}
                        {person.tags.length > 0 && <span>{person.tags.map((tag) => <Tag key={tag}>{codeName(dict?.personTags, tag)}</Tag>)}</span>}
                        {person.notes && <span>{person.notes}</span>}
                      </Space>
                    }
                  />
                </List.Item>
                );
              }}
            />
          )}
        </Card>
        <Card size="small" title={t('survey.visit.outcome')}>
          <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value)} optionType="button" buttonStyle="solid" style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
            {OUTCOMES.map((o) => <Radio.Button key={o} value={o}>{t(`survey.outcome.${o}`)}</Radio.Button>)}
          </Radio.Group>
          <Input.TextArea style={{ marginTop: 10 }} rows={2} maxLength={1000} placeholder={t('survey.visit.notes')} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </Card>
        <Card size="small" title={t('survey.photos')} extra={<Button size="small" icon={<CameraOutlined />} onClick={() => fileInput.current?.click()}>{t('survey.photo.take')}</Button>}>
          <input ref={fileInput} type="file" accept="image/*" capture="environment" multiple hidden data-testid="photo-input" onChange={(e) => void addPhotos(e.target.files)} />
          {thumbs.length === 0 ? <Typography.Text type="secondary">{t('survey.photo.none')}</Typography.Text> : (
            <div className="survey-photos">
              {thumbs.map((p) => (
                <div className="survey-photo" key={p.id}>
                  {p.url && <img src={p.url} alt={t('survey.photos')} />}
                  <Tag color={p.done ? 'success' : 'default'}>{p.done ? t('survey.photo.uploaded') : t('survey.photo.queued')}</Tag>
                </div>
              ))}
            </div>
          )}
        </Card>
        {edited && <Typography.Text type="secondary">{t('survey.visit.editedHint')}</Typography.Text>}
      </div>
      <div className="survey-footer">
        <Button onClick={() => void finish(false)}>{t('survey.visit.save')}</Button>
        <Button type="primary" onClick={() => void finish(true)} disabled={!data.next} data-testid="save-next">{data.next ? t('survey.visit.saveNext') : t('survey.visit.lastHouse')}</Button>
      </div>
      <PersonDrawer open={editing !== undefined} person={editing ?? null} dictionaries={dict} onClose={() => setEditing(undefined)} onSave={savePerson} />
    </>
  );
}
