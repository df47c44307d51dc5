import type { Me } from '../api/types';

/** Permission codes the web app checks; the server enforces every one of them again. */
export const PERM = {
  jurisdictionRead: 'jurisdiction.read',
  jurisdictionManage: 'jurisdiction.manage',
  userManage: 'user.manage',
  sessionManage: 'session.manage',
  auditRead: 'audit.read',
  auditVerify: 'audit.verify',
  /** 一标三实 registry: see people, houses, households and organisations in one's jurisdiction. */
  registryRead: 'registry.read',
  registryWrite: 'registry.write',
  /** See a full citizen ID or phone number, for a stated reason (audited). */
  registryUnmask: 'registry.unmask',
  /** 数据质量: scores, findings and the to-do list of one's jurisdiction. */
  qualityRead: 'quality.read',
  /** Enable, disable and tune data-quality rules (audited). */
  qualityManage: 'quality.manage',
  /** 入户调查: the offline door-to-door survey on a phone (grid and community workers). */
  surveyUse: 'survey.use',
  /** Export a list to Excel, masked as on screen. */
  exportCreate: 'export.create',
  /** Request an unmasked export (needs another user's approval). */
  exportUnmasked: 'export.unmasked',
  /** Approve or reject others' unmasked export requests within one's jurisdiction. */
  exportApprove: 'export.approve',
  /** 数据采集: import spreadsheets into the registry. */
  collectionImport: 'collection.import',
  /** 养老: elder archives, assessments, statistics of one's jurisdiction. */
  elderRead: 'elder.read',
  /** Keep elder archives and record care-risk events. */
  elderWrite: 'elder.write',
  /** Assess ability (GB/T 42195-2022) and sign as the second assessor. */
  elderAssess: 'elder.assess',
  /** Change the assessment settings. */
  elderManage: 'elder.manage',
  /** 民情分析, 数据立方, 领导驾驶舱 of one's jurisdiction. */
  analysisRead: 'analysis.read',
  /** 智能设备: watches, kiosks, positions and alerts of one's jurisdiction. */
  devicesRead: 'devices.read',
  /** Register devices, bind watches to elders, draw safe zones, set health limits. */
  devicesManage: 'devices.manage',
  /** Acknowledge and close device alerts. */
  devicesAlerts: 'devices.alerts',
  /** 居家养老服务: see plans, orders and exceptions in one's jurisdiction (elder-care staff, officials). */
  careRead: 'care.read',
  /** Register providers, keep the catalogue, make plans and generate their orders. */
  careManage: 'care.manage',
  /** A provider's dispatcher: dispatch, reassign and cancel the provider's orders. */
  careDispatch: 'care.dispatch',
  /** A caregiver: the phone app of the day's visits. */
  careVisit: 'care.visit',
  /** Resolve visit exceptions with reason and resolution codes. */
  careResolve: 'care.resolve',
  /** The supervision figures of one's jurisdiction. */
  careSupervise: 'care.supervise',
  /** 个人信息权利请求: register residents' requests about their data, give copies, close them. */
  privacyManage: 'privacy.manage',
} as const;
export type Permission = (typeof PERM)[keyof typeof PERM];

/** Whether the user holds a permission; no permission named means everyone may. */
export function can(me: Pick<Me, 'permissions'>, permission: Permission | undefined): boolean {
  return permission === undefined || me.permissions.includes(permission);
}

/** The entries (menu items, routes, actions) this user may see. */
export function allowed<T extends { permission?: Permission }>(items: readonly T[], me: Pick<Me, 'permissions'>): T[] {
  return items.filter((item) => can(me, item.permission));
}
