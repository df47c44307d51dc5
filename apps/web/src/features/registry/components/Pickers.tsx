import { useState } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { useDebouncedValue } from '../../../shared/hooks/useDebouncedValue';
import { useCodes } from '../hooks/useDictionaries';
import { useHouseSearch, useOrganizationSearch } from '../hooks/useLookups';
import { usePersonSearch } from '../hooks/usePeople';
import { SearchSelect, type PickedOption } from './SearchSelect';

type PickerProps = {
  value?: PickedOption | null;
  onChange?: (value: PickedOption | undefined) => void;
  id?: string;
  placeholder?: string;
  disabled?: boolean;
};

/** The text typed into a picker, and the same text once typing pauses (what is sent). */
function useSearchText() {
  const [text, setText] = useState('');
  const settled = useDebouncedValue(text.trim(), 300);
  return { settled, setText };
}

/** A registered person, found by 姓名 / 拼音首字母 / 身份证号 / 手机号 as on the people list. */
export function PersonPicker({ excludeId, ...props }: PickerProps & { excludeId?: string }) {
  const { t } = useI18n();
  const codes = useCodes();
  const { settled, setText } = useSearchText();
  const found = usePersonSearch(settled);
  const options = (found.data ?? [])
    .filter((p) => p.id !== excludeId)
    .map((p) => ({
      value: p.id,
      label: p.name,
      detail: [
        codes.name('genders', p.gender),
        p.age !== null ? t('person.ageYears', { age: p.age }) : '',
        p.citizenIdMasked ?? '',
        p.jurisdiction.name ?? '',
      ]
        .filter(Boolean)
        .join(' · '),
    }));
  return (
    <SearchSelect
      {...props}
      options={options}
      searching={found.isFetching}
      searched={Boolean(settled)}
      onSearch={setText}
      placeholder={props.placeholder ?? t('registry.pick.person')}
    />
  );
}

/** A house (房屋), found by estate, building or number. */
export function HousePicker(props: PickerProps) {
  const { t } = useI18n();
  const codes = useCodes();
  const { settled, setText } = useSearchText();
  const found = useHouseSearch(settled);
  const options = (found.data ?? []).map((h) => ({
    value: h.id,
    label: h.label,
    detail: [codes.name('houseUses', h.use), h.area ? `${h.area} m²` : '', t('house.residentCount', { n: h.residentCount })]
      .filter(Boolean)
      .join(' · '),
  }));
  return (
    <SearchSelect
      {...props}
      options={options}
      searching={found.isFetching}
      searched={Boolean(settled)}
      onSearch={setText}
      placeholder={props.placeholder ?? t('registry.pick.house')}
    />
  );
}

/** An organisation (单位), found by name or unified social credit code. */
export function OrganizationPicker(props: PickerProps) {
  const { t } = useI18n();
  const codes = useCodes();
  const { settled, setText } = useSearchText();
  const found = useOrganizationSearch(settled);
  const options = (found.data ?? []).map((o) => ({
    value: o.id,
    label: o.name,
    detail: [codes.name('orgTypes', o.type), o.creditCode ?? ''].filter(Boolean).join(' · '),
  }));
  return (
    <SearchSelect
      {...props}
      options={options}
      searching={found.isFetching}
      searched={Boolean(settled)}
      onSearch={setText}
      placeholder={props.placeholder ?? t('registry.pick.organization')}
    />
  );
}
