import { defineErrors } from '../../shared/errors.js';

/** The elder module's error codes (status, zh and en messages). */
export const elderError = defineErrors({
  PERSON_NOT_FOUND: { status: 404, zh: '人员不存在或不在您的辖区内', en: 'No such person in your jurisdiction' },
  SCALE_UNKNOWN: { status: 422, zh: '没有版本为“{version}”的评估量表', en: 'No assessment scale of version "{version}"' },
  SCALE_RETIRED: { status: 422, zh: '量表“{version}”已停用，新评估请使用现行量表', en: 'Scale "{version}" is retired; assess with the scale in use' },
  ANSWERS_INCOMPLETE: { status: 422, zh: '评估项目未填写完整或选项无效：{items}', en: 'Items unanswered or with an invalid option: {items}' },
  SAME_ASSESSOR: { status: 422, zh: '第二评估员须为另一位工作人员，不能由第一评估员本人确认', en: 'The second assessor must be someone other than the first' },
  ALREADY_SIGNED: { status: 409, zh: '该评估已由两位评估员签字确认', en: 'This assessment is already signed by both assessors' },
  PROPOSAL_DECIDED: { status: 409, zh: '该评估建议已处理', en: 'This proposal has already been decided' },
  PROPOSAL_UNKNOWN: { status: 422, zh: '评估建议不存在或不在您的辖区内', en: 'No such proposal in your jurisdiction' },
  RISK_KIND_UNKNOWN: { status: 422, zh: '风险事件类型“{kind}”不存在，应为跌倒、噎食、自杀、自伤或走失', en: 'Unknown risk-event kind "{kind}": fall, choking, suicide, self_harm or wandering' },
  PROPOSAL_OTHER_PERSON: { status: 422, zh: '评估建议不属于该老人', en: 'The proposal is about another person' },
});
