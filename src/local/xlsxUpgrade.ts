/**
 * `chizai-desk upgrade`: what シートを準備 does in Sheets, on a loaded .xlsx. Missing tabs are created whole;
 * missing columns get their header after the tab's last used column (with width and dropdown); missing 設定
 * items are added after its last row. Nothing is moved and no cell that has a value is written. What is
 * missing is the domain's decision (src/domain/template.ts), so both runtimes add the same.
 */
import type ExcelJS from 'exceljs';
import { normalizeHeader } from '../domain/cellParsers';
import type { Cell } from '../domain/rawTable';
import { TAB_NAME } from '../domain/schema';
import { columnsToAdd, settingsColumns, settingsToAdd, type TabTemplate, templateNamed, workbookTemplate } from '../domain/template';
import { addTab, addValidation, cellValueFor, DATE_FORMAT, HEADER_FILL, HEADER_FONT } from './xlsxTemplate';
import { keepTypedSerials, toCell } from './xlsxWorkbook';

export interface UpgradeSummary {
  readonly createdTabs: readonly string[];
  /** 「tab「header」」 for each column added to a tab that was there. */
  readonly addedHeaders: readonly string[];
  readonly addedSettings: readonly string[];
}

export const nothingAdded = (s: UpgradeSummary): boolean =>
  s.createdTabs.length === 0 && s.addedHeaders.length === 0 && s.addedSettings.length === 0;

/** Parts of a workbook that exceljs does not carry into the copy it writes: upgrading would lose them. */
const UNKEPT_PARTS: readonly { readonly path: string; readonly what: string }[] = [
  { path: 'xl/charts/', what: 'グラフ' },
  { path: 'xl/pivotTables/', what: 'ピボットテーブル' },
  { path: 'xl/slicers/', what: 'スライサー' },
  { path: 'xl/vbaProject.bin', what: 'マクロ' },
];

/** What the file holds that the written copy would lose (entry names stand uncompressed in a zip). */
export function partsUpgradeWouldLose(bytes: Buffer): string[] {
  return UNKEPT_PARTS.filter(p => bytes.includes(Buffer.from(p.path, 'utf8'))).map(p => p.what);
}

/** The last column (1-based) with a value in any row; 0 for an empty sheet. */
function lastUsedColumn(ws: ExcelJS.Worksheet): number {
  let last = 0;
  ws.eachRow({ includeEmpty: false }, row => {
    row.eachCell({ includeEmpty: false }, cell => {
      if (cell.value !== null && cell.value !== undefined && cell.value !== '') last = Math.max(last, Number(cell.col));
    });
  });
  return last;
}

function headerCells(ws: ExcelJS.Worksheet, width: number): Cell[] {
  const row = ws.getRow(1);
  return Array.from({ length: width }, (_, i) => toCell(row.findCell(i + 1)?.value ?? null));
}

function addColumns(ws: ExcelJS.Worksheet, tab: TabTemplate, added: string[]): void {
  const last = lastUsedColumn(ws);
  const missing = columnsToAdd(tab, headerCells(ws, last));
  missing.forEach((c, i) => {
    const index = last + i; // 0-based
    const cell = ws.getCell(1, index + 1);
    cell.value = c.header;
    cell.font = HEADER_FONT;
    cell.fill = HEADER_FILL;
    const column = ws.getColumn(index + 1);
    column.width = c.width;
    if (c.kind === 'date') column.numFmt = DATE_FORMAT;
    addValidation(ws, c, index);
    added.push(`${ws.name}「${c.header}」`);
  });
}

function addSettings(ws: ExcelJS.Worksheet, tab: TabTemplate, added: string[]): void {
  const width = lastUsedColumn(ws);
  const [nameAt, valueAt, helpAt] = settingsColumns(headerCells(ws, width));
  if (nameAt < 0) return; // without 項目 nothing can be placed safely; check reports the header
  const listed: Cell[] = [];
  let lastRow = 1;
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    lastRow = Math.max(lastRow, n);
    if (n > 1) listed.push(toCell(row.findCell(nameAt + 1)?.value ?? null));
  });
  const rows = settingsToAdd(listed);
  rows.forEach(([name, value, help], i) => {
    const row = ws.getRow(lastRow + 1 + i);
    const item = String(name ?? '');
    row.getCell(nameAt + 1).value = item;
    if (valueAt >= 0 && value !== '' && value !== undefined) {
      const cell = row.getCell(valueAt + 1);
      cell.value = cellValueFor(tab, tab.columns[1]?.header ?? '', value, { 項目: item });
      if (Object.prototype.toString.call(cell.value) === '[object Date]') cell.numFmt = DATE_FORMAT;
    }
    if (helpAt >= 0 && help) row.getCell(helpAt + 1).value = help;
    added.push(item);
  });
}

/** Adds what the contract has and the workbook lacks; returns what was added. Typed values keep their exact serials. */
export function upgradeWorkbook(wb: ExcelJS.Workbook): UpgradeSummary {
  keepTypedSerials(wb);
  const summary = { createdTabs: [] as string[], addedHeaders: [] as string[], addedSettings: [] as string[] };
  const present = new Map(wb.worksheets.map(ws => [normalizeHeader(ws.name), ws]));
  for (const tab of workbookTemplate) {
    const ws = present.get(normalizeHeader(tab.name));
    if (!ws) {
      addTab(wb, tab, undefined);
      summary.createdTabs.push(tab.name);
      continue;
    }
    addColumns(ws, tab, summary.addedHeaders);
    if (templateNamed(ws.name)?.name === TAB_NAME.settings) addSettings(ws, tab, summary.addedSettings);
  }
  return summary;
}
