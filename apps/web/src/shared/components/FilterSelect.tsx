import { Select } from 'antd';
import type { ReactNode } from 'react';

/** One filter of a list: a clearable select, named by its placeholder; cleared means "all". */
export function FilterSelect<V extends string>({
  value,
  onChange,
  options,
  placeholder,
  width,
  loading,
}: {
  value: V | undefined;
  onChange: (value: V | undefined) => void;
  options: { value: string; label: ReactNode }[];
  placeholder: string;
  width: number;
  loading?: boolean;
}) {
  return (
    <Select<V | undefined>
      allowClear
      placeholder={placeholder}
      style={{ width }}
      value={value}
      loading={loading}
      options={options}
      onChange={(v) => onChange(v)}
    />
  );
}
