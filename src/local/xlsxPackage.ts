/**
 * Editing an .xlsx in place, part by part, for `chizai-desk upgrade`: new header cells, column widths, list
 * validations and rows go into the worksheet XML; a new tab is a new worksheet part registered in the workbook.
 * Every other part of the package is carried over byte for byte, so nothing a library would not round-trip
 * (number formats, protection, threaded comments, shapes, tables, charts, whole-column validations) is lost.
 *
 * The worksheet edits are string operations on well-formed SpreadsheetML (ECMA-376 Part 1 §18.3): they touch
 * only the elements named and keep the schema's element order. A prefixed document (<x:worksheet>) is handled.
 */
import JSZip from 'jszip';
import { columnLetter } from '../domain/ledgerReader';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WORKSHEET_REL = `${REL_NS}/worksheet`;
const WORKSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? unescapeXml(m[1] ?? m[2] ?? '') : null;
};

/** 1-based column number of a cell reference's letters: A → 1, AA → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The element prefix the worksheet uses for the main namespace ('' or 'x:'). */
function prefixOf(xml: string): string {
  const m = /<(\w+:)?worksheet[\s>]/.exec(xml);
  return m?.[1] ?? '';
}

// ---- what a worksheet holds -------------------------------------------------------------------------

const CELL = /<(?:\w+:)?c\s([^>]*?)(\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;

/** The last row and column (1-based) holding a value or formula, and the right edge of merges over row 1. */
export function usedExtent(xml: string): { lastRow: number; lastColumn: number; headerRight: number } {
  let lastRow = 0;
  let lastColumn = 0;
  for (const m of xml.matchAll(CELL)) {
    const body = m[3] ?? '';
    if (!/<(?:\w+:)?(?:v|f|is)[\s>/]/.test(body)) continue;
    const ref = /\br="([A-Z]+)(\d+)"/.exec(m[1] ?? '');
    if (!ref) continue;
    lastColumn = Math.max(lastColumn, columnNumber(ref[1] ?? ''));
    lastRow = Math.max(lastRow, Number(ref[2]));
  }
  let headerRight = 0;
  for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\s[^>]*ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g))
    if (Number(m[2]) <= 1) headerRight = Math.max(headerRight, columnNumber(m[3] ?? ''));
  for (const m of xml.matchAll(/<(?:\w+:)?row\s([^>]*?)\/?>/g)) lastRow = Math.max(lastRow, Number(attr(m[1] ?? '', 'r') ?? 0));
  return { lastRow, lastColumn, headerRight };
}

/** The style index of row 1's last cell: new headers look like the ones already there. */
function headerStyle(xml: string): string | null {
  const row1 = /<(?:\w+:)?row\s[^>]*?\br="1"[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/.exec(xml);
  let style: string | null = null;
  for (const m of (row1?.[1] ?? '').matchAll(CELL)) style = attr(m[1] ?? '', 's') ?? style;
  return style;
}

// ---- edits ------------------------------------------------------------------------------------------

export type CellValue = string | number;

function cellXml(p: string, ref: string, value: CellValue, style: string | null): string {
  const s = style === null ? '' : ` s="${style}"`;
  if (typeof value === 'number') return `<${p}c r="${ref}"${s}><${p}v>${value}</${p}v></${p}c>`;
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
  return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t${space}>${escapeXml(value)}</${p}t></${p}is></${p}c>`;
}

/** Elements that may follow <sheetData> in CT_Worksheet, in schema order, up to dataValidations. */
const AFTER_DATA_VALIDATIONS = [
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/** Inserts `text` before the first of `elements` present, else before </worksheet>. */
function insertBefore(xml: string, elements: readonly string[], text: string): string {
  let at = -1;
  for (const e of elements) {
    const m = new RegExp(`<(?:\\w+:)?${e}[\\s>/]`).exec(xml);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) at = xml.search(/<\/(?:\w+:)?worksheet>/);
  return xml.slice(0, at) + text + xml.slice(at);
}

/** Appends cells to row 1 (created when absent). Cells must lie right of every cell row 1 has. */
export function appendHeaderCells(xml: string, cells: readonly { column: number; text: string }[]): string {
  if (cells.length === 0) return xml;
  const p = prefixOf(xml);
  const style = headerStyle(xml);
  const added = cells.map(c => cellXml(p, `${columnLetter(c.column - 1)}1`, c.text, style)).join('');
  const row1 = /<((?:\w+:)?row)\s([^>]*?\br="1"[^>]*?)(\/>|>)/.exec(xml);
  if (row1) {
    // spans is an optional hint of the row's columns; dropped rather than left wrong.
    const open = `<${row1[1]} ${(row1[2] ?? '').replace(/\s*\bspans="[^"]*"/, '').trim()}>`;
    if (row1[3] === '/>') return xml.slice(0, row1.index) + open + added + `</${row1[1]}>` + xml.slice(row1.index + row1[0].length);
    const close = xml.indexOf(`</${row1[1]}>`, row1.index);
    return xml.slice(0, row1.index) + open + xml.slice(row1.index + row1[0].length, close) + added + xml.slice(close);
  }
  const newRow = `<${p}row r="1">${added}</${p}row>`;
  const empty = new RegExp(`<(${p}sheetData)\\s*/>`).exec(xml);
  if (empty) return `${xml.slice(0, empty.index)}<${p}sheetData>${newRow}</${p}sheetData>${xml.slice(empty.index + empty[0].length)}`;
  const open = new RegExp(`<${p}sheetData[^>]*>`).exec(xml);
  if (!open) throw new Error('worksheet without sheetData');
  return xml.slice(0, open.index + open[0].length) + newRow + xml.slice(open.index + open[0].length);
}

/** Appends rows after the sheet's last row; each row's cells by 1-based column. */
export function appendRows(xml: string, firstRow: number, rows: readonly (readonly { column: number; value: CellValue }[])[]): string {
  if (rows.length === 0) return xml;
  const p = prefixOf(xml);
  const text = rows
    .map(
      (cells, i) =>
        `<${p}row r="${firstRow + i}">${[...cells]
          .sort((a, b) => a.column - b.column)
          .map(c => cellXml(p, `${columnLetter(c.column - 1)}${firstRow + i}`, c.value, null))
          .join('')}</${p}row>`
    )
    .join('');
  const empty = new RegExp(`<(${p}sheetData)\\s*/>`).exec(xml);
  if (empty) return `${xml.slice(0, empty.index)}<${p}sheetData>${text}</${p}sheetData>${xml.slice(empty.index + empty[0].length)}`;
  const close = xml.search(new RegExp(`</${p}sheetData>`));
  return xml.slice(0, close) + text + xml.slice(close);
}

/**
 * Gives each listed column its width, shown: a <col> range that covers one (a hidden K:XFD of unused columns,
 * say) is split around it, so the new column is visible and the others keep their settings.
 */
export function setColumnWidths(xml: string, widths: readonly { column: number; width: number }[]): string {
  if (widths.length === 0) return xml;
  const p = prefixOf(xml);
  const wanted = new Map(widths.map(w => [w.column, w.width]));
  const colsMatch = new RegExp(`<${p}cols>([\\s\\S]*?)</${p}cols>`).exec(xml);
  type Col = { min: number; max: number; attrs: string };
  const cols: Col[] = [];
  for (const m of (colsMatch?.[1] ?? '').matchAll(/<(?:\w+:)?col\s([^>]*?)\/?>/g)) {
    const attrs = (m[1] ?? '').replace(/\s*\b(min|max)="[^"]*"/g, '').trim();
    cols.push({ min: Number(attr(m[1] ?? '', 'min')), max: Number(attr(m[1] ?? '', 'max')), attrs });
  }
  const out: Col[] = [];
  for (const c of cols) {
    let start = c.min;
    for (let k = c.min; k <= c.max; k++)
      if (wanted.has(k)) {
        if (k > start) out.push({ ...c, min: start, max: k - 1 });
        start = k + 1;
      }
    if (start <= c.max) out.push({ ...c, min: start, max: c.max });
  }
  for (const [column, width] of wanted) out.push({ min: column, max: column, attrs: `width="${width}" customWidth="1"` });
  out.sort((a, b) => a.min - b.min);
  const text = `<${p}cols>${out.map(c => `<${p}col min="${c.min}" max="${c.max}" ${c.attrs}/>`).join('')}</${p}cols>`;
  if (colsMatch) return xml.slice(0, colsMatch.index) + text + xml.slice(colsMatch.index + colsMatch[0].length);
  const data = new RegExp(`<${p}sheetData[\\s>/]`).exec(xml);
  if (!data) throw new Error('worksheet without sheetData');
  return xml.slice(0, data.index) + text + xml.slice(data.index);
}

/** A dropdown (never enforced: people may type anything, check explains) on rows 2.. of a column. */
export function addListValidation(xml: string, column: number, list: readonly string[], lastRow: number, prompt: string): string {
  const p = prefixOf(xml);
  const letter = columnLetter(column - 1);
  const rule = `<${p}dataValidation type="list" allowBlank="1" showErrorMessage="0" showInputMessage="1" prompt="${escapeXml(prompt)}" sqref="${letter}2:${letter}${lastRow}"><${p}formula1>${escapeXml(`"${list.join(',')}"`)}</${p}formula1></${p}dataValidation>`;
  const existing = new RegExp(`<(${p}dataValidations)([^>]*)>`).exec(xml);
  if (existing) {
    const count = Number(attr(existing[2] ?? '', 'count') ?? 0) + 1;
    const open = `<${existing[1]}${(existing[2] ?? '').replace(/\s*\bcount="[^"]*"/, '')} count="${count}">`;
    const close = xml.indexOf(`</${existing[1]}>`, existing.index);
    return xml.slice(0, existing.index) + open + xml.slice(existing.index + existing[0].length, close) + rule + xml.slice(close);
  }
  return insertBefore(xml, AFTER_DATA_VALIDATIONS, `<${p}dataValidations count="1">${rule}</${p}dataValidations>`);
}

/** Widens <dimension> (an optional hint of the used range) to the given last column and row. */
export function widenDimension(xml: string, lastColumn: number, lastRow: number): string {
  return xml.replace(
    /(<(?:\w+:)?dimension\s[^>]*ref=")([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/,
    (_all, head: string, c1: string, r1: string, c2?: string, r2?: string) => {
      const right = Math.max(columnNumber(c2 ?? c1), lastColumn);
      const bottom = Math.max(Number(r2 ?? r1), lastRow);
      return `${head}${c1}${r1}:${columnLetter(right - 1)}${bottom}"`;
    }
  );
}

// ---- a new worksheet --------------------------------------------------------------------------------

export interface NewSheet {
  readonly header: readonly string[];
  readonly widths: readonly number[];
  readonly rows: readonly (readonly CellValue[])[];
  readonly validations: readonly { column: number; list: readonly string[]; prompt: string }[];
  readonly headerStyle: string | null;
  /** The system's tab (実行ログ): protected, as init protects it. */
  readonly protect: boolean;
}

export function newSheetXml(sheet: NewSheet, validationRows: number): string {
  const header = sheet.header.map((text, i) => cellXml('', `${columnLetter(i)}1`, text, sheet.headerStyle)).join('');
  const rows = sheet.rows
    .map((row, r) => {
      const cells = row.flatMap((v, i) => (v === '' ? [] : [cellXml('', `${columnLetter(i)}${r + 2}`, v, null)])).join('');
      return `<row r="${r + 2}">${cells}</row>`;
    })
    .join('');
  const cols = sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  let xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><dimension ref="A1:${columnLetter(Math.max(sheet.header.length, 1) - 1)}${sheet.rows.length + 1}"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData><row r="1">${header}</row>${rows}</sheetData>${sheet.protect ? '<sheetProtection sheet="1" objects="1" scenarios="1"/>' : ''}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  for (const v of sheet.validations) xml = addListValidation(xml, v.column, v.list, validationRows, v.prompt);
  return xml;
}

// ---- the package ------------------------------------------------------------------------------------

export interface SheetPart {
  readonly name: string;
  /** The part's path in the zip, e.g. xl/worksheets/sheet1.xml. */
  readonly path: string;
}

const resolvePart = (base: string, target: string): string => {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
};

export class XlsxPackage {
  private constructor(
    private readonly zip: JSZip,
    private workbookPath: string,
    private readonly texts: Map<string, string>
  ) {}

  static async load(bytes: Buffer): Promise<XlsxPackage> {
    const zip = await JSZip.loadAsync(bytes);
    const texts = new Map<string, string>();
    const read = async (path: string): Promise<string> => {
      const file = zip.file(path);
      if (!file) throw new Error(`missing part ${path}`);
      const text = await file.async('string');
      texts.set(path, text);
      return text;
    };
    const rootRels = await read('_rels/.rels');
    const officeDoc = [...rootRels.matchAll(/<Relationship\s[^>]*>/g)]
      .map(m => m[0])
      .find(r => (attr(r, 'Type') ?? '').endsWith('/officeDocument'));
    const workbookPath = resolvePart('', attr(officeDoc ?? '', 'Target') ?? 'xl/workbook.xml');
    const pkg = new XlsxPackage(zip, workbookPath, texts);
    await read(workbookPath);
    await read(pkg.workbookRelsPath);
    await read('[Content_Types].xml');
    for (const s of pkg.sheets()) await read(s.path);
    return pkg;
  }

  private get workbookRelsPath(): string {
    const dir = this.workbookPath.split('/').slice(0, -1).join('/');
    const file = this.workbookPath.split('/').pop() ?? 'workbook.xml';
    return `${dir ? `${dir}/` : ''}_rels/${file}.rels`;
  }

  private text(path: string): string {
    const t = this.texts.get(path);
    if (t === undefined) throw new Error(`part not loaded: ${path}`);
    return t;
  }

  /** Every worksheet tab in workbook order, with its part. */
  sheets(): SheetPart[] {
    const rels = new Map<string, string>();
    for (const m of this.text(this.workbookRelsPath).matchAll(/<Relationship\s[^>]*>/g)) {
      const id = attr(m[0], 'Id');
      const target = attr(m[0], 'Target');
      if (id && target && (attr(m[0], 'Type') ?? '').endsWith('/worksheet')) rels.set(id, resolvePart(this.workbookPath, target));
    }
    const sheets: SheetPart[] = [];
    for (const m of this.text(this.workbookPath).matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)) {
      const name = attr(m[0], 'name');
      const id = /\s(?:\w+:)?id\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
      const path = id ? rels.get(id) : undefined;
      if (name !== null && path) sheets.push({ name, path });
    }
    return sheets;
  }

  sheetXml(path: string): string {
    return this.text(path);
  }

  setSheetXml(path: string, xml: string): void {
    this.texts.set(path, xml);
    this.zip.file(path, xml);
  }

  /** Adds a worksheet tab after the others: its part, the workbook's relationship and sheet entry, the content type. */
  addSheet(name: string, xml: string): void {
    const dir = this.workbookPath.split('/').slice(0, -1).join('/');
    const used = new Set(this.zip.file(/./).map(f => f.name));
    let n = 1;
    while (used.has(`${dir}/worksheets/sheet${n}.xml`)) n++;
    const path = `${dir}/worksheets/sheet${n}.xml`;
    this.setSheetXml(path, xml);

    const rels = this.text(this.workbookRelsPath);
    const ids = new Set([...rels.matchAll(/\sId="([^"]*)"/g)].map(m => m[1]));
    let k = 1;
    while (ids.has(`rId${k}`)) k++;
    const rel = `<Relationship Id="rId${k}" Type="${WORKSHEET_REL}" Target="worksheets/sheet${n}.xml"/>`;
    this.setPart(
      this.workbookRelsPath,
      rels.replace(/<\/(\w+:)?Relationships>/, m => rel + m)
    );

    const wb = this.text(this.workbookPath);
    const relPrefix = new RegExp(`xmlns:(\\w+)="${REL_NS.replace(/[/.]/g, '\\$&')}"`).exec(wb)?.[1];
    const sheetIds = [...wb.matchAll(/<(?:\w+:)?sheet\s[^>]*sheetId="(\d+)"/g)].map(m => Number(m[1]));
    const p = /<(\w+:)?sheets[\s>]/.exec(wb)?.[1] ?? '';
    const idAttr = relPrefix ? `${relPrefix}:id` : 'r:id';
    const nsDecl = relPrefix ? '' : ` xmlns:r="${REL_NS}"`;
    const entry = `<${p}sheet name="${escapeXml(name)}" sheetId="${Math.max(0, ...sheetIds) + 1}" ${idAttr}="rId${k}"${nsDecl}/>`;
    this.setPart(
      this.workbookPath,
      wb.replace(new RegExp(`</${p}sheets>`), m => entry + m)
    );

    const types = this.text('[Content_Types].xml');
    const override = `<Override PartName="/${path}" ContentType="${WORKSHEET_TYPE}"/>`;
    this.setPart(
      '[Content_Types].xml',
      types.replace(/<\/(\w+:)?Types>/, m => override + m)
    );
  }

  private setPart(path: string, text: string): void {
    this.texts.set(path, text);
    this.zip.file(path, text);
  }

  async bytes(): Promise<Buffer> {
    return this.zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  }
}

/**
 * The package with its cell-comment parts where exceljs looks for them, or null when nothing needed moving.
 * exceljs finds a sheet's notes only at xl/commentsN.xml and xl/drawings/vmlDrawingN.vml, named by a relative
 * Target; openpyxl writes xl/comments/comment1.xml and xl/drawings/commentsDrawing1.vml with absolute Targets,
 * and exceljs then fails to load the workbook at all. Only the part names, the sheets' relationships to them and
 * their content types change; the notes themselves are the same bytes.
 */
export async function commentsWhereExcelJsLooks(bytes: Buffer): Promise<Buffer | null> {
  const zip = await JSZip.loadAsync(bytes);
  const moves = new Map<string, string>();
  let anyChange = false;
  const used = new Set(zip.file(/./).map(f => f.name));
  const freeName = (make: (n: number) => string): string => {
    let n = 1;
    while (used.has(make(n))) n++;
    used.add(make(n));
    return make(n);
  };
  for (const relsFile of zip.file(/^xl\/worksheets\/_rels\/[^/]+\.xml\.rels$/)) {
    const relsPath = relsFile.name;
    const sheetPath = relsPath.replace('_rels/', '').replace(/\.rels$/, '');
    const xml = await relsFile.async('string');
    let changed = false;
    const rewritten = xml.replace(/<Relationship\s[^>]*>/g, rel => {
      const type = attr(rel, 'Type') ?? '';
      const target = attr(rel, 'Target');
      if (target === null || attr(rel, 'TargetMode') === 'External') return rel;
      const isComments = type.endsWith('/comments');
      const isVml = type.endsWith('/vmlDrawing');
      if (!isComments && !isVml) return rel;
      const from = resolvePart(sheetPath, target);
      const expected = isComments ? /^xl\/comments\d+\.xml$/ : /^xl\/drawings\/vmlDrawing\d+\.vml$/;
      if (expected.test(from) && !target.startsWith('/')) return rel;
      const to = expected.test(from) ? from : freeName(n => (isComments ? `xl/comments${n}.xml` : `xl/drawings/vmlDrawing${n}.vml`));
      if (to !== from) moves.set(from, to);
      changed = true;
      return rel.replace(/\sTarget="[^"]*"/, ` Target="../${to.slice('xl/'.length)}"`);
    });
    if (changed) {
      zip.file(relsPath, rewritten);
      anyChange = true;
    }
  }
  if (!anyChange) return null;
  for (const [from, to] of moves) {
    const file = zip.file(from);
    if (!file) continue;
    zip.file(to, await file.async('uint8array'));
    zip.remove(from);
  }
  const types = zip.file('[Content_Types].xml');
  if (types && moves.size > 0) {
    let xml = await types.async('string');
    for (const [from, to] of moves) xml = xml.split(`PartName="/${from}"`).join(`PartName="/${to}"`);
    zip.file('[Content_Types].xml', xml);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
