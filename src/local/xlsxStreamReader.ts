/**
 * Reading an .xlsx without building exceljs' model of the workbook: what check (without --annotate), report
 * and remind use. The result is always the full reader's (src/local/xlsxWorkbook.ts readTables(loadXlsx)).
 *
 * check (without --annotate), report and remind only need the RawTables. exceljs' streaming reader
 * (stream.xlsx.WorkbookReader) unzips entry by entry and never builds the workbook model. Its own cell reader
 * differs from the full reader in ways the domain would see (formula results of date cells stay numbers,
 * booleans and errors of formulas become numbers, rich inline strings lose runs, merged cells are ignored,
 * shared strings with phonetic runs keep the reading, UTF-8 split across chunks becomes U+FFFD), so each
 * sheet's XML goes through the full reader's own row and cell xforms, and merges are applied as the full
 * model applies them. Anything that this path does not reproduce exactly (hyperlinks, sheet names exceljs
 * would refuse, unusual zip layouts, any error) is detected and read with the full reader instead, so the
 * RawTables and the messages are those of readTables(loadXlsx(path)) for every file.
 */

import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { type Cell, type MergedArea, type RawRow, type RawTable, sortMerges } from '../domain/rawTable';
import { loadXlsx, readTables, toCell, workbookBytes } from './xlsxWorkbook';

type XmlNode = { name: string; attributes: Record<string, string> };
type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };
type CellModel = {
  type: number;
  address?: string;
  value?: unknown;
  formula?: string;
  result?: unknown;
  ref?: string;
  shareType?: string;
  sharedFormula?: string;
};
type RowModel = { number: number; cells: CellModel[] };
interface Xform<M> {
  parseStream(stream: AsyncIterable<string>): Promise<M>;
  model: M;
}
const parseSax = require('exceljs/lib/utils/parse-sax') as (it: AsyncIterable<string>) => AsyncIterable<SaxEvent[]>;
const iterateStream = require('exceljs/lib/utils/iterate-stream') as (s: NodeJS.ReadableStream) => AsyncIterable<Buffer | string>;
const RowXform = require('exceljs/lib/xlsx/xform/sheet/row-xform') as new () => {
  parseOpen(node: XmlNode): boolean;
  parseText(text: string): void;
  parseClose(name: string): boolean;
  reconcile(model: RowModel, options: object): void;
  model: RowModel;
};
const SharedStringsXform = require('exceljs/lib/xlsx/xform/strings/shared-strings-xform') as new () => Xform<unknown>;
const RelationshipsXform = require('exceljs/lib/xlsx/xform/core/relationships-xform') as new () => Xform<{ Id: string; Target: string }[]>;
const WorkbookXform = require('exceljs/lib/xlsx/xform/book/workbook-xform') as new () => Xform<WorkbookXmlModel> & {
  map: { workbookPr: unknown };
};
const StylesXform = require('exceljs/lib/xlsx/xform/style/styles-xform') as new () => Xform<unknown>;
const Range = require('exceljs/lib/doc/range') as new (
  ref: string
) => {
  top: number;
  left: number;
  bottom: number;
  right: number;
  intersects(other: unknown): boolean;
};
const colCache = require('exceljs/lib/utils/col-cache') as {
  decodeAddress(a: string): { row: number; col: number };
};

interface WorkbookXmlModel {
  sheets?: { id: number; name: unknown; rId: string }[];
  properties?: { date1904?: boolean };
}

/** exceljs' Enums.ValueType. */
const T = { Null: 0, Merge: 1, Formula: 6 } as const;

/** Zip entries whose names the full reader matches with unanchored patterns (see exceljs' xlsx.js). */
const LOOSE_WORKSHEET = /xl\/worksheets\/sheet(\d+)[.]xml/;
const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * The entry names of the zip's central directory, or null when the archive is anything but a plain zip
 * (no end record where it belongs, zip64, names that are not UTF-8 or ASCII): those go to the full reader.
 */
function zipEntryNames(bytes: Buffer): string[] | null {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= min; i--)
    if (bytes.readUInt32LE(i) === 0x06054b50 && i + 22 + bytes.readUInt16LE(i + 20) === bytes.length) {
      eocd = i;
      break;
    }
  if (eocd < 0) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  const size = bytes.readUInt32LE(eocd + 12);
  const offset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff || offset + size > eocd) return null;
  const names: string[] = [];
  for (let at = offset, n = 0; n < count; n++) {
    if (at + 46 > eocd || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const flags = bytes.readUInt16LE(at + 8);
    const nameLength = bytes.readUInt16LE(at + 28);
    const raw = bytes.subarray(at + 46, at + 46 + nameLength);
    if (!(flags & 0x800) && raw.some(b => b > 0x7f)) return null;
    names.push(raw.toString('utf8'));
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return names;
}

/** Text of a part, decoded as UTF-8 across chunk boundaries (exceljs' streaming reader decodes each chunk alone). */
async function* utf8(chunks: AsyncIterable<Buffer | string>): AsyncIterable<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Text kept in memory, handed out as a stream of chunks (and let go of as it is read). */
async function* chunksOf(text: string[]): AsyncIterable<string> {
  for (let i = 0; i < text.length; i++) {
    const chunk = text[i] as string;
    text[i] = '';
    yield chunk;
  }
}

/** Read this workbook with the full reader instead (signalled, never shown). */
class NeedsFullReader extends Error {}

/** One cell as the full model would hold it: its Cell, and whether it counts for Row.hasValues. */
interface SheetRow {
  /** By column - 1; undefined where the full model has no cell. */
  cells: (Cell | undefined)[];
  hasValues: boolean;
}

/** The value the full model's Cell gives for a reconciled cell model (exceljs doc/cell.js Value classes). */
function valueOfModel(m: CellModel): ExcelJS.CellValue {
  if (m.type === T.Null) return null;
  if (m.type === T.Formula) {
    // FormulaValue.value copies only the truthy fields of its model; readTables adds the result back, falsy or not.
    const copy: Record<string, unknown> = {};
    for (const k of ['formula', 'ref', 'shareType', 'sharedFormula'] as const) if (m[k]) copy[k] = m[k];
    if (m.result !== undefined) copy.result = m.result;
    return copy as unknown as ExcelJS.CellValue;
  }
  return m.value as ExcelJS.CellValue;
}

/** Checks exceljs' Worksheet name setter makes: a name it would change or refuse goes to the full reader. */
function acceptedName(name: unknown, taken: Set<string>): name is string {
  if (typeof name !== 'string' || name === '' || name === 'History' || name.length > 31) return false;
  if (/[*?:/\\[\]]/.test(name) || /(^')|('$)/.test(name)) return false;
  if (taken.has(name.toLowerCase())) return false;
  taken.add(name.toLowerCase());
  return true;
}

interface SheetContext {
  styles: unknown;
  sharedStrings: unknown;
  date1904: boolean | undefined;
}

/** One worksheet part, as the full reader's WorksheetXform parses and the Worksheet model reconciles it. */
async function readSheetPart(chunks: AsyncIterable<Buffer | string>, ctx: SheetContext): Promise<SheetPart> {
  const rows: (SheetRow | undefined)[] = [];
  const merges: string[] = [];
  const rowXform = new RowXform();
  const options = { styles: ctx.styles, sharedStrings: ctx.sharedStrings, date1904: ctx.date1904, formulae: {}, hyperlinkMap: {} };
  const date1904 = ctx.date1904 === true;
  let depth = 0; // 1 inside <worksheet>, 2 inside its children
  let inSheetData = false;
  let inRow = false;
  let inMerges = false;
  let inHyperlinks = false;
  for await (const events of parseSax(utf8(chunks))) {
    for (const { eventType, value } of events) {
      if (eventType === 'opentag') {
        const node = value as XmlNode;
        if (inRow) rowXform.parseOpen(node);
        else if (inSheetData) {
          if (node.name === 'row') {
            inRow = true;
            rowXform.parseOpen(node);
          } else throw new NeedsFullReader();
        } else if (depth === 1) {
          if (node.name === 'sheetData') inSheetData = true;
          else if (node.name === 'mergeCells') inMerges = true;
          else if (node.name === 'hyperlinks') inHyperlinks = true;
        } else if (inMerges && node.name === 'mergeCell') merges.push(node.attributes.ref as string);
        else if (inHyperlinks && node.name === 'hyperlink' && node.attributes['r:id']) throw new NeedsFullReader();
        depth++;
      } else if (eventType === 'text') {
        if (inRow) rowXform.parseText(value as string);
      } else {
        const name = (value as XmlNode).name;
        depth--;
        if (inRow) {
          if (rowXform.parseClose(name)) continue; // still inside the row
          inRow = false;
          const model = rowXform.model;
          rowXform.reconcile(model, options);
          rows[model.number - 1] = rowOf(model, date1904);
        } else if (depth === 1) {
          if (name === 'sheetData') inSheetData = false;
          else if (name === 'mergeCells') inMerges = false;
          else if (name === 'hyperlinks') inHyperlinks = false;
        }
      }
    }
  }
  return { rows, merges: applyMerges(rows, merges) };
}

/** A worksheet part as read: its rows, and its merged areas as the full model keeps them. */
interface SheetPart {
  readonly rows: (SheetRow | undefined)[];
  readonly merges: MergedArea[];
}

/** Row.model's setter: cells by address (or the next column), Merge-typed cells left out. */
function rowOf(model: RowModel, date1904: boolean): SheetRow {
  const row: SheetRow = { cells: [], hasValues: false };
  let previous: { row: number; col: number } | undefined;
  for (const m of model.cells) {
    if (m.type === T.Merge) continue;
    let address: { row: number; col: number };
    if (m.address) address = colCache.decodeAddress(m.address);
    else if (previous) address = { row: previous.row, col: previous.col + 1 };
    else throw new NeedsFullReader();
    previous = address;
    row.cells[address.col - 1] = toCell(valueOfModel(m), date1904);
    if (m.type !== T.Null) row.hasValues = true;
  }
  return row;
}

/**
 * Worksheet._mergeCellsInternal over the parsed rows: every cell of a merge but its top-left becomes a merge
 * cell (it counts as a value for eachRow, reads as its master's value through getCell, as blank through the
 * findCell of readTables); the master is created blank if the file has none.
 */
function applyMerges(rows: (SheetRow | undefined)[], merges: readonly string[]): MergedArea[] {
  const done: InstanceType<typeof Range>[] = [];
  const rowAt = (r: number): SheetRow => (rows[r - 1] ??= { cells: [], hasValues: false });
  for (const ref of merges) {
    const range = new Range(ref);
    if (done.some(d => d.intersects(range))) throw new NeedsFullReader(); // exceljs refuses the workbook
    done.push(range);
    const masterRow = rowAt(range.top);
    if (masterRow.cells[range.left - 1] === undefined) masterRow.cells[range.left - 1] = null;
    const master = masterRow.cells[range.left - 1] ?? null;
    for (let i = range.top; i <= range.bottom; i++)
      for (let j = range.left; j <= range.right; j++) {
        if (i === range.top && j === range.left) continue;
        const row = rowAt(i);
        // Row 1 is read through getCell (the master's value); data rows through findCell (blank).
        row.cells[j - 1] = i === 1 ? master : null;
        row.hasValues = true;
      }
  }
  return sortMerges(done.map(({ top, left, bottom, right }) => ({ top, left, bottom, right })));
}

/** readTables' result from parsed rows. */
function tableOf(name: string, { rows, merges }: SheetPart): RawTable {
  const headerCells = rows[0]?.cells ?? [];
  const width = headerCells.length;
  const header: Cell[] = [];
  for (let c = 0; c < width; c++) header.push(headerCells[c] ?? null);
  const out: RawRow[] = [];
  rows.forEach((row, index) => {
    if (!row?.hasValues || index === 0) return;
    const cells: Cell[] = [];
    for (let c = 0; c < width; c++) cells.push(row.cells[c] ?? null);
    out.push({ rowNumber: index + 1, cells });
  });
  return merges.length > 0 ? { name, header, rows: out, merges } : { name, header, rows: out };
}

type StreamingReader = Record<string, unknown> & {
  on(event: 'entry', listener: (e: { type: string; id?: string }) => void): void;
  parse(): AsyncIterable<{ eventType: string; value: { iterator: AsyncIterable<Buffer | string> } }>;
};

async function readStreaming(bytes: Buffer): Promise<Map<string, RawTable>> {
  const names = zipEntryNames(bytes);
  if (!names || new Set(names).size !== names.length) throw new NeedsFullReader();
  for (const n of names) if (n.startsWith('/') || (LOOSE_WORKSHEET.test(n) && !WORKSHEET.test(n))) throw new NeedsFullReader();
  const has = (n: string) => names.includes(n);
  const expected = new Set(names.flatMap(n => WORKSHEET.exec(n)?.[1] ?? []));

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  }) as unknown as StreamingReader;
  // The parts of xl/ a sheet's cells depend on. The reader would hold back sheets that come before them in
  // temporary files, a path of exceljs 4.4 that stops reading the archive at the first such sheet; so it is
  // told they are all there, and a sheet that comes too early is kept as text until they are.
  let workbook: WorkbookXmlModel | undefined;
  let workbookRels: { Id: string; Target: string }[] | undefined;
  let styles: unknown;
  let sharedStrings: unknown;
  const seen = { workbook: false, styles: false, sharedStrings: false };
  const ready = () =>
    (seen.workbook || !has('xl/workbook.xml')) &&
    (seen.styles || !has('xl/styles.xml')) &&
    (seen.sharedStrings || !has('xl/sharedStrings.xml'));
  Object.defineProperty(reader, 'sharedStrings', { get: () => [], set: () => {}, configurable: true });
  Object.defineProperty(reader, 'workbookRels', { get: () => [], set: () => {}, configurable: true });
  // The full reader's own xforms for each part, fed whole characters.
  reader._parseRels = async (entry: NodeJS.ReadableStream) => {
    workbookRels = await new RelationshipsXform().parseStream(utf8(iterateStream(entry)));
  };
  reader._parseWorkbook = async (entry: NodeJS.ReadableStream) => {
    const xform = new WorkbookXform();
    await xform.parseStream(utf8(iterateStream(entry)));
    workbook = xform.model;
    seen.workbook = true;
  };
  reader._parseStyles = async (entry: NodeJS.ReadableStream) => {
    const xform = new StylesXform();
    await xform.parseStream(utf8(iterateStream(entry)));
    styles = xform;
    seen.styles = true;
  };
  // exceljs iterates what this method returns, so it stays a generator although it yields nothing.
  // biome-ignore lint/correctness/useYield: replaces exceljs' own async generator method
  reader._parseSharedStrings = async function* (entry: NodeJS.ReadableStream) {
    const xform = new SharedStringsXform();
    await xform.parseStream(utf8(iterateStream(entry)));
    sharedStrings = xform;
    seen.sharedStrings = true;
  };
  let sheetNo: string | undefined;
  reader.on('entry', (e: { type: string; id?: string }) => {
    if (e.type === 'worksheet') sheetNo = e.id;
  });

  const parsed = new Map<string, SheetPart>();
  const early = new Map<string, string[]>();
  const context = (): SheetContext => ({ styles, sharedStrings, date1904: workbook?.properties?.date1904 });
  for await (const { eventType, value } of reader.parse()) {
    if (eventType !== 'worksheet') continue;
    if (sheetNo === undefined || parsed.has(sheetNo) || early.has(sheetNo)) throw new NeedsFullReader();
    if (ready()) parsed.set(sheetNo, await readSheetPart(value.iterator, context()));
    else {
      const text: string[] = [];
      for await (const chunk of utf8(value.iterator)) text.push(chunk);
      early.set(sheetNo, text);
    }
    sheetNo = undefined;
  }
  if (
    has('xl/workbook.xml') !== seen.workbook ||
    has('xl/styles.xml') !== seen.styles ||
    has('xl/sharedStrings.xml') !== seen.sharedStrings
  )
    throw new NeedsFullReader();
  for (const [n, text] of early) {
    early.delete(n);
    parsed.set(n, await readSheetPart(chunksOf(text), context()));
  }
  if (parsed.size !== expected.size || [...expected].some(n => !parsed.has(n))) throw new NeedsFullReader();

  // WorkbookXform.reconcile and Workbook's model setter: the sheets in workbook order, named as there.
  const rels = new Map((workbookRels ?? []).map(r => [r.Id, r]));
  const sheets = workbook?.sheets ?? [];
  const byId: { orderNo: number; name: unknown; rows: SheetPart }[] = [];
  const usedParts = new Set<string>();
  for (const sheet of sheets) {
    const rel = rels.get(sheet.rId);
    if (!rel) continue;
    const part = WORKSHEET.exec(`xl/${rel.Target.replace(/^(\s|\/xl\/)+/, '')}`)?.[1];
    const rows = part === undefined ? undefined : parsed.get(part);
    if (!rows) continue;
    if (usedParts.has(part as string) || typeof sheet.id !== 'number' || !(sheet.id >= 1) || byId[sheet.id]) throw new NeedsFullReader();
    usedParts.add(part as string);
    byId[sheet.id] = { orderNo: sheets.findIndex(s => s.id === sheet.id), name: sheet.name, rows };
  }
  const ordered = byId
    .slice(1)
    .sort((a, b) => a.orderNo - b.orderNo)
    .filter(Boolean);
  if (ordered.length === 0) throw new NeedsFullReader(); // the full reader's message for a workbook with no sheet
  const taken = new Set<string>();
  const tables = new Map<string, RawTable>();
  for (const s of ordered) {
    if (!acceptedName(s.name, taken)) throw new NeedsFullReader();
    tables.set(s.name, tableOf(s.name, s.rows));
  }
  return tables;
}

/** The streaming path alone, for tests: rejects where readXlsxTables would fall back to the full reader. */
export const readXlsxTablesStreamingOnly = async (path: string): Promise<Map<string, RawTable>> => readStreaming(workbookBytes(path));

/**
 * All tabs of the .xlsx at path, as readTables(await loadXlsx(path)) gives them, without building exceljs'
 * model of the workbook (see "reading without the full model" ; this module's header). Unreadable files give loadXlsx's messages.
 */
export async function readXlsxTables(path: string): Promise<Map<string, RawTable>> {
  const bytes = workbookBytes(path);
  try {
    return await readStreaming(bytes);
  } catch {
    // Whatever the streaming path could not reproduce or did not accept, the full reader decides.
    return readTables(await loadXlsx(path, bytes));
  }
}
