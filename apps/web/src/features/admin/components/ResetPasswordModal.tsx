import { Alert, Form, Modal } from 'antd';
import type { User } from '../../../api/types';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import { generatePassword, isStrongPassword } from '../../../shared/utils/password';
import { useResetPassword } from '../hooks/useUsers';
import { PasswordWithGenerate } from './PasswordWithGenerate';

/** 重置密码: the administrator sets a temporary password the user must change at next sign-in. */
export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm<{ newPassword: string }>();
  const reset = useResetPassword();

  const submit = ({ newPassword }: { newPassword: string }) =>
    reset.mutate(
      { id: user.id, newPassword },
      {
        onSuccess: () => {
          notify.success('users.resetPasswordOk');
          onClose();
        },
        onError: (err) => showFieldErrors(form, err, lang) || notify.error(err),
      },
    );

  return (
    <Modal
      open
      title={t('users.resetPasswordTitle', { name: `${user.displayName}（${user.username}）` })}
      okText={t('users.resetPassword')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('users.resetPasswordHint')} style={{ margin: '16px 0' }} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ newPassword: generatePassword() }}>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('password.rule')}
          rules={[
            { required: true, message: t('common.required', { field: t('password.new') }) },
            {
              validator: (_, v: string | undefined) =>
                !v || isStrongPassword(v) ? Promise.resolve() : Promise.reject(new Error(t('password.tooWeak'))),
            },
          ]}
        >
          <PasswordWithGenerate />
        </Form.Item>
      </Form>
    </Modal>
  );
}
