import { DatePicker, Form, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { toDateString } from '../../../shared/utils/format';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import type { PickedOption } from './SearchSelect';

/** What the dialog hands back: the picked record's id, the kind/relation code and the start day. */
export interface LinkValues {
  target: string;
  code: string;
  validFrom: string;
}

/**
 * One dialog for every "link a record from a day on": 关联房屋, 添加亲属, 关联单位, 添加成员.
 * Field names are the request body's (`houseId` / `kind` / `validFrom` …) so a 422 lands on them.
 */
export function LinkModal({
  title,
  targetName,
  targetLabel,
  picker,
  codeName,
  codeLabel,
  codeOptions,
  defaultCode,
  saving,
  onSubmit,
  onClose,
}: {
  title: string;
  targetName: string;
  targetLabel: string;
  picker: ReactNode;
  codeName: string;
  codeLabel: string;
  codeOptions: { value: string; label: string }[];
  defaultCode?: string;
  saving: boolean;
  onSubmit: (values: LinkValues, fail: (err: unknown) => void) => void;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm<Record<string, unknown>>();

  const fail = (err: unknown) => {
    if (!showFieldErrors(form, err, lang)) notify.error(err);
  };

  const submit = (v: Record<string, unknown>) =>
    onSubmit(
      {
        target: (v[targetName] as PickedOption).value,
        code: v[codeName] as string,
        validFrom: toDateString(v.validFrom as Dayjs),
      },
      fail,
    );

  return (
    <Modal
      open
      width={560}
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        style={{ marginTop: 16 }}
        initialValues={{ validFrom: dayjs(), ...(defaultCode ? { [codeName]: defaultCode } : {}) }}
      >
        <Form.Item name={targetName} label={targetLabel} rules={[{ required: true, message: t('common.selectRequired', { field: targetLabel }) }]}>
          {picker}
        </Form.Item>
        <Form.Item name={codeName} label={codeLabel} rules={[{ required: true, message: t('common.selectRequired', { field: codeLabel }) }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={codeOptions} />
        </Form.Item>
        <Form.Item
          name="validFrom"
          label={t('relation.validFrom')}
          rules={[{ required: true, message: t('common.selectRequired', { field: t('relation.validFrom') }) }]}
        >
          <DatePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
