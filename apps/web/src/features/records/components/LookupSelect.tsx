import { Flex, Select, Spin, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { useAssigneeLookup, useBuildingLookup, useHouseLookup, usePersonLookup, useThingLookup } from '../hooks/useRecords';

/** A picked record: its id and the name to show before any search ran (an edit form's current value). */
export interface PickedRecord {
  value: string;
  label: string;
}

type LookupKind = 'person' | 'house' | 'building' | 'thing' | 'assignee';

interface Option extends PickedRecord {
  detail?: ReactNode;
}

function useLookupOptions(kind: LookupKind, q: string): { options: Option[]; searching: boolean } {
  const people = usePersonLookup(kind === 'person' ? q : '');
  const houses = useHouseLookup(kind === 'house' ? q : '');
  const buildings = useBuildingLookup(kind === 'building' ? q : '');
  const things = useThingLookup(kind === 'thing' ? q : '');
  const assignees = useAssigneeLookup(kind === 'assignee' ? q : '');
  switch (kind) {
    case 'person':
      return {
        searching: people.isFetching,
        options: (people.data ?? []).map((p) => ({ value: p.id, label: p.name, detail: p.citizenIdMasked ?? undefined })),
      };
    case 'house':
      return {
        searching: houses.isFetching,
        options: (houses.data ?? []).map((h) => ({ value: h.id, label: h.label, detail: h.estateName ?? undefined })),
      };
    case 'building':
      return {
        searching: buildings.isFetching,
        options: (buildings.data ?? []).map((b) => ({
          value: b.id,
          label: b.estateName ? `${b.estateName} ${b.name}` : b.name,
          detail: b.jurisdictionName ?? undefined,
        })),
      };
    case 'thing':
      return {
        searching: things.isFetching,
        options: (things.data ?? []).map((x) => ({ value: x.id, label: x.name, detail: x.serialNo ?? undefined })),
      };
    case 'assignee':
      return {
        searching: assignees.isFetching,
        options: (assignees.data ?? []).map((u) => ({ value: u.id, label: u.displayName, detail: u.jurisdictionName ?? undefined })),
      };
  }
}

/**
 * Picks one registry record (人员, 房屋, 楼栋, 设施设备) from what the server finds for the typed
 * text, a moment after typing stops. The value carries its label so a current link shows by name.
 */
export function LookupSelect({
  kind,
  value,
  onChange,
  id,
  placeholder,
}: {
  kind: LookupKind;
  value?: PickedRecord | null;
  onChange?: (value: PickedRecord | undefined) => void;
  id?: string;
  placeholder?: string;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const { options, searching } = useLookupOptions(kind, q);

  return (
    <Select<PickedRecord>
      id={id}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      labelInValue
      allowClear
      value={value ?? undefined}
      placeholder={placeholder ?? t('rec.lookup.placeholder')}
      onChange={(v?: PickedRecord) => onChange?.(v ? { value: v.value, label: String(v.label) } : undefined)}
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
          <Typography.Text type="secondary">{q ? t('rec.lookup.noMatch') : t('rec.lookup.typeToSearch')}</Typography.Text>
        )
      }
      style={{ width: '100%' }}
    />
  );
}
