import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import { useUnmask } from '../hooks/usePeople';
import type { Person, Unmasked } from '../types';

const MIN_REASON = 4;

/**
 * 查看完整号码: the full citizen ID and phone, only for a typed reason. The values live in this
 * dialog alone (never cached) and are gone when it closes; the server records who asked and why.
 */
export function UnmaskModal({ person, onClose }: { person: Person; onClose: () => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm<{ reason: string }>();
  const unmask = useUnmask();
  const [shown, setShown] = useState<{ values: Unmasked; reason: string } | null>(null);

  const submit = ({ reason }: { reason: string }) =>
    unmask.mutate(
      { id: person.id, body: { fields: ['citizenId', 'phone'], reason: reason.trim() } },
      {
        onSuccess: (values) => setShown({ values, reason: reason.trim() }),
        onError: (err) => {
          if (!showFieldErrors(form, err, lang)) notify.error(err);
        },
      },
    );

  return (
    <Modal
      open
      width={560}
      title={t('unmask.title', { name: person.name })}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        shown ? (
          <Button type="primary" onClick={onClose}>
            {t('unmask.close')}
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" icon={<SafetyCertificateOutlined />} loading={unmask.isPending} onClick={() => form.submit()}>
              {t('unmask.submit')}
            </Button>
          </>
        )
      }
    >
      {shown ? (
        <>
          <Descriptions
            column={1}
            bordered
            size="middle"
            style={{ marginTop: 16 }}
            styles={{ label: { width: 120 } }}
            items={[
              {
                key: 'citizenId',
                label: t('person.citizenId'),
                children: shown.values.citizenId ? (
                  <Typography.Text className="mono" copyable>
                    {shown.values.citizenId}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">{t('person.notRecorded')}</Typography.Text>
                ),
              },
              {
                key: 'phone',
                label: t('person.phone'),
                children: shown.values.phone ? (
                  <Typography.Text className="mono" copyable>
                    {shown.values.phone}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">{t('person.notRecorded')}</Typography.Text>
                ),
              },
            ]}
          />
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 16 }}
            title={t('unmask.recorded')}
            description={t('unmask.recordedDesc', { reason: shown.reason })}
          />
        </>
      ) : (
        <>
          <Alert type="warning" showIcon style={{ margin: '16px 0' }} title={t('unmask.notice')} />
          <Form form={form} layout="vertical" onFinish={submit}>
            <Form.Item
              name="reason"
              label={t('unmask.reason')}
              rules={[
                { required: true, whitespace: true, message: t('unmask.reasonRule') },
                { min: MIN_REASON, transform: (v: string) => v?.trim(), message: t('unmask.reasonRule') },
              ]}
            >
              <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('unmask.reasonPlaceholder')} autoFocus />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
