import { Tag } from 'antd';
import type { DictKey } from '../../../i18n/dict';
import { useI18n } from '../../../i18n/I18nProvider';

const COLORS: Record<string, string> = {
  pending: 'gold', approved: 'blue', rejected: 'red', running: 'processing', ready: 'green', failed: 'red', expired: 'default',
};

/** 待审批 / 已批准 / 已驳回 / 生成中 / 可下载 / 生成失败 / 已过期 */
export function ExportStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={COLORS[status] ?? 'default'}>{t(`exports.status.${status}` as DictKey)}</Tag>;
}
