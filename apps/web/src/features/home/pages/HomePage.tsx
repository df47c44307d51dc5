import { RightOutlined } from '@ant-design/icons';
import { Avatar, Card, Col, Empty, Flex, Row, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { modules } from '../../../app/modules';
import { allowed } from '../../../app/permissions';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import { formatDateTime } from '../../../shared/utils/format';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { LevelTag } from '../../jurisdiction/components/LevelTag';
import { CockpitCard } from '../../analysis/components/CockpitCard';

/** 工作台: who I am, where I work, when I last signed in, and the modules my roles open — all from /api/auth/me. */
export function HomePage() {
  const me = useCurrentUser();
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const mine = allowed(modules, me).filter((m) => m.description);

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex gap={20} align="flex-start">
          <Avatar size={64} style={{ background: '#1d5bd8', fontSize: 26, flex: 'none' }}>
            {Array.from(me.displayName)[0]}
          </Avatar>
          <Flex vertical gap={12} style={{ flex: 1 }}>
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('home.greeting', { name: me.displayName })}
              </Typography.Title>
              <Typography.Text type="secondary">
                {me.lastLoginAt
                  ? t('home.lastLogin', { time: formatDateTime(me.lastLoginAt), ip: me.lastLoginIp ?? '—' })
                  : t('home.firstLogin')}
              </Typography.Text>
            </div>
            <Flex gap={8} align="center" wrap>
              <Typography.Text type="secondary" style={{ minWidth: 72, whiteSpace: 'nowrap' }}>
                {t('home.roles')}
              </Typography.Text>
              {me.roles.length ? (
                me.roles.map((r) => (
                  <Tag key={r.code} color="blue">
                    {localName(r, lang)}
                  </Tag>
                ))
              ) : (
                <Typography.Text type="secondary">{t('home.noRole')}</Typography.Text>
              )}
            </Flex>
            <Flex gap={8} align="flex-start" wrap>
              <Typography.Text type="secondary" style={{ minWidth: 72, whiteSpace: 'nowrap' }}>
                {/* a resident lives in their node; staff govern theirs */}
                {t(me.roles.length && me.roles.every((r) => r.code === 'resident') ? 'home.community' : 'home.jurisdictions')}
              </Typography.Text>
              {me.jurisdictions.length ? (
                <Space size={[16, 8]} wrap style={{ flex: 1 }}>
                  {me.jurisdictions.map((j) => (
                    <Space key={j.id} size={6}>
                      <Typography.Text strong>{j.name}</Typography.Text>
                      <LevelTag level={j.level} />
                      <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
                        {j.code}
                      </Typography.Text>
                    </Space>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="warning">{t('home.noJurisdiction')}</Typography.Text>
              )}
            </Flex>
          </Flex>
        </Flex>
      </Card>

      <CockpitCard />

      <Card title={t('home.modules')}>
        {mine.length === 0 ? (
          <Empty description={t('home.noModules')} />
        ) : (
          <Row gutter={[16, 16]}>
            {mine.map(({ path, icon: Icon, label, description }) => (
              <Col key={path} xs={24} md={12} xl={8}>
                <Card hoverable size="small" onClick={() => navigate(path)} style={{ height: '100%' }}>
                  <Flex gap={14} align="flex-start">
                    <Flex
                      align="center"
                      justify="center"
                      style={{ width: 44, height: 44, borderRadius: 10, background: '#e8f0fe', color: '#1d5bd8', fontSize: 22, flex: 'none' }}
                    >
                      <Icon />
                    </Flex>
                    <Flex vertical gap={4} style={{ flex: 1 }}>
                      <Flex justify="space-between" align="center">
                        <Typography.Text strong style={{ fontSize: 15 }}>
                          {t(label)}
                        </Typography.Text>
                        <RightOutlined style={{ color: '#bfbfbf', fontSize: 12 }} />
                      </Flex>
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        {description && t(description)}
                      </Typography.Text>
                    </Flex>
                  </Flex>
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Card>
    </Flex>
  );
}
