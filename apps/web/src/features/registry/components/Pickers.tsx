import { useState } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { useDebouncedValue } from '../../../shared/hooks/useDebouncedValue';
import { useCodes } from '../hooks/useDictionaries';
import { useHouseSearch, useOrganizationSearch } from '../hooks/useLookups';
import { usePersonSearch } from '../hooks/usePeople';
import { SearchSelect, type PickedOption, type SearchOption } from './SearchSelect';

type PickerProps = {
  value?: PickedOption | null;
  onChange?: (value: PickedOption | undefined) => void;
  id?: string;
  placeholder?: string;
  disabled?: boolean;
};

/**
 * What every picker does: searches the server for the text once typing pauses (`useSearch`, a
 * query hook), and shows what it found as options.
 */
function RecordPicker<T>({
  useSearch,
  toOption,
  keep,
  defaultPlaceholder,
  ...props
}: PickerProps & {
  useSearch: (text: string) => { data?: T[]; isFetching: boolean };
  toOption: (record: T) => SearchOption;
  keep?: (record: T) => boolean;
  defaultPlaceholder: string;
}) {
  const [text, setText] = useState('');
  const settled = useDebouncedValue(text.trim(), 300);
  const found = useSearch(settled);
  const records = found.data ?? [];
  return (
    <SearchSelect
      {...props}
      options={(keep ? records.filter(keep) : records).map(toOption)}
      searching={found.isFetching}
      searched={Boolean(settled)}
      onSearch={setText}
      placeholder={props.placeholder ?? defaultPlaceholder}
    />
  );
}

const detailOf = (parts: string[]) => parts.filter(Boolean).join(' · ');

/** A registered person, found by 姓名 / 拼音首字母 / 身份证号 / 手机号 as on the people list. */
export function PersonPicker({ excludeId, ...props }: PickerProps & { excludeId?: string }) {
  const { t } = useI18n();
  const codes = useCodes();
  return (
    <RecordPicker
      {...props}
      useSearch={usePersonSearch}
      keep={(p) => p.id !== excludeId}
      toOption={(p) => ({
        value: p.id,
        label: p.name,
        detail: detailOf([
          codes.name('genders', p.gender),
          p.age !== null ? t('person.ageYears', { age: p.age }) : '',
          p.citizenIdMasked ?? '',
          p.jurisdiction.name ?? '',
        ]),
      })}
      defaultPlaceholder={t('registry.pick.person')}
    />
  );
}

/** A house (房屋), found by estate, building or number. */
export function HousePicker(props: PickerProps) {
  const { t } = useI18n();
  const codes = useCodes();
  return (
    <RecordPicker
      {...props}
      useSearch={useHouseSearch}
      toOption={(h) => ({
        value: h.id,
        label: h.label,
        detail: detailOf([codes.name('houseUses', h.use), h.area ? `${h.area} m²` : '', t('house.residentCount', { n: h.residentCount })]),
      })}
      defaultPlaceholder={t('registry.pick.house')}
    />
  );
}

/** An organisation (单位), found by name or unified social credit code. */
export function OrganizationPicker(props: PickerProps) {
  const { t } = useI18n();
  const codes = useCodes();
  return (
    <RecordPicker
      {...props}
      useSearch={useOrganizationSearch}
      toOption={(o) => ({ value: o.id, label: o.name, detail: detailOf([codes.name('orgTypes', o.type), o.creditCode ?? '']) })}
      defaultPlaceholder={t('registry.pick.organization')}
    />
  );
}
