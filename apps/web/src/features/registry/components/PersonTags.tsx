import { Space, Tag, Typography } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { useCodes } from '../hooks/useDictionaries';
import { tagColor } from '../utils/tags';

/** 人群标签 as coloured tags with their dictionary names. */
export function PersonTags({ tags, emptyText }: { tags: readonly string[]; emptyText?: boolean }) {
  const { t } = useI18n();
  const codes = useCodes();
  if (tags.length === 0) {
    return emptyText ? <Typography.Text type="secondary">{t('common.none')}</Typography.Text> : null;
  }
  return (
    <Space size={[0, 4]} wrap>
      {tags.map((code) => (
        <Tag key={code} color={tagColor(code)}>
          {codes.name('personTags', code)}
        </Tag>
      ))}
    </Space>
  );
}
