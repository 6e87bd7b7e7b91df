/**
 * What the system writes back, derived from a check: the computed columns (期限/状態), a note and a background
 * on each cell a finding names, and a tone on overdue and due-soon meeting rows. Every decision is made here;
 * the Apps Script sheet writer and the annotated .xlsx only apply them.
 */
import type { CheckResult } from './check';
import type { Ymd } from './dates';
import type { Severity } from './findings';
import type { ReadResult } from './ledgerReader';
import { MINUTES_STATUS_LABEL } from './rules/minutes';
import { isComputed, tabByName, tabOf } from './schema';

export const MARK_COLORS = {
  error: '#f4cccc',
  warning: '#fff2cc',
  overdue: '#ea9999',
  'due-soon': '#ffe599',
} as const;

/** 状態 of a row that has entries but cannot be read (its 開催日 or 種別 is marked). */
export const STATUS_NEEDS_FIX = '要確認';

/** Notes the system writes start with this, so it can tell its own notes from people's. */
export const NOTE_PREFIX = '【チェック】';

export type RowTone = 'overdue' | 'due-soon';

export interface CellMark {
  readonly sheet: string;
  readonly row: number;
  /** 0-based column in the sheet as laid out. */
  readonly column: number;
  readonly severity: Severity;
  readonly note: string;
}

export interface RowMark {
  readonly sheet: string;
  readonly row: number;
  readonly tone: RowTone;
}

/** A computed cell's value: a date (written as a date cell) or text; null leaves the cell empty. */
export type ComputedValue = { readonly date: Ymd } | { readonly text: string } | null;

/** A computed column as laid out in one tab, with its value on each row that has one. */
export interface ComputedColumn {
  readonly sheet: string;
  /** 0-based column in the sheet as laid out. */
  readonly column: number;
  /** Row → value; a row not listed gets an empty cell. */
  readonly values: ReadonlyMap<number, ComputedValue>;
}

export interface Marks {
  readonly cells: readonly CellMark[];
  readonly rows: readonly RowMark[];
  readonly computed: readonly ComputedColumn[];
}

/** The background a cell gets: its mark's colour, else its row's tone, else the person's own colour (never a stale mark). */
export function cellBackground(mark: Severity | null, tone: RowTone | null, current: string | null): string | null {
  if (mark !== null) return MARK_COLORS[mark];
  if (tone !== null) return MARK_COLORS[tone];
  return isSystemColor(current) ? null : current;
}

function cellMarks(result: CheckResult, read: ReadResult): CellMark[] {
  const byCell = new Map<string, { sheet: string; row: number; column: number; severity: Severity; lines: string[] }>();
  for (const f of result.findings) {
    if (f.row === null || f.column === null || f.row < 2) continue;
    const tab = tabByName(f.sheet, read.contract);
    const columnKey = tab?.columns.find(c => c.header === f.column)?.key;
    const column = tab && columnKey !== undefined ? read.layouts[tab.key]?.columnIndex[columnKey] : undefined;
    if (column === undefined) continue;
    const k = `${f.sheet}\u0000${f.row}\u0000${column}`;
    const mark = byCell.get(k) ?? { sheet: f.sheet, row: f.row, column, severity: f.severity, lines: [] };
    if (f.severity === 'error') mark.severity = 'error';
    mark.lines.push(f.message);
    byCell.set(k, mark);
  }
  return [...byCell.values()].map(m => ({
    sheet: m.sheet,
    row: m.row,
    column: m.column,
    severity: m.severity,
    note: `${NOTE_PREFIX}${m.lines.join('\n')}`,
  }));
}

/**
 * 会議登録簿's 期限 and 状態: every meeting read gets its deadline and status label; a row with entries that
 * could not be read gets 要確認 in its text columns (its findings say why) and nothing in its date columns.
 */
function meetingColumns(result: CheckResult, read: ReadResult): ComputedColumn[] {
  const tab = tabOf(read.contract, 'meetings');
  const layout = read.layouts[tab.key];
  if (!layout?.present) return [];
  const byRow = new Map(result.meetings.map(m => [m.rowNumber, m]));
  const computedValue = (key: string, row: number): ComputedValue => {
    const m = byRow.get(row);
    if (key === 'minutesDue') return m?.minutesDue ? { date: m.minutesDue } : null;
    return { text: m ? MINUTES_STATUS_LABEL[m.status] : STATUS_NEEDS_FIX };
  };
  return tab.columns.filter(isComputed).flatMap(c => {
    const column = layout.columnIndex[c.key];
    if (column === undefined) return [];
    const values = new Map<number, ComputedValue>();
    for (const row of read.entryRows[tab.key] ?? []) values.set(row, computedValue(c.key, row));
    return [{ sheet: tab.name, column, values }];
  });
}

export function marksOf(result: CheckResult, read: ReadResult): Marks {
  const meetings = tabOf(read.contract, 'meetings').name;
  const rows: RowMark[] = result.meetings
    .filter(m => m.status === 'overdue' || m.status === 'due-soon')
    .map(m => ({ sheet: meetings, row: m.rowNumber, tone: m.status as RowTone }));
  return { cells: cellMarks(result, read), rows, computed: meetingColumns(result, read) };
}

/** Keeps a person's own note and replaces only what the system wrote earlier. */
export function mergeNote(existing: string, systemNote: string | null): string {
  const own = existing.startsWith(NOTE_PREFIX) ? '' : (existing.split(`\n${NOTE_PREFIX}`)[0] ?? '');
  if (systemNote === null) return own;
  return own ? `${own}\n${systemNote}` : systemNote;
}

/** Backgrounds the system sets; any other colour is a person's and is left alone. */
export const isSystemColor = (color: string | null | undefined): boolean =>
  color !== null && color !== undefined && Object.values(MARK_COLORS).some(c => c.toLowerCase() === color.toLowerCase());
