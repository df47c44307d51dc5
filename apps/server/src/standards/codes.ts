/** Code tables of the national standards the registry uses (STANDARDS.md). */

/** GB/T 2261.1 — sex. */
export const GENDERS = { 0: { zh: '未知的性别', en: 'Unknown' }, 1: { zh: '男', en: 'Male' }, 2: { zh: '女', en: 'Female' }, 9: { zh: '未说明的性别', en: 'Not stated' } } as const;

/** GB/T 3304 — the 56 ethnic groups, 97 other, 98 foreign-born Chinese citizens. */
const ETHNIC_NAMES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族',
  '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族',
  '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族',
  '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
];
export const ETHNICITIES: Record<string, string> = Object.fromEntries([
  ...ETHNIC_NAMES.map((n, i) => [String(i + 1).padStart(2, '0'), n]),
  ['97', '其他'],
  ['98', '外国血统中国籍人士'],
]);

/** GB/T 4761-2008 — family relation to the household head. */
export const FAMILY_RELATIONS: Record<string, string> = {
  '01': '本人', '02': '户主', '10': '配偶', '11': '夫', '12': '妻',
  '20': '子', '21': '独生子', '22': '长子', '23': '次子', '24': '三子', '25': '四子', '26': '五子', '27': '养子或继子', '28': '女婿', '29': '其他儿子',
  '30': '女', '31': '独生女', '32': '长女', '33': '次女', '34': '三女', '35': '四女', '36': '五女', '37': '养女或继女', '38': '儿媳', '39': '其他女儿',
  '40': '孙子、孙女或外孙子、外孙女', '41': '孙子', '42': '孙女', '43': '外孙子', '44': '外孙女', '45': '孙媳妇或外孙媳妇', '46': '孙女婿或外孙女婿',
  '47': '曾孙子或外曾孙子', '48': '曾孙女或外曾孙女', '49': '其他孙子、孙女或外孙子、外孙女',
  '50': '父母', '51': '父亲', '52': '母亲', '53': '公公', '54': '婆婆', '55': '岳父', '56': '岳母', '57': '继父或养父', '58': '继母或养母', '59': '其他父母关系',
  '60': '祖父母或外祖父母', '61': '祖父', '62': '祖母', '63': '外祖父', '64': '外祖母', '65': '配偶的祖父母或外祖父母', '66': '曾祖父', '67': '曾祖母',
  '68': '配偶的曾祖父母或外曾祖父母', '69': '其他祖父母或外祖父母关系',
  '70': '兄弟姐妹', '71': '兄', '72': '嫂', '73': '弟', '74': '弟媳', '75': '姐姐', '76': '姐夫', '77': '妹妹', '78': '妹夫', '79': '其他兄弟姐妹',
  '80': '其他', '81': '伯父', '82': '伯母', '83': '叔父', '84': '婶母', '85': '舅父', '86': '舅母', '87': '姨父', '88': '姨母', '89': '姑父', '90': '姑母',
  '91': '堂兄弟、堂姐妹', '92': '表兄弟、表姐妹', '93': '侄子', '94': '侄女', '95': '外甥', '96': '外甥女', '97': '其他亲属', '99': '非亲属',
};

/** Special-group tags (重点人群) the registry knows; codes are stored, names shown. */
export const PERSON_TAGS: Record<string, { zh: string; en: string }> = {
  elderly_alone: { zh: '独居老人', en: 'Elderly living alone' },
  empty_nest: { zh: '空巢老人', en: 'Empty-nest elderly' },
  low_income: { zh: '低保', en: 'Minimum living allowance' },
  extreme_poverty: { zh: '特困供养', en: 'Extreme-poverty support' },
  disabled: { zh: '残疾人', en: 'Disabled' },
  veteran: { zh: '退役军人', en: 'Veteran' },
  left_behind_child: { zh: '留守儿童', en: 'Left-behind child' },
  key_care: { zh: '重点关注', en: 'Needs attention' },
  floating: { zh: '流动人口', en: 'Floating population' },
  party_member: { zh: '党员', en: 'Party member' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
};

export const HOUSE_USES = { residential: '住宅', commercial: '商铺', office: '办公', mixed: '商住', other: '其他' } as const;
export const HOUSE_OWNERSHIPS = { commodity: '商品房', affordable: '保障性住房', public_rental: '公租房', self_built: '自建房', collective: '集体产权', other: '其他' } as const;
export const PERSON_HOUSE_KINDS = { owner: '产权人', tenant: '租户', resident: '居住人', operator: '经营者' } as const;
export const PERSON_ORG_KINDS = { employee: '从业人员', legal_rep: '法定代表人', contact: '联系人' } as const;
export const ORG_TYPES = { enterprise: '企业', individual_business: '个体工商户', government: '机关', institution: '事业单位', social_org: '社会组织', other: '其他' } as const;
export const THING_KINDS = { hydrant: '消防栓', camera: '监控摄像头', door_terminal: '人脸门禁', kiosk: '健康小屋', watch: '定位手表', streetlight: '路灯', manhole: '井盖', aed: 'AED除颤仪', other: '其他' } as const;
export const EVENT_KINDS = { grid_event: '网格事件', repair: '报修', complaint: '投诉', service_application: '服务申请', device_alarm: '设备告警' } as const;
export const EVENT_STATES = { open: '待处理', assigned: '已派单', in_progress: '处理中', resolved: '已办结', closed: '已归档', cancelled: '已撤销' } as const;
export const BUILDING_USES = { residential: '住宅楼', commercial: '商业楼', mixed: '商住楼', office: '办公楼', public: '公共建筑', other: '其他' } as const;

/** Allowed state changes of an event (事): a small state machine, checked on every transition. */
export const EVENT_TRANSITIONS: Record<keyof typeof EVENT_STATES, (keyof typeof EVENT_STATES)[]> = {
  open: ['assigned', 'in_progress', 'cancelled'],
  assigned: ['in_progress', 'open', 'cancelled'],
  in_progress: ['resolved', 'assigned'],
  resolved: ['closed', 'in_progress'],
  closed: [],
  cancelled: [],
};

/** English names of the small code tables (the UI's en-US). */
export const EN: Record<string, Record<string, string>> = {
  houseUses: { residential: 'Residential', commercial: 'Shop', office: 'Office', mixed: 'Mixed use', other: 'Other' },
  houseOwnerships: { commodity: 'Commercial housing', affordable: 'Affordable housing', public_rental: 'Public rental', self_built: 'Self-built', collective: 'Collective', other: 'Other' },
  personHouseKinds: { owner: 'Owner', tenant: 'Tenant', resident: 'Resident', operator: 'Operator' },
  personOrgKinds: { employee: 'Employee', legal_rep: 'Legal representative', contact: 'Contact' },
  orgTypes: { enterprise: 'Enterprise', individual_business: 'Individual business', government: 'Government body', institution: 'Public institution', social_org: 'Social organisation', other: 'Other' },
  thingKinds: { hydrant: 'Hydrant', camera: 'Camera', door_terminal: 'Face door terminal', kiosk: 'Health kiosk', watch: 'GPS watch', streetlight: 'Streetlight', manhole: 'Manhole', aed: 'AED', other: 'Other' },
  eventKinds: { grid_event: 'Grid event', repair: 'Repair', complaint: 'Complaint', service_application: 'Service application', device_alarm: 'Device alarm' },
  eventStates: { open: 'Open', assigned: 'Assigned', in_progress: 'In progress', resolved: 'Resolved', closed: 'Closed', cancelled: 'Cancelled' },
  buildingUses: { residential: 'Residential', commercial: 'Commercial', mixed: 'Mixed use', office: 'Office', public: 'Public', other: 'Other' },
};
