import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Descriptions, Empty, Flex, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { JurisdictionNode } from '../../../api/types';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { useNotify } from '../../../shared/hooks/useNotify';
import { toDateString } from '../../../shared/utils/format';
import { isRetired, useJurisdiction, useRetireJurisdiction } from '../hooks/useJurisdictions';
import { LevelTag } from './LevelTag';

/** The selected node: code, level, full path, validity, children; and, for managers, its actions. */
export function JurisdictionDetail({
  id,
  canManage,
  onAddGrid,
}: {
  id: string | undefined;
  canManage: boolean;
  onAddGrid: (node: JurisdictionNode) => void;
}) {
  const { t } = useI18n();
  const detail = useJurisdiction(id);

  if (!id) {
    return (
      <Card title={t('jur.detail')}>
        <Empty description={t('jur.selectHint')} />
      </Card>
    );
  }
  if (detail.isPending) {
    return (
      <Card title={t('jur.detail')}>
        <Skeleton active />
      </Card>
    );
  }
  if (detail.isError) {
    return (
      <Card title={t('jur.detail')}>
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      </Card>
    );
  }

  const node = detail.data;
  const today = toDateString(dayjs());
  const retired = isRetired(node, today);
  const actions = canManage && !retired && (
    <Flex gap={8}>
      {node.level === 'community' && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => onAddGrid(node)}>
          {t('jur.addGrid')}
        </Button>
      )}
      {!node.validTo && node.source === 'local' && <RetireButton node={node} />}
    </Flex>
  );

  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <span>{node.name}</span>
          <LevelTag level={node.level} />
        </Flex>
      }
      extra={actions}
    >
      <Descriptions
        column={1}
        bordered
        size="middle"
        styles={{ label: { width: 140 } }}
        items={[
          { key: 'code', label: t('jur.code'), children: <Typography.Text className="mono" copyable>{node.code}</Typography.Text> },
          { key: 'name', label: t('jur.name'), children: node.name },
          { key: 'level', label: t('jur.level'), children: <LevelTag level={node.level} /> },
          { key: 'path', label: t('jur.path'), children: node.pathNames.join(' / ') },
          {
            key: 'status',
            label: t('jur.status'),
            children: retired ? (
              <Tag>{t('jur.retired')}</Tag>
            ) : (
              <Flex gap={4}>
                <Tag color="success">{t('jur.active')}</Tag>
                {node.validTo && <Tag color="warning">{t('jur.retiresOn', { date: node.validTo })}</Tag>}
              </Flex>
            ),
          },
          { key: 'from', label: t('jur.validFrom'), children: node.validFrom },
          { key: 'to', label: t('jur.validTo'), children: node.validTo ?? t('jur.validToNone') },
          { key: 'children', label: t('jur.childCount'), children: node.childCount },
          {
            key: 'source',
            label: t('jur.source'),
            children: node.source === 'local' ? t('jur.source.local') : t('jur.source.division'),
          },
        ]}
      />
    </Card>
  );
}

/** 撤销 with the end date chosen inside the confirmation. */
function RetireButton({ node }: { node: JurisdictionNode }) {
  const { t } = useI18n();
  const notify = useNotify();
  const retire = useRetireJurisdiction();
  const [validTo, setValidTo] = useState<Dayjs>(() => dayjs());

  return (
    <Popconfirm
      title={t('jur.retireConfirm', { name: node.name })}
      description={
        <Flex vertical gap={8} style={{ maxWidth: 300 }}>
          <Typography.Text type="secondary">{t('jur.retireDesc')}</Typography.Text>
          <Flex align="center" gap={8}>
            <span>{t('jur.retireDate')}</span>
            <DatePicker
              value={validTo}
              allowClear={false}
              onChange={(d) => d && setValidTo(d)}
              disabledDate={(d) => d.isBefore(dayjs(node.validFrom), 'day')}
            />
          </Flex>
        </Flex>
      }
      okText={t('jur.retire')}
      okButtonProps={{ danger: true, loading: retire.isPending }}
      cancelText={t('common.cancel')}
      onConfirm={() =>
        retire.mutateAsync(
          { id: node.id, validTo: toDateString(validTo), version: node.version },
          { onSuccess: () => notify.success('jur.retiredOk'), onError: (err) => notify.error(err) },
        ).catch(() => undefined)
      }
    >
      <Button danger icon={<StopOutlined />}>
        {t('jur.retire')}
      </Button>
    </Popconfirm>
  );
}
