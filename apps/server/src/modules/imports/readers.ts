import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'fast-csv';
import iconv from 'iconv-lite';
import * as XLSX from 'xlsx';
import type { Cell } from './normalize.js';

export type FileFormat = 'csv' | 'xlsx' | 'xls';
export type TextEncoding = 'utf-8' | 'gbk';

/** One spreadsheet row as read: its row number in the file (1-based) and its cells. */
export interface SourceRow {
  rowNo: number;
  cells: Cell[];
}

/**
 * The format from the file's first bytes, not its name: a ZIP (xlsx), an OLE compound file
 * (legacy xls), or text without NUL bytes (csv). Null for anything else.
 */
export async function sniffFormat(file: string): Promise<FileFormat | null> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, 4096, 0);
    const head = buf.subarray(0, bytesRead);
    if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
    if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'xls';
    if (bytesRead > 0 && !head.includes(0)) return 'csv';
    return null;
  } finally {
    await fh.close();
  }
}

/**
 * UTF-8 when the whole file decodes strictly as UTF-8, otherwise GBK (what Chinese Excel writes
 * for "CSV"). Streams the file once; nothing is held but the decoder's state.
 */
export async function detectEncoding(file: string): Promise<TextEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'gbk';
  }
}

/** CSV rows, streamed through the decoder (BOM stripped) and fast-csv. */
async function* csvRows(file: string, encoding: TextEncoding): AsyncGenerator<SourceRow> {
  const parser = fs.createReadStream(file).pipe(iconv.decodeStream(encoding === 'gbk' ? 'gbk' : 'utf8')).pipe(parseCsv({ headers: false, ignoreEmpty: false }));
  let rowNo = 0;
  for await (const cells of parser as AsyncIterable<string[]>) {
    rowNo += 1;
    yield { rowNo, cells };
  }
}

/** An exceljs cell value as a plain cell: rich text joined, formulas by their result, links by text. */
function excelCell(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return excelCell(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return null;
  }
  return String(v);
}

/** The first worksheet of an .xlsx, streamed by exceljs's WorkbookReader (shared strings cached, rows not). */
async function* xlsxRows(file: string): AsyncGenerator<SourceRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      const cells: Cell[] = [];
      for (let i = 0; i < values.length; i++) cells.push(excelCell(values[i]));
      yield { rowNo: row.number, cells };
    }
    return; // the first sheet only
  }
}

/**
 * A legacy .xls (BIFF) through SheetJS. SheetJS reads the whole workbook into memory, so the
 * caller caps the file size first; see CONTRIBUTING.md for its known advisories.
 */
async function* xlsRows(file: string): AsyncGenerator<SourceRow> {
  const wb = XLSX.read(await fs.promises.readFile(file), { type: 'buffer', cellDates: true, dense: true });
  const sheet = wb.Sheets[wb.SheetNames[0]!];
  if (!sheet) return;
  const range = XLSX.utils.decode_range(sheet['!ref'] ?? 'A1');
  const rows = XLSX.utils.sheet_to_json<Cell[]>(sheet, { header: 1, raw: true, defval: null, blankrows: true });
  for (const [i, cells] of rows.entries()) yield { rowNo: range.s.r + i + 1, cells };
}

/** The rows of a spreadsheet file, one at a time. */
export function readRows(file: string, format: FileFormat, encoding: TextEncoding = 'utf-8'): AsyncGenerator<SourceRow> {
  if (format === 'csv') return csvRows(file, encoding);
  if (format === 'xlsx') return xlsxRows(file);
  return xlsRows(file);
}
