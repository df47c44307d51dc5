import { Form } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { PLACE_LEVELS, PlacePicker } from './PlacePicker';

/**
 * 所属辖区 on a record's form (field `jurisdictionId`, a community or grid). Required when
 * registering; on an edit (`current` given) it shows where the record is and empty keeps it there.
 */
export function JurisdictionField({ current }: { current?: { jurisdictionName: string | null } }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="jurisdictionId"
      label={t('rec.jurisdiction')}
      extra={current ? t('rec.jurisdictionKeep', { name: current.jurisdictionName ?? '—' }) : t('rec.jurisdictionHint')}
      rules={current ? [] : [{ required: true, message: t('common.selectRequired', { field: t('rec.jurisdiction') }) }]}
    >
      <PlacePicker levels={PLACE_LEVELS} placeholder={current?.jurisdictionName ?? t('rec.jurisdictionPlaceholder')} />
    </Form.Item>
  );
}
