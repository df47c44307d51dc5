import { defineErrors } from '../../shared/errors.js';

export const privacyError = defineErrors({
  PRIVACY_PERSON_NOT_FOUND: { status: 404, zh: '在您的辖区内找不到该人员', en: 'No such person in your jurisdiction' },
  PRIVACY_ALREADY_CLOSED: { status: 409, zh: '该请求已办结（{status}），不能再次办理', en: 'This request is already closed ({statusEn})' },
  PRIVACY_OUTCOME_REQUIRED: { status: 422, zh: '办结须填写办理结果（至少4个字）', en: 'Say how the request was handled (at least 4 characters)' },
});
