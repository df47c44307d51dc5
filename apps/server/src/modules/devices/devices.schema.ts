import { z } from 'zod';
import { rule } from '../../http/validation.js';
import { METRICS, READING_KINDS } from './health.js';

const lat = z.number(rule('纬度应为数字', 'Latitude is a number')).min(-90, rule('纬度应在 -90 到 90 之间', 'Latitude is between -90 and 90')).max(90, rule('纬度应在 -90 到 90 之间', 'Latitude is between -90 and 90'));
const lng = z.number(rule('经度应为数字', 'Longitude is a number')).min(-180, rule('经度应在 -180 到 180 之间', 'Longitude is between -180 and 180')).max(180, rule('经度应在 -180 到 180 之间', 'Longitude is between -180 and 180'));
const LatLng = z.strictObject({ lat, lng });
const minute = z.number().int(rule('时间应为整分钟', 'A time is whole minutes')).min(0, rule('时间应在 0–1439 分钟之间', 'A time is 0–1439 minutes')).max(1439, rule('时间应在 0–1439 分钟之间', 'A time is 0–1439 minutes'));
const Contact = z.strictObject({ role: z.enum(['family', 'emergency'], rule('联系人类型应为 family 或 emergency', 'A contact is family or emergency')), personId: z.uuid(rule('联系人应为人员编号', 'A contact is a person id')) });

export const IdParams = z.strictObject({ id: z.uuid(rule('编号格式不正确', 'Not a valid id')) });

export const Device = z.object({
  id: z.string(), thingId: z.string(), kind: z.enum(['watch', 'kiosk']), name: z.string(), serialNo: z.string(), maker: z.string().nullable(), model: z.string().nullable(),
  personId: z.string().nullable(), personName: z.string().nullable(), firmware: z.string().nullable(), battery: z.number().nullable(), lastSeenAt: z.date().nullable(),
  online: z.boolean(), worn: z.boolean().nullable(), lastFix: z.object({ at: z.date(), lat: z.number(), lng: z.number(), accuracy: z.number().nullable() }).nullable(),
  jurisdictionName: z.string().nullable(), hasKey: z.boolean(), createdAt: z.date(), version: z.number(),
});
export const DeviceDetail = Device.extend({
  contacts: z.array(z.object({ id: z.string(), role: z.enum(['family', 'emergency']), personId: z.string(), name: z.string() })),
  deviceKey: z.string().nullable().optional(),
});
export const DeviceList = z.object({ items: z.array(Device), total: z.number() });

const page = z.coerce.number().int().min(1).default(1);
const pageSize = z.coerce.number().int().min(1).max(100).default(20);

export const DeviceQuery = z.strictObject({
  q: z.string().max(40).optional(),
  kind: z.enum(['watch', 'kiosk']).optional(),
  status: z.enum(['online', 'offline']).optional(),
  jurisdictionId: z.uuid().optional(),
  page, pageSize,
  sort: z.enum(['serial', 'last_seen', 'battery']).default('last_seen'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const DeviceCreate = z.strictObject({
  kind: z.enum(['watch', 'kiosk'], rule('设备类型应为 watch 或 kiosk', 'The kind is watch or kiosk')),
  serialNo: z.string().regex(/^[A-Za-z0-9_-]{4,32}$/, rule('设备号应为 4–32 位字母、数字（手表为 10 或 15 位 IMEI/ID）', 'The serial is 4–32 letters or digits (a watch: its 10 or 15 digit id)')),
  maker: z.string().regex(/^[A-Z0-9]{2}$/, rule('厂商代码应为两位大写字母或数字（如 3G、SG）', 'The maker code is two capitals or digits (3G, SG)')).optional(),
  model: z.string().max(60).optional(),
  name: z.string().min(1).max(80).optional(),
  personId: z.uuid(rule('请选择老人', 'Choose the elder')).optional(),
  jurisdictionId: z.uuid(rule('请选择所在社区或网格', 'Choose the community or grid')).optional(),
  lat: lat.optional(), lng: lng.optional(),
  contacts: z.array(Contact).max(10).optional(),
});

export const DevicePatch = z.strictObject({
  personId: z.uuid().optional(),
  model: z.string().max(60).nullable().optional(),
  contacts: z.array(Contact).max(10).optional(),
  rotateKey: z.boolean().optional(),
  version: z.number().int().min(1),
});

export const Zone = z.object({
  id: z.string(), personId: z.string(), name: z.string(), shape: z.enum(['circle', 'polygon']), center: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  radiusM: z.number().nullable(), polygon: z.array(z.object({ lat: z.number(), lng: z.number() })).nullable(), fromMinute: z.number().nullable(), toMinute: z.number().nullable(),
  enabled: z.boolean(), exited: z.boolean(), version: z.number(),
});

export const ZoneCreate = z.strictObject({
  personId: z.uuid(rule('请选择老人', 'Choose the elder')),
  name: z.string().min(1, rule('请填写区域名称', 'Name the zone')).max(40, rule('区域名称最多 40 字', 'A zone name is at most 40 characters')),
  shape: z.enum(['circle', 'polygon'], rule('区域形状应为圆形或多边形', 'A zone is a circle or a polygon')),
  center: LatLng.optional(),
  radiusM: z.number().min(20, rule('半径至少 20 米', 'The radius is at least 20 m')).max(20000, rule('半径最多 20 公里', 'The radius is at most 20 km')).optional(),
  polygon: z.array(LatLng).min(3, rule('多边形至少 3 个点', 'A polygon has at least 3 points')).max(100).optional(),
  fromMinute: minute.optional(),
  toMinute: minute.optional(),
});

/**
 * A change of a zone in place: its name, hours (null: all day), on/off, and its geometry — a
 * circle's centre and radius, a polygon's corners (the shape itself stays). `version` is the one
 * read: a zone someone changed meanwhile is refused (409).
 */
export const ZonePatch = z.strictObject({
  name: ZoneCreate.shape.name.optional(),
  center: LatLng.optional(),
  radiusM: ZoneCreate.shape.radiusM,
  polygon: ZoneCreate.shape.polygon,
  fromMinute: minute.nullable().optional(),
  toMinute: minute.nullable().optional(),
  enabled: z.boolean(rule('启用状态应为是或否', 'Enabled is true or false')).optional(),
  version: z.number(rule('缺少版本号', 'The version is missing')).int().min(1),
});
export const ZoneVersion = z.strictObject({ version: z.coerce.number().int().min(1).optional() });

export const MapQuery = z.strictObject({ from: z.coerce.date(), to: z.coerce.date() });
export const ElderMap = z.object({
  person: z.object({ id: z.string(), name: z.string() }),
  devices: z.array(Device),
  zones: z.array(Zone),
  track: z.array(z.object({ at: z.date(), lat: z.number(), lng: z.number(), accuracy: z.number().nullable(), valid: z.boolean(), source: z.string() })),
});

export const Alert = z.object({
  id: z.string(), deviceId: z.string(), personId: z.string().nullable(), personName: z.string().nullable(), serialNo: z.string().nullable(),
  kind: z.enum(['sos', 'fall', 'zone_exit', 'low_battery', 'removed', 'offline']), raisedAt: z.date(), lat: z.number().nullable(), lng: z.number().nullable(),
  detail: z.record(z.string(), z.unknown()), state: z.enum(['open', 'acknowledged', 'closed']), level: z.number(), target: z.enum(['family', 'grid_worker', 'emergency']),
  escalateAt: z.date().nullable(), acknowledgedAt: z.date().nullable(), closedAt: z.date().nullable(), note: z.string().nullable(), jurisdictionName: z.string().nullable(), version: z.number(),
});
export const AlertDetail = Alert.extend({ steps: z.array(z.object({ level: z.number(), target: z.string(), recipients: z.array(z.string()), at: z.date() })) });
export const AlertList = z.object({ items: z.array(Alert), total: z.number(), open: z.number() });
export const AlertQuery = z.strictObject({
  state: z.enum(['open', 'acknowledged', 'closed']).optional(),
  kind: z.enum(['sos', 'fall', 'zone_exit', 'low_battery', 'removed', 'offline']).optional(),
  personId: z.uuid().optional(),
  jurisdictionId: z.uuid().optional(),
  page, pageSize,
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const AlertAction = z.strictObject({
  note: z.string().max(500, rule('备注最多 500 字', 'A note is at most 500 characters')).optional(),
  version: z.number().int().min(1),
});

const num = (zh: string, en: string) => z.number(rule(`${zh}应为数字`, `${en} is a number`));
export const ReadingValues = z.strictObject({
  systolic: num('收缩压', 'Systolic').min(40).max(300).optional(),
  diastolic: num('舒张压', 'Diastolic').min(20).max(200).optional(),
  pulse: num('脉搏', 'Pulse').min(20).max(250).optional(),
  glucose: num('血糖', 'Glucose').min(0.5).max(40).optional(),
  fasting: z.boolean().optional(),
  weightKg: num('体重', 'Weight').min(10).max(300).optional(),
  heightCm: num('身高', 'Height').min(50).max(250).optional(),
  bmi: num('BMI', 'BMI').min(5).max(80).optional(),
  temperature: num('体温', 'Temperature').min(30).max(45).optional(),
  spo2: num('血氧', 'SpO2').min(50).max(100).optional(),
});
export const KioskReading = z.strictObject({
  id: z.string().min(1).max(64, rule('读数编号最多 64 位', 'A reading id is at most 64 characters')),
  citizenId: z.string().max(18).optional(),
  qr: z.string().max(100).optional(),
  kind: z.enum(READING_KINDS, rule('测量类型不正确', 'Unknown kind of reading')),
  measuredAt: z.coerce.date(rule('测量时间格式不正确', 'Not a valid measurement time')),
  values: ReadingValues,
}).refine((r) => !!r.citizenId !== !!r.qr, { ...rule('须且只能提供身份证号或二维码之一', 'Give either the citizen ID or the QR code'), path: ['citizenId'] });
export const KioskBody = z.strictObject({ readings: z.array(KioskReading).min(1).max(200) });
export const KioskResult = z.object({ items: z.array(z.object({ id: z.string(), status: z.enum(['stored', 'duplicate']), personId: z.string(), abnormal: z.array(z.string()), eventId: z.string().nullable() })) });

export const ReadingsQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(365).default(90) });
export const Readings = z.object({
  items: z.array(z.object({ id: z.string(), kind: z.string(), measuredAt: z.date(), values: z.record(z.string(), z.unknown()), unit: z.string(), abnormal: z.array(z.string()), eventId: z.string().nullable() })),
  thresholds: z.array(z.object({ metric: z.string(), low: z.number().nullable(), high: z.number().nullable() })),
});
export const ThresholdBody = z.strictObject({ metric: z.enum(METRICS), low: z.number().nullable(), high: z.number().nullable() });
export const Threshold = z.object({ metric: z.string(), low: z.number().nullable(), high: z.number().nullable() });
