/**
 * setupWorkbook (シートを準備): creates missing tabs with their headers, dropdowns, frozen header, widths and
 * protection. On a tab that exists it only adds missing headers after the last used column, missing 設定
 * items after the last row, and missing validation and protection; it never moves or touches a value that is
 * already there. What is missing is the domain's decision (src/domain/template.ts), shared with
 * `chizai-desk upgrade`; running it again adds nothing more.
 */

import { normalizeHeader } from '../domain/cellParsers';
import { columnsToAdd, renamedText, settingsColumns, settingsToAdd, type TabTemplate, workbookTemplate } from '../domain/template';
import { setupDashboard } from './dashboard';
import { toCell } from './sheetTables';

const PROTECTION_TAG = 'chizai-desk:';
const pixels = (chars: number): number => Math.round(chars * 9 + 12);

export interface SetupSummary {
  readonly createdTabs: string[];
  readonly addedHeaders: string[];
  readonly addedSettings: string[];
  /** Columns not added because a header resembling them is there (most likely renamed): 「今の見出し」→「正しい見出し」. */
  readonly renamedHeaders: string[];
  /** Charts added to ダッシュボード. */
  addedCharts: number;
}

const emptySummary = (): SetupSummary => ({ createdTabs: [], addedHeaders: [], addedSettings: [], renamedHeaders: [], addedCharts: 0 });

/** The sheet a contract tab name names, matched as the reader matches (NFKC, trimmed): 「設定 」 is 設定. */
export function sheetNamed(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, name: string): GoogleAppsScript.Spreadsheet.Sheet | null {
  return ss.getSheetByName(name) ?? ss.getSheets().find(s => normalizeHeader(s.getName()) === normalizeHeader(name)) ?? null;
}

export function setupWorkbook(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, now: Date = new Date()): SetupSummary {
  const summary = emptySummary();
  for (const tab of workbookTemplate) setupTab(ss, tab, summary);
  summary.addedCharts = setupDashboard(ss, summary, now);
  return summary;
}

/** Lays out one tab of the template; returns the sheet (created when missing). */
export function setupTab(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  tab: TabTemplate,
  summary: SetupSummary = emptySummary()
): GoogleAppsScript.Spreadsheet.Sheet {
  let sheet = sheetNamed(ss, tab.name);
  const created = !sheet;
  if (!sheet) {
    sheet = ss.insertSheet(tab.name);
    summary.createdTabs.push(tab.name);
  }
  const positions = ensureHeaders(sheet, tab, created, summary);
  if (created && tab.initialRows.length > 0) {
    const width = tab.columns.length;
    const rows = tab.initialRows.map(r => Array.from({ length: width }, (_, i) => r[i] ?? ''));
    sheet.getRange(2, 1, rows.length, width).setValues(rows);
  } else if (tab.initialRows.length > 0) addMissingSettings(sheet, summary);
  applyValidation(sheet, tab, positions);
  applyProtection(sheet, tab, positions);
  return sheet;
}

/** Returns the 1-based column of each contract header, adding missing ones after the last column. */
function ensureHeaders(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  tab: TabTemplate,
  created: boolean,
  summary: SetupSummary
): Map<string, number> {
  const lastColumn = sheet.getLastColumn();
  const existing = lastColumn > 0 ? (sheet.getRange(1, 1, 1, lastColumn).getValues()[0] ?? []).map(v => toCell(v, null)) : [];
  const positions = new Map<string, number>();
  existing.forEach((h, i) => {
    const key = normalizeHeader(h);
    if (key && !positions.has(key)) positions.set(key, i + 1);
  });
  const { add: missing, renamed } = columnsToAdd(tab, existing);
  for (const r of renamed) summary.renamedHeaders.push(renamedText(tab.name, r));
  if (missing.length > 0) {
    const start = lastColumn + 1;
    sheet.getRange(1, start, 1, missing.length).setValues([missing.map(c => c.header)]);
    missing.forEach((c, i) => {
      positions.set(normalizeHeader(c.header), start + i);
      sheet.setColumnWidth(start + i, pixels(c.width));
      if (!created) summary.addedHeaders.push(`${tab.name}「${c.header}」`);
    });
  }
  if (sheet.getFrozenRows() === 0) sheet.setFrozenRows(1);
  return positions;
}

function applyValidation(sheet: GoogleAppsScript.Spreadsheet.Sheet, tab: TabTemplate, positions: Map<string, number>): void {
  const rows = Math.max(sheet.getMaxRows() - 1, 1);
  for (const c of tab.columns) {
    const col = positions.get(normalizeHeader(c.header));
    if (!col || !c.validation) continue;
    const builder = SpreadsheetApp.newDataValidation().setAllowInvalid(true);
    const rule =
      c.validation === 'checkbox'
        ? builder.requireCheckbox().build()
        : builder
            .requireValueInList([...c.validation], true)
            .setHelpText(`「${c.header}」は一覧から選んでください: ${c.validation.join('、')}`)
            .build();
    // Validation warns; it never rewrites or rejects what people typed (onEdit explains the problem).
    sheet.getRange(2, col, rows, 1).setDataValidation(rule);
  }
}

/** A tab only the system writes (実行ログ, ダッシュボード): protected as a whole, a warning only, once. */
export function protectWholeTab(sheet: GoogleAppsScript.Spreadsheet.Sheet, name: string, tags?: ReadonlySet<string>): void {
  const tag = `${PROTECTION_TAG} ${name}はシステムが記録します`;
  const has = tags ?? new Set(sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).map(p => p.getDescription()));
  if (!has.has(tag)) sheet.protect().setDescription(tag).setWarningOnly(true);
}

function applyProtection(sheet: GoogleAppsScript.Spreadsheet.Sheet, tab: TabTemplate, positions: Map<string, number>): void {
  const tags = new Set<string>();
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)) tags.add(p.getDescription());
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) tags.add(p.getDescription());
  if (tab.systemOnly) {
    protectWholeTab(sheet, tab.name, tags);
    return;
  }
  for (const c of tab.columns) {
    const col = positions.get(normalizeHeader(c.header));
    if (!col || !c.computed) continue;
    const tag = `${PROTECTION_TAG} 「${c.header}」は自動計算列です`;
    if (tags.has(tag)) continue;
    sheet.getRange(1, col, sheet.getMaxRows(), 1).protect().setDescription(tag).setWarningOnly(true);
  }
}

/** 設定 items a workbook made by an older version does not list: appended after its last row, one write. */
function addMissingSettings(sheet: GoogleAppsScript.Spreadsheet.Sheet, summary: SetupSummary): void {
  const lastRow = sheet.getLastRow();
  const width = sheet.getLastColumn();
  if (width < 1) return;
  const grid = sheet.getRange(1, 1, Math.max(lastRow, 1), width).getValues();
  const header = (grid[0] ?? []).map(v => toCell(v, null));
  const [nameAt, valueAt, helpAt] = settingsColumns(header);
  if (nameAt < 0) return; // no 項目 column: check reports the header; nothing can be placed safely
  const rows = settingsToAdd(grid.slice(1).map(r => toCell(r[nameAt], null)));
  if (rows.length === 0) return;
  const values = rows.map(([name, value, help]) => {
    const row: (string | number)[] = Array.from({ length: width }, () => '');
    row[nameAt] = name ?? '';
    if (valueAt >= 0) row[valueAt] = value ?? '';
    if (helpAt >= 0) row[helpAt] = help ?? '';
    summary.addedSettings.push(String(name));
    return row;
  });
  sheet.getRange(lastRow + 1, 1, values.length, width).setValues(values);
}
