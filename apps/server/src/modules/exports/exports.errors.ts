import { defineErrors } from '../../shared/errors.js';

export const exportsError = defineErrors({
  EXPORT_REASON_REQUIRED: { status: 422, zh: '申请不脱敏导出须填写事由（至少4个字）', en: 'An unmasked export needs a reason (at least 4 characters)' },
  EXPORT_NOTHING_TO_UNMASK: {
    status: 422,
    zh: '“{list}”不含脱敏字段，请直接导出',
    en: 'The {listEn} list holds no masked fields; export it directly',
  },
  EXPORT_UNKNOWN_LIST: { status: 422, zh: '没有可导出的列表“{resource}”', en: 'There is no exportable list "{resource}"' },
  EXPORT_NO_JURISDICTION: { status: 422, zh: '您的账号未分配辖区，无法导出', en: 'Your account has no jurisdiction, so there is nothing to export' },
  EXPORT_SELF_APPROVAL: {
    status: 403,
    zh: '不能审批自己提交的导出申请，须由另一位有审批权限的人员审批',
    en: 'You cannot decide on your own export request; another approver must',
  },
  EXPORT_ALREADY_DECIDED: { status: 409, zh: '该申请已处理（{status}），不能再次审批', en: 'This request was already decided ({statusEn})' },
  EXPORT_NOT_APPROVED: {
    status: 409,
    zh: '不脱敏导出须经审批通过后才能下载（当前状态：{status}）',
    en: 'An unmasked export can be downloaded only once approved (now: {statusEn})',
  },
  EXPORT_NOT_READY: { status: 409, zh: '导出文件尚未生成（当前状态：{status}）', en: 'The export file is not ready (now: {statusEn})' },
  EXPORT_EXPIRED: { status: 409, zh: '导出文件已过期，请重新导出', en: 'The export has expired; export again' },
  EXPORT_DOWNLOADS_USED: {
    status: 409,
    zh: '已达到下载次数上限（{max} 次），请重新申请',
    en: 'The download limit ({max}) is used up; request again',
  },
  EXPORT_NOT_REQUESTER: { status: 403, zh: '只有申请人本人可以下载该导出文件', en: 'Only the requester may download this export' },
  EXPORT_REJECT_NOTE_REQUIRED: { status: 422, zh: '驳回申请须填写理由', en: 'Give a reason for the rejection' },
});
