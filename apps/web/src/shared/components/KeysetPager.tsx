import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

interface Props {
  page: number;
  hasPrev: boolean;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
  total?: number;
  pageSize?: number;
  pageSizes?: number[];
  onPageSizeChange?: (size: number) => void;
  loading?: boolean;
}

/** "上一页 / 下一页" for keyset-paged lists, where jumping to page N is not possible. */
export function KeysetPager(props: Props) {
  const { t } = useI18n();
  const { page, hasPrev, hasNext, onPrev, onNext, total, pageSize, pageSizes, onPageSizeChange, loading } = props;
  return (
    <Flex justify="flex-end" align="center" gap={12} style={{ marginTop: 16 }}>
      {total !== undefined && <Typography.Text type="secondary">{t('common.total', { total })}</Typography.Text>}
      <Button icon={<LeftOutlined />} disabled={!hasPrev || loading} onClick={onPrev}>
        {t('common.prevPage')}
      </Button>
      <Typography.Text>{t('common.pageNo', { page })}</Typography.Text>
      <Button disabled={!hasNext || loading} onClick={onNext}>
        {t('common.nextPage')} <RightOutlined />
      </Button>
      {pageSize !== undefined && pageSizes && onPageSizeChange && (
        <Select
          value={pageSize}
          style={{ width: 110 }}
          onChange={onPageSizeChange}
          options={pageSizes.map((n) => ({ value: n, label: t('common.perPage', { n }) }))}
        />
      )}
    </Flex>
  );
}
