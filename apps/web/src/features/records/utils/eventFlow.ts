import type { EventPriority, EventState } from '../types';

/**
 * The event (事) state machine as the server enforces it (EVENT_TRANSITIONS): the action bar offers
 * exactly these moves, so a worker never meets "不能从…变为…".
 */
export const EVENT_TRANSITIONS: Readonly<Record<EventState, readonly EventState[]>> = {
  open: ['assigned', 'in_progress', 'cancelled'],
  assigned: ['in_progress', 'open', 'cancelled'],
  in_progress: ['resolved', 'assigned'],
  resolved: ['closed', 'in_progress'],
  closed: [],
  cancelled: [],
};

export const EVENT_STATES: readonly EventState[] = ['open', 'assigned', 'in_progress', 'resolved', 'closed', 'cancelled'];
export const EVENT_PRIORITIES: readonly EventPriority[] = ['low', 'normal', 'high', 'urgent'];

export function isEventState(s: string): s is EventState {
  return (EVENT_STATES as readonly string[]).includes(s);
}

export function isEventPriority(s: string): s is EventPriority {
  return (EVENT_PRIORITIES as readonly string[]).includes(s);
}

/** The states an event may move to next; none for an unknown or final state. */
export function nextStates(state: string): readonly EventState[] {
  return isEventState(state) ? EVENT_TRANSITIONS[state] : [];
}

/** Whether an event is finished with (no SLA clock, no actions left but 重新处理). */
export function isFinished(state: string): boolean {
  return state === 'resolved' || state === 'closed' || state === 'cancelled';
}

/**
 * How an action button reads for a move, by where it leads and from where: in_progress after
 * resolved is 重新处理 (reopen), open after assigned is 退回 (send back).
 */
export type TransitionAction = 'assign' | 'start' | 'cancel' | 'sendBack' | 'resolve' | 'reassign' | 'close' | 'reopen';

export function transitionAction(from: string, to: EventState): TransitionAction {
  switch (to) {
    case 'assigned':
      return from === 'in_progress' ? 'reassign' : 'assign';
    case 'in_progress':
      return from === 'resolved' ? 'reopen' : 'start';
    case 'open':
      return 'sendBack';
    case 'resolved':
      return 'resolve';
    case 'closed':
      return 'close';
    case 'cancelled':
      return 'cancel';
  }
}

/** Moves that undo or abandon work, shown as secondary (danger for 撤销) rather than primary buttons. */
export function isBackward(action: TransitionAction): boolean {
  return action === 'cancel' || action === 'sendBack' || action === 'reopen' || action === 'reassign';
}

export const STATE_COLOR: Readonly<Record<EventState, string>> = {
  open: 'orange',
  assigned: 'gold',
  in_progress: 'processing',
  resolved: 'success',
  closed: 'default',
  cancelled: 'default',
};

export const PRIORITY_COLOR: Readonly<Record<EventPriority, string>> = {
  low: 'default',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

/** Hours left (negative when past) until the SLA is due, rounded toward now; null without an SLA. */
export function slaHoursLeft(slaDueAt: string | null, now: number = Date.now()): number | null {
  if (!slaDueAt) return null;
  const ms = new Date(slaDueAt).getTime() - now;
  return ms >= 0 ? Math.floor(ms / 3_600_000) : -Math.floor(-ms / 3_600_000);
}
