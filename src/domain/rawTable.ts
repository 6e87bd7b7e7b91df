/**
 * A cell as an adapter hands it to the domain. No timezone-dependent Date ever crosses the boundary:
 * date and time cells arrive as spreadsheet serial numbers (days since 1899-12-30, the fraction is the
 * time of day), which both Sheets and Excel use and which mean the same in every TZ.
 */
export type Cell = string | number | boolean | null | SerialDate | CellError;

/** A real date, time or duration cell. */
export interface SerialDate {
  readonly serial: number;
}

/** A cell the adapter could not turn into a value: an error value (#REF!) or a formula with no cached result. */
export interface CellError {
  readonly error: string;
  /**
   * Set only for a formula with no cached result (openpyxl and other writers save formulas without computing
   * them): the formula's text without '=' ('' when the adapter cannot tell it). The cell is unknown, never blank,
   * 0 or 0:00; cellParsers says so in one message for every column type.
   */
  readonly formula?: string;
}

/**
 * A Date from any realm (Apps Script values, exceljs, a vm context in tests): adapters use it to turn date
 * values into serials before they reach the domain; `instanceof Date` fails across realms.
 */
export const isDateValue = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

export const isSerialDate = (c: Cell): c is SerialDate => typeof c === 'object' && c !== null && 'serial' in c;
export const isCellError = (c: Cell): c is CellError => typeof c === 'object' && c !== null && 'error' in c;

export interface RawRow {
  /** The sheet's own row number (header = 1). */
  readonly rowNumber: number;
  readonly cells: readonly Cell[];
}

/** A merged area of a tab: the sheet's own row numbers (header = 1) and column numbers (A = 1), inclusive. */
export interface MergedArea {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** One tab as read: header row and data rows, exactly as typed. */
export interface RawTable {
  readonly name: string;
  readonly header: readonly Cell[];
  readonly rows: readonly RawRow[];
  /**
   * The tab's merged areas, top to bottom then left to right; absent when it has none. Every adapter reads a
   * merged area's value from its top-left cell only (the others are blank), so the reader reports merged data
   * cells instead of reading them as empty.
   */
  readonly merges?: readonly MergedArea[];
}

/** Merged areas in the order every adapter hands them over. */
export const sortMerges = (merges: readonly MergedArea[]): MergedArea[] =>
  [...merges].sort((a, b) => a.top - b.top || a.left - b.left || a.bottom - b.bottom || a.right - b.right);
