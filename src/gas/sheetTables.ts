/**
 * Reading the open spreadsheet into the domain's RawTables: one getValues per tab, whatever its size.
 * Dates become spreadsheet serials here, so no Date crosses into the domain.
 */
import { DASHBOARD_NAME } from '../domain/charts/dashboard';
import { type Cell, isDateValue, type MergedArea, type RawRow, type RawTable, sortMerges } from '../domain/rawTable';

const EPOCH = Date.UTC(1899, 11, 30);

/**
 * A date cell as a serial. Apps Script's local time is the script's zone (appsscript.json: Asia/Tokyo), and
 * getValues returns a cell's date at that wall-clock time when the spreadsheet shares the zone; so the local
 * fields are the typed date and time. When the zones differ, formatDate reads the fields in the sheet's zone.
 */
export function serialOfDate(d: Date, sheetZone: string | null): number {
  let y: number, mo: number, day: number, h: number, mi: number, s: number;
  if (sheetZone === null) {
    [y, mo, day, h, mi, s] = [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
  } else {
    const f = Utilities.formatDate(d, sheetZone, 'yyyy-MM-dd-HH-mm-ss').split('-').map(Number);
    [y, mo, day, h, mi, s] = [f[0] ?? 0, (f[1] ?? 1) - 1, f[2] ?? 0, f[3] ?? 0, f[4] ?? 0, f[5] ?? 0];
  }
  return (Date.UTC(y, mo, day) - EPOCH) / 86_400_000 + (h * 3600 + mi * 60 + s) / 86_400;
}

export function toCell(v: unknown, sheetZone: string | null): Cell {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (isDateValue(v)) return Number.isNaN(v.getTime()) ? { error: '日付として壊れた値' } : { serial: serialOfDate(v, sheetZone) };
  return { error: '読み取れない値' };
}

export interface SheetGrid {
  readonly sheet: GoogleAppsScript.Spreadsheet.Sheet;
  /** Everything from A1 to the last row and column with content (getDataRange). */
  readonly values: unknown[][];
}

export interface OpenTables {
  readonly tables: Map<string, RawTable>;
  readonly grids: Map<string, SheetGrid>;
  /** The ダッシュボード tab when there is one: found, never read (nothing on it is input). */
  readonly dashboard: GoogleAppsScript.Spreadsheet.Sheet | null;
}

/** The sheet's zone when it differs from the script's, else null (see serialOfDate). */
export function foreignZone(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string | null {
  const zone = ss.getSpreadsheetTimeZone();
  return zone === Session.getScriptTimeZone() ? null : zone;
}

const columnNumber = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** 'B3:C5' (or 'B3' for a single cell) as a merged area; null for anything else. */
export function areaOfA1(a1: string): MergedArea | null {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a1.replace(/\$/g, '').toUpperCase());
  if (!m) return null;
  const [left, top] = [columnNumber(m[1] as string), Number(m[2])];
  const [right, bottom] = m[3] === undefined ? [left, top] : [columnNumber(m[3]), Number(m[4])];
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

const tabKey = (name: string): string => name.normalize('NFKC').trim();

/** The grid read for a tab, matched as the contract matches tab names (NFKC, trimmed). */
export function gridNamed(grids: ReadonlyMap<string, SheetGrid>, name: string): SheetGrid | undefined {
  const want = tabKey(name);
  for (const [n, g] of grids) if (tabKey(n) === want) return g;
  return undefined;
}

/**
 * Reads the named tabs (all tabs when names is undefined): one getDataRange + getValues each. Tab names
 * are matched as the contract matches them (NFKC, trimmed), so 「PD稼働記録　」 with a stray full-width
 * space is still PD稼働記録 (getSheetByName would miss it, and onEdit would check nothing there).
 */
export function readSheetTables(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, names?: readonly string[]): OpenTables {
  const zone = foreignZone(ss);
  const tables = new Map<string, RawTable>();
  const grids = new Map<string, SheetGrid>();
  const wanted = names ? new Set(names.map(tabKey)) : null;
  let dashboard: GoogleAppsScript.Spreadsheet.Sheet | null = null;
  for (const sheet of ss.getSheets()) {
    const name = sheet.getName();
    if (tabKey(name) === tabKey(DASHBOARD_NAME)) {
      dashboard ??= sheet;
      continue;
    }
    if (wanted && !wanted.has(tabKey(name))) continue;
    const used = sheet.getDataRange();
    // One call for the tab's merged areas, and one per area (there are few; never one per row).
    const merges = sortMerges(used.getMergedRanges().flatMap(m => areaOfA1(m.getA1Notation()) ?? []));
    const values = used.getValues() as unknown[][];
    grids.set(name, { sheet, values });
    const [header = [], ...data] = values;
    const rows: RawRow[] = data.map((cells, i) => ({ rowNumber: i + 2, cells: cells.map(v => toCell(v, zone)) }));
    const table: RawTable = { name, header: header.map(v => toCell(v, zone)), rows };
    tables.set(name, merges.length > 0 ? { ...table, merges } : table);
  }
  return { tables, grids, dashboard };
}
