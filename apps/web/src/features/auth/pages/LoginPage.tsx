import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError, errorText } from '../../../api/errors';
import { useI18n } from '../../../i18n/I18nProvider';
import { LanguageSwitch } from '../../shell/components/LanguageSwitch';
import { Logo } from '../../shell/components/Logo';
import { useLogin } from '../hooks/useAuth';
import { afterLoginPath } from '../utils/auth.utils';

interface Values {
  username: string;
  password: string;
  totp?: string;
}

/** Server codes the login form reacts to by itself rather than only showing the message. */
const TOTP_REQUIRED = 'AUTH_TOTP_REQUIRED';
const TOTP_INVALID = 'AUTH_TOTP_INVALID';

export function LoginPage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const [needTotp, setNeedTotp] = useState(false);
  // The error itself is kept (not its text) so switching language re-renders it in the other one.
  const [failure, setFailure] = useState<unknown>(null);
  const totpRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (needTotp) totpRef.current?.querySelector('input')?.focus();
  }, [needTotp]);

  const submit = ({ username, password, totp }: Values) => {
    setFailure(null);
    login.mutate(
      { username: username.trim(), password, ...(needTotp && totp ? { totp } : {}) },
      {
        onSuccess: ({ user }) => navigate(afterLoginPath(user.mustChangePassword, from), { replace: true }),
        onError: (err) => {
          if (err instanceof ApiError && err.code === TOTP_REQUIRED) {
            setNeedTotp(true);
            return;
          }
          if (err instanceof ApiError && err.code === TOTP_INVALID) {
            setNeedTotp(true);
            form.setFields([{ name: 'totp', value: '', errors: [err.text(lang)] }]);
            return;
          }
          setFailure(err);
          form.setFieldValue('password', '');
        },
      },
    );
  };

  const locked = failure instanceof ApiError && failure.status === 423;
  const limited = failure instanceof ApiError && failure.status === 429;

  return (
    <div className="login-page">
      <Flex justify="flex-end" style={{ padding: '12px 24px' }}>
        <LanguageSwitch light />
      </Flex>
      <main className="login-main">
        <section className="login-intro">
          <Logo size={64} />
          <h1>{t('brand.name')}</h1>
          <p>{t('brand.product')}</p>
          <p style={{ marginTop: 24, fontSize: 15, opacity: 0.65 }}>{t('login.subtitle')}</p>
        </section>
        <Card className="login-card" variant="borderless">
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {t('login.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('brand.full')}</Typography.Text>
          {failure !== null && (
            <Alert
              style={{ marginTop: 20 }}
              type="error"
              showIcon
              title={locked ? t('login.locked') : limited ? t('login.rateLimited') : errorText(failure, lang)}
              description={locked || limited ? errorText(failure, lang) : undefined}
            />
          )}
          {needTotp && failure === null && (
            <Alert style={{ marginTop: 20 }} type="info" showIcon title={t('login.totpHint')} />
          )}
          <Form form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false} style={{ marginTop: 24 }}>
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('login.username') }) }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            {needTotp && (
              <div ref={totpRef}>
                <Form.Item
                  name="totp"
                  label={
                    <span>
                      <SafetyOutlined /> {t('login.totp')}
                    </span>
                  }
                  rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpInvalid') }]}
                >
                  <Input.OTP length={6} />
                </Form.Item>
              </div>
            )}
            <Button type="primary" htmlType="submit" block loading={login.isPending} style={{ marginTop: 8 }}>
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
      </main>
      <footer className="login-footer">{t('login.footer')}</footer>
    </div>
  );
}
