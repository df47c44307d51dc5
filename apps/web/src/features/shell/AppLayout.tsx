import { Flex, Layout, Menu, Spin } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { moduleForPath, modules } from '../../app/modules';
import { allowed } from '../../app/permissions';
import { useI18n } from '../../i18n/I18nProvider';
import { useCurrentUser } from '../auth/hooks/useAuth';
import { HeaderBar } from './components/HeaderBar';
import { Logo } from './components/Logo';
import { TotpBanner } from './components/TotpBanner';

const COLLAPSED_KEY = 'linli.siderCollapsed';

/** The frame of every signed-in page: sidebar of the modules this user may open, header, content. */
export function AppLayout() {
  const me = useCurrentUser();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === '1');

  const visible = useMemo(() => allowed(modules, me), [me]);
  const current = moduleForPath(visible, pathname);

  const toggle = () =>
    setCollapsed((c) => {
      localStorage.setItem(COLLAPSED_KEY, c ? '0' : '1');
      return !c;
    });

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={220} collapsedWidth={64} collapsed={collapsed} trigger={null} style={{ position: 'sticky', top: 0, height: '100vh' }}>
        <div className="app-brand" title={t('brand.full')}>
          <Logo size={30} />
          {!collapsed && (
            <div style={{ minWidth: 0 }}>
              <div className="app-brand-name">{t('brand.name')}</div>
              <div className="app-brand-sub">{t('brand.productShort')}</div>
            </div>
          )}
        </div>
        <Menu
          className="app-menu"
          theme="dark"
          mode="inline"
          selectedKeys={current ? [current.path] : []}
          items={visible.map(({ path, icon: Icon, label }) => ({ key: path, icon: <Icon />, label: t(label) }))}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ position: 'sticky', top: 0, zIndex: 10, boxShadow: '0 1px 4px rgba(0, 21, 41, 0.08)' }}>
          <HeaderBar collapsed={collapsed} onToggle={toggle} />
        </Layout.Header>
        <TotpBanner />
        <Layout.Content style={{ padding: 24 }}>
          <Suspense
            fallback={
              <Flex justify="center" style={{ padding: 80 }}>
                <Spin />
              </Flex>
            }
          >
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
