import { describe, expect, it } from 'vitest';
import { createBody, patchBody, type PersonFields } from './personForm';

describe('person form → request body', () => {
  it('sends filled fields only, trimmed, when registering', () => {
    expect(
      createBody({ name: ' 张三 ', citizenId: ' 510903195003071236 ', phone: '', notes: '  ', tags: [], jurisdictionId: 'j1', gender: 1 }),
    ).toEqual({ name: '张三', citizenId: '510903195003071236', jurisdictionId: 'j1', gender: 1 });
  });

  const initial: PersonFields = {
    name: '张三',
    gender: 1,
    birthDate: '1950-03-07',
    ethnicity: '01',
    hukouAddress: '船山区某街1号',
    notes: '行动不便',
    tags: ['elderly_alone', 'low_income'],
    jurisdictionId: 'j1',
    status: 'active',
  };

  it('sends nothing when nothing changed (tags in another order count as unchanged)', () => {
    expect(patchBody(initial, { ...initial, tags: ['low_income', 'elderly_alone'] })).toEqual({});
  });

  it('sends what changed, clears free text, keeps codes that were emptied', () => {
    expect(
      patchBody(initial, { ...initial, name: '张叁', notes: '', ethnicity: '', jurisdictionId: 'j2', tags: ['elderly_alone'], status: 'moved_out' }),
    ).toEqual({ name: '张叁', notes: '', jurisdictionId: 'j2', tags: ['elderly_alone'], status: 'moved_out' });
  });

  it('sends a citizen ID or phone only when one was typed', () => {
    expect(patchBody(initial, { ...initial, phone: ' 13900000001 ' })).toEqual({ phone: '13900000001' });
    expect(patchBody(initial, { ...initial, citizenId: '', phone: '' })).toEqual({});
  });
});
