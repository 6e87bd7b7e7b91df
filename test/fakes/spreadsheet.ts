/**
 * SpreadsheetApp fake: one spreadsheet, its sheets as sparse grids of cells
 * (value, formula, note, background, validation, number format), ranges,
 * data validation and protections.
 */

import { type FakeEmbeddedChart, FakeEmbeddedChartBuilder } from './charts';
import { Fake, isDate, makeEnum, type Public, type Runtime, type Slice, signatureError } from './counter';
import { FakeUi, type UiState } from './ui';

type GSheet = typeof GoogleAppsScript.Spreadsheet;
type ProtectionType = GoogleAppsScript.Spreadsheet.ProtectionType;

export const DataValidationCriteria = makeEnum<GSheet['DataValidationCriteria']>([
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
]);
export const ProtectionType = makeEnum<GSheet['ProtectionType']>(['RANGE', 'SHEET']);

// ---------------------------------------------------------------------------------------------
// Cells and typed-input interpretation
// ---------------------------------------------------------------------------------------------

export type CellValue = string | number | boolean | Date;

/**
 * What getValues() returns for a formula cell. The fake does not evaluate
 * formulas; a visible error string makes an accidental formula obvious.
 */
export const FORMULA_VALUE = '#ERROR!';
export const DEFAULT_BACKGROUND = '#ffffff';
/** What getNumberFormat() returns for a cell whose format was never set ("Automatic"). */
export const DEFAULT_NUMBER_FORMAT = '0.###############';
export const DEFAULT_COLUMN_WIDTH = 100;

export interface Cell {
  value: CellValue;
  formula: string;
  note: string;
  background: string;
  validation: FakeDataValidation | null;
  numberFormat: string;
}

const EMPTY_CELL: Readonly<Cell> = Object.freeze({
  value: '',
  formula: '',
  note: '',
  background: DEFAULT_BACKGROUND,
  validation: null,
  numberFormat: DEFAULT_NUMBER_FORMAT,
});

export interface FormulaWrite {
  sheet: string;
  a1: string;
  formula: string;
  by: 'script' | 'user';
}

/**
 * Sheets' reading of a value written with setValue/setValues (and of what a
 * user types): `'text` stores `text` literally (apostrophe dropped), `=...`
 * becomes a formula; other strings stay strings (the fake does not turn
 * numeric or date-like strings into numbers or dates).
 */
export function interpretInput(v: unknown): { value: CellValue; formula: string } {
  if (v === null || v === undefined) return { value: '', formula: '' };
  if (typeof v === 'string') {
    if (v.startsWith("'")) return { value: v.slice(1), formula: '' };
    if (v.length > 1 && v.startsWith('=')) return { value: FORMULA_VALUE, formula: v };
    return { value: v, formula: '' };
  }
  if (typeof v === 'number' || typeof v === 'boolean') return { value: v, formula: '' };
  if (isDate(v)) return { value: v, formula: '' };
  return { value: String(v), formula: '' };
}

/** Raw seed values (addSheet / options.sheets) are stored as given: no formula interpretation. */
function seedValue(v: unknown): CellValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || isDate(v)) return v;
  return String(v);
}

const NAMED_COLORS: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  green: '#008000',
  lime: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
  purple: '#800080',
  pink: '#ffc0cb',
  cyan: '#00ffff',
  magenta: '#ff00ff',
};

/** Sheets stores colours as lower-case #rrggbb; null means the default (white). */
export function normalizeColor(c: string | null | undefined): string {
  if (c === null || c === undefined || c === '') return DEFAULT_BACKGROUND;
  const s = String(c).trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(s);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return NAMED_COLORS[s] ?? s;
}

// ---------------------------------------------------------------------------------------------
// A1 notation
// ---------------------------------------------------------------------------------------------

export function columnToLetters(col: number): string {
  let n = col;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1Of(row: number, col: number, numRows = 1, numCols = 1): string {
  const start = `${columnToLetters(col)}${row}`;
  if (numRows === 1 && numCols === 1) return start;
  return `${start}:${columnToLetters(col + numCols - 1)}${row + numRows - 1}`;
}

interface Box {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/** 'B3', 'A1:C3', 'A:C', '2:5', 'A2:C' (open-ended), with optional $ signs. */
export function parseA1(a1: string, maxRows: number, maxCols: number): Box | null {
  const s = a1.trim().replace(/\$/g, '').toUpperCase();
  const parts = s.split(':');
  if (parts.length > 2 || parts.length === 0) return null;
  const ref = (p: string): { col?: number; row?: number } | null => {
    const m = /^([A-Z]*)(\d*)$/.exec(p);
    if (!m || (m[1] === '' && m[2] === '')) return null;
    return {
      ...(m[1] ? { col: lettersToColumn(m[1]) } : {}),
      ...(m[2] ? { row: Number(m[2]) } : {}),
    };
  };
  const a = ref(parts[0] ?? '');
  if (!a) return null;
  if (parts.length === 1) {
    if (a.col === undefined || a.row === undefined) return null;
    return { row: a.row, col: a.col, numRows: 1, numCols: 1 };
  }
  const b = ref(parts[1] ?? '');
  if (!b) return null;
  const r1 = a.row ?? 1;
  const c1 = a.col ?? 1;
  const r2 = b.row ?? (a.row === undefined || b.col !== undefined ? maxRows : r1);
  const c2 = b.col ?? (a.col === undefined || b.row !== undefined ? maxCols : c1);
  if ((a.row === undefined) !== (b.row === undefined) && a.row === undefined) return null;
  if ((a.col === undefined) !== (b.col === undefined) && a.col === undefined) return null;
  const row = Math.min(r1, r2);
  const col = Math.min(c1, c2);
  return { row, col, numRows: Math.abs(r2 - r1) + 1, numCols: Math.abs(c2 - c1) + 1 };
}

// ---------------------------------------------------------------------------------------------
// Shared state of the spreadsheet family
// ---------------------------------------------------------------------------------------------

export interface SheetsWorld {
  rt: Runtime;
  timeZone: string;
  formulasCreated: FormulaWrite[];
  protections: FakeProtection[];
  ui: UiState;
  uiObject: FakeUi | null;
  nextSheetSeq: number;
  nextChartId: number;
}

// ---------------------------------------------------------------------------------------------
// SpreadsheetApp
// ---------------------------------------------------------------------------------------------

export class FakeSpreadsheetApp extends Fake implements Slice<GoogleAppsScript.Spreadsheet.SpreadsheetApp, Public<FakeSpreadsheetApp>> {
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly ProtectionType = ProtectionType;

  constructor(
    private readonly world: SheetsWorld,
    private readonly spreadsheet: FakeSpreadsheet
  ) {
    super(world.rt, 'SpreadsheetApp');
  }

  getActiveSpreadsheet(): FakeSpreadsheet {
    return this.spreadsheet;
  }

  /** Throws in trigger contexts, like Apps Script ('Cannot call SpreadsheetApp.getUi() from this context.'). */
  getUi(): FakeUi {
    if (!this.world.ui.available) throw this._rt.error('Cannot call SpreadsheetApp.getUi() from this context.');
    this.world.uiObject ??= new FakeUi(this._rt, this.world.ui);
    return this.world.uiObject;
  }

  newDataValidation(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder(this._rt);
  }
}

// ---------------------------------------------------------------------------------------------
// Spreadsheet
// ---------------------------------------------------------------------------------------------

export class FakeSpreadsheet extends Fake implements Slice<GoogleAppsScript.Spreadsheet.Spreadsheet, Public<FakeSpreadsheet>> {
  readonly _sheets: FakeSheet[] = [];

  constructor(
    readonly _world: SheetsWorld,
    private readonly id: string,
    private name: string,
    private readonly url: string
  ) {
    super(_world.rt, 'Spreadsheet');
  }

  getId(): string {
    return this.id;
  }

  getUrl(): string {
    return this.url;
  }

  getName(): string {
    return this.name;
  }

  getSpreadsheetTimeZone(): string {
    return this._world.timeZone;
  }

  getSheets(): FakeSheet[] {
    return [...this._sheets];
  }

  /** null when absent. Sheet names are matched case-insensitively, as in Sheets. */
  getSheetByName(name: string): FakeSheet | null {
    return this._find(String(name)) ?? null;
  }

  /**
   * insertSheet(), insertSheet(name), insertSheet(name, index), insertSheet(index).
   * The new sheet becomes active. A taken name throws like Sheets.
   */
  insertSheet(nameOrIndex?: string | number, indexOrOptions?: number | { template?: unknown }): FakeSheet {
    let name: string | undefined;
    let index: number | undefined;
    if (typeof nameOrIndex === 'string') name = nameOrIndex;
    else if (typeof nameOrIndex === 'number') index = nameOrIndex;
    if (typeof indexOrOptions === 'number') index = indexOrOptions;
    if (name === undefined || name === '') {
      let n = this._sheets.length + 1;
      while (this._find(`Sheet${n}`)) n += 1;
      name = `Sheet${n}`;
    }
    if (this._find(name)) {
      throw this._rt.error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    return this._addSheet(name, [], index);
  }

  _find(name: string): FakeSheet | undefined {
    const key = name.toLowerCase();
    return this._sheets.find(s => s._name.toLowerCase() === key);
  }

  /** Test seeding: add (or replace the content of) a sheet without counting calls. */
  _addSheet(name: string, rows: readonly (readonly unknown[])[], index?: number): FakeSheet {
    const seq = this._world.nextSheetSeq++;
    const sheetId = seq === 0 ? 0 : 1_000_003 * seq + 17;
    const sheet = new FakeSheet(this._world, this, name, sheetId, rows);
    if (index === undefined || index > this._sheets.length) this._sheets.push(sheet);
    else this._sheets.splice(Math.max(0, index), 0, sheet);
    return sheet;
  }
}

// ---------------------------------------------------------------------------------------------
// Sheet
// ---------------------------------------------------------------------------------------------

export class FakeSheet extends Fake implements Slice<GoogleAppsScript.Spreadsheet.Sheet, Public<FakeSheet>> {
  private readonly grid: Array<Array<Cell | undefined> | undefined> = [];
  _maxRows: number;
  _maxCols: number;
  private frozenRows = 0;
  private readonly columnWidths = new Map<number, number>();
  readonly _charts: FakeEmbeddedChart[] = [];
  /** Merged areas (Range.merge), in the order they were made. */
  _merges: { row: number; col: number; numRows: number; numCols: number }[] = [];

  constructor(
    readonly _world: SheetsWorld,
    readonly _spreadsheet: FakeSpreadsheet,
    readonly _name: string,
    private readonly sheetId: number,
    rows: readonly (readonly unknown[])[]
  ) {
    super(_world.rt, 'Sheet');
    this._maxRows = 1000;
    this._maxCols = 26;
    this._seed(rows);
  }

  getName(): string {
    return this._name;
  }

  getSheetId(): number {
    return this.sheetId;
  }

  /** 0 on an empty sheet; otherwise the last row holding a value or formula. */
  getLastRow(): number {
    for (let r = this.grid.length; r >= 1; r--) {
      const row = this.grid[r - 1];
      if (row?.some(c => c !== undefined && hasContent(c))) return r;
    }
    return 0;
  }

  getLastColumn(): number {
    let last = 0;
    for (const row of this.grid) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) {
        const cell = row[c - 1];
        if (cell && hasContent(cell)) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  getMaxRows(): number {
    return this._maxRows;
  }

  /** getRange(row, column, numRows?, numColumns?) or getRange(a1Notation). */
  getRange(...given: [rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number]): FakeRange {
    const [rowOrA1, column, numRows, numColumns] = given;
    if (typeof rowOrA1 === 'string' && column === undefined) {
      const box = parseA1(rowOrA1, this._maxRows, this._maxCols);
      if (!box) throw this._rt.error('Range not found');
      return this._range(box.row, box.col, box.numRows, box.numCols);
    }
    const args = given;
    const bad = (v: unknown, required: boolean): boolean =>
      required ? typeof v !== 'number' || Number.isNaN(v) : v !== undefined && (typeof v !== 'number' || Number.isNaN(v));
    if (bad(rowOrA1, true) || bad(column, true) || bad(numRows, false) || bad(numColumns, false)) {
      throw signatureError(this._rt, 'SpreadsheetApp.Sheet.getRange', args);
    }
    return this._range(rowOrA1 as number, column as number, numRows ?? 1, numColumns ?? 1);
  }

  /** The used area A1:(lastRow, lastColumn); A1 on an empty sheet. */
  getDataRange(): FakeRange {
    return this._range(1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }

  setFrozenRows(rows: number): void {
    this.frozenRows = rows;
  }

  getFrozenRows(): number {
    return this.frozenRows;
  }

  setColumnWidth(columnPosition: number, width: number): this {
    this.columnWidths.set(columnPosition, width);
    return this;
  }

  /** A builder for a chart on this sheet; the chart is in the sheet only once insertChart is called. */
  newChart(): FakeEmbeddedChartBuilder {
    return new FakeEmbeddedChartBuilder(this._rt, this, null, null);
  }

  insertChart(chart: FakeEmbeddedChart | GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const c = chart as FakeEmbeddedChart;
    if (c._sheet !== this) throw this._rt.error('The chart belongs to another sheet.');
    if (c.getChartId() !== null) throw this._rt.error('The chart is already in the sheet.');
    c._chartId = this._world.nextChartId++;
    this._charts.push(c);
  }

  getCharts(): FakeEmbeddedChart[] {
    return [...this._charts];
  }

  removeChart(chart: FakeEmbeddedChart | GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const i = this._charts.findIndex(x => x._chartId === (chart as FakeEmbeddedChart)._chartId);
    if (i < 0) throw this._rt.error('The chart is not in the sheet.');
    this._charts.splice(i, 1);
  }

  /** The sheet's protection (an existing one is returned rather than duplicated). */
  protect(): FakeProtection {
    const existing = this._world.protections.find(p => p._sheet === this && p._type === 'SHEET');
    if (existing) return existing;
    const p = new FakeProtection(this._world, 'SHEET', this, null);
    this._world.protections.push(p);
    return p;
  }

  getProtections(type: ProtectionType): FakeProtection[] {
    return this._world.protections.filter(p => p._sheet === this && p._type === String(type));
  }

  // ----- internals (not counted) -----

  _range(row: number, col: number, numRows: number, numCols: number): FakeRange {
    if (row < 1) throw this._rt.error('The starting row of the range is too small.');
    if (col < 1) throw this._rt.error('The starting column of the range is too small.');
    if (numRows < 1) throw this._rt.error('The number of rows in the range must be at least 1.');
    if (numCols < 1) throw this._rt.error('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > this._maxRows || col + numCols - 1 > this._maxCols) {
      throw this._rt.error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this._world, this, row, col, numRows, numCols);
  }

  _cell(row: number, col: number): Readonly<Cell> {
    return this.grid[row - 1]?.[col - 1] ?? EMPTY_CELL;
  }

  _cellForWrite(row: number, col: number): Cell {
    let r = this.grid[row - 1];
    if (!r) {
      r = [];
      this.grid[row - 1] = r;
    }
    let cell = r[col - 1];
    if (!cell) {
      cell = { ...EMPTY_CELL };
      r[col - 1] = cell;
    }
    return cell;
  }

  /** Write one cell as typed input (formula / apostrophe rules), recording formulas. */
  _write(row: number, col: number, input: unknown, by: 'script' | 'user'): void {
    const { value, formula } = interpretInput(input);
    const cell = this._cellForWrite(row, col);
    cell.value = value;
    cell.formula = formula;
    if (formula !== '') this._world.formulasCreated.push({ sheet: this._name, a1: a1Of(row, col), formula, by });
  }

  /** Test seeding: replace all values with raw `rows` (formats, notes and validations are kept). */
  _seed(rows: readonly (readonly unknown[])[]): void {
    for (const line of this.grid) {
      for (const cell of line ?? []) {
        if (!cell) continue;
        cell.value = '';
        cell.formula = '';
      }
    }
    let width = 0;
    rows.forEach((row, r) => {
      row.forEach((v, c) => {
        const value = seedValue(v);
        if (value !== '') this._cellForWrite(r + 1, c + 1).value = value;
      });
      width = Math.max(width, row.length);
    });
    this._maxRows = Math.max(this._maxRows, rows.length);
    this._maxCols = Math.max(this._maxCols, width);
  }

  /** Raw values of the used area, without counting calls (for assertions). */
  _values(): CellValue[][] {
    const rows = this.getLastRow();
    const cols = this.getLastColumn();
    const out: CellValue[][] = [];
    for (let r = 1; r <= rows; r++) {
      const line: CellValue[] = [];
      for (let c = 1; c <= cols; c++) line.push(this._cell(r, c).value);
      out.push(line);
    }
    return out;
  }
}

function hasContent(c: Readonly<Cell>): boolean {
  return c.value !== '' || c.formula !== '';
}

// ---------------------------------------------------------------------------------------------
// Range
// ---------------------------------------------------------------------------------------------

export class FakeRange extends Fake implements Slice<GoogleAppsScript.Spreadsheet.Range, Public<FakeRange>> {
  constructor(
    private readonly world: SheetsWorld,
    readonly _sheet: FakeSheet,
    readonly _row: number,
    readonly _col: number,
    readonly _numRows: number,
    readonly _numCols: number
  ) {
    super(world.rt, 'Range');
  }

  // ----- geometry -----

  getRow(): number {
    return this._row;
  }

  getLastRow(): number {
    return this._row + this._numRows - 1;
  }

  /** 'A15:C27'; a single cell is 'B3'. */
  /** 'B2:C4', or 'B2' for one cell (sheetTables reads merged areas by it). */
  getA1Notation(): string {
    return a1Of(this._row, this._col, this._numRows, this._numCols);
  }

  getSheet(): FakeSheet {
    return this._sheet;
  }

  // ----- merged cells -----

  /** Merged areas fully within this range or containing at least one of its cells (Google's definition). */
  getMergedRanges(): FakeRange[] {
    return this._sheet._merges.filter(m => this.intersects(m)).map(m => this._sheet._range(m.row, m.col, m.numRows, m.numCols));
  }

  /** Merges the range into one cell; only the top-left value is kept (the others are cleared), as in Sheets. */
  merge(): this {
    const partly = this._sheet._merges.some(m => this.intersects(m) && !this.contains(m));
    if (partly) throw this._rt.error('You must select all cells in a merged range to merge or unmerge them.');
    this._sheet._merges = this._sheet._merges.filter(m => !this.contains(m));
    this.each((r, c, i, j) => {
      if (i === 0 && j === 0) return;
      const cell = this._sheet._cellForWrite(r, c);
      cell.value = '';
      cell.formula = '';
    });
    if (this._numRows * this._numCols > 1)
      this._sheet._merges.push({ row: this._row, col: this._col, numRows: this._numRows, numCols: this._numCols });
    return this;
  }

  private intersects(m: { row: number; col: number; numRows: number; numCols: number }): boolean {
    return (
      m.row <= this._row + this._numRows - 1 &&
      m.row + m.numRows - 1 >= this._row &&
      m.col <= this._col + this._numCols - 1 &&
      m.col + m.numCols - 1 >= this._col
    );
  }

  private contains(m: { row: number; col: number; numRows: number; numCols: number }): boolean {
    return (
      m.row >= this._row &&
      m.row + m.numRows - 1 <= this._row + this._numRows - 1 &&
      m.col >= this._col &&
      m.col + m.numCols - 1 <= this._col + this._numCols - 1
    );
  }

  // ----- values -----

  /** Exactly numRows × numColumns; '' for empty cells, a fresh Date for date cells. */
  getValues(): CellValue[][] {
    return this.map(c => this.out(c.value));
  }

  getValue(): CellValue {
    return this.out(this.topLeft().value);
  }

  setValues(values: unknown[][]): this {
    const data = this.checkShape(values, 'setValues');
    this.each((r, c, i, j) => this._sheet._write(r, c, data[i]?.[j], 'script'));
    return this;
  }

  // ----- notes -----

  getNotes(): string[][] {
    return this.map(c => c.note);
  }

  getNote(): string {
    return this.topLeft().note;
  }

  setNotes(notes: Array<Array<string | null>>): this {
    const data = this.checkShape(notes, 'setNotes');
    this.each((r, c, i, j) => {
      this._sheet._cellForWrite(r, c).note = noteText(data[i]?.[j]);
    });
    return this;
  }

  // ----- backgrounds -----

  getBackgrounds(): string[][] {
    return this.map(c => c.background);
  }

  getBackground(): string {
    return this.topLeft().background;
  }

  setBackgrounds(color: Array<Array<string | null>>): this {
    const data = this.checkShape(color, 'setBackgrounds');
    this.each((r, c, i, j) => {
      this._sheet._cellForWrite(r, c).background = normalizeColor(data[i]?.[j] as string | null | undefined);
    });
    return this;
  }

  // ----- data validation -----

  getDataValidation(): FakeDataValidation | null {
    return this.topLeft().validation;
  }

  setDataValidation(rule: FakeDataValidation | GoogleAppsScript.Spreadsheet.DataValidation | null): this {
    const v = this.validationOf(rule, 'setDataValidation');
    this.each((r, c) => {
      this._sheet._cellForWrite(r, c).validation = v;
    });
    return this;
  }

  // ----- number formats -----

  // ----- protection -----

  protect(): FakeProtection {
    const p = new FakeProtection(this.world, 'RANGE', this._sheet, this);
    this.world.protections.push(p);
    return p;
  }

  // ----- internals -----

  private topLeft(): Readonly<Cell> {
    return this._sheet._cell(this._row, this._col);
  }

  private map<T>(f: (c: Readonly<Cell>) => T): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < this._numRows; i++) {
      const line: T[] = [];
      for (let j = 0; j < this._numCols; j++) line.push(f(this._sheet._cell(this._row + i, this._col + j)));
      out.push(line);
    }
    return out;
  }

  private each(f: (row: number, col: number, i: number, j: number) => void): void {
    for (let i = 0; i < this._numRows; i++) {
      for (let j = 0; j < this._numCols; j++) f(this._row + i, this._col + j, i, j);
    }
  }

  private out(v: CellValue): CellValue {
    return isDate(v) ? this._rt.date(v.getTime()) : v;
  }

  /** Apps Script's shape check for the set…s(matrix) methods. */
  private checkShape<T>(data: T[][], method: string): T[][] {
    if (!Array.isArray(data)) throw signatureError(this._rt, `SpreadsheetApp.Range.${method}`, [data]);
    if (data.length !== this._numRows) {
      throw this._rt.error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this._numRows}.`
      );
    }
    for (const row of data) {
      if (!Array.isArray(row)) throw signatureError(this._rt, `SpreadsheetApp.Range.${method}`, [data]);
      if (row.length !== this._numCols) {
        throw this._rt.error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this._numCols}.`
        );
      }
    }
    return data;
  }

  private validationOf(rule: unknown, method: string): FakeDataValidation | null {
    if (rule === null || rule === undefined) return null;
    if ((rule as { _kind?: unknown })._kind !== 'DataValidation') throw signatureError(this._rt, `SpreadsheetApp.Range.${method}`, [rule]);
    return rule as FakeDataValidation;
  }
}

function noteText(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

// ---------------------------------------------------------------------------------------------
// Data validation
// ---------------------------------------------------------------------------------------------

interface RuleSpec {
  criteria: string | null;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

export class FakeDataValidationBuilder
  extends Fake
  implements Slice<GoogleAppsScript.Spreadsheet.DataValidationBuilder, Public<FakeDataValidationBuilder>>
{
  private spec: RuleSpec;

  constructor(rt: Runtime, spec?: RuleSpec) {
    super(rt, 'DataValidationBuilder');
    // New rules allow invalid input (show a warning) unless setAllowInvalid(false).
    this.spec = spec ? { ...spec, values: [...spec.values] } : { criteria: null, values: [], allowInvalid: true, helpText: null };
  }

  private set(criteria: string, values: unknown[]): this {
    this.spec.criteria = criteria;
    this.spec.values = values;
    return this;
  }

  requireValueInList(values: string[], showDropdown?: boolean): this {
    if (!Array.isArray(values)) throw signatureError(this._rt, 'SpreadsheetApp.DataValidationBuilder.requireValueInList', [values]);
    return this.set('VALUE_IN_LIST', [[...values], showDropdown ?? true]);
  }

  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): this {
    const values: unknown[] = [];
    if (checkedValue !== undefined) values.push(checkedValue);
    if (uncheckedValue !== undefined) values.push(uncheckedValue);
    return this.set('CHECKBOX', values);
  }

  setAllowInvalid(allowInvalidData: boolean): this {
    this.spec.allowInvalid = Boolean(allowInvalidData);
    return this;
  }

  setHelpText(helpText: string): this {
    this.spec.helpText = String(helpText);
    return this;
  }

  build(): FakeDataValidation {
    if (this.spec.criteria === null) throw this._rt.error('You must specify a criteria for the data validation rule.');
    return new FakeDataValidation(this._rt, { ...this.spec, values: [...this.spec.values] });
  }
}

export class FakeDataValidation extends Fake implements Slice<GoogleAppsScript.Spreadsheet.DataValidation, Public<FakeDataValidation>> {
  readonly _kind = 'DataValidation';

  constructor(
    rt: Runtime,
    readonly _spec: Readonly<RuleSpec>
  ) {
    super(rt, 'DataValidation');
  }

  getCriteriaValues(): unknown[] {
    return [...this._spec.values];
  }

  /** Would Sheets accept this value typed by a user? (Only the criteria the product uses are checked.) */
  _accepts(v: CellValue): boolean {
    if (v === '') return true;
    const vals = this._spec.values;
    switch (this._spec.criteria) {
      case 'VALUE_IN_LIST':
        return Array.isArray(vals[0]) && (vals[0] as unknown[]).map(String).includes(String(v));
      case 'CHECKBOX':
        return vals.length === 0 ? typeof v === 'boolean' : vals.some(x => String(x) === String(v));
      case 'DATE_IS_VALID_DATE':
        return isDate(v);
      case 'NUMBER_BETWEEN':
        return typeof v === 'number' && v >= Number(vals[0]) && v <= Number(vals[1]);
      case 'NUMBER_GREATER_THAN':
        return typeof v === 'number' && v > Number(vals[0]);
      case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
        return typeof v === 'number' && v >= Number(vals[0]);
      case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
        return typeof v === 'number' && v <= Number(vals[0]);
      case 'TEXT_IS_VALID_EMAIL':
        return typeof v === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
      default:
        return true;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Protection
// ---------------------------------------------------------------------------------------------

export class FakeProtection extends Fake implements Slice<GoogleAppsScript.Spreadsheet.Protection, Public<FakeProtection>> {
  private description = '';
  private warningOnly = false;

  constructor(
    world: SheetsWorld,
    readonly _type: 'SHEET' | 'RANGE',
    readonly _sheet: FakeSheet,
    readonly _range: FakeRange | null
  ) {
    super(world.rt, 'Protection');
  }

  setDescription(description: string): this {
    this.description = String(description);
    return this;
  }

  getDescription(): string {
    return this.description;
  }

  setWarningOnly(warningOnly: boolean): this {
    this.warningOnly = Boolean(warningOnly);
    return this;
  }

  isWarningOnly(): boolean {
    return this.warningOnly;
  }
}

/** Base.User: the edit event's user and Session's effective user. */
export class FakeUser extends Fake implements Slice<GoogleAppsScript.Base.User, Public<FakeUser>> {
  constructor(
    rt: Runtime,
    private readonly email: string
  ) {
    super(rt, 'User');
  }

  getEmail(): string {
    return this.email;
  }
}
