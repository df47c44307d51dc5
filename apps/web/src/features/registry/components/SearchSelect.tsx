import { Flex, Select, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';

/** A picked record: its id and the name to show (kept so the field reads well before a search). */
export interface PickedOption {
  value: string;
  label: string;
}

export interface SearchOption extends PickedOption {
  /** A second line under the name (masked ID, address, credit code …). */
  detail?: ReactNode;
}

/**
 * Picks one record from what the server found for the typed text. The value carries its label,
 * so a record picked elsewhere (a person just registered inline) shows by name.
 */
export function SearchSelect({
  value,
  onChange,
  id,
  options,
  searching,
  searched,
  onSearch,
  placeholder,
  disabled,
}: {
  value?: PickedOption | null;
  onChange?: (value: PickedOption | undefined) => void;
  id?: string;
  options: SearchOption[];
  searching: boolean;
  /** Whether any text has been searched yet (else the list says "type to search"). */
  searched: boolean;
  onSearch: (text: string) => void;
  placeholder?: string;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Select<PickedOption>
      id={id}
      showSearch={{ filterOption: false, onSearch }}
      labelInValue
      allowClear
      disabled={disabled}
      value={value ?? undefined}
      placeholder={placeholder}
      onChange={(v?: PickedOption) => onChange?.(v ? { value: v.value, label: String(v.label) } : undefined)}
      options={options.map((o) => ({ value: o.value, label: o.label, detail: o.detail }))}
      optionRender={(o) => (
        <Flex vertical>
          <span>{o.label}</span>
          {o.data.detail && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.data.detail}
            </Typography.Text>
          )}
        </Flex>
      )}
      notFoundContent={
        searching ? (
          <Flex justify="center" style={{ padding: 8 }}>
            <Spin size="small" />
          </Flex>
        ) : (
          <Typography.Text type="secondary">{searched ? t('registry.pick.noMatch') : t('registry.pick.typeToSearch')}</Typography.Text>
        )
      }
      style={{ width: '100%' }}
    />
  );
}
