import { Button, DatePicker, Flex, Popconfirm, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { DictKey } from '../../../i18n/dict';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { toDateString } from '../../../shared/utils/format';
import { useEndRelation, type EndableRelation } from '../hooks/useRelations';

/**
 * 迁出 / 结束 a relationship on a chosen day (today by default, never before it began). The row
 * stays, with its end date, so the history of who lived where is kept.
 */
export function EndRelationButton({
  relation,
  id,
  validFrom,
  label,
  confirm,
}: {
  relation: EndableRelation;
  id: string;
  validFrom: string;
  label: DictKey;
  /** The question, e.g. "确定张三自该日起迁出该房屋？" */
  confirm: string;
}) {
  const { t } = useI18n();
  const notify = useNotify();
  const end = useEndRelation(relation);
  const [validTo, setValidTo] = useState<Dayjs>(() => dayjs());

  return (
    <Popconfirm
      title={confirm}
      description={
        <Flex vertical gap={8} style={{ maxWidth: 320 }}>
          <Typography.Text type="secondary">{t('relation.endDesc')}</Typography.Text>
          <Flex align="center" gap={8}>
            <span>{t('relation.endDate')}</span>
            <DatePicker
              value={validTo}
              allowClear={false}
              onChange={(d) => d && setValidTo(d)}
              disabledDate={(d) => d.isBefore(dayjs(validFrom), 'day')}
            />
          </Flex>
        </Flex>
      }
      okText={t(label)}
      okButtonProps={{ danger: true, loading: end.isPending }}
      cancelText={t('common.cancel')}
      onConfirm={() =>
        end
          .mutateAsync(
            { id, validTo: toDateString(validTo) },
            { onSuccess: () => notify.success('relation.ended.ok'), onError: (err) => notify.error(err) },
          )
          .catch(() => undefined)
      }
    >
      <Button type="link" size="small" danger style={{ paddingInline: 0 }}>
        {t(label)}
      </Button>
    </Popconfirm>
  );
}
