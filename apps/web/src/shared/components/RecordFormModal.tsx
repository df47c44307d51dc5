import { Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import type { DictKey } from '../../i18n/dict';
import { useI18n } from '../../i18n/I18nProvider';
import { useNotify } from '../hooks/useNotify';
import { showFieldErrors } from '../utils/formErrors';

/** The part of a react-query mutation the modal uses. */
export interface FormMutation<Vars> {
  mutate: (vars: Vars, callbacks: { onSuccess: () => void; onError: (err: unknown) => void }) => void;
  isPending: boolean;
}

/** A record that can be changed: its `version` goes back with every change (optimistic concurrency). */
export interface VersionedRecord {
  id: string;
  version: number;
}

/** The fields of a PATCH body a form decides; RecordFormModal adds the record's `version`. */
export type Changes<PatchBody> = Omit<PatchBody, 'version'>;

interface Props<Row extends VersionedRecord, Values, CreateBody, PatchBody extends { version: number }> {
  /** The record being edited; none to register a new one. */
  record?: Row;
  form: FormInstance<Values>;
  title: string;
  width: number;
  initialValues: Partial<Values>;
  create: FormMutation<CreateBody>;
  update: FormMutation<{ id: string; body: PatchBody }>;
  // The bodies' types come from the mutations, never from these callbacks (NoInfer). Annotate their
  // return type (`(v): ThingCreateBody => ({…})`) so a field the API does not take is a type error.
  /** The request body of a new record. */
  toCreate: (values: Values) => NoInfer<CreateBody>;
  /** What the user changed. */
  toPatch: (values: Values, record: Row) => Changes<NoInfer<PatchBody>>;
  /** Said when a new record was saved; an edit says 保存成功. */
  createdMessage: DictKey;
  onClose: () => void;
  children: ReactNode;
}

/**
 * The dialog that registers a record or edits one. Form fields are named like the request body,
 * so a 422's `fields` land under their inputs; any other error is a message, and on an edit a 409
 * reads "该记录已被他人修改，请刷新后重试". Closes once the server has saved.
 */
export function RecordFormModal<Row extends VersionedRecord, Values, CreateBody, PatchBody extends { version: number }>(
  props: Props<Row, Values, CreateBody, PatchBody>,
) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const { record, form, create, update, onClose } = props;

  const saved = (key: DictKey) => () => {
    notify.success(key);
    onClose();
  };
  const fail = (err: unknown) => {
    if (!showFieldErrors(form, err, lang)) notify.error(err, { versioned: Boolean(record) });
  };

  const submit = (values: Values) => {
    if (!record) {
      create.mutate(props.toCreate(values), { onSuccess: saved(props.createdMessage), onError: fail });
      return;
    }
    const body = { ...props.toPatch(values, record), version: record.version } as PatchBody;
    update.mutate({ id: record.id, body }, { onSuccess: saved('common.saved'), onError: fail });
  };

  return (
    <Modal
      open
      width={props.width}
      title={props.title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} style={{ marginTop: 16 }} initialValues={props.initialValues}>
        {props.children}
      </Form>
    </Modal>
  );
}
