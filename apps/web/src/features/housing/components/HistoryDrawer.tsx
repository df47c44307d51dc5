import { Drawer } from 'antd';
import type { DictKey } from '../../../i18n/dict';
import { useI18n } from '../../../i18n/I18nProvider';
import { ChangeHistory } from '../../records/components/ChangeHistory';
import type { HistoryResource } from '../../records/types';

/** 变更记录 of an estate or building, beside the list it was opened from. */
export function HistoryDrawer({
  resource,
  id,
  name,
  labels,
  names,
  onClose,
}: {
  resource: HistoryResource;
  id: string;
  name: string;
  labels: Readonly<Record<string, DictKey>>;
  names?: Readonly<Record<string, (code: string) => string>>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Drawer open size={560} onClose={onClose} title={t('rec.historyOf', { name })}>
      <ChangeHistory resource={resource} id={id} labels={labels} names={names} />
    </Drawer>
  );
}
