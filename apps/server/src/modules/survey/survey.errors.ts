import { defineErrors } from '../../shared/errors.js';

export const surveyError = defineErrors({
  SLICE_TOO_LARGE: {
    status: 422,
    zh: '所选辖区共有 {houses} 户房屋，超过离线下载上限 {limit} 户，请选择一个网格',
    en: 'The jurisdiction holds {houses} houses, more than the offline limit of {limit}; choose one grid',
  },
  VISIT_UNKNOWN: { status: 422, zh: '走访记录不存在或不在您的辖区内，请先同步走访记录', en: 'The visit does not exist or is outside your jurisdiction; sync the visit first' },
  PHOTO_TOO_LARGE: { status: 413, zh: '照片不能超过 {limitMb} MB', en: 'A photo may be at most {limitMb} MB' },
  PHOTO_TYPE: { status: 415, zh: '只接受 JPEG、PNG 或 WebP 格式的照片', en: 'Only JPEG, PNG or WebP photos are accepted' },
  PHOTO_OFFSET: {
    status: 409,
    zh: '上传位置不一致：服务器已收到 {received} 字节，请从该位置继续',
    en: 'Upload offset mismatch: the server holds {received} bytes; continue from there',
  },
  PHOTO_CHUNK_OVERRUN: { status: 422, zh: '分片超出照片声明的大小（{size} 字节）', en: 'The chunk runs past the declared photo size ({size} bytes)' },
  PHOTO_HASH_MISMATCH: { status: 422, zh: '照片内容与校验值不符，已清除，请重新上传', en: 'The photo does not match its hash; it was cleared, upload it again' },
  PHOTO_INCOMPLETE: { status: 409, zh: '照片尚未上传完成', en: 'The photo has not finished uploading' },
  CONFLICT_RESOLVED: { status: 409, zh: '该冲突已处理', en: 'This conflict was already resolved' },
  CONFLICT_MOVED: {
    status: 409,
    zh: '处理期间该人员信息又被他人修改，请查看最新的值后重新选择',
    en: 'The record changed again meanwhile; review the latest values and choose again',
  },
  CHOICE_MISSING: { status: 422, zh: '请为“{field}”选择保留哪个值', en: 'Choose which value to keep for "{field}"' },
  CHOICE_UNKNOWN: { status: 422, zh: '“{field}”不是本冲突中的字段', en: '"{field}" is not a field of this conflict' },
});
