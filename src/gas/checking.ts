/**
 * checkAllEntries (menu) and onEdit (simple trigger): the domain's check over the open spreadsheet,
 * written back as 期限/状態, notes and backgrounds. Reads and writes are per tab, never per row.
 */
import { type CheckResult, check, errorCount } from '../domain/check';
import { ymdInTimeZone } from '../domain/clock';
import { type ReadResult, readLedger } from '../domain/ledgerReader';
import { marksOf } from '../domain/marks';
import { tabsForEdit } from '../domain/rules/index';
import { defaultContract, isSystemOnly, tabByName, tabOf } from '../domain/schema';
import { writeDashboard } from './dashboard';
import { writeMarks } from './markWriter';
import { gridNamed, type OpenTables, readSheetTables } from './sheetTables';

export interface SheetCheck {
  readonly read: ReadResult;
  readonly result: CheckResult;
  readonly open: OpenTables;
}

/** Reads every tab once, checks as of today (Asia/Tokyo) and writes every mark. Returns the check. */
export function checkSpreadsheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, now: Date = new Date()): SheetCheck {
  const open = readSheetTables(ss);
  const read = readLedger(open.tables);
  const result = check(read, ymdInTimeZone(now));
  const marks = marksOf(result, read);
  for (const layout of Object.values(read.layouts)) {
    if (!layout.present || isSystemOnly(layout.tab)) continue;
    const grid = gridNamed(open.grids, layout.tab.name);
    if (!grid) continue;
    writeMarks(grid, layout, marks, { firstRow: 2, lastRow: grid.values.length });
  }
  // The dashboard's figures follow every full check (the menu and the daily run): one write, its charts follow.
  if (open.dashboard) writeDashboard(open.dashboard, read, result, ss.getName(), now);
  return { read, result, open };
}

/**
 * onEdit: re-checks the edited rows only (a paste of many rows included) and refreshes their marks and,
 * on 会議登録簿, their 期限/状態. Reads the edited tab and the small context tabs; sends nothing.
 */
export function checkEditedRows(e: GoogleAppsScript.Events.SheetsOnEdit, now: Date = new Date()): void {
  const range = e.range;
  const sheet = range.getSheet();
  const tab = tabByName(sheet.getName().normalize('NFKC').trim());
  if (!tab || isSystemOnly(tab)) return;
  const firstRow = Math.max(range.getRow(), 2);
  const lastRow = range.getLastRow();
  if (lastRow < firstRow) return; // only the header was edited: checkAllEntries reports renamed columns
  const names = tabsForEdit({ contract: defaultContract }, tab.key).map(k => tabOf(defaultContract, k).name);
  const open = readSheetTables(e.source, names);
  const read = readLedger(open.tables);
  const result = check(read, ymdInTimeZone(now));
  const grid = open.grids.get(sheet.getName());
  const layout = read.layouts[tab.key];
  if (!grid || !layout?.present) return;
  writeMarks(grid, layout, marksOf(result, read), { firstRow, lastRow: Math.min(lastRow, grid.values.length) });
}

export function summaryText(result: CheckResult): string {
  const errors = errorCount(result);
  const warnings = result.findings.length - errors;
  const overdue = result.meetings.filter(m => m.status === 'overdue').length;
  const dueSoon = result.meetings.filter(m => m.status === 'due-soon').length;
  const lines = [
    `エラー ${errors}件、警告 ${warnings}件（${result.today} 時点）`,
    `議事録: 期限超過 ${overdue}件、期限間近 ${dueSoon}件`,
    ...result.findings
      .slice(0, 15)
      .map(f => `・${f.sheet}${f.row ? ` ${f.row}行目` : ''}${f.column ? `「${f.column}」` : ''}: ${f.message}`),
  ];
  if (result.findings.length > 15) lines.push(`…ほか${result.findings.length - 15}件（セルのメモを参照）`);
  lines.push('問題のあるセルは色とメモで示しています。入力済みの値は変更していません。');
  return lines.join('\n');
}
