import { describe, expect, it } from 'vitest';
import { EVENT_STATES, isBackward, isFinished, nextStates, slaHoursLeft, transitionAction } from './eventFlow';

describe('event state machine', () => {
  it('offers the moves the server allows', () => {
    expect(nextStates('open')).toEqual(['assigned', 'in_progress', 'cancelled']);
    expect(nextStates('assigned')).toEqual(['in_progress', 'open', 'cancelled']);
    expect(nextStates('in_progress')).toEqual(['resolved', 'assigned']);
    expect(nextStates('resolved')).toEqual(['closed', 'in_progress']);
  });

  it('offers nothing from a final or unknown state', () => {
    expect(nextStates('closed')).toEqual([]);
    expect(nextStates('cancelled')).toEqual([]);
    expect(nextStates('archived')).toEqual([]);
  });

  it('names every allowed move, by where it leads and from where', () => {
    expect(transitionAction('resolved', 'in_progress')).toBe('reopen');
    expect(transitionAction('open', 'in_progress')).toBe('start');
    expect(transitionAction('in_progress', 'assigned')).toBe('reassign');
    expect(transitionAction('assigned', 'open')).toBe('sendBack');
    for (const from of EVENT_STATES) for (const to of nextStates(from)) expect(transitionAction(from, to)).toBeTruthy();
  });

  it('tells undoing moves from forward ones', () => {
    expect(isBackward(transitionAction('open', 'cancelled'))).toBe(true);
    expect(isBackward(transitionAction('in_progress', 'resolved'))).toBe(false);
  });

  it('knows which states are finished', () => {
    expect(isFinished('resolved')).toBe(true);
    expect(isFinished('in_progress')).toBe(false);
  });
});

describe('slaHoursLeft', () => {
  const now = Date.parse('2026-03-05T08:00:00Z');
  it('counts whole hours to the deadline, negative once past', () => {
    expect(slaHoursLeft('2026-03-05T11:30:00Z', now)).toBe(3);
    expect(slaHoursLeft('2026-03-05T06:30:00Z', now)).toBe(-1);
    expect(slaHoursLeft(null, now)).toBeNull();
  });
});
