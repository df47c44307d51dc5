import { FileExcelOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { PERM, can } from '../../../app/permissions';
import { useI18n } from '../../../i18n/I18nProvider';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import type { ExportResource } from '../utils/resources';
import { ExportDialog } from './ExportDialog';

/**
 * 导出 Excel for a list: exports what the list shows with the filters on screen. `filters` is
 * read when the button is pressed, so a list can pass the query it last asked the server for.
 */
export function ExportButton({ resource, filters }: { resource: ExportResource; filters: () => Record<string, unknown> }) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [open, setOpen] = useState<Record<string, unknown> | null>(null);
  if (!can(me, PERM.exportCreate) && !can(me, PERM.exportUnmasked)) return null;
  return (
    <>
      <Button icon={<FileExcelOutlined />} onClick={() => setOpen(filters())}>
        {t('export.button')}
      </Button>
      {open && <ExportDialog resource={resource} filters={open} onClose={() => setOpen(null)} />}
    </>
  );
}
