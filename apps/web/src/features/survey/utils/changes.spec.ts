import { describe, expect, it } from 'vitest';
import type { LocalPerson, PersonUpdateChange } from '../types';
import { applyEdit, changedFields, coalesce } from './changes';

const person: LocalPerson = {
  id: 'p1', name: '王秀英', gender: 2, birthDate: '1948-02-03', ethnicity: '01', citizenIdMasked: '510903********002X',
  phoneMasked: '138****8000', residenceAddress: '滨江路1号', tags: ['elderly_alone'], notes: null, status: 'active', version: 3,
};

describe('the changes a survey queues', () => {
  it('sends only the fields the worker changed, each with the value they saw', () => {
    const f = changedFields(person, { name: '王秀英', residenceAddress: '滨江路2号', tags: ['elderly_alone'], notes: '', phone: '' });
    expect(f).toEqual({ residenceAddress: { base: '滨江路1号', value: '滨江路2号' } });
    expect(changedFields(person, { phone: '13900001111' })).toEqual({ phone: { base: '138****8000', value: '13900001111' } });
  });

  it('folds a second edit into the queued change, keeping the first base and the newest value', () => {
    const queued: PersonUpdateChange = { key: 'k-00000001', kind: 'person.update', personId: 'p1', baseVersion: 3, fields: { residenceAddress: { base: '滨江路1号', value: '滨江路2号' } } };
    const next = coalesce(queued, { residenceAddress: { base: '滨江路2号', value: '滨江路5号' }, notes: { base: null, value: '独居' } });
    expect(next.fields).toEqual({ residenceAddress: { base: '滨江路1号', value: '滨江路5号' }, notes: { base: null, value: '独居' } });
    expect(next.baseVersion).toBe(3);
  });

  it('shows the edited person as the phone will, with a new number masked', () => {
    const p = applyEdit(person, { phone: { base: '138****8000', value: '139-0000-1111' }, notes: { base: null, value: '独居' } });
    expect(p).toMatchObject({ phoneMasked: '139****1111', notes: '独居', edited: true });
  });
});
