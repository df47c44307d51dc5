import { Form, Input, Modal } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { showFieldErrors } from '../../../shared/utils/formErrors';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { PositionFields } from '../../map/components/PositionFields';
import { PLACE_LEVELS, PlacePicker } from '../../records/components/PlacePicker';
import { changedFields, optionalText } from '../../records/utils/patch';
import { useCreateEstate, useUpdateEstate } from '../hooks/useHousing';
import type { Estate } from '../types';

interface Values {
  name: string;
  address?: string;
  propertyCompany?: string;
  lon?: number | null;
  lat?: number | null;
  jurisdictionId?: JurisdictionOption;
}

/** 登记小区 (no `estate`) or 编辑 (the row's `version` goes back with the change). */
export function EstateFormModal({ estate, onClose, onCreated }: { estate?: Estate; onClose: () => void; onCreated?: (e: Estate) => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const create = useCreateEstate();
  const update = useUpdateEstate();

  const fail = (err: unknown) => {
    if (!showFieldErrors(form, err, lang)) notify.error(err, { versioned: Boolean(estate) });
  };

  const submit = (v: Values) => {
    if (!estate) {
      create.mutate(
        {
          name: v.name.trim(),
          jurisdictionId: v.jurisdictionId!.value,
          ...(optionalText(v.address) ? { address: optionalText(v.address) } : {}),
          ...(optionalText(v.propertyCompany) ? { propertyCompany: optionalText(v.propertyCompany) } : {}),
          ...(typeof v.lon === 'number' && typeof v.lat === 'number' ? { lon: v.lon, lat: v.lat } : {}),
        },
        {
          onSuccess: (created) => {
            notify.success('housing.estate.created');
            onCreated?.(created);
            onClose();
          },
          onError: fail,
        },
      );
      return;
    }
    const changes = changedFields(
      { name: estate.name, address: estate.address ?? '', propertyCompany: estate.propertyCompany ?? '', lon: estate.lon ?? undefined, lat: estate.lat ?? undefined },
      {
        name: v.name.trim(),
        address: v.address?.trim() ?? '',
        propertyCompany: v.propertyCompany?.trim() ?? '',
        lon: v.lon ?? undefined,
        lat: v.lat ?? undefined,
      },
    );
    update.mutate(
      { id: estate.id, body: { ...changes, ...(v.jurisdictionId ? { jurisdictionId: v.jurisdictionId.value } : {}), version: estate.version } },
      { onSuccess: () => (notify.success('common.saved'), onClose()), onError: fail },
    );
  };

  return (
    <Modal
      open
      width={640}
      title={estate ? t('housing.estate.editTitle', { name: estate.name }) : t('housing.estate.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        style={{ marginTop: 16 }}
        initialValues={
          estate
            ? {
                name: estate.name,
                address: estate.address ?? '',
                propertyCompany: estate.propertyCompany ?? '',
                lon: estate.lon,
                lat: estate.lat,
              }
            : {}
        }
      >
        <Form.Item
          name="name"
          label={t('housing.estate.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('housing.estate.name') }) }]}
        >
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="address" label={t('housing.estate.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="propertyCompany" label={t('housing.estate.propertyCompany')}>
          <Input maxLength={120} />
        </Form.Item>
        <PositionFields />
        <Form.Item
          name="jurisdictionId"
          label={t('rec.jurisdiction')}
          extra={estate ? t('rec.jurisdictionKeep', { name: estate.jurisdictionName ?? '—' }) : t('rec.jurisdictionHint')}
          rules={estate ? [] : [{ required: true, message: t('common.selectRequired', { field: t('rec.jurisdiction') }) }]}
        >
          <PlacePicker levels={PLACE_LEVELS} placeholder={estate?.jurisdictionName ?? t('rec.jurisdictionPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
