import { Alert, Select, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import type { ImportMapping } from '../types';
import { missingRequired, remap } from '../utils/importView';

type Field = { field: string; name: string; nameEn: string; required: boolean };

/** 字段对应: each column of the file with the field it fills, chosen automatically and changeable. */
export function MappingTable({ headers, mapping, fields, onChange }: { headers: string[]; mapping: ImportMapping; fields: Field[]; onChange: (m: ImportMapping) => void }) {
  const { t, lang } = useI18n();
  const label = (f: Field) => (lang === 'zh' ? f.name : f.nameEn);
  const missing = missingRequired(mapping, fields);
  return (
    <>
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('imports.mapping.missing', { fields: missing.map((m) => label(fields.find((f) => f.field === m)!)).join('、') })}
        />
      )}
      <Table
        size="small"
        rowKey="column"
        pagination={false}
        data-testid="mapping-table"
        dataSource={headers.map((h, i) => ({ column: i, header: h }))}
        columns={[
          { title: t('imports.mapping.column'), dataIndex: 'column', width: 80, render: (c: number) => <Typography.Text type="secondary">{t('imports.mapping.columnNo', { n: c + 1 })}</Typography.Text> },
          { title: t('imports.mapping.header'), dataIndex: 'header', render: (h: string) => h || <Typography.Text type="secondary">{t('imports.mapping.noHeader')}</Typography.Text> },
          {
            title: t('imports.mapping.field'),
            key: 'field',
            width: 260,
            render: (_, r) => (
              <Select
                style={{ width: '100%' }}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('imports.mapping.skip')}
                value={mapping[String(r.column)]}
                onChange={(v?: string) => onChange(remap(mapping, r.column, v))}
                options={fields.map((f) => ({ value: f.field, label: f.required ? `${label(f)} *` : label(f) }))}
                aria-label={t('imports.mapping.fieldOf', { header: r.header || String(r.column + 1) })}
              />
            ),
          },
          {
            title: '',
            key: 'state',
            width: 90,
            render: (_, r) => (mapping[String(r.column)] ? <Tag color="green">{t('imports.mapping.mapped')}</Tag> : <Tag>{t('imports.mapping.ignored')}</Tag>),
          },
        ]}
      />
    </>
  );
}
