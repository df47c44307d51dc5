import { Typography } from 'antd';
import { formatDateTime } from '../../../shared/utils/format';

/** A code (credit code, serial number) in monospace, or a grey dash when there is none. */
export function CodeCell({ value }: { value: string | null }) {
  return value ? <span className="mono">{value}</span> : <Typography.Text type="secondary">—</Typography.Text>;
}

/** A timestamp on one line. */
export function DateTimeCell({ value }: { value: string | null }) {
  return <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(value)}</span>;
}
