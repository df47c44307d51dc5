import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { RecordFormModal, type Changes } from '../../../shared/components/RecordFormModal';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { useCodeNames } from '../hooks/useCodeTables';
import { useCreateEvent, useUpdateEvent } from '../hooks/useRecords';
import type { EventCreateBody, EventKind, EventPatchBody, EventPriority, RegistryEvent } from '../types';
import { EVENT_PRIORITIES } from '../utils/eventFlow';
import { changedFields, optionalText } from '../utils/patch';
import { JurisdictionField } from './JurisdictionField';
import { LookupSelect, type PickedRecord } from './LookupSelect';

interface Values {
  kind: EventKind;
  title: string;
  category?: string;
  description?: string;
  priority: EventPriority;
  slaHours?: number | null;
  personId?: PickedRecord;
  houseId?: PickedRecord;
  thingId?: PickedRecord;
  assigneeId?: PickedRecord | null;
  jurisdictionId?: JurisdictionOption;
}

/** Common SLA clocks, in hours; any other number can be typed. */
const SLA_PRESETS = [4, 24, 72, 168];

/**
 * 上报事件 (no `event`) or 编辑 (title, category, description, priority; the state moves through
 * the action bar instead). What the event is about — a person, a house, a device — is set once.
 */
export function EventFormModal({ event, onClose }: { event?: RegistryEvent; onClose: () => void }) {
  const { t } = useI18n();
  const codes = useCodeNames();
  const [form] = Form.useForm<Values>();
  const create = useCreateEvent();
  const update = useUpdateEvent();

  return (
    <RecordFormModal
      record={event}
      form={form}
      width={680}
      title={event ? t('rec.event.editTitle', { title: event.title }) : t('rec.event.create')}
      initialValues={
        event
          ? {
              kind: event.kind as EventKind,
              title: event.title,
              category: event.category ?? '',
              description: event.description ?? '',
              priority: event.priority as EventPriority,
              assigneeId: event.assigneeId ? { value: event.assigneeId, label: event.assigneeName ?? event.assigneeId } : null,
            }
          : { kind: 'grid_event', priority: 'normal', slaHours: 72 }
      }
      create={create}
      toCreate={(v): EventCreateBody => ({
        kind: v.kind,
        title: v.title.trim(),
        priority: v.priority,
        jurisdictionId: v.jurisdictionId!.value,
        ...(optionalText(v.category) ? { category: optionalText(v.category) } : {}),
        ...(optionalText(v.description) ? { description: optionalText(v.description) } : {}),
        ...(v.slaHours ? { slaHours: v.slaHours } : {}),
        ...(v.personId ? { personId: v.personId.value } : {}),
        ...(v.houseId ? { houseId: v.houseId.value } : {}),
        ...(v.thingId ? { thingId: v.thingId.value } : {}),
      })}
      createdMessage="rec.event.created"
      update={update}
      toPatch={(v, e): Changes<EventPatchBody> => {
        const assigneeId = v.assigneeId?.value ?? null;
        return {
          ...changedFields(
            { title: e.title, category: e.category ?? '', description: e.description ?? '', priority: e.priority as EventPriority },
            { title: v.title.trim(), category: v.category?.trim() ?? '', description: v.description?.trim() ?? '', priority: v.priority },
          ),
          ...(assigneeId !== (e.assigneeId ?? null) ? { assigneeId } : {}),
        };
      }}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="kind" label={t('rec.event.kind')} rules={[{ required: true }]}>
            <Select options={codes.options('eventKinds')} loading={codes.loading} disabled={Boolean(event)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="category" label={t('rec.event.category')}>
            <Input maxLength={40} placeholder={t('rec.event.categoryPlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="title" label={t('rec.event.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('rec.event.title') }) }]}>
        <Input maxLength={120} placeholder={t('rec.event.titlePlaceholder')} />
      </Form.Item>
      <Form.Item name="description" label={t('rec.event.description')}>
        <Input.TextArea rows={3} maxLength={4000} showCount />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="priority" label={t('rec.event.priority')} rules={[{ required: true }]}>
            <Select options={EVENT_PRIORITIES.map((p) => ({ value: p, label: t(`rec.event.priority.${p}`) }))} />
          </Form.Item>
        </Col>
        {event && (
          <Col span={12}>
            <Form.Item name="assigneeId" label={t('rec.event.assignee')} extra={t('rec.event.assigneeHint')}>
              <LookupSelect kind="assignee" placeholder={t('rec.lookup.assignee')} />
            </Form.Item>
          </Col>
        )}
        {!event && (
          <Col span={12}>
            <Form.Item name="slaHours" label={t('rec.event.slaHours')} extra={t('rec.event.slaHint')}>
              <InputNumber min={1} max={2160} precision={0} style={{ width: '100%' }} suffix={t('rec.event.hours')} placeholder={SLA_PRESETS.join(' / ')} />
            </Form.Item>
          </Col>
        )}
      </Row>
      {!event && (
        <>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="personId" label={t('rec.event.person')}>
                <LookupSelect kind="person" placeholder={t('rec.lookup.person')} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="houseId" label={t('rec.event.house')}>
                <LookupSelect kind="house" placeholder={t('rec.lookup.house')} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="thingId" label={t('rec.event.thing')}>
            <LookupSelect kind="thing" placeholder={t('rec.lookup.thing')} />
          </Form.Item>
          <JurisdictionField />
        </>
      )}
    </RecordFormModal>
  );
}
