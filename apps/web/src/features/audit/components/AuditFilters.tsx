import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { AuditAction } from '../../../api/types';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import { toAuditFilter, type AuditFilter, type AuditFilterValues } from '../utils/auditFilter';

export type { AuditFilter };

export function AuditFilters({
  actions,
  actionsLoading,
  onChange,
}: {
  actions: AuditAction[];
  actionsLoading: boolean;
  onChange: (filter: AuditFilter) => void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<AuditFilterValues>();
  return (
    <Form form={form} layout="inline" onFinish={(v) => onChange(toAuditFilter(v))} style={{ rowGap: 12 }}>
      <Form.Item name="action" label={t('audit.action')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 200 }}
          placeholder={t('common.all')}
          loading={actionsLoading}
          options={actions.map((a) => ({ value: a.code, label: localName(a, lang) }))}
        />
      </Form.Item>
      <Form.Item name="username" label={t('audit.username')}>
        <Input allowClear placeholder={t('audit.usernamePlaceholder')} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="outcome" label={t('audit.outcome')}>
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 110 }}
          options={[
            { value: 'success', label: t('audit.outcome.success') },
            { value: 'failure', label: t('audit.outcome.failure') },
          ]}
        />
      </Form.Item>
      <Form.Item name="range" label={t('audit.dateRange')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onChange({});
          }}
        >
          {t('common.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
