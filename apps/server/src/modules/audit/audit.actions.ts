/** The catalogue of audited actions, with names for the audit administrator's filters. */
export const AUDIT_ACTIONS = {
  'auth.login': { name: '登录', nameEn: 'Sign in' },
  'auth.logout': { name: '退出登录', nameEn: 'Sign out' },
  'auth.password_change': { name: '修改密码', nameEn: 'Change password' },
  'auth.totp_enable': { name: '启用双因素认证', nameEn: 'Enable two-factor authentication' },
  'session.end': { name: '强制下线', nameEn: 'End a session' },
  'user.create': { name: '新建用户', nameEn: 'Create user' },
  'user.update': { name: '修改用户', nameEn: 'Update user' },
  'user.role_change': { name: '变更用户角色', nameEn: 'Change user roles' },
  'user.jurisdiction_change': { name: '变更用户辖区', nameEn: 'Change user jurisdictions' },
  'user.disable': { name: '停用用户', nameEn: 'Disable user' },
  'user.enable': { name: '启用用户', nameEn: 'Enable user' },
  'user.unlock': { name: '解锁用户', nameEn: 'Unlock user' },
  'user.password_reset': { name: '重置密码', nameEn: 'Reset password' },
  'user.read': { name: '查看用户信息', nameEn: 'Read user details' },
  'jurisdiction.create': { name: '新建辖区节点', nameEn: 'Create jurisdiction node' },
  'jurisdiction.retire': { name: '撤销辖区节点', nameEn: 'Retire jurisdiction node' },
  'audit.read': { name: '查阅审计日志', nameEn: 'Read audit log' },
  'audit.verify': { name: '校验审计链', nameEn: 'Verify audit chain' },
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
