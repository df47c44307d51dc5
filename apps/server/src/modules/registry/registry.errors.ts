import { defineErrors } from '../../shared/errors.js';

export const registryError = defineErrors({
  CITIZEN_ID_INVALID: { status: 422, zh: '{reason}', en: '{reasonEn}' },
  CITIZEN_ID_DUPLICATE: {
    status: 409,
    zh: '该身份证号已登记（{name}），请勿重复登记；如为同一人请合并',
    en: 'This citizen ID is already registered ({name}); do not register twice — merge if it is the same person',
  },
  GENDER_MISMATCH: { status: 422, zh: '性别与身份证号不符（身份证号显示为{expected}）', en: 'Gender does not match the citizen ID (which says {expectedEn})' },
  BIRTH_DATE_MISMATCH: { status: 422, zh: '出生日期与身份证号不符（身份证号显示为{expected}）', en: 'Birth date does not match the citizen ID (which says {expected})' },
  JURISDICTION_NOT_LEAF: {
    status: 422,
    zh: '请选择社区（村）或网格作为所属辖区',
    en: 'Choose a community/village or a grid as the jurisdiction',
  },
  JURISDICTION_UNKNOWN: { status: 422, zh: '所选辖区不存在、已撤销或不在您的管辖范围内', en: 'The jurisdiction does not exist, is retired, or is outside yours' },
  REFERENCE_NOT_FOUND: { status: 422, zh: '{what}不存在或不在您的辖区内', en: '{whatEn} does not exist or is outside your jurisdiction' },
  CREDIT_CODE_INVALID: { status: 422, zh: '统一社会信用代码校验不通过', en: 'The unified social credit code fails its check' },
  CREDIT_CODE_DUPLICATE: { status: 409, zh: '该统一社会信用代码已登记', en: 'This unified social credit code is already registered' },
  HOUSE_NUMBER_TAKEN: { status: 409, zh: '该楼栋{unit}单元已有房号 {number}', en: 'Unit {unit} of this building already has a house numbered {number}' },
  FLOOR_OUT_OF_RANGE: { status: 422, zh: '楼层超出该楼栋的层数（共 {floors} 层）', en: 'The floor is beyond the building’s {floors} floors' },
  UNIT_OUT_OF_RANGE: { status: 422, zh: '单元号超出该楼栋的单元数（共 {units} 个单元）', en: 'The unit is beyond the building’s {units} units' },
  RELATION_ALREADY_ENDED: { status: 409, zh: '该关系已于 {validTo} 结束', en: 'This relationship already ended on {validTo}' },
  END_BEFORE_START: { status: 422, zh: '结束日期不能早于开始日期 {validFrom}', en: 'The end date cannot be before the start date {validFrom}' },
  EVENT_TRANSITION_INVALID: { status: 422, zh: '事件不能从“{from}”变为“{to}”', en: 'An event cannot go from "{from}" to "{to}"' },
  MERGE_SELF: { status: 422, zh: '不能与自己合并', en: 'A person cannot be merged with themself' },
  MERGE_ALREADY_UNDONE: { status: 409, zh: '该合并已撤销', en: 'This merge was already undone' },
  MERGE_CONFLICTING_IDS: {
    status: 422,
    zh: '两人的身份证号不同，不能合并',
    en: 'The two people have different citizen IDs and cannot be merged',
  },
  UNMASK_REASON_REQUIRED: { status: 422, zh: '查看完整信息须填写事由（至少4个字）', en: 'Give a reason (at least 4 characters) to see the full value' },
});
