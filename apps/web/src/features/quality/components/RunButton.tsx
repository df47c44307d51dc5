import { SyncOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Typography } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { useRuns, useStartRun } from '../hooks/useQuality';
import { runPercent } from '../utils/quality';

/** 重新评估: starts an evaluation of the node in the background and shows its progress. */
export function RunButton({ jurisdictionId, nodeName }: { jurisdictionId: string | undefined; nodeName: string }) {
  const { t } = useI18n();
  const notify = useNotify();
  const runs = useRuns();
  const start = useStartRun();
  const last = runs.data?.items[0];
  const active = last && (last.status === 'queued' || last.status === 'running');
  return (
    <Flex align="center" gap={12}>
      {last && (
        <Flex vertical style={{ minWidth: 200 }} data-testid="quality-run">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {active
              ? t('quality.run.running', { node: last.nodeName })
              : last.status === 'failed'
                ? t('quality.run.failed', { node: last.nodeName })
                : t('quality.run.done', { node: last.nodeName, opened: last.opened, resolved: last.resolved })}
          </Typography.Text>
          <Progress percent={runPercent(last)} size="small" status={last.status === 'failed' ? 'exception' : active ? 'active' : 'success'} />
        </Flex>
      )}
      <Button
        icon={<SyncOutlined spin={Boolean(active)} />}
        disabled={Boolean(active)}
        loading={start.isPending}
        onClick={() => start.mutate(jurisdictionId, { onError: (e) => notify.error(e) })}
        title={t('quality.run.hint', { node: nodeName })}
      >
        {t('quality.run.start')}
      </Button>
    </Flex>
  );
}
