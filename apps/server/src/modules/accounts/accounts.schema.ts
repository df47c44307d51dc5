import { z } from 'zod';
import { rule } from '../../http/validation.js';

export const Level = z.enum(['city', 'district', 'street', 'community', 'grid']);
export const RoleRef = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });
export const NodeRef = z.object({ id: z.string(), code: z.string(), name: z.string(), level: Level });

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(40),
  password: z.string().min(1).max(128),
  totp: z.string().trim().max(10).optional(),
});

export const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(RoleRef),
  jurisdictions: z.array(NodeRef),
  permissions: z.array(z.string()),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  totpRequired: z.boolean(),
  lastLoginAt: z.date().nullable(),
  lastLoginIp: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;
export const LoginResponse = z.object({ user: Me });

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export const TotpSetup = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const TotpEnableBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, rule('请输入6位数字验证码', 'Enter the 6-digit code')) });

const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.-]{2,40}$/, rule('用户名为2–40位字母、数字、下划线、点或连字符', 'A username is 2–40 letters, digits, _ . or -'));
const displayName = z.string().trim().min(1).max(60);
const phone = z
  .string()
  .transform((v) => v.replace(/[\s-]/g, '').replace(/^\+?86/, ''))
  .refine((v) => /^1[3-9]\d{9}$/.test(v) || /^0\d{2,3}\d{7,8}$/.test(v), rule('请输入11位手机号或带区号的固定电话', 'Enter an 11-digit mobile number or a landline with area code'));

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  locked: z.boolean(),
  roles: z.array(RoleRef),
  jurisdictions: z.array(NodeRef),
  lastLoginAt: z.date().nullable(),
  createdAt: z.date(),
  version: z.number().int(),
});

export const UserList = z.object({ items: z.array(User), total: z.number().int(), nextCursor: z.string().nullable() });

export const UserQuery = z.strictObject({
  q: z.string().trim().max(40).optional(),
  role: z.string().max(40).optional(),
  status: z.enum(['active', 'disabled', 'locked']).optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export const CreateUserBody = z.strictObject({
  username,
  displayName,
  phone: phone.nullable().optional(),
  password: z.string().min(1).max(128),
  roleCodes: z.array(z.string().max(40)).min(1, rule('请至少选择一个角色', 'Choose at least one role')).max(10),
  jurisdictionIds: z.array(z.uuid()).min(1, rule('请至少选择一个辖区', 'Choose at least one jurisdiction')).max(50),
});

export const PatchUserBody = z.strictObject({
  displayName: displayName.optional(),
  phone: phone.nullable().optional(),
  roleCodes: z.array(z.string().max(40)).min(1, rule('请至少选择一个角色', 'Choose at least one role')).max(10).optional(),
  jurisdictionIds: z.array(z.uuid()).min(1, rule('请至少选择一个辖区', 'Choose at least one jurisdiction')).max(50).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  version: z.number().int().min(1),
});

export const ResetPasswordBody = z.strictObject({ newPassword: z.string().min(1).max(128) });
export const IdParams = z.strictObject({ id: z.uuid() });
export const SessionParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{64}$/) });

export const RoleList = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), permissions: z.array(z.string()), isAdmin: z.boolean() })),
});

export const SessionList = z.object({
  items: z.array(
    z.object({
      id: z.string(), userId: z.string(), username: z.string(), displayName: z.string(), ip: z.string().nullable(),
      userAgent: z.string().nullable(), createdAt: z.date(), lastSeenAt: z.date(), current: z.boolean(),
    }),
  ),
});

export const LockedList = z.object({
  items: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string(), lockedUntil: z.date(), failedAttempts: z.number() })),
});

export const Ok = z.object({ ok: z.literal(true) });
