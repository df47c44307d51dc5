import { defineErrors } from '../../shared/errors.js';

export const accountsError = defineErrors({
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  AUTH_LOCKED: {
    status: 423,
    zh: '密码错误次数过多，账号已锁定，请于 {until} 后重试或联系管理员解锁',
    en: 'Too many wrong passwords: the account is locked until {until}, or until an administrator unlocks it',
  },
  AUTH_DISABLED: { status: 403, zh: '账号已停用，请联系管理员', en: 'This account is disabled; contact your administrator' },
  AUTH_TOTP_REQUIRED: { status: 401, zh: '请输入动态验证码', en: 'Enter the code from your authenticator app' },
  AUTH_TOTP_INVALID: { status: 401, zh: '动态验证码错误或已使用', en: 'The authenticator code is wrong or was already used' },
  AUTH_TOTP_NOT_STARTED: { status: 409, zh: '请先生成双因素认证密钥', en: 'Start two-factor setup first' },
  AUTH_PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '请先修改初始密码或已过期的密码',
    en: 'Change your initial or expired password first',
  },
  AUTH_TOTP_SETUP_REQUIRED: {
    status: 403,
    zh: '管理员账号须先启用双因素认证',
    en: 'Administrator accounts must enable two-factor authentication first',
  },
  AUTH_WRONG_CURRENT_PASSWORD: { status: 422, zh: '当前密码不正确', en: 'The current password is wrong' },
  PASSWORD_TOO_WEAK: {
    status: 422,
    zh: '密码至少8位，并包含大写字母、小写字母、数字、特殊字符中的至少三类，且不得包含用户名',
    en: 'A password needs at least 8 characters from at least 3 of: upper case, lower case, digits, symbols, and must not contain the username',
  },
  PASSWORD_REUSED: {
    status: 422,
    zh: '新密码不得与最近 {count} 次使用过的密码相同',
    en: 'The new password must differ from the last {count} passwords',
  },
});

export const userAdminError = defineErrors({
  USERNAME_TAKEN: { status: 409, zh: '用户名“{username}”已被使用', en: 'The username "{username}" is taken' },
  ADMIN_ACCOUNT_PROTECTED: {
    status: 403,
    zh: '系统管理员、安全管理员和审计管理员账号只能通过命令行创建和维护（三员分立）',
    en: 'System, security and audit administrator accounts are created and kept only from the command line (separation of duties)',
  },
  SELF_LOCKOUT: { status: 422, zh: '不能停用自己的账号', en: 'You cannot disable your own account' },
});
