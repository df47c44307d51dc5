import { CheckCircleFilled } from '@ant-design/icons';
import { Button, Flex, Form, Input, Steps, Tag, Typography } from 'antd';
import { errorText } from '../../../api/errors';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import { useCurrentUser, useTotpEnable, useTotpSetup } from '../hooks/useAuth';
import { groupSecret } from '../utils/auth.utils';

/**
 * Two-factor set-up: the server makes a secret, the user adds it to an authenticator app (typed
 * key or otpauth:// link — no external QR service), then proves it with one code.
 */
export function TotpSetupPanel() {
  const me = useCurrentUser();
  const { t, lang } = useI18n();
  const notify = useNotify();
  const setup = useTotpSetup();
  const enable = useTotpEnable();
  const [form] = Form.useForm<{ code: string }>();

  if (me.totpEnabled) {
    return (
      <Flex vertical gap={8}>
        <Flex align="center" gap={8}>
          <CheckCircleFilled style={{ color: '#52c41a', fontSize: 20 }} />
          <Typography.Text strong>{t('totp.enabled')}</Typography.Text>
        </Flex>
        <Typography.Text type="secondary">{t('totp.enabledDesc')}</Typography.Text>
      </Flex>
    );
  }

  const submit = ({ code }: { code: string }) =>
    enable.mutate(code, {
      onSuccess: () => {
        setup.reset();
        notify.success('totp.enabledOk');
      },
      onError: (err) => {
        if (!showFieldErrors(form, err, lang)) form.setFields([{ name: 'code', errors: [errorText(err, lang)] }]);
      },
    });

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} align="center">
        <Tag>{t('totp.disabled')}</Tag>
        {me.totpRequired && <Tag color="warning">{t('totp.required')}</Tag>}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('totp.intro')}
      </Typography.Paragraph>
      {!setup.data ? (
        <div>
          <Button type="primary" loading={setup.isPending} onClick={() => setup.mutate(undefined, { onError: (err) => notify.error(err) })}>
            {t('totp.start')}
          </Button>
        </div>
      ) : (
        <Steps
          orientation="vertical"
          size="small"
          current={1}
          items={[
            {
              title: t('totp.step1'),
              content: (
                <Flex vertical gap={8} style={{ paddingBottom: 8 }}>
                  <Typography.Text type="secondary">{t('totp.step1Desc')}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary">{t('totp.secret')}：</Typography.Text>
                    <Typography.Text className="mono" strong copyable={{ text: setup.data.secret }} style={{ fontSize: 16 }}>
                      {groupSecret(setup.data.secret)}
                    </Typography.Text>
                  </div>
                  <div>
                    <Typography.Text type="secondary">{t('totp.url')}：</Typography.Text>
                    <Typography.Text className="mono" copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
                      {setup.data.otpauthUrl}
                    </Typography.Text>
                  </div>
                </Flex>
              ),
            },
            {
              title: t('totp.step2'),
              content: (
                <Form form={form} layout="inline" onFinish={submit} style={{ marginTop: 8 }}>
                  <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpInvalid') }]}>
                    <Input.OTP length={6} />
                  </Form.Item>
                  <Form.Item>
                    <Button type="primary" htmlType="submit" loading={enable.isPending}>
                      {t('totp.enable')}
                    </Button>
                  </Form.Item>
                </Form>
              ),
            },
          ]}
        />
      )}
    </Flex>
  );
}
