import { Descriptions, Typography } from 'antd';
import { useI18n } from '../../../../i18n/I18nProvider';
import { formatDateTime } from '../../../../shared/utils/format';
import { useCodes } from '../../hooks/useDictionaries';
import type { Person } from '../../types';
import { PersonStatusTag } from '../PersonStatusTag';
import { PersonTags } from '../PersonTags';

/** 基本信息: every registered field of the person, masked where personal. */
export function BasicInfoTab({ person }: { person: Person }) {
  const { t } = useI18n();
  const codes = useCodes();
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  const text = (v: string | null | undefined) => (v ? v : dash);

  return (
    <Descriptions
      bordered
      size="middle"
      column={{ xs: 1, md: 2 }}
      styles={{ label: { width: 150 } }}
      items={[
        { key: 'name', label: t('person.name'), children: person.name },
        { key: 'pinyin', label: t('person.pinyin'), children: text(person.namePinyin) },
        { key: 'cid', label: t('person.citizenId'), children: person.citizenIdMasked ? <span className="mono">{person.citizenIdMasked}</span> : dash },
        { key: 'phone', label: t('person.phone'), children: person.phoneMasked ? <span className="mono">{person.phoneMasked}</span> : dash },
        { key: 'gender', label: t('person.gender'), children: codes.name('genders', person.gender) || dash },
        { key: 'birth', label: t('person.birthDate'), children: text(person.birthDate) },
        { key: 'ethnicity', label: t('person.ethnicity'), children: person.ethnicity ? codes.name('ethnicities', person.ethnicity) : dash },
        { key: 'status', label: t('person.status'), children: <PersonStatusTag status={person.status} /> },
        { key: 'hukouDivision', label: t('person.hukouDivision'), children: person.hukouDivision ? <span className="mono">{person.hukouDivision}</span> : dash },
        { key: 'hukouAddress', label: t('person.hukouAddress'), children: text(person.hukouAddress) },
        { key: 'residence', label: t('person.residenceAddress'), children: text(person.residenceAddress), span: 2 },
        { key: 'jurisdiction', label: t('person.jurisdiction'), children: person.jurisdiction.pathNames.join(' / ') || dash, span: 2 },
        { key: 'tags', label: t('person.tags'), children: <PersonTags tags={person.tags} emptyText />, span: 2 },
        { key: 'notes', label: t('person.notes'), children: text(person.notes), span: 2 },
        { key: 'verified', label: t('person.verifiedAt'), children: person.verifiedAt ? formatDateTime(person.verifiedAt) : t('person.unverified') },
        { key: 'created', label: t('person.createdAt'), children: formatDateTime(person.createdAt) },
        { key: 'updated', label: t('person.updatedAt'), children: formatDateTime(person.updatedAt) },
        { key: 'version', label: t('person.version'), children: person.version },
      ]}
    />
  );
}
