import { Flex, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { JurisdictionListItem } from '../../../api/types';
import { useI18n } from '../../../i18n/I18nProvider';
import { isRetired } from '../hooks/useJurisdictions';
import { LevelTag } from './LevelTag';

/** A node's name with its level, greyed out and tagged once retired. */
export function NodeTitle({ node }: { node: JurisdictionListItem }) {
  const { t } = useI18n();
  const today = dayjs().format('YYYY-MM-DD');
  const retired = isRetired(node, today);
  return (
    <Flex align="center" gap={6} component="span" style={{ display: 'inline-flex' }}>
      <Typography.Text type={retired ? 'secondary' : undefined} delete={retired}>
        {node.name}
      </Typography.Text>
      <LevelTag level={node.level} />
      {retired ? (
        <Tag style={{ marginInlineEnd: 0 }}>{t('jur.retired')}</Tag>
      ) : (
        node.validTo && (
          <Tag color="warning" style={{ marginInlineEnd: 0 }}>
            {t('jur.retiresOn', { date: node.validTo })}
          </Tag>
        )
      )}
    </Flex>
  );
}
