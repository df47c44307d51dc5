import { Form, Input, Modal, Typography } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import { useTransitionEvent } from '../hooks/useRecords';
import type { EventState, RegistryEvent } from '../types';
import { transitionAction } from '../utils/eventFlow';
import { EventStateTag } from './EventTags';

/**
 * Confirms one move of an event with an optional note (kept in the audit log). The event's
 * `version` goes along, so a move on a stale view is refused with 409.
 */
export function TransitionModal({ event, to, onClose }: { event: RegistryEvent; to: EventState; onClose: () => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm<{ note?: string }>();
  const transition = useTransitionEvent();
  const action = transitionAction(event.state, to);

  const submit = ({ note }: { note?: string }) =>
    transition.mutate(
      { id: event.id, body: { to, version: event.version, ...(note?.trim() ? { note: note.trim() } : {}) } },
      {
        onSuccess: () => (notify.success('rec.event.moved'), onClose()),
        onError: (err) => {
          if (!showFieldErrors(form, err, lang)) notify.error(err, { versioned: true });
        },
      },
    );

  return (
    <Modal
      open
      title={t(`rec.event.action.${action}`)}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: to === 'cancelled' }}
      confirmLoading={transition.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {event.title}
        <span style={{ margin: '0 8px' }}>
          <EventStateTag state={event.state} /> → <EventStateTag state={to} />
        </span>
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="note" label={t('rec.event.note')} extra={t('rec.event.noteHint')}>
          <Input.TextArea rows={3} maxLength={1000} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
