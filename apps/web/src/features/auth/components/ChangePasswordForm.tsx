import { Alert, Button, Form, Input } from 'antd';
import { errorText } from '../../../api/errors';
import { useI18n } from '../../../i18n/I18nProvider';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import { isStrongPassword } from '../../../shared/utils/password';
import { useChangePassword } from '../hooks/useAuth';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Current + new + confirm, with the password rule spelled out; used in 个人设置 and when forced. */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();

  const submit = ({ currentPassword, newPassword }: Values) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          onChanged();
        },
        onError: (err) => {
          if (!showFieldErrors(form, err, lang)) form.setFields([{ name: 'newPassword', errors: [errorText(err, lang)] }]);
        },
      },
    );

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} autoComplete="off">
      <Alert type="info" showIcon title={t('password.rule')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="currentPassword"
        label={t('password.current')}
        rules={[{ required: true, message: t('common.required', { field: t('password.current') }) }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        dependencies={['currentPassword']}
        rules={[
          { required: true, message: t('common.required', { field: t('password.new') }) },
          { validator: (_, v: string) => (!v || isStrongPassword(v) ? Promise.resolve() : Promise.reject(new Error(t('password.tooWeak')))) },
          ({ getFieldValue }) => ({
            validator: (_, v: string) =>
              !v || v !== getFieldValue('currentPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('password.sameAsCurrent'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required', { field: t('password.confirm') }) },
          ({ getFieldValue }) => ({
            validator: (_, v: string) =>
              !v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('password.changeTitle')}
      </Button>
    </Form>
  );
}
