import {
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { DictKey } from '../i18n/dict';
import { PERM, type Permission } from './permissions';

/**
 * One entry per module of the app: its route, its sidebar item and who may open it. A new module
 * (registry, eldercare, …) adds one entry here and nothing else in the shell.
 */
export interface AppModule {
  /** Route path; also the menu key. */
  path: string;
  icon: ComponentType;
  label: DictKey;
  /** One line for the workbench's "what you can do" list; omitted for the workbench itself. */
  description?: DictKey;
  /** Permission needed to see and open it; none means every signed-in user. */
  permission?: Permission;
  /**
   * Usable before a required two-factor set-up is done. The server refuses every other call until
   * then (AUTH_TOTP_SETUP_REQUIRED), so other modules show the way to set it up instead.
   */
  whilePending?: boolean;
  page: LazyExoticComponent<ComponentType>;
}

export const modules: readonly AppModule[] = [
  {
    path: '/',
    icon: DashboardOutlined,
    label: 'menu.home',
    whilePending: true,
    page: lazy(() => import('../features/home/pages/HomePage').then((m) => ({ default: m.HomePage }))),
  },
  {
    path: '/jurisdictions',
    icon: ApartmentOutlined,
    label: 'menu.jurisdictions',
    description: 'menu.desc.jurisdictions',
    permission: PERM.jurisdictionRead,
    page: lazy(() =>
      import('../features/jurisdiction/pages/JurisdictionPage').then((m) => ({ default: m.JurisdictionPage })),
    ),
  },
  {
    path: '/admin/users',
    icon: TeamOutlined,
    label: 'menu.users',
    description: 'menu.desc.users',
    permission: PERM.userManage,
    page: lazy(() => import('../features/admin/pages/UsersPage').then((m) => ({ default: m.UsersPage }))),
  },
  {
    path: '/security',
    icon: SafetyCertificateOutlined,
    label: 'menu.security',
    description: 'menu.desc.security',
    permission: PERM.sessionManage,
    page: lazy(() => import('../features/security/pages/SecurityPage').then((m) => ({ default: m.SecurityPage }))),
  },
  {
    path: '/audit',
    icon: AuditOutlined,
    label: 'menu.audit',
    description: 'menu.desc.audit',
    permission: PERM.auditRead,
    page: lazy(() => import('../features/audit/pages/AuditPage').then((m) => ({ default: m.AuditPage }))),
  },
  {
    path: '/settings',
    icon: SettingOutlined,
    label: 'menu.settings',
    description: 'menu.desc.settings',
    whilePending: true,
    page: lazy(() => import('../features/auth/pages/SettingsPage').then((m) => ({ default: m.SettingsPage }))),
  },
];

export { moduleForPath } from './moduleForPath';
