import {
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
// Registry: housing, map, organisations, things, events.
import { AlertOutlined, BankOutlined, BuildOutlined, EnvironmentOutlined, ToolOutlined } from '@ant-design/icons';
// Data quality.
import { CheckSquareOutlined, FundOutlined, SlidersOutlined } from '@ant-design/icons';
// Data collection: the offline survey.
import { MobileOutlined } from '@ant-design/icons';
// Exports (导出与审批).
import { FileExcelOutlined } from '@ant-design/icons';
// Residents' rights (个人信息权利请求).
import { FileProtectOutlined } from '@ant-design/icons';
// Data collection (数据采集): imports.
import { CloudUploadOutlined } from '@ant-design/icons';
// Elder care (养老): archives, assessment to-dos, statistics.
import { BarChartOutlined, HeartOutlined, ScheduleOutlined } from '@ant-design/icons';
// Analysis (民情分析 / 数据立方 / 领导驾驶舱).
import { AreaChartOutlined, FundProjectionScreenOutlined, PieChartOutlined } from '@ant-design/icons';
// Devices (智能设备): watches, alerts, elder positioning.
import { AimOutlined, BellOutlined, WifiOutlined } from '@ant-design/icons';
// Elder care (居家养老服务): orders, plans, exceptions, supervision, providers, the caregiver's phone.
import { CalendarOutlined, ExceptionOutlined, ShopOutlined } from '@ant-design/icons';
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
  /** The sidebar group it is listed under; none for the workbench, which stays on top. */
  group?: ModuleGroupKey;
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
  /**
   * Further pages of the module (a record's detail page, `/registry/people/:id`): routed with the
   * same permission, not listed in the sidebar, which keeps the module selected while they show.
   */
  subPages?: readonly { path: string; page: LazyExoticComponent<ComponentType> }[];
}

/**
 * The sidebar's groups, in their order: one per business line, so an official with thirty modules
 * sees six headings. A group with one module a user may open shows that module on its own.
 */
export const moduleGroups = [
  { key: 'registry', label: 'menu.group.registry', icon: HomeOutlined },
  { key: 'collection', label: 'menu.group.collection', icon: CloudUploadOutlined },
  { key: 'eldercare', label: 'menu.group.eldercare', icon: HeartOutlined },
  { key: 'devices', label: 'menu.group.devices', icon: WifiOutlined },
  { key: 'analysis', label: 'menu.group.analysis', icon: AreaChartOutlined },
  { key: 'admin', label: 'menu.group.admin', icon: SafetyCertificateOutlined },
] as const satisfies readonly { key: string; label: DictKey; icon: ComponentType }[];
export type ModuleGroupKey = (typeof moduleGroups)[number]['key'];

export const modules: readonly AppModule[] = [
  {
    path: '/',
    icon: DashboardOutlined,
    label: 'menu.home',
    whilePending: true,
    page: lazy(() => import('../features/home/pages/HomePage').then((m) => ({ default: m.HomePage }))),
  },
  {
    path: '/registry/people',
    group: 'registry',
    icon: UserOutlined,
    label: 'menu.people',
    description: 'menu.desc.people',
    permission: PERM.registryRead,
    page: lazy(() => import('../features/registry/pages/PeoplePage').then((m) => ({ default: m.PeoplePage }))),
    subPages: [
      {
        path: '/registry/people/:id',
        page: lazy(() => import('../features/registry/pages/PersonPage').then((m) => ({ default: m.PersonPage }))),
      },
    ],
  },
  {
    path: '/registry/households',
    group: 'registry',
    icon: HomeOutlined,
    label: 'menu.households',
    description: 'menu.desc.households',
    permission: PERM.registryRead,
    page: lazy(() =>
      import('../features/registry/pages/HouseholdsPage').then((m) => ({ default: m.HouseholdsPage })),
    ),
  },
  // —— registry: housing, map, organisations, things, events ——
  {
    path: '/registry/housing',
    group: 'registry',
    icon: BuildOutlined,
    label: 'menu.housing',
    description: 'menu.desc.housing',
    permission: PERM.registryRead,
    page: lazy(() => import('../features/housing/pages/HousingPage').then((m) => ({ default: m.HousingPage }))),
    subPages: [
      {
        path: '/registry/buildings/:id',
        page: lazy(() => import('../features/housing/pages/FloorPlanPage').then((m) => ({ default: m.FloorPlanPage }))),
      },
    ],
  },
  {
    path: '/registry/map',
    group: 'registry',
    icon: EnvironmentOutlined,
    label: 'menu.map',
    description: 'menu.desc.map',
    permission: PERM.registryRead,
    page: lazy(() => import('../features/map/pages/MapPage').then((m) => ({ default: m.MapPage }))),
  },
  {
    path: '/registry/organizations',
    group: 'registry',
    icon: BankOutlined,
    label: 'menu.organizations',
    description: 'menu.desc.organizations',
    permission: PERM.registryRead,
    page: lazy(() =>
      import('../features/records/pages/OrganizationsPage').then((m) => ({ default: m.OrganizationsPage })),
    ),
  },
  {
    path: '/registry/things',
    group: 'registry',
    icon: ToolOutlined,
    label: 'menu.things',
    description: 'menu.desc.things',
    permission: PERM.registryRead,
    page: lazy(() => import('../features/records/pages/ThingsPage').then((m) => ({ default: m.ThingsPage }))),
  },
  {
    path: '/registry/events',
    group: 'registry',
    icon: AlertOutlined,
    label: 'menu.events',
    description: 'menu.desc.events',
    permission: PERM.registryRead,
    page: lazy(() => import('../features/records/pages/EventsPage').then((m) => ({ default: m.EventsPage }))),
  },
  // —— data quality ——
  {
    path: '/privacy',
    group: 'registry',
    icon: FileProtectOutlined,
    label: 'menu.privacy',
    description: 'menu.desc.privacy',
    permission: PERM.privacyManage,
    page: lazy(() => import('../features/privacy/pages/PrivacyRequestsPage').then((m) => ({ default: m.PrivacyRequestsPage }))),
  },
  {
    path: '/quality',
    group: 'collection',
    icon: FundOutlined,
    label: 'menu.quality',
    description: 'menu.desc.quality',
    permission: PERM.qualityRead,
    page: lazy(() => import('../features/quality/pages/QualityPage').then((m) => ({ default: m.QualityPage }))),
  },
  {
    path: '/quality/todo',
    group: 'collection',
    icon: CheckSquareOutlined,
    label: 'menu.qualityTodo',
    description: 'menu.desc.qualityTodo',
    permission: PERM.qualityRead,
    page: lazy(() => import('../features/quality/pages/TodoPage').then((m) => ({ default: m.TodoPage }))),
  },
  {
    path: '/quality/rules',
    group: 'collection',
    icon: SlidersOutlined,
    label: 'menu.qualityRules',
    description: 'menu.desc.qualityRules',
    permission: PERM.qualityManage,
    page: lazy(() => import('../features/quality/pages/RulesPage').then((m) => ({ default: m.RulesPage }))),
  },
  {
    path: '/exports',
    group: 'collection',
    icon: FileExcelOutlined,
    label: 'menu.exports',
    description: 'menu.desc.exports',
    permission: PERM.exportCreate,
    page: lazy(() => import('../features/exports/pages/ExportsPage').then((m) => ({ default: m.ExportsPage }))),
  },
  {
    path: '/collection/import',
    group: 'collection',
    icon: CloudUploadOutlined,
    label: 'menu.imports',
    description: 'menu.desc.imports',
    permission: PERM.collectionImport,
    page: lazy(() => import('../features/imports/pages/ImportPage').then((m) => ({ default: m.ImportPage }))),
  },
  // —— elder care (养老) ——
  {
    path: '/elder',
    group: 'eldercare',
    icon: HeartOutlined,
    label: 'menu.elder',
    description: 'menu.desc.elder',
    permission: PERM.elderRead,
    page: lazy(() => import('../features/elder/pages/ElderListPage').then((m) => ({ default: m.ElderListPage }))),
    subPages: [
      { path: '/elder/elders/:id', page: lazy(() => import('../features/elder/pages/ElderPage').then((m) => ({ default: m.ElderPage }))) },
      { path: '/elder/elders/:id/assess', page: lazy(() => import('../features/elder/pages/AssessmentFormPage').then((m) => ({ default: m.AssessmentFormPage }))) },
      { path: '/elder/assessments/:id', page: lazy(() => import('../features/elder/pages/AssessmentReportPage').then((m) => ({ default: m.AssessmentReportPage }))) },
    ],
  },
  {
    path: '/elder/todo',
    group: 'eldercare',
    icon: ScheduleOutlined,
    label: 'menu.elderTodo',
    description: 'menu.desc.elderTodo',
    permission: PERM.elderRead,
    page: lazy(() => import('../features/elder/pages/ElderTodoPage').then((m) => ({ default: m.ElderTodoPage }))),
  },
  {
    path: '/elder/stats',
    group: 'eldercare',
    icon: BarChartOutlined,
    label: 'menu.elderStats',
    description: 'menu.desc.elderStats',
    permission: PERM.elderRead,
    page: lazy(() => import('../features/elder/pages/ElderStatsPage').then((m) => ({ default: m.ElderStatsPage }))),
  },
  // —— data collection: 入户调查 opens the phone app (routed outside the shell, see router.tsx) ——
  {
    path: '/survey',
    group: 'collection',
    icon: MobileOutlined,
    label: 'menu.survey',
    description: 'menu.desc.survey',
    permission: PERM.surveyUse,
    page: lazy(() => import('../features/survey/pages/SurveyApp').then((m) => ({ default: m.SurveyApp }))),
  },
  // —— devices: GPS watches, kiosks, alerts (智能设备) ——
  {
    path: '/devices',
    group: 'devices',
    icon: WifiOutlined,
    label: 'menu.devices',
    description: 'menu.desc.devices',
    permission: PERM.devicesRead,
    page: lazy(() => import('../features/devices/pages/DevicesPage').then((m) => ({ default: m.DevicesPage }))),
  },
  {
    path: '/devices/alerts',
    group: 'devices',
    icon: BellOutlined,
    label: 'menu.deviceAlerts',
    description: 'menu.desc.deviceAlerts',
    permission: PERM.devicesRead,
    page: lazy(() => import('../features/devices/pages/AlertsPage').then((m) => ({ default: m.AlertsPage }))),
  },
  {
    path: '/devices/map',
    group: 'devices',
    icon: AimOutlined,
    label: 'menu.elderMap',
    description: 'menu.desc.elderMap',
    permission: PERM.devicesRead,
    page: lazy(() => import('../features/devices/pages/ElderMapPage').then((m) => ({ default: m.ElderMapPage }))),
  },
  // —— elder care (居家养老服务); 护理员工作台 opens the phone app (routed outside the shell, see router.tsx) ——
  {
    path: '/care/orders',
    group: 'eldercare',
    icon: ScheduleOutlined,
    label: 'menu.careOrders',
    description: 'menu.desc.careOrders',
    permission: PERM.careRead,
    page: lazy(() => import('../features/care/pages/OrdersPage').then((m) => ({ default: m.OrdersPage }))),
  },
  {
    path: '/care/plans',
    group: 'eldercare',
    icon: CalendarOutlined,
    label: 'menu.carePlans',
    description: 'menu.desc.carePlans',
    permission: PERM.careRead,
    page: lazy(() => import('../features/care/pages/PlansPage').then((m) => ({ default: m.PlansPage }))),
  },
  {
    path: '/care/exceptions',
    group: 'eldercare',
    icon: ExceptionOutlined,
    label: 'menu.careExceptions',
    description: 'menu.desc.careExceptions',
    permission: PERM.careRead,
    page: lazy(() => import('../features/care/pages/ExceptionsPage').then((m) => ({ default: m.ExceptionsPage }))),
  },
  {
    path: '/care/supervision',
    group: 'eldercare',
    icon: BarChartOutlined,
    label: 'menu.careSupervision',
    description: 'menu.desc.careSupervision',
    permission: PERM.careSupervise,
    page: lazy(() => import('../features/care/pages/SupervisionPage').then((m) => ({ default: m.SupervisionPage }))),
  },
  {
    path: '/care/providers',
    group: 'eldercare',
    icon: ShopOutlined,
    label: 'menu.careProviders',
    description: 'menu.desc.careProviders',
    permission: PERM.careManage,
    page: lazy(() => import('../features/care/pages/ProvidersPage').then((m) => ({ default: m.ProvidersPage }))),
  },
  {
    path: '/care/app',
    group: 'eldercare',
    icon: HeartOutlined,
    label: 'menu.careApp',
    description: 'menu.desc.careApp',
    permission: PERM.careVisit,
    page: lazy(() => import('../features/care/pages/CareApp').then((m) => ({ default: m.CareApp }))),
  },
  {
    path: '/analysis/profile',
    group: 'analysis',
    icon: PieChartOutlined,
    label: 'menu.analysisProfile',
    description: 'menu.desc.analysisProfile',
    permission: PERM.analysisRead,
    page: lazy(() => import('../features/analysis/pages/ProfilePage').then((m) => ({ default: m.ProfilePage }))),
  },
  {
    path: '/analysis/cube',
    group: 'analysis',
    icon: AreaChartOutlined,
    label: 'menu.analysisCube',
    description: 'menu.desc.analysisCube',
    permission: PERM.analysisRead,
    page: lazy(() => import('../features/analysis/pages/CubePage').then((m) => ({ default: m.CubePage }))),
  },
  {
    path: '/analysis/cockpit',
    group: 'analysis',
    icon: FundProjectionScreenOutlined,
    label: 'menu.analysisCockpit',
    description: 'menu.desc.analysisCockpit',
    permission: PERM.analysisRead,
    page: lazy(() => import('../features/analysis/pages/CockpitPage').then((m) => ({ default: m.CockpitPage }))),
  },
  {
    path: '/jurisdictions',
    group: 'admin',
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
    group: 'admin',
    icon: TeamOutlined,
    label: 'menu.users',
    description: 'menu.desc.users',
    permission: PERM.userManage,
    page: lazy(() => import('../features/admin/pages/UsersPage').then((m) => ({ default: m.UsersPage }))),
  },
  {
    path: '/security',
    group: 'admin',
    icon: SafetyCertificateOutlined,
    label: 'menu.security',
    description: 'menu.desc.security',
    permission: PERM.sessionManage,
    page: lazy(() => import('../features/security/pages/SecurityPage').then((m) => ({ default: m.SecurityPage }))),
  },
  {
    path: '/audit',
    group: 'admin',
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
