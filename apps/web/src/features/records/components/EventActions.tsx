import { Button, Flex, Typography } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import type { EventState, RegistryEvent } from '../types';
import { isBackward, nextStates, transitionAction } from '../utils/eventFlow';

/** The action bar of an event: one button per move its state allows, forward moves first. */
export function EventActions({ event, onMove }: { event: RegistryEvent; onMove: (to: EventState) => void }) {
  const { t } = useI18n();
  const moves = nextStates(event.state).map((to) => ({ to, action: transitionAction(event.state, to) }));
  if (moves.length === 0) return <Typography.Text type="secondary">{t('rec.event.final')}</Typography.Text>;
  const ordered = [...moves.filter((m) => !isBackward(m.action)), ...moves.filter((m) => isBackward(m.action))];
  return (
    <Flex gap={8} wrap>
      {ordered.map(({ to, action }, i) => (
        <Button key={to} type={i === 0 && !isBackward(action) ? 'primary' : 'default'} danger={to === 'cancelled'} onClick={() => onMove(to)}>
          {t(`rec.event.action.${action}`)}
        </Button>
      ))}
    </Flex>
  );
}
