import { Form, Input, Modal, Select } from 'antd';
import type { User } from '../../../api/types';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import { useNotify } from '../../../shared/hooks/useNotify';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import { isStrongPassword } from '../../../shared/utils/password';
import {
  JurisdictionTreeSelect,
  type JurisdictionOption,
} from '../../jurisdiction/components/JurisdictionTreeSelect';
import { useCreateUser, useRoles, useUpdateUser } from '../hooks/useUsers';
import { isPhoneNumber, USERNAME_PATTERN } from '../utils/user.utils';
import { PasswordWithGenerate } from './PasswordWithGenerate';

/** Form field names are the request body keys, so the server's 422 `fields` land on them directly. */
interface Values {
  username: string;
  displayName: string;
  phone?: string;
  password?: string;
  roleCodes: string[];
  jurisdictionIds: JurisdictionOption[];
}

/** 新建用户 (no `user`) or 编辑 (with the row being edited, whose `version` goes back with the change). */
export function UserFormModal({ user, onClose }: { user?: User; onClose: () => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const roles = useRoles();
  const create = useCreateUser();
  const update = useUpdateUser();
  const editing = Boolean(user);
  const initialPhone = user?.phone ?? '';

  const fail = (err: unknown) => {
    if (!showFieldErrors(form, err, lang)) notify.error(err, { versioned: editing });
  };

  const submit = (v: Values) => {
    const jurisdictionIds = (v.jurisdictionIds ?? []).map((o) => o.value);
    const phone = v.phone?.trim() ?? '';
    if (!user) {
      create.mutate(
        {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          ...(phone ? { phone } : {}),
          password: v.password ?? '',
          roleCodes: v.roleCodes ?? [],
          jurisdictionIds,
        },
        { onSuccess: () => (notify.success('users.created'), onClose()), onError: fail },
      );
      return;
    }
    update.mutate(
      {
        id: user.id,
        body: {
          displayName: v.displayName.trim(),
          // The phone comes back masked; only a number the administrator actually typed is sent.
          ...(phone !== initialPhone ? { phone: phone || null } : {}),
          roleCodes: v.roleCodes ?? [],
          jurisdictionIds,
          version: user.version,
        },
      },
      { onSuccess: () => (notify.success('common.saved'), onClose()), onError: fail },
    );
  };

  return (
    <Modal
      open
      width={640}
      title={user ? t('users.editTitle', { name: user.displayName }) : t('users.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        style={{ marginTop: 16 }}
        initialValues={
          user
            ? {
                username: user.username,
                displayName: user.displayName,
                phone: user.phone ?? '',
                roleCodes: user.roles.map((r) => r.code),
                jurisdictionIds: user.jurisdictions.map((j) => ({ value: j.id, label: j.name })),
              }
            : { roleCodes: [], jurisdictionIds: [] }
        }
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={editing ? undefined : t('users.usernameRule')}
          rules={
            editing
              ? []
              : [
                  { required: true, message: t('common.required', { field: t('users.username') }) },
                  { pattern: USERNAME_PATTERN, message: t('users.usernameRule') },
                ]
          }
        >
          <Input disabled={editing} autoComplete="off" maxLength={40} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('users.displayName') }) }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('users.phone')}
          extra={editing && initialPhone ? t('users.phoneMaskedHint') : undefined}
          rules={[
            {
              validator: (_, v: string | undefined) =>
                !v || v === initialPhone || isPhoneNumber(v.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('users.phoneInvalid'))),
            },
          ]}
        >
          <Input placeholder={t('users.phoneOptional')} maxLength={20} />
        </Form.Item>
        {!editing && (
          <Form.Item
            name="password"
            label={t('users.initialPassword')}
            extra={`${t('users.initialPasswordHint')}。${t('password.rule')}`}
            rules={[
              { required: true, message: t('common.required', { field: t('users.initialPassword') }) },
              {
                validator: (_, v: string | undefined) =>
                  !v || isStrongPassword(v) ? Promise.resolve() : Promise.reject(new Error(t('password.tooWeak'))),
              },
            ]}
          >
            <PasswordWithGenerate />
          </Form.Item>
        )}
        <Form.Item
          name="roleCodes"
          label={t('users.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('common.selectRequired', { field: t('users.roles') }) }]}
        >
          <Select
            mode="multiple"
            loading={roles.isPending}
            // Administrator roles (三员) are assigned only from the command line.
            options={(roles.data ?? []).filter((r) => !r.isAdmin).map((r) => ({ value: r.code, label: localName(r, lang) }))}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item
          name="jurisdictionIds"
          label={t('users.jurisdictions')}
          rules={[{ required: true, type: 'array', min: 1, message: t('common.selectRequired', { field: t('users.jurisdictions') }) }]}
        >
          <JurisdictionTreeSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
