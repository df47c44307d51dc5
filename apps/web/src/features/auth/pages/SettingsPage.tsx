import { Card, Col, Descriptions, Row, Space, Tag } from 'antd';
import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useNotify } from '../../../shared/hooks/useNotify';
import { formatDateTime } from '../../../shared/utils/format';
import { LevelTag } from '../../jurisdiction/components/LevelTag';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { TotpSetupPanel } from '../components/TotpSetupPanel';
import { useCurrentUser } from '../hooks/useAuth';

/** 个人设置: who I am, change my password, set up two-factor authentication. */
export function SettingsPage() {
  const me = useCurrentUser();
  const { t, lang } = useI18n();
  const notify = useNotify();
  const { hash } = useLocation();

  useEffect(() => {
    if (hash === '#totp') document.getElementById('totp')?.scrollIntoView({ behavior: 'smooth' });
  }, [hash]);

  return (
    <>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card title={t('settings.account')}>
            <Descriptions
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'username', label: t('users.username'), children: me.username },
                { key: 'name', label: t('users.displayName'), children: me.displayName },
                {
                  key: 'roles',
                  label: t('users.roles'),
                  children: me.roles.length ? (
                    <Space size={[0, 4]} wrap>
                      {me.roles.map((r) => (
                        <Tag key={r.code} color="blue">
                          {localName(r, lang)}
                        </Tag>
                      ))}
                    </Space>
                  ) : (
                    t('home.noRole')
                  ),
                },
                {
                  key: 'jurisdictions',
                  label: t('users.jurisdictions'),
                  children: me.jurisdictions.length ? (
                    <Space size={[8, 4]} wrap>
                      {me.jurisdictions.map((j) => (
                        <span key={j.id}>
                          {j.name} <LevelTag level={j.level} />
                        </span>
                      ))}
                    </Space>
                  ) : (
                    t('home.noJurisdiction')
                  ),
                },
                {
                  key: 'last',
                  label: t('users.lastLoginAt'),
                  children: me.lastLoginAt
                    ? `${formatDateTime(me.lastLoginAt)}${me.lastLoginIp ? ` · ${me.lastLoginIp}` : ''}`
                    : t('common.neverLoggedIn'),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('password.changeTitle')} style={{ height: '100%' }}>
            <ChangePasswordForm onChanged={() => notify.success('password.changed')} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card id="totp" title={t('totp.title')} style={{ height: '100%' }}>
            <TotpSetupPanel />
          </Card>
        </Col>
      </Row>
    </>
  );
}
