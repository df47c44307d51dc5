import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Flex, Form, Input, Modal, Select, TimePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useI18n } from '../../../i18n/I18nProvider';
import type { DictKey } from '../../../i18n/dict';
import { useNotify } from '../../../shared/hooks/useNotify';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import { PersonPicker } from '../../registry/components/Pickers';
import type { PickedOption } from '../../registry/components/SearchSelect';
import { useCreatePlan, useProviders, useServices } from '../hooks/useCare';
import { NEEDS } from '../utils/care';

type Values = {
  person: PickedOption; providerId: string; needs: string[]; period: [Dayjs, Dayjs]; notes?: string;
  items: { serviceCode: string; weekdays: number[]; startTime: Dayjs }[];
};

/** 制定照护计划: the elder, the provider, needs, a period and services × weekdays × time. */
export function PlanFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const providers = useProviders();
  const services = useServices();
  const create = useCreatePlan();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({
        personId: v.person.value, providerId: v.providerId, needs: v.needs as never, notes: v.notes || undefined,
        periodFrom: v.period[0].format('YYYY-MM-DD'), periodTo: v.period[1].format('YYYY-MM-DD'),
        items: v.items.map((i) => ({ serviceCode: i.serviceCode, weekdays: i.weekdays, startTime: i.startTime.format('HH:mm') })),
      });
      notify.success('care.plans.created');
      form.resetFields();
      onClose();
    } catch (e) {
      if (!showFieldErrors(form, e, lang)) notify.error(e);
    }
  };
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`care.weekday.${d}` as DictKey) }));
  return (
    <Modal open={open} title={t('care.plans.new')} width={720} onCancel={onClose} onOk={() => void submit()} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ needs: [], period: [dayjs(), dayjs().add(3, 'month')], items: [{ weekdays: [1, 3, 5], startTime: dayjs('09:00', 'HH:mm') }] }}>
        <Flex gap={12}>
          <Form.Item name="person" label={t('care.plans.elder')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <PersonPicker placeholder={t('care.plans.elderSearch')} />
          </Form.Item>
          <Form.Item name="providerId" label={t('care.plans.provider')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={(providers.data?.items ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
        </Flex>
        <Form.Item name="period" label={t('care.plans.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="needs" label={t('care.plans.needs')}>
          <Checkbox.Group options={NEEDS.map((n) => ({ value: n, label: t(`care.need.${n}` as DictKey) }))} />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="baseline" wrap>
                  <Form.Item name={[f.name, 'serviceCode']} rules={[{ required: true, message: t('care.col.service') }]} style={{ width: 140 }}>
                    <Select placeholder={t('care.col.service')} options={(services.data?.items ?? []).filter((s) => s.active).map((s) => ({ value: s.code, label: lang === 'en' ? s.nameEn : s.name }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weekdays']} rules={[{ required: true, message: t('care.plans.weekdays') }]}>
                    <Checkbox.Group options={weekdays} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'startTime']} rules={[{ required: true }]}>
                    <TimePicker format="HH:mm" minuteStep={5} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ weekdays: [1, 3, 5], startTime: dayjs('09:00', 'HH:mm') })}>{t('care.plans.addItem')}</Button>
            </>
          )}
        </Form.List>
        <Form.Item name="notes" label={t('care.plans.notes')} style={{ marginTop: 16 }}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
