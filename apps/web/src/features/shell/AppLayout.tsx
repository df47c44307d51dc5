import { Flex, Grid, Layout, Menu, Spin } from 'antd';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { menuTree } from '../../app/menuTree';
import { moduleForPath, moduleGroups, modules } from '../../app/modules';
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
  const [folded, setFolded] = useState(() => localStorage.getItem(COLLAPSED_KEY) === '1');
  // on a phone the sidebar is a drawer over the page, closed until the menu button opens it
  const wide = Grid.useBreakpoint().md !== false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const collapsed = wide ? folded : !drawerOpen;
  const visible = useMemo(() => allowed(modules, me), [me]);
  const current = moduleForPath(visible, pathname);
  const tree = useMemo(() => menuTree(visible, moduleGroups), [visible]);
  // the group of the page shown is open; others open and close as the user clicks them
  const [openKeys, setOpenKeys] = useState<string[]>(() => (current?.group ? [current.group] : []));
  useEffect(() => {
    const g = current?.group;
    if (g) setOpenKeys((keys) => (keys.includes(g) ? keys : [...keys, g]));
  }, [current?.group]);

  const toggle = () => {
    if (!wide) return setDrawerOpen((o) => !o);
    setFolded((c) => {
      localStorage.setItem(COLLAPSED_KEY, c ? '0' : '1');
      return !c;
    });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        width={220}
        collapsedWidth={wide ? 64 : 0}
        collapsed={collapsed}
        trigger={null}
        style={{ position: wide ? 'sticky' : 'fixed', top: 0, height: '100vh', zIndex: wide ? undefined : 30 }}
      >
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
          forceSubMenuRender
          selectedKeys={current ? [current.path] : []}
          openKeys={collapsed ? undefined : openKeys}
          onOpenChange={(keys) => !collapsed && setOpenKeys(keys)}
          items={tree.map((e) => {
            if (e.kind === 'item') {
              const { path, icon: Icon, label } = e.module;
              return { key: path, icon: <Icon />, label: t(label) };
            }
            const { key, icon: Icon, label } = e.group;
            return { key, icon: <Icon />, label: t(label), children: e.modules.map((m) => ({ key: m.path, label: t(m.label) })) };
          })}
          onClick={({ key }) => {
            setDrawerOpen(false);
            void navigate(key);
          }}
        />
      </Layout.Sider>
      {!wide && drawerOpen && <div className="app-drawer-mask" onClick={() => setDrawerOpen(false)} />}
      <Layout>
        <Layout.Header style={{ position: 'sticky', top: 0, zIndex: 10, boxShadow: '0 1px 4px rgba(0, 21, 41, 0.08)', ...(wide ? {} : { paddingInline: 12 }) }}>
          <HeaderBar collapsed={collapsed} onToggle={toggle} />
        </Layout.Header>
        <TotpBanner />
        <Layout.Content style={{ padding: wide ? 24 : 12, minWidth: 0 }}>
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
