import { Alert, Button, Descriptions, Flex, Form, Input, Modal, Progress, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { PERM, can } from '../../../app/permissions';
import { useI18n } from '../../../i18n/I18nProvider';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import { useNotify } from '../../../shared/hooks/useNotify';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { useCreateExport, useDownloadExport, useExportJob, type ExportCreateBody } from '../hooks/useExports';
import { type ExportResource, hasMaskedFields, progressPercent } from '../utils/resources';
import { FilterSummary } from './FilterSummary';

interface Props {
  resource: ExportResource;
  filters: Record<string, unknown>;
  onClose: () => void;
}

/**
 * 导出 Excel: 脱敏导出 (the default) starts at once and shows its progress and the download here;
 * 申请不脱敏导出 files a request with a reason for another user to approve.
 */
export function ExportDialog({ resource, filters, onClose }: Props) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const notify = useNotify();
  const [form] = Form.useForm<{ mode: 'masked' | 'unmasked'; reason?: string }>();
  const mode = Form.useWatch('mode', form) ?? 'masked';
  const create = useCreateExport();
  const download = useDownloadExport();
  const [jobId, setJobId] = useState<string>();
  const job = useExportJob(jobId);
  const canUnmask = hasMaskedFields(resource) && can(me, PERM.exportUnmasked);

  const submit = async () => {
    const v = await form.validateFields();
    const body = { resource, filters, masked: v.mode !== 'unmasked', ...(v.mode === 'unmasked' ? { reason: v.reason } : {}) } as ExportCreateBody;
    try {
      const created = await create.mutateAsync(body);
      setJobId(created.id);
    } catch (err) {
      if (!showFieldErrors(form, err, lang)) notify.error(err);
    }
  };

  const j = job.data;
  const percent = j ? progressPercent(j.rowsWritten, j.rowsExpected) : undefined;

  const footer = !j
    ? [
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" loading={create.isPending} onClick={() => void submit()}>
          {mode === 'unmasked' ? t('export.submit') : t('export.start')}
        </Button>,
      ]
    : [
        <Button
          key="page"
          onClick={() => {
            onClose();
            navigate('/exports');
          }}
        >
          {t('export.gotoPage')}
        </Button>,
        j.status === 'ready' ? (
          <Button key="dl" type="primary" loading={download.isPending} onClick={() => download.mutate(j.id, { onError: (e) => notify.error(e) })}>
            {t('export.download')}
          </Button>
        ) : (
          <Button key="close" type="primary" onClick={onClose}>{t('export.close')}</Button>
        ),
      ];

  return (
    <Modal open title={t('export.title')} onCancel={onClose} footer={footer} width={560} destroyOnHidden>
      {!j ? (
        <Form form={form} layout="vertical" initialValues={{ mode: 'masked' }} requiredMark={false}>
          <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('export.list')}>{t(`export.resource.${resource}`)}</Descriptions.Item>
            <Descriptions.Item label={t('export.filters')}>
              <FilterSummary filters={filters} />
            </Descriptions.Item>
          </Descriptions>
          <Form.Item name="mode" label={t('export.mode')}>
            <Radio.Group>
              <Space direction="vertical">
                <Radio value="masked">
                  <Typography.Text strong>{t('export.mode.masked')}</Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block' }}>{t('export.mode.maskedHint')}</Typography.Text>
                </Radio>
                <Radio value="unmasked" disabled={!canUnmask}>
                  <Typography.Text strong>{t('export.mode.unmasked')}</Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {canUnmask ? t('export.mode.unmaskedHint') : hasMaskedFields(resource) ? t('export.mode.unmaskedNoRight') : t('export.mode.unmaskedNone')}
                  </Typography.Text>
                </Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          {mode === 'unmasked' && (
            <Form.Item name="reason" label={t('export.reason')} rules={[{ required: true, min: 4, whitespace: true, message: t('export.reasonRequired') }]}>
              <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('export.reasonPlaceholder')} />
            </Form.Item>
          )}
        </Form>
      ) : j.masked ? (
        <Flex vertical gap={12} data-testid="export-progress">
          {j.status === 'running' && (
            <>
              <Typography.Text>{t('export.running', { n: j.rowsWritten })}</Typography.Text>
              <Progress percent={percent ?? 0} status="active" showInfo={percent !== undefined} />
            </>
          )}
          {j.status === 'ready' && <Alert type="success" showIcon message={t('export.ready', { n: j.rowsWritten })} description={t('export.readyHint')} />}
          {j.status === 'failed' && <Alert type="error" showIcon message={t('export.failed')} description={j.error ?? undefined} />}
        </Flex>
      ) : (
        <Alert type="info" showIcon message={t('export.requested')} description={t('export.requestedHint')} />
      )}
    </Modal>
  );
}
