/**
 * XlsxWorkbook: the .xlsx adapter (exceljs). Reads every tab into RawTables exactly as typed;
 * dates become spreadsheet serials (exceljs' dates are UTC-based, so no TZ enters).
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Cell, RawRow, RawTable } from '../domain/cell';

export class UnreadableWorkbookError extends Error {}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;

export const serialOf = (d: Date): number => (d.getTime() - EXCEL_EPOCH_MS) / MS_PER_DAY;
export const dateOfSerial = (serial: number): Date => new Date(EXCEL_EPOCH_MS + Math.round(serial * MS_PER_DAY));

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/** One exceljs cell value as the domain's Cell. */
export function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (isDate(value)) return Number.isNaN(value.getTime()) ? { error: '日付として壊れた値' } : { serial: serialOf(value) };
  if (typeof value === 'object') {
    if ('error' in value) return { error: String(value.error) };
    if ('richText' in value) return value.richText.map(r => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return { error: '計算結果のない数式' };
      return toCell(result as ExcelJS.CellValue);
    }
    if ('hyperlink' in value) return String((value as ExcelJS.CellHyperlinkValue).text ?? '');
    if ('text' in value) return String((value as { text: unknown }).text);
  }
  return { error: '読み取れない値' };
}

export async function loadXlsx(path: string): Promise<ExcelJS.Workbook> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnreadableWorkbookError(
      code === 'ENOENT' ? `ファイルが見つかりません: ${path}` : `ファイルを開けません: ${path}（${code ?? String(e)}）`
    );
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableWorkbookError(`Excelブック（.xlsx）として読み取れません: ${path}。Googleスプレッドシートからは「ファイル > ダウンロード > Microsoft Excel (.xlsx)」で保存してください。`);
  }
  return wb;
}

/** All tabs of a loaded workbook, keyed by tab name as typed. */
export function readTables(wb: ExcelJS.Workbook): Map<string, RawTable> {
  const tables = new Map<string, RawTable>();
  wb.eachSheet(ws => {
    const headerRow = ws.getRow(1);
    const width = headerRow.cellCount;
    const header: Cell[] = [];
    for (let c = 1; c <= width; c++) header.push(toCell(headerRow.getCell(c).value));
    const rows: RawRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return;
      const cells: Cell[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        // A merged area's value belongs to its top-left cell only; the others read as blank.
        cells.push(cell.isMerged && cell.master !== cell ? null : toCell(cell.value));
      }
      rows.push({ rowNumber, cells });
    });
    tables.set(ws.name, { name: ws.name, header, rows });
  });
  return tables;
}
