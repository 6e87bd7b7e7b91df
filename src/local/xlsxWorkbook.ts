/**
 * XlsxWorkbook: the .xlsx adapter (exceljs). Reads every tab into RawTables exactly as typed;
 * dates become spreadsheet serials (exceljs' dates are UTC-based, so no TZ enters).
 */

import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { type Cell, isDateValue, type MergedArea, type RawRow, type RawTable, sortMerges } from '../domain/rawTable';
import { fileProblem } from './cliSupport';
import { commentsWhereExcelJsLooks } from './xlsxPackage';

export class UnreadableWorkbookError extends Error {}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;

const EPOCH_1904_MS = Date.UTC(1904, 0, 1);

/**
 * The serial the domain counts in (days since 1899-12-30). In a workbook of the 1904 date system (old Mac
 * Excel) exceljs dates a time-only value (a duration such as 3:30) on 1904-01-01; it has no date part,
 * so it keeps its fraction of a day rather than becoming a date in 1904.
 */
export function serialOf(d: Date, date1904 = false): number {
  const fromEpoch1904 = (d.getTime() - EPOCH_1904_MS) / MS_PER_DAY;
  if (date1904 && fromEpoch1904 >= 0 && fromEpoch1904 < 1) return fromEpoch1904;
  return (d.getTime() - EXCEL_EPOCH_MS) / MS_PER_DAY;
}
export const dateOfSerial = (serial: number): Date => new Date(EXCEL_EPOCH_MS + Math.round(serial * MS_PER_DAY));

// exceljs reads <workbookPr date1904="1"> but not the equally valid date1904="true" (xsd:boolean, as SheetJS
// and others write it): every date of such a workbook would silently be read 4 years and a day early.
const WorkbookPropertiesXform = require('exceljs/lib/xlsx/xform/book/workbook-properties-xform') as {
  prototype: { parseOpen(node: { name: string; attributes: Record<string, string> }): boolean; model?: { date1904: boolean } };
};
const parseWorkbookProperties = WorkbookPropertiesXform.prototype.parseOpen;
WorkbookPropertiesXform.prototype.parseOpen = function (node) {
  const opened = parseWorkbookProperties.call(this, node);
  if (opened && this.model) this.model.date1904 = /^(1|true)$/i.test(node.attributes.date1904 ?? '');
  return opened;
};

// exceljs reads a note's text only from rich-text runs (<text><r><t>…</t></r></text>); a plain <text><t>…</t></text>, as
// valid and as written by SheetJS among others, came back as an empty note, so a person's note would be lost.
interface CommentParser {
  parser?: unknown;
  model?: { note: { texts: { text: string }[] } };
  plain?: string | null;
  phonetic?: boolean;
}
const CommentXform = require('exceljs/lib/xlsx/xform/comment/comment-xform') as {
  prototype: {
    parseOpen(this: CommentParser, node: { name: string }): boolean;
    parseText(this: CommentParser, text: string): void;
    parseClose(this: CommentParser, name: string): boolean;
  };
};
const comment = CommentXform.prototype;
const [openComment, textOfComment, closeComment] = [comment.parseOpen, comment.parseText, comment.parseClose];
comment.parseOpen = function (node) {
  if (!this.parser && this.model && node.name === 'rPh') this.phonetic = true; // ruby text is not the note's
  if (!this.parser && this.model && !this.phonetic && node.name === 't') {
    this.plain = '';
    return true;
  }
  return openComment.call(this, node);
};
comment.parseText = function (text) {
  if (typeof this.plain === 'string') this.plain += text;
  else textOfComment.call(this, text);
};
comment.parseClose = function (name) {
  if (name === 'rPh') this.phonetic = false;
  if (name === 't' && typeof this.plain === 'string') {
    this.model?.note.texts.push({ text: this.plain });
    this.plain = null;
    return true;
  }
  return closeComment.call(this, name);
};

// exceljs hands each part's XML to JSZip as a string, and JSZip encodes strings to UTF-8 in 16K-character
// slices: an emoji (a surrogate pair) that straddles a slice is written as two U+FFFD, so a typed value
// (a long 備考 with emoji) would come out changed in every .xlsx we write. Hand JSZip the UTF-8 bytes.
const ZipStream = require('exceljs/lib/utils/zip-stream') as {
  ZipWriter: { prototype: { append(data: unknown, options: { name: string; base64?: boolean }): void } };
};
const appendToZip = ZipStream.ZipWriter.prototype.append;
ZipStream.ZipWriter.prototype.append = function (data, options) {
  return appendToZip.call(this, typeof data === 'string' && !options.base64 ? Buffer.from(data, 'utf8') : data, options);
};

// A formula's cached result is its value, whatever it is. exceljs drops an empty cached string (`<c t="str"><v></v>`, as
// Sheets exports =IFERROR(…,"")) at parse time, and its FormulaValue keeps only truthy fields, so a cached 0,
// FALSE (LibreOffice's =TRUE()/=FALSE()) or "" would read as a formula without a result. Keep the empty
// string here; readTables and the streaming reader take the result from the cell model, not the value.
// An empty <v/> of any other type is no result: openpyxl writes every formula as `<c><f>SUM(1,2)</f><v/></c>`
// (a number cell, no value), which is a formula without a cached result, never "" (and never 0:00 in a date
// cell). This is the one place both readers parse cells (the streaming reader's RowXform uses CellXform).
const CellXform = require('exceljs/lib/xlsx/xform/sheet/cell-xform') as {
  prototype: {
    parseOpen(node: { name: string }): boolean;
    parseClose(name: string): boolean;
    model?: { formula?: string; shareType?: string; value?: unknown; result?: unknown };
    cachedValueSeen?: boolean;
    /** The cell's t attribute, as CellXform keeps it while parsing. */
    t?: string;
  };
};
const parseCellOpen = CellXform.prototype.parseOpen;
const parseCellClose = CellXform.prototype.parseClose;
CellXform.prototype.parseOpen = function (node) {
  const opened = parseCellOpen.call(this, node);
  if (node.name === 'c') this.cachedValueSeen = false;
  else if (node.name === 'v') this.cachedValueSeen = true;
  return opened;
};
CellXform.prototype.parseClose = function (name) {
  const model = this.model;
  const emptyCachedString =
    name === 'c' &&
    model !== undefined &&
    (model.formula || model.shareType) &&
    this.t === 'str' &&
    this.cachedValueSeen === true &&
    model.value === undefined;
  const open = parseCellClose.call(this, name);
  if (emptyCachedString && model && model.result === undefined) model.result = '';
  return open;
};

/** A formula cell's value with its cached result, falsy or not (exceljs' cell.value drops 0, FALSE and ""). */
export function formulaValueOf(value: ExcelJS.CellValue, result: unknown): ExcelJS.CellValue {
  return result === undefined ? value : ({ ...(value as object), result } as ExcelJS.CellValue);
}

/** The error text of a formula cell without a cached result (its Cell also carries the formula). */
const FORMULA_WITHOUT_RESULT = '計算結果のない数式';

/** One exceljs cell value as the domain's Cell. */
export function toCell(value: ExcelJS.CellValue, date1904 = false): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (isDateValue(value)) return Number.isNaN(value.getTime()) ? { error: '日付として壊れた値' } : { serial: serialOf(value, date1904) };
  if (typeof value === 'object') {
    if ('error' in value) return { error: String(value.error) };
    if ('richText' in value) return value.richText.map(r => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) {
        const formula = (value as { formula?: unknown }).formula;
        return { error: FORMULA_WITHOUT_RESULT, formula: typeof formula === 'string' ? formula : '' };
      }
      return toCell(result as ExcelJS.CellValue, date1904);
    }
    if ('hyperlink' in value) return String((value as ExcelJS.CellHyperlinkValue).text ?? '');
    if ('text' in value) return String((value as { text: unknown }).text);
  }
  return { error: '読み取れない値' };
}

const notXlsx = (path: string): string => `Excelブック（.xlsx）として読み取れません: ${path}。`;
const HOW_TO_SAVE = 'Googleスプレッドシートからは「ファイル > ダウンロード > Microsoft Excel (.xlsx)」で保存してください。';

/** The file's bytes, or the message a person gets for a file that is not there or is no workbook at all. */
export function workbookBytes(path: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnreadableWorkbookError(
      code === 'ENOENT'
        ? `ファイルが見つかりません: ${path}`
        : code === 'EISDIR'
          ? `${path} はフォルダです。ブック（.xlsx）のファイルを指定してください。`
          : `ファイルを開けません: ${path}（${fileProblem(e)}）`
    );
  }
  // An OpenDocument spreadsheet (LibreOffice's own format): its zip names META-INF/manifest.xml and has no [Content_Types].xml.
  if (
    bytes.subarray(0, 2).toString('latin1') === 'PK' &&
    bytes.indexOf('META-INF/manifest.xml') >= 0 &&
    bytes.indexOf('[Content_Types].xml') < 0
  )
    throw new UnreadableWorkbookError(
      `${notXlsx(path)}OpenDocument形式（.ods、LibreOffice Calc の標準形式）のファイルです。LibreOfficeで開き、「名前を付けて保存」で「Excel 2007-365 (.xlsx)」を選んで保存し直してください。`
    );
  // An OLE compound file: Excel 97-2003 (.xls) or a password-protected workbook; no zip reader opens either.
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
    throw new UnreadableWorkbookError(
      `${notXlsx(path)}古い形式（Excel 97-2003 の .xls）か、パスワード付きのブックです。Excelで開き、パスワードを外して「Excel ブック (*.xlsx)」形式で保存し直してください。`
    );
  return bytes;
}

/** The full exceljs model of the workbook (for --annotate, which writes a copy of it). */
export async function loadXlsx(path: string, bytes: Buffer = workbookBytes(path)): Promise<ExcelJS.Workbook> {
  let wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    // Notes saved by openpyxl are where exceljs does not look: moved (names only), the workbook loads.
    const moved = await commentsWhereExcelJsLooks(bytes).catch(() => null);
    wb = new ExcelJS.Workbook();
    try {
      if (moved === null) throw new Error('nothing to move');
      await wb.xlsx.load(moved as unknown as ArrayBuffer);
    } catch {
      throw new UnreadableWorkbookError(`${notXlsx(path)}${HOW_TO_SAVE}`);
    }
  }
  // Any zip archive loads; a workbook has at least one sheet.
  if (wb.worksheets.length === 0) throw new UnreadableWorkbookError(`${notXlsx(path)}シートが1つも入っていません。${HOW_TO_SAVE}`);
  return wb;
}

/** A worksheet's merged areas (exceljs keeps them by master address as Ranges; it has no public getter). */
function mergesOf(ws: ExcelJS.Worksheet): MergedArea[] {
  const ranges = Object.values((ws as unknown as { _merges?: Record<string, { model: MergedArea }> })._merges ?? {});
  return sortMerges(ranges.map(({ model: { top, left, bottom, right } }) => ({ top, left, bottom, right })));
}

/** All tabs of a loaded workbook, keyed by tab name as typed. */
export function readTables(wb: ExcelJS.Workbook): Map<string, RawTable> {
  const tables = new Map<string, RawTable>();
  const date1904 = wb.properties?.date1904 === true;
  wb.eachSheet(ws => {
    const headerRow = ws.getRow(1);
    const width = headerRow.cellCount;
    const header: Cell[] = [];
    for (let c = 1; c <= width; c++) header.push(toCell(headerRow.getCell(c).value, date1904));
    const rows: RawRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return;
      const cells: Cell[] = [];
      for (let c = 1; c <= width; c++) {
        // findCell, not getCell: getCell creates every empty cell it is asked for (time and memory per cell).
        const cell = row.findCell(c);
        // A merged area's value belongs to its top-left cell only; the others read as blank.
        if (!cell || (cell.isMerged && cell.master !== cell)) cells.push(null);
        else
          cells.push(
            toCell(cell.type === ExcelJS.ValueType.Formula ? formulaValueOf(cell.value, cell.model.result) : cell.value, date1904)
          );
      }
      rows.push({ rowNumber, cells });
    });
    const merges = mergesOf(ws);
    tables.set(ws.name, merges.length > 0 ? { name: ws.name, header, rows, merges } : { name: ws.name, header, rows });
  });
  return tables;
}

/**
 * exceljs reads a date- or time-formatted number as a Date and writes it back as 25569 + ms / 86400000,
 * which is not the number it read: a 2:00 duration (0.0833…) came back 0.0833333333321. Put each such
 * cell back as the serial it was, counted from the workbook's own epoch, so typed values stay as typed.
 */
export function keepTypedSerials(workbook: ExcelJS.Workbook): void {
  const epoch = workbook.properties?.date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const serial = (d: Date): number => (d.getTime() - epoch) / MS_PER_DAY;
  workbook.eachSheet(ws =>
    ws.eachRow({ includeEmpty: false }, row =>
      row.eachCell({ includeEmpty: false }, cell => {
        if (cell.isMerged && cell.master !== cell) return;
        const v = cell.value;
        if (isDateValue(v) && !Number.isNaN(v.getTime())) cell.value = serial(v);
        else if (v && typeof v === 'object' && 'formula' in v && isDateValue(v.result)) cell.value = { ...v, result: serial(v.result) };
      })
    )
  );
}
