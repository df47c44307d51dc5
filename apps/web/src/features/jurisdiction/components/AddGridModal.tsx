import { DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { JurisdictionListItem, JurisdictionNode } from '../../../api/types';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { toDateString } from '../../../shared/utils/format';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import { useAddGrid } from '../hooks/useJurisdictions';

interface Values {
  name: string;
  validFrom: Dayjs;
}

/** 新增网格: a grid under a community, in use from a chosen date. */
export function AddGridModal({
  parent,
  onClose,
  onAdded,
}: {
  parent: JurisdictionListItem;
  onClose: () => void;
  onAdded: (grid: JurisdictionNode) => void;
}) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const add = useAddGrid();

  const submit = ({ name, validFrom }: Values) =>
    add.mutate(
      { parentId: parent.id, name: name.trim(), validFrom: toDateString(validFrom) },
      {
        onSuccess: (grid) => {
          notify.success('jur.gridAdded');
          onAdded(grid);
        },
        onError: (err) => showFieldErrors(form, err, lang) || notify.error(err),
      },
    );

  return (
    <Modal
      open
      title={t('jur.addGridTitle', { name: parent.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ validFrom: dayjs() }}
        style={{ marginTop: 16 }}
      >
        <Form.Item
          name="name"
          label={t('jur.gridName')}
          rules={[{ required: true, whitespace: true, max: 50, message: t('common.required', { field: t('jur.gridName') }) }]}
        >
          <Input placeholder={t('jur.gridNamePlaceholder')} maxLength={50} autoFocus />
        </Form.Item>
        <Form.Item
          name="validFrom"
          label={t('jur.validFrom')}
          rules={[{ required: true, message: t('common.selectRequired', { field: t('jur.validFrom') }) }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(parent.validFrom), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
