import { defineErrors } from '../../shared/errors.js';

export const importError = defineErrors({
  FILE_TYPE_UNSUPPORTED: {
    status: 415,
    zh: '无法识别的文件：请上传 .xlsx、.xls 或 .csv 表格（按文件内容判断，而非扩展名）',
    en: 'Unrecognised file: upload an .xlsx, .xls or .csv spreadsheet (judged by content, not name)',
  },
  FILE_TOO_LARGE: { status: 413, zh: '文件超过 {limit} MB 的上限', en: 'The file is larger than the {limit} MB limit' },
  FILE_EMPTY: { status: 422, zh: '文件为空', en: 'The file is empty' },
  HEADER_NOT_FOUND: {
    status: 422,
    zh: '在前20行中未找到表头（如“姓名”“身份证号”），请检查文件或下载模板',
    en: 'No header row (such as 姓名, 身份证号) in the first 20 rows; check the file or use the template',
  },
  MAPPING_INVALID: { status: 422, zh: '字段对应有误：{summary}', en: 'The column mapping is wrong: {summaryEn}' },
  FILE_GONE: { status: 409, zh: '导入文件已不在服务器上，请重新上传', en: 'The uploaded file is no longer on the server; upload it again' },
  JOB_STATE: { status: 409, zh: '该导入任务当前为“{status}”，不能{action}', en: 'The import is "{statusEn}" and cannot {actionEn}' },
  IMPORTER_GONE: { status: 403, zh: '发起导入的用户已停用或不再具有导入权限', en: 'The user who started the import is disabled or may no longer import' },
});
