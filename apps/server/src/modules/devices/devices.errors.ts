import { defineErrors } from '../../shared/errors.js';

export const devicesError = defineErrors({
  SERIAL_TAKEN: { status: 409, zh: '设备号 {serial} 已登记', en: 'Device {serial} is already registered' },
  PERSON_NOT_FOUND: { status: 422, zh: '{what}不存在或不在您的辖区内', en: '{whatEn} does not exist or is outside your jurisdiction' },
  NOT_AN_ELDER: { status: 422, zh: '定位手表只能绑定 60 周岁及以上的老人', en: 'A watch can only be bound to an elder aged 60 or over' },
  KIOSK_NEEDS_PLACE: { status: 422, zh: '健康小屋须指定所在社区或网格', en: 'A kiosk needs the community or grid it stands in' },
  WATCH_NEEDS_ELDER: { status: 422, zh: '定位手表须绑定老人', en: 'A watch must be bound to an elder' },
  ALERT_NOT_OPEN: { status: 409, zh: '告警已被他人处理或已变更，请刷新后重试', en: 'The alert was handled or changed by someone else; reload and try again' },
  DEVICE_UNAUTHENTICATED: { status: 401, zh: '设备认证失败', en: 'Device authentication failed' },
  RESIDENT_UNKNOWN: { status: 422, zh: '无法识别居民（身份证号或二维码无效）', en: 'The resident could not be identified (citizen ID or QR code not known)' },
  READING_INCOMPLETE: { status: 422, zh: '测量值缺少：{fields}', en: 'The reading lacks: {fields}' },
  ZONE_INVALID: { status: 422, zh: '安全区域无效：{reason}', en: 'Invalid safe zone: {reasonEn}' },
});
