import { Alert, App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import { useEndPlan } from '../hooks/useCare';
import type { Plan } from '../types';
import { cstToday } from '../utils/care';

/**
 * 结束照护计划: the last day of service and the reason. The plan and its past orders stay as
 * history; the orders after that day not yet started are cancelled, which the dialog says first.
 */
export function EndPlanModal({ plan, onClose }: { plan: Plan | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ endOn: Dayjs; reason: string }>();
  const end = useEndPlan();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const r = await end.mutateAsync({ id: plan!.id, body: { version: plan!.version, endOn: v.endOn.format('YYYY-MM-DD'), reason: v.reason.trim() } });
      void message.success(t('care.plans.endDone', { n: r.cancelled }));
      onClose();
    } catch (e) {
      if (!showFieldErrors(form, e, lang)) notify.error(e);
    }
  };
  const today = cstToday();
  const initial = plan ? (today < plan.periodFrom ? plan.periodFrom : today > plan.periodTo ? plan.periodTo : today) : today;
  return (
    <Modal open={Boolean(plan)} title={t('care.plans.end')} onCancel={onClose} onOk={() => void submit()} okText={t('care.plans.endOk')}
      okButtonProps={{ danger: true, 'data-testid': 'plan-end-ok' } as never} confirmLoading={end.isPending} destroyOnHidden>
      {plan && (
        <>
          <Typography.Paragraph>{t('care.plans.endWho', { name: plan.personName, provider: plan.providerName, from: plan.periodFrom, to: plan.periodTo })}</Typography.Paragraph>
          <Alert type="warning" showIcon title={t('care.plans.endWarn')} style={{ marginBottom: 16 }} />
          <Form form={form} layout="vertical" initialValues={{ endOn: dayjs(initial) }}>
            <Form.Item name="endOn" label={t('care.plans.endOn')} rules={[{ required: true, message: t('care.plans.endOn') }]}>
              <DatePicker allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') < plan.periodFrom || d.format('YYYY-MM-DD') > plan.periodTo} />
            </Form.Item>
            <Form.Item name="reason" label={t('care.plans.endReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('care.plans.endReasonRule') }]}>
              <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('care.plans.endReasonHint')} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
