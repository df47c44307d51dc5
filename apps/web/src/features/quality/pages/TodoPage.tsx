import { HomeOutlined, RightOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import { ErrorState } from '../../../shared/components/ErrorState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useTodo } from '../hooks/useQuality';
import type { TodoItem } from '../types';
import { recordLink, SEVERITY_COLOR } from '../utils/quality';

/**
 * 我的待办: the records of the worker's own grid (or community) that break a data-quality rule,
 * the most weighty first, each with what is wrong and a button to the page where it is fixed.
 * Laid out as a list so it reads on a phone.
 */
export function TodoPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const todo = useTodo();
  if (todo.isError) return <ErrorState error={todo.error} onRetry={() => void todo.refetch()} />;
  const items = todo.data?.items ?? [];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <PageHeader title={t('quality.todo.title')} subtitle={t('quality.todo.subtitle', { total: todo.data?.total ?? 0 })} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <List<TodoItem>
          loading={todo.isLoading}
          dataSource={items}
          data-testid="quality-todo"
          locale={{ emptyText: <Empty description={t('quality.todo.empty')} /> }}
          renderItem={(item) => {
            const to = recordLink(item);
            return (
              <List.Item style={{ padding: '12px 16px' }}>
                <List.Item.Meta
                  avatar={item.entity === 'person' ? <UserOutlined style={{ fontSize: 18, marginTop: 4 }} /> : <HomeOutlined style={{ fontSize: 18, marginTop: 4 }} />}
                  title={
                    <span>
                      {item.label} {item.subLabel && <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{item.subLabel}</Typography.Text>}
                    </span>
                  }
                  description={
                    <Space direction="vertical" size={4}>
                      {item.findings.map((f) => (
                        <span key={f.id}>
                          <Tag color={SEVERITY_COLOR[f.severity]}>{localName({ name: f.ruleName, nameEn: f.ruleNameEn }, lang)}</Tag>
                          <Typography.Text type="secondary">{lang === 'en' ? f.problemEn : f.problem}</Typography.Text>
                        </span>
                      ))}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {item.jurisdictionName} · {t('quality.todo.since', { date: new Date(item.since).toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN') })}
                      </Typography.Text>
                      {to && (
                        <Button type="primary" size="small" onClick={() => navigate(to)}>
                          {t('quality.todo.fix')} <RightOutlined />
                        </Button>
                      )}
                    </Space>
                  }
                />
              </List.Item>
            );
          }}
        />
      </Card>
    </Space>
  );
}
