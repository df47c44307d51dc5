import type { FastifyReply } from 'fastify';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Marks a reply as a workbook to save under `filename` (RFC 6266: an ASCII stand-in, then the
 * UTF-8 name browsers use), never kept by a cache: the files hold personal data or a user's lists.
 */
export function asXlsxDownload(reply: FastifyReply, filename: string): FastifyReply {
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${encodeURIComponent(filename).replace(/%/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'no-store');
}
