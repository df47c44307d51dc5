import { defineErrors } from '../../shared/errors.js';

export const elderError = defineErrors({
  PERSON_NOT_FOUND: { status: 404, zh: '人员不存在或不在您的辖区内', en: 'No such person in your jurisdiction' },
});
