/**
 * What the system writes back, derived from a check: the computed columns 期限/状態, a note and a
 * background on each cell a finding names, and a tone on overdue and due-soon meeting rows.
 * The Apps Script sheet writer and the annotated .xlsx both apply exactly these.
 */
import type { CheckResult } from './check';
import type { Severity } from './findings';
import type { TabLayout } from './ledgerReader';
import { MINUTES_STATUS_LABEL } from './rules/minutes';
import { tabByName } from './schema';

export const MARK_COLORS = {
  error: '#f4cccc',
  warning: '#fff2cc',
  overdue: '#ea9999',
  'due-soon': '#ffe599',
} as const;

/** 状態 of a meeting row that has entries but cannot be read (its 開催日 or 種別 is marked). */
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

export interface ComputedValue {
  readonly row: number;
  readonly minutesDue: string;
  readonly status: string;
}

export interface Marks {
  readonly cells: readonly CellMark[];
  readonly rows: readonly RowMark[];
  /** 会議登録簿's 期限 and 状態 for every meeting read. */
  readonly meetings: readonly ComputedValue[];
}

export function marksOf(result: CheckResult, layouts: Readonly<Record<string, TabLayout>>): Marks {
  const byCell = new Map<string, { sheet: string; row: number; column: number; severity: Severity; lines: string[] }>();
  for (const f of result.findings) {
    if (f.row === null || f.column === null || f.row < 2) continue;
    const tab = tabByName(f.sheet);
    const columnKey = tab?.columns.find(c => c.header === f.column)?.key;
    const layout = tab ? layouts[tab.key] : undefined;
    const column = columnKey === undefined ? undefined : layout?.columnIndex[columnKey];
    if (column === undefined) continue;
    const k = `${f.sheet}\u0000${f.row}\u0000${column}`;
    const mark = byCell.get(k) ?? { sheet: f.sheet, row: f.row, column, severity: f.severity, lines: [] };
    if (f.severity === 'error') mark.severity = 'error';
    mark.lines.push(f.message);
    byCell.set(k, mark);
  }
  const cells = [...byCell.values()].map(m => ({
    sheet: m.sheet,
    row: m.row,
    column: m.column,
    severity: m.severity,
    note: `${NOTE_PREFIX}${m.lines.join('\n')}`,
  }));
  const rows: RowMark[] = result.meetings
    .filter(m => m.status === 'overdue' || m.status === 'due-soon')
    .map(m => ({ sheet: '会議登録簿', row: m.rowNumber, tone: m.status as RowTone }));
  const meetings = result.meetings.map(m => ({
    row: m.rowNumber,
    minutesDue: m.minutesDue ?? '',
    status: MINUTES_STATUS_LABEL[m.status],
  }));
  return { cells, rows, meetings };
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
