/** Languages the interface is written in; zh-CN is the default. */
export type Lang = 'zh' | 'en';

type Entry = { zh: string; en: string };

/**
 * Every string the interface shows, in both languages. Keys are grouped by where they appear;
 * `{name}` placeholders are filled by `t(key, { name })`.
 */
export const dict = {
  // —— brand ——
  'brand.name': { zh: '邻里', en: 'Linli' },
  'brand.product': { zh: '智慧社区综合信息平台', en: 'Smart Community Information Platform' },
  'brand.productShort': { zh: '智慧社区综合信息平台', en: 'Smart Community' },
  'brand.full': { zh: '邻里 · 智慧社区综合信息平台', en: 'Linli · Smart Community Information Platform' },

  // —— common ——
  'common.ok': { zh: '确定', en: 'OK' },
  'common.cancel': { zh: '取消', en: 'Cancel' },
  'common.save': { zh: '保存', en: 'Save' },
  'common.search': { zh: '查询', en: 'Search' },
  'common.reset': { zh: '重置', en: 'Reset' },
  'common.refresh': { zh: '刷新', en: 'Refresh' },
  'common.retry': { zh: '重试', en: 'Retry' },
  'common.actions': { zh: '操作', en: 'Actions' },
  'common.all': { zh: '全部', en: 'All' },
  'common.none': { zh: '无', en: 'None' },
  'common.loadFailed': { zh: '数据加载失败', en: 'Failed to load data' },
  'common.prevPage': { zh: '上一页', en: 'Previous' },
  'common.nextPage': { zh: '下一页', en: 'Next' },
  'common.pageNo': { zh: '第 {page} 页', en: 'Page {page}' },
  'common.total': { zh: '共 {total} 条', en: '{total} in total' },
  'common.perPage': { zh: '{n} 条/页', en: '{n} / page' },
  'common.backHome': { zh: '返回工作台', en: 'Back to workbench' },
  'common.notFound': { zh: '您访问的页面不存在', en: 'The page you are looking for does not exist' },
  'common.forbidden': { zh: '您没有访问该页面的权限', en: 'You do not have permission to view this page' },
  'common.neverLoggedIn': { zh: '从未登录', en: 'Never' },
  'common.saved': { zh: '保存成功', en: 'Saved' },
  'common.conflict': {
    zh: '该记录已被他人修改，请刷新后重试',
    en: 'This record has been changed by someone else. Refresh and try again.',
  },
  'common.required': { zh: '请填写{field}', en: '{field} is required' },
  'common.selectRequired': { zh: '请选择{field}', en: 'Please select {field}' },

  // —— languages ——
  'lang.switch': { zh: '切换语言', en: 'Language' },

  // —— jurisdiction levels ——
  'level.city': { zh: '市', en: 'City' },
  'level.district': { zh: '区县', en: 'District / County' },
  'level.street': { zh: '街道乡镇', en: 'Street / Town' },
  'level.community': { zh: '社区村', en: 'Community / Village' },
  'level.grid': { zh: '网格', en: 'Grid' },

  // —— menu (modules) ——
  'menu.home': { zh: '工作台', en: 'Workbench' },
  'menu.jurisdictions': { zh: '辖区管理', en: 'Jurisdictions' },
  'menu.users': { zh: '用户管理', en: 'Users' },
  'menu.security': { zh: '安全管理', en: 'Security' },
  'menu.audit': { zh: '审计日志', en: 'Audit log' },
  'menu.settings': { zh: '个人设置', en: 'My settings' },
  'menu.desc.jurisdictions': {
    zh: '查看本辖区的行政区划层级与网格划分',
    en: 'Browse the divisions and grids under your jurisdiction',
  },
  'menu.desc.users': {
    zh: '新建、编辑、停用平台账号，分配角色与辖区，重置密码',
    en: 'Create, edit and disable accounts; assign roles and jurisdictions; reset passwords',
  },
  'menu.desc.security': {
    zh: '查看在线会话并强制下线，解锁被锁定的账号',
    en: 'See active sessions and sign them out; unlock locked accounts',
  },
  'menu.desc.audit': {
    zh: '查询操作与访问记录，校验审计链完整性',
    en: 'Search the record of actions and data access; verify the audit chain',
  },
  'menu.desc.settings': {
    zh: '修改登录密码，设置双因素认证',
    en: 'Change your password and set up two-factor authentication',
  },

  // —— header ——
  'header.logout': { zh: '退出登录', en: 'Sign out' },
  'header.logoutConfirm': { zh: '确定要退出登录吗？', en: 'Sign out now?' },
  'header.jurisdictions': { zh: '辖区', en: 'Jurisdictions' },
  'header.collapse': { zh: '收起菜单', en: 'Collapse menu' },
  'header.expand': { zh: '展开菜单', en: 'Expand menu' },
  'shell.totpBanner': {
    zh: '根据安全管理规定，您的账号须启用双因素认证；完成设置前，其他功能暂不可用。',
    en: 'Your account must use two-factor authentication; other modules stay closed until it is set up.',
  },
  'shell.totpBannerAction': { zh: '立即设置', en: 'Set up now' },

  // —— login ——
  'login.title': { zh: '账号登录', en: 'Sign in' },
  'login.subtitle': {
    zh: '一标三实 · 一次采集 · 多方共用',
    en: 'One registry · entered once · used everywhere',
  },
  'login.username': { zh: '用户名', en: 'Username' },
  'login.password': { zh: '密码', en: 'Password' },
  'login.totp': { zh: '动态验证码', en: 'Verification code' },
  'login.totpHint': {
    zh: '该账号已启用双因素认证，请输入身份验证器中的6位动态码',
    en: 'This account uses two-factor authentication. Enter the 6-digit code from your authenticator app.',
  },
  'login.totpInvalid': { zh: '请输入6位数字动态码', en: 'Enter the 6-digit code' },
  'login.submit': { zh: '登 录', en: 'Sign in' },
  'login.locked': { zh: '账号已锁定', en: 'Account locked' },
  'login.rateLimited': { zh: '请求过于频繁', en: 'Too many attempts' },
  'login.footer': {
    zh: '本系统仅限授权人员使用，所有操作均被记录审计',
    en: 'For authorised staff only. All actions are recorded.',
  },

  // —— password ——
  'password.rule': {
    zh: '至少8位，包含大写字母、小写字母、数字、特殊字符中的至少三类，且不得与最近5次密码相同',
    en: 'At least 8 characters, with at least three of: upper-case letters, lower-case letters, digits, special characters; must differ from your last 5 passwords',
  },
  'password.tooWeak': {
    zh: '密码不符合要求：至少8位，且包含大写字母、小写字母、数字、特殊字符中的至少三类',
    en: 'Password too weak: at least 8 characters with three of upper-case, lower-case, digits, special characters',
  },
  'password.current': { zh: '当前密码', en: 'Current password' },
  'password.new': { zh: '新密码', en: 'New password' },
  'password.confirm': { zh: '确认新密码', en: 'Confirm new password' },
  'password.mismatch': { zh: '两次输入的密码不一致', en: 'The two passwords do not match' },
  'password.sameAsCurrent': { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  'password.changed': { zh: '密码修改成功', en: 'Password changed' },
  'password.changeTitle': { zh: '修改密码', en: 'Change password' },
  'password.forcedTitle': { zh: '请修改初始密码', en: 'Change your initial password' },
  'password.forcedHint': {
    zh: '为保障账号安全，首次登录或密码被重置后，须修改密码后方可使用系统。',
    en: 'For your account’s safety, you must change your password before using the system after first sign-in or a reset.',
  },
  'password.generate': { zh: '随机生成', en: 'Generate' },

  // —— TOTP ——
  'totp.title': { zh: '双因素认证', en: 'Two-factor authentication' },
  'totp.firstTitle': { zh: '请先启用双因素认证', en: 'Set up two-factor authentication first' },
  'totp.enabled': { zh: '已启用', en: 'Enabled' },
  'totp.disabled': { zh: '未启用', en: 'Not enabled' },
  'totp.required': { zh: '按规定必须启用', en: 'Required for your account' },
  'totp.enabledDesc': {
    zh: '登录时除密码外，还需输入身份验证器中的6位动态码。',
    en: 'At sign-in you enter the 6-digit code from your authenticator app in addition to your password.',
  },
  'totp.intro': {
    zh: '启用后，登录时除密码外还需输入手机身份验证器（如 FreeOTP、Google Authenticator、Microsoft Authenticator）生成的6位动态码。',
    en: 'Once enabled, signing in also needs the 6-digit code from an authenticator app on your phone (e.g. FreeOTP, Google Authenticator, Microsoft Authenticator).',
  },
  'totp.start': { zh: '开始设置', en: 'Start setup' },
  'totp.step1': { zh: '第一步：在身份验证器中添加账号', en: 'Step 1: add the account in your authenticator app' },
  'totp.step1Desc': {
    zh: '在身份验证器中选择“手动输入密钥”，输入下方密钥；或将下方链接复制到支持该格式的应用中。',
    en: 'In the app choose “enter a setup key” and type the key below, or paste the link below into an app that accepts it.',
  },
  'totp.secret': { zh: '密钥', en: 'Setup key' },
  'totp.url': { zh: '配置链接', en: 'Setup link' },
  'totp.step2': { zh: '第二步：输入验证器显示的6位动态码', en: 'Step 2: enter the 6-digit code the app shows' },
  'totp.enable': { zh: '验证并启用', en: 'Verify and enable' },
  'totp.enabledOk': { zh: '双因素认证已启用', en: 'Two-factor authentication enabled' },

  // —— home ——
  'home.greeting': { zh: '您好，{name}', en: 'Hello, {name}' },
  'home.lastLogin': { zh: '上次登录：{time}，IP：{ip}', en: 'Last sign-in: {time} from {ip}' },
  'home.firstLogin': { zh: '这是您首次登录本平台', en: 'This is your first sign-in' },
  'home.roles': { zh: '角色', en: 'Roles' },
  'home.jurisdictions': { zh: '所辖区域', en: 'Jurisdictions' },
  'home.noJurisdiction': { zh: '尚未分配辖区，请联系系统管理员', en: 'No jurisdiction assigned yet; contact your administrator' },
  'home.noRole': { zh: '尚未分配角色', en: 'No role assigned' },
  'home.modules': { zh: '您可以使用的功能', en: 'What you can do here' },
  'home.noModules': {
    zh: '当前角色暂无可用的业务功能，请联系系统管理员分配权限',
    en: 'Your role has no modules yet; ask your administrator for access',
  },

  // —— jurisdictions ——
  'jur.title': { zh: '辖区管理', en: 'Jurisdictions' },
  'jur.subtitle': {
    zh: '市—区县—街道乡镇—社区村—网格五级辖区，数据权限按辖区划分',
    en: 'Five levels — city, district, street, community, grid; data access follows this tree',
  },
  'jur.searchPlaceholder': { zh: '输入名称或代码搜索，如：船山', en: 'Search by name or code, e.g. 船山' },
  'jur.searchResults': { zh: '搜索结果（{n}）', en: 'Results ({n})' },
  'jur.searchEmpty': { zh: '未找到匹配的辖区', en: 'No matching jurisdiction' },
  'jur.backToTree': { zh: '返回辖区树', en: 'Back to tree' },
  'jur.tree': { zh: '辖区树', en: 'Tree' },
  'jur.asOfToday': { zh: '查看历史日期', en: 'As of a past day' },
  'jur.asOfHint': {
    zh: '选择日期，查看当日有效的辖区划分',
    en: 'Pick a day to see the divisions in force on it',
  },
  'jur.asOfBanner': { zh: '当前显示 {date} 有效的辖区划分', en: 'Showing the divisions in force on {date}' },
  'jur.asOfBack': { zh: '回到今天', en: 'Back to today' },
  'jur.noRoots': { zh: '您的账号尚未分配辖区', en: 'No jurisdiction is assigned to your account' },
  'jur.detail': { zh: '辖区详情', en: 'Details' },
  'jur.selectHint': { zh: '请在左侧选择一个辖区查看详情', en: 'Select a jurisdiction on the left to see its details' },
  'jur.code': { zh: '区划代码', en: 'Code' },
  'jur.name': { zh: '名称', en: 'Name' },
  'jur.level': { zh: '层级', en: 'Level' },
  'jur.path': { zh: '完整路径', en: 'Full path' },
  'jur.validFrom': { zh: '生效日期', en: 'Valid from' },
  'jur.validTo': { zh: '有效期至', en: 'Valid until' },
  'jur.validToNone': { zh: '长期有效', en: 'Open-ended' },
  'jur.childCount': { zh: '下级数量', en: 'Children' },
  'jur.source': { zh: '数据来源', en: 'Source' },
  'jur.source.division': { zh: '国家行政区划代码', en: 'National division codes' },
  'jur.source.local': { zh: '本地设立', en: 'Set up locally' },
  'jur.retired': { zh: '已撤销', en: 'Retired' },
  'jur.retiresOn': { zh: '有效期至 {date}', en: 'Until {date}' },
  'jur.active': { zh: '有效', en: 'In use' },
  'jur.status': { zh: '状态', en: 'Status' },
  'jur.addGrid': { zh: '新增网格', en: 'Add grid' },
  'jur.addGridTitle': { zh: '在“{name}”下新增网格', en: 'Add a grid under “{name}”' },
  'jur.gridName': { zh: '网格名称', en: 'Grid name' },
  'jur.gridNamePlaceholder': { zh: '如：第三网格', en: 'e.g. 第三网格' },
  'jur.gridAdded': { zh: '网格已新增', en: 'Grid added' },
  'jur.retire': { zh: '撤销', en: 'Retire' },
  'jur.retireConfirm': { zh: '确定要撤销“{name}”吗？', en: 'Retire “{name}”?' },
  'jur.retireDesc': {
    zh: '撤销后，该网格自最后有效日期的次日起停止使用，历史数据仍予保留。',
    en: 'The grid stops being used the day after its last day in force; its history is kept.',
  },
  'jur.retireDate': { zh: '最后有效日期', en: 'Last day in force' },
  'jur.retiredOk': { zh: '已撤销', en: 'Retired' },

  // —— users ——
  'users.title': { zh: '用户管理', en: 'Users' },
  'users.subtitle': {
    zh: '管理平台账号，账号只能查看和处理所分配辖区内的数据',
    en: 'Manage accounts; each account sees only the data of its assigned jurisdictions',
  },
  'users.searchPlaceholder': { zh: '用户名或姓名', en: 'Username or name' },
  'users.filterRole': { zh: '按角色筛选', en: 'Filter by role' },
  'users.filterStatus': { zh: '按状态筛选', en: 'Filter by status' },
  'users.create': { zh: '新建用户', en: 'New user' },
  'users.edit': { zh: '编辑', en: 'Edit' },
  'users.editTitle': { zh: '编辑用户：{name}', en: 'Edit user: {name}' },
  'users.username': { zh: '用户名', en: 'Username' },
  'users.usernameRule': {
    zh: '2–40位字母、数字、下划线、点或连字符，不区分大小写',
    en: '2–40 letters, digits, _ . or -; case does not matter',
  },
  'users.displayName': { zh: '姓名', en: 'Name' },
  'users.phone': { zh: '联系电话', en: 'Phone' },
  'users.phoneOptional': { zh: '选填', en: 'Optional' },
  'users.phoneInvalid': {
    zh: '请输入11位手机号或带区号的固定电话',
    en: 'Enter an 11-digit mobile number or a landline with area code',
  },
  'users.phoneMaskedHint': {
    zh: '号码已脱敏显示；如不修改请保持原样',
    en: 'The number is shown masked; leave it as is to keep it',
  },
  'users.initialPassword': { zh: '初始密码', en: 'Initial password' },
  'users.initialPasswordHint': {
    zh: '用户首次登录时须修改初始密码',
    en: 'The user must change this password at first sign-in',
  },
  'users.roles': { zh: '角色', en: 'Roles' },
  'users.jurisdictions': { zh: '所辖区域', en: 'Jurisdictions' },
  'users.jurisdictionsPlaceholder': { zh: '展开并勾选辖区', en: 'Expand and pick jurisdictions' },
  'users.status': { zh: '状态', en: 'Status' },
  'users.lastLoginAt': { zh: '最近登录', en: 'Last sign-in' },
  'users.status.active': { zh: '启用', en: 'Active' },
  'users.status.disabled': { zh: '停用', en: 'Disabled' },
  'users.locked': { zh: '锁定', en: 'Locked' },
  'users.disable': { zh: '停用', en: 'Disable' },
  'users.enable': { zh: '启用', en: 'Enable' },
  'users.disableConfirm': { zh: '确定要停用该用户吗？', en: 'Disable this user?' },
  'users.disableDesc': {
    zh: '停用后该用户将无法登录，已登录的会话将失效。',
    en: 'The user will no longer be able to sign in, and open sessions end.',
  },
  'users.enableConfirm': { zh: '确定要启用该用户吗？', en: 'Enable this user?' },
  'users.disabledOk': { zh: '用户已停用', en: 'User disabled' },
  'users.enabledOk': { zh: '用户已启用', en: 'User enabled' },
  'users.created': { zh: '用户已创建', en: 'User created' },
  'users.resetPassword': { zh: '重置密码', en: 'Reset password' },
  'users.resetPasswordTitle': { zh: '重置密码：{name}', en: 'Reset password: {name}' },
  'users.resetPasswordHint': {
    zh: '重置后，该用户下次登录时须修改密码。请通过安全渠道将新密码告知本人。',
    en: 'The user must change this password at next sign-in. Tell them the new password through a safe channel.',
  },
  'users.resetPasswordOk': { zh: '密码已重置', en: 'Password reset' },
  'users.unlock': { zh: '解锁', en: 'Unlock' },
  'users.unlockConfirm': { zh: '确定要解锁该账号吗？', en: 'Unlock this account?' },
  'users.unlocked': { zh: '账号已解锁', en: 'Account unlocked' },
  'users.protected': {
    zh: '系统管理员、安全管理员、审计管理员账号只能通过命令行维护（三员分立）',
    en: 'System, security and audit administrator accounts are kept only from the command line (separation of duties)',
  },
  'users.protectedTag': { zh: '三员账号', en: 'Administrator' },
  'users.empty': { zh: '没有符合条件的用户', en: 'No user matches' },

  // —— security ——
  'security.title': { zh: '安全管理', en: 'Security' },
  'security.subtitle': {
    zh: '监控在线会话，处置异常登录和被锁定的账号',
    en: 'Watch active sessions; deal with suspicious sign-ins and locked accounts',
  },
  'security.sessions': { zh: '在线会话', en: 'Active sessions' },
  'security.lockedUsers': { zh: '锁定账号', en: 'Locked accounts' },
  'security.user': { zh: '用户', en: 'User' },
  'security.ip': { zh: 'IP地址', en: 'IP address' },
  'security.userAgent': { zh: '终端信息', en: 'Browser / device' },
  'security.createdAt': { zh: '登录时间', en: 'Signed in' },
  'security.lastSeenAt': { zh: '最近活动', en: 'Last active' },
  'security.forceLogout': { zh: '强制下线', en: 'Sign out' },
  'security.forceLogoutConfirm': { zh: '确定要强制该会话下线吗？', en: 'Sign this session out?' },
  'security.forceLogoutOk': { zh: '该会话已下线', en: 'Session signed out' },
  'security.current': { zh: '本会话', en: 'This session' },
  'security.currentHint': { zh: '这是您当前使用的会话，请通过“退出登录”结束', en: 'This is your own session; use “Sign out” to end it' },
  'security.noSessions': { zh: '当前没有在线会话', en: 'No active session' },
  'security.lockedUntil': { zh: '锁定至', en: 'Locked until' },
  'security.failedAttempts': { zh: '连续失败次数', en: 'Failed attempts' },
  'security.noLocked': { zh: '当前没有被锁定的账号', en: 'No locked account' },

  // —— audit ——
  'audit.title': { zh: '审计日志', en: 'Audit log' },
  'audit.subtitle': {
    zh: '平台上的登录、数据访问和管理操作均记入审计链，任何篡改都可被校验发现',
    en: 'Sign-ins, data access and administration are written to a hash chain; tampering can be detected',
  },
  'audit.occurredAt': { zh: '时间', en: 'Time' },
  'audit.username': { zh: '操作人', en: 'User' },
  'audit.action': { zh: '操作类型', en: 'Action' },
  'audit.outcome': { zh: '结果', en: 'Outcome' },
  'audit.outcome.success': { zh: '成功', en: 'Success' },
  'audit.outcome.failure': { zh: '失败', en: 'Failure' },
  'audit.ip': { zh: 'IP地址', en: 'IP address' },
  'audit.object': { zh: '操作对象', en: 'Object' },
  'audit.dateRange': { zh: '时间范围', en: 'Date range' },
  'audit.usernamePlaceholder': { zh: '操作人用户名', en: 'Username' },
  'audit.verify': { zh: '校验审计链', en: 'Verify audit chain' },
  'audit.verifyOk': { zh: '审计链校验通过', en: 'Audit chain verified' },
  'audit.verifyOkDesc': {
    zh: '共校验 {checked} 条记录，未发现篡改或缺失。',
    en: '{checked} records checked; nothing altered or missing.',
  },
  'audit.verifyBad': { zh: '审计链校验未通过', en: 'Audit chain verification failed' },
  'audit.verifyBadDesc': {
    zh: '共校验 {checked} 条记录，自第 {id} 号记录起链条不一致。',
    en: '{checked} records checked; the chain breaks at record #{id}.',
  },
  'audit.verifyReason': { zh: '原因：{reason}', en: 'Reason: {reason}' },
  'audit.system': { zh: '系统', en: 'System' },
  'audit.objectType.user': { zh: '用户', en: 'User' },
  'audit.objectType.session': { zh: '会话', en: 'Session' },
  'audit.objectType.jurisdiction': { zh: '辖区', en: 'Jurisdiction' },
  'audit.empty': { zh: '没有符合条件的审计记录', en: 'No audit record matches' },

  // —— settings ——
  'settings.title': { zh: '个人设置', en: 'My settings' },
  'settings.subtitle': { zh: '管理您的登录密码与账号安全', en: 'Your password and account security' },
  'settings.account': { zh: '账号信息', en: 'Account' },
} as const satisfies Record<string, Entry>;

export type DictKey = keyof typeof dict;
export type Params = Record<string, string | number>;

/** Looks a key up and fills `{placeholders}`; a missing parameter is left visible on purpose. */
export function translate(lang: Lang, key: DictKey, params?: Params): string {
  const text: string = dict[key][lang];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
