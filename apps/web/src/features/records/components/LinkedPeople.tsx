import { UserOutlined } from '@ant-design/icons';
import { Empty, Flex, List, Skeleton, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { useCodeNames } from '../hooks/useCodeTables';
import { useRecordGraph } from '../hooks/useGraph';
import { peopleLinkedTo } from '../utils/graph';

/**
 * The people linked to a house or an organisation right now (住户, 业主, 租户, 法定代表人 …), each
 * opening their 360° page.
 */
export function LinkedPeople({ kind, id, emptyText }: { kind: 'house' | 'organization'; id: string; emptyText: string }) {
  const { t } = useI18n();
  const codes = useCodeNames();
  const graph = useRecordGraph(kind, id);
  // Relation kinds are codes of the registry's tables; their names follow the reader's language.
  const relationName = (code: string) => codes.name(kind === 'house' ? 'personHouseKinds' : 'personOrgKinds', code);
  if (graph.isError) return <ErrorState error={graph.error} onRetry={() => void graph.refetch()} />;
  if (graph.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  const people = peopleLinkedTo(graph.data, id);
  if (people.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  return (
    <List
      size="small"
      dataSource={people}
      renderItem={(p) => (
        <List.Item extra={<Link to={`/registry/people/${p.id}`}>{t('rec.person.open')}</Link>}>
          <Flex gap={8} align="center" wrap>
            <UserOutlined style={{ color: '#8c8c8c' }} />
            <Link to={`/registry/people/${p.id}`}>{p.name}</Link>
            {p.kinds.map((k) => (
              <Tag key={k} color="blue" style={{ marginInlineEnd: 0 }}>
                {relationName(k)}
              </Tag>
            ))}
          </Flex>
        </List.Item>
      )}
    />
  );
}
