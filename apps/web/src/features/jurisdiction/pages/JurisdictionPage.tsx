import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Empty, Flex, Input, Row, Skeleton, Tree, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { TreeDataNode } from 'antd';
import { useEffect, useState } from 'react';
import type { JurisdictionListItem } from '../../../api/types';
import { PERM, can } from '../../../app/permissions';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { toDateString } from '../../../shared/utils/format';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { AddGridModal } from '../components/AddGridModal';
import { JurisdictionDetail } from '../components/JurisdictionDetail';
import { NodeTitle } from '../components/NodeTitle';
import { buildTree, useJurisdictionSearch, useLazyJurisdictionTree } from '../hooks/useJurisdictions';

/** 辖区管理: the jurisdiction tree (loaded level by level), search, details, and grid upkeep. */
export function JurisdictionPage() {
  const me = useCurrentUser();
  const { t } = useI18n();
  const canManage = can(me, PERM.jurisdictionManage);
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const day = asOf ? toDateString(asOf) : undefined;
  const { roots, childrenById, load } = useLazyJurisdictionTree(day);
  const [selected, setSelected] = useState<string>();
  const [expanded, setExpanded] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const backToTree = () => {
    setText('');
    setQ('');
  };
  const [addUnder, setAddUnder] = useState<JurisdictionListItem | null>(null);
  const search = useJurisdictionSearch(q, day);

  // Open on the user's own top nodes: the first one selected, and a short list of them expanded.
  const rootKey = `${day ?? ''}|${roots.data?.map((r) => r.id).join(',') ?? ''}`;
  useEffect(() => {
    const ids = rootKey.split('|')[1]?.split(',').filter(Boolean) ?? [];
    setExpanded(ids.length <= 3 ? ids : []);
    if (ids.length) setSelected((s) => s ?? ids[0]);
  }, [rootKey]);

  const treeData: TreeDataNode[] = buildTree(roots.data ?? [], childrenById, (n) => ({
    key: n.id,
    title: <NodeTitle node={n} />,
    isLeaf: n.childCount === 0,
  }));

  const left = q ? (
    <Card
      title={t('jur.searchResults', { n: search.data?.length ?? 0 })}
      extra={
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={backToTree}>
          {t('jur.backToTree')}
        </Button>
      }
      styles={{ body: { padding: 0 } }}
    >
      {search.isError ? (
        <ErrorState error={search.error} onRetry={() => void search.refetch()} />
      ) : (
        <div className="jur-results">
          {search.isFetching && !search.data ? (
            <Skeleton active style={{ padding: 16 }} />
          ) : !search.data?.length ? (
            <Empty description={t('jur.searchEmpty')} image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ padding: 24 }} />
          ) : (
            search.data.map((n) => (
              <button
                type="button"
                key={n.id}
                className={n.id === selected ? 'jur-result jur-result-active' : 'jur-result'}
                onClick={() => setSelected(n.id)}
              >
                <NodeTitle node={n} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {n.pathNames.join(' / ')}
                </Typography.Text>
              </button>
            ))
          )}
        </div>
      )}
    </Card>
  ) : (
    <Card
      title={t('jur.tree')}
      extra={
        <DatePicker
          size="small"
          value={asOf}
          onChange={setAsOf}
          placeholder={t('jur.asOfToday')}
          style={{ width: 150 }}
          title={t('jur.asOfHint')}
        />
      }
    >
      {day && (
        <Alert
          type="info"
          showIcon
          title={t('jur.asOfBanner', { date: day })}
          style={{ marginBottom: 12 }}
          action={
            <Button size="small" type="link" onClick={() => setAsOf(null)}>
              {t('jur.asOfBack')}
            </Button>
          }
        />
      )}
      {roots.isPending ? (
        <Skeleton active />
      ) : roots.isError ? (
        <ErrorState error={roots.error} onRetry={() => void roots.refetch()} />
      ) : treeData.length === 0 ? (
        <Empty description={t('jur.noRoots')} />
      ) : (
        <Tree
          key={day ?? 'today'}
          showLine
          blockNode
          treeData={treeData}
          height={Math.max(320, window.innerHeight - 330)}
          selectedKeys={selected ? [selected] : []}
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys.map(String))}
          onSelect={(keys) => keys.length && setSelected(String(keys[0]))}
          loadData={(node) => load(String(node.key))}
        />
      )}
    </Card>
  );

  return (
    <>
      <PageHeader title={t('jur.title')} subtitle={t('jur.subtitle')} />
      <Row gutter={16}>
        <Col xs={24} lg={10} xl={9}>
          <Flex vertical gap={16}>
            <Input.Search
              placeholder={t('jur.searchPlaceholder')}
              allowClear
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                if (!e.target.value) setQ('');
              }}
              enterButton={t('common.search')}
              onSearch={(value) => setQ(value.trim())}
            />
            {left}
          </Flex>
        </Col>
        <Col xs={24} lg={14} xl={15}>
          <JurisdictionDetail id={selected} canManage={canManage} onAddGrid={setAddUnder} />
        </Col>
      </Row>
      {addUnder && (
        <AddGridModal
          parent={addUnder}
          onClose={() => setAddUnder(null)}
          onAdded={(grid) => {
            setAddUnder(null);
            setExpanded((keys) => (keys.includes(addUnder.id) ? keys : [...keys, addUnder.id]));
            void load(addUnder.id);
            setSelected(grid.id);
          }}
        />
      )}
    </>
  );
}
