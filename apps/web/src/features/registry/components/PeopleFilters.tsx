import { ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { DictKey } from '../../../i18n/dict';
import { useI18n } from '../../../i18n/I18nProvider';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { useCodes } from '../hooks/useDictionaries';
import { AGE_BANDS, searchKind, type AgeBand } from '../utils/peopleQuery';
import { JurisdictionPicker } from './JurisdictionPicker';
import { PERSON_STATUSES, type PersonStatusCode } from './PersonStatusTag';

/** What the people list is filtered by; `q` is read by its shape on the server. */
export interface PeopleFilter {
  q?: string;
  jurisdiction?: JurisdictionOption;
  tag?: string;
  gender?: number;
  ageBand?: AgeBand;
  status?: PersonStatusCode;
}

const SEARCH_HINT: Record<ReturnType<typeof searchKind>, DictKey | undefined> = {
  none: undefined,
  citizenId: 'people.searchAs.citizenId',
  phone: 'people.searchAs.phone',
  pinyin: 'people.searchAs.pinyin',
  name: 'people.searchAs.name',
};

/** The search box and filters above the people list. */
export function PeopleFilters({
  value,
  onChange,
  onRefresh,
  refreshing,
}: {
  value: PeopleFilter;
  onChange: (next: PeopleFilter) => void;
  onRefresh: () => void;
  refreshing: boolean;
}) {
  const { t } = useI18n();
  const codes = useCodes();
  const [text, setText] = useState(value.q ?? '');
  const hint = SEARCH_HINT[searchKind(value.q)];

  return (
    <Flex vertical gap={6} style={{ marginBottom: 16 }}>
      <Flex gap={12} wrap>
        <Input.Search
          placeholder={t('people.searchPlaceholder')}
          allowClear
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value) onChange({ ...value, q: undefined });
          }}
          onSearch={(v) => onChange({ ...value, q: v.trim() || undefined })}
          style={{ width: 330 }}
        />
        <JurisdictionPicker
          value={value.jurisdiction}
          onChange={(jurisdiction) => onChange({ ...value, jurisdiction })}
          placeholder={t('people.filterJurisdiction')}
          style={{ width: 180 }}
        />
        <Select
          allowClear
          placeholder={t('people.filterTag')}
          style={{ width: 120 }}
          value={value.tag}
          loading={codes.loading}
          options={codes.options('personTags')}
          onChange={(tag?: string) => onChange({ ...value, tag })}
        />
        <Select
          allowClear
          placeholder={t('person.gender')}
          style={{ width: 90 }}
          value={value.gender}
          options={codes.options('genders').map((o) => ({ value: Number(o.value), label: o.label }))}
          onChange={(gender?: number) => onChange({ ...value, gender })}
        />
        <Select
          allowClear
          placeholder={t('people.filterAge')}
          style={{ width: 120 }}
          value={value.ageBand}
          options={AGE_BANDS.map((b) => ({ value: b.key, label: t(`people.age.${b.key}`) }))}
          onChange={(ageBand?: AgeBand) => onChange({ ...value, ageBand })}
        />
        <Select
          allowClear
          placeholder={t('people.filterStatus')}
          style={{ width: 120 }}
          value={value.status}
          options={PERSON_STATUSES.map((s) => ({ value: s, label: t(`person.status.${s}`) }))}
          onChange={(status?: PersonStatusCode) => onChange({ ...value, status })}
        />
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} onClick={onRefresh} loading={refreshing} />
        </Tooltip>
        {Object.values(value).some((v) => v !== undefined) && (
          <Button
            type="link"
            style={{ paddingInline: 0 }}
            onClick={() => {
              setText('');
              onChange({});
            }}
          >
            {t('common.reset')}
          </Button>
        )}
      </Flex>
      {hint && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(hint, { q: value.q ?? '' })}
        </Typography.Text>
      )}
    </Flex>
  );
}
