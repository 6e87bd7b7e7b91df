/**
 * `chizai-desk upgrade`: what シートを準備 does in Sheets, on an .xlsx. Missing tabs are created whole; missing
 * columns get their header after the tab's last used column (with width and dropdown); missing 設定 items are
 * added after its last row. What is missing is the domain's decision (src/domain/template.ts), so both runtimes
 * add the same. The file is edited part by part (xlsxPackage.ts): nothing else in it is rewritten, so no value,
 * format, protection, comment, shape or table can be lost on the way.
 */
import { normalizeHeader } from '../domain/cellParsers';
import type { Cell, RawTable } from '../domain/rawTable';
import { TAB_NAME } from '../domain/schema';
import { columnsToAdd, renamedText, settingsColumns, settingsToAdd, type TabTemplate, workbookTemplate } from '../domain/template';
import {
  addListValidation,
  appendHeaderCells,
  appendRows,
  type CellValue,
  newSheetXml,
  setColumnWidths,
  usedExtent,
  widenDimension,
  XlsxPackage,
} from './xlsxPackage';

export interface UpgradeSummary {
  readonly createdTabs: readonly string[];
  /** 「tab「header」」 for each column added to a tab that was there. */
  readonly addedHeaders: readonly string[];
  readonly addedSettings: readonly string[];
  /** Columns not added because a header resembling them is there: 「tab「今の見出し」→「正しい見出し」」. */
  readonly renamedHeaders: readonly string[];
}

export const nothingAdded = (s: UpgradeSummary): boolean =>
  s.createdTabs.length === 0 && s.addedHeaders.length === 0 && s.addedSettings.length === 0;

/** Rows a dropdown covers, as `init` lays them out. */
const VALIDATION_ROWS = 2000;

const listOf = (c: TabTemplate['columns'][number]): readonly string[] | null =>
  c.validation === null ? null : c.validation === 'checkbox' ? ['TRUE', 'FALSE'] : c.validation;

function newTab(tab: TabTemplate, headerStyle: string | null): string {
  return newSheetXml(
    {
      header: tab.columns.map(c => c.header),
      widths: tab.columns.map(c => c.width),
      rows: tab.initialRows.map(r => tab.columns.map((_, i) => r[i] ?? '')),
      validations: tab.columns.flatMap((c, i) => {
        const list = listOf(c);
        return list ? [{ column: i + 1, list, prompt: `一覧から選んでください: ${list.join('、')}` }] : [];
      }),
      headerStyle,
      protect: tab.systemOnly,
    },
    VALIDATION_ROWS
  );
}

/** Appends the missing columns; returns the sheet and the header row as it now is (by 0-based column). */
function addColumns(
  xml: string,
  tab: TabTemplate,
  header: readonly Cell[],
  summary: Summary,
  sheetName: string
): { xml: string; header: readonly Cell[] } {
  const { add, renamed } = columnsToAdd(tab, header);
  for (const r of renamed) summary.renamedHeaders.push(renamedText(sheetName, r));
  if (add.length === 0) return { xml, header };
  const extent = usedExtent(xml);
  const first = Math.max(extent.lastColumn, extent.headerRight, header.length) + 1;
  let out = appendHeaderCells(
    xml,
    add.map((c, i) => ({ column: first + i, text: c.header }))
  );
  out = setColumnWidths(
    out,
    add.map((c, i) => ({ column: first + i, width: c.width }))
  );
  add.forEach((c, i) => {
    const list = listOf(c);
    if (list) out = addListValidation(out, first + i, list, VALIDATION_ROWS, `一覧から選んでください: ${list.join('、')}`);
    summary.addedHeaders.push(`${sheetName}「${c.header}」`);
  });
  const now: Cell[] = Array.from({ length: first - 1 + add.length }, (_, i) => header[i] ?? null);
  add.forEach((c, i) => {
    now[first - 1 + i] = c.header;
  });
  return { xml: widenDimension(out, first + add.length - 1, Math.max(extent.lastRow, 1)), header: now };
}

function addSettings(xml: string, table: RawTable | undefined, summary: Summary): string {
  const header = table?.header ?? [];
  const [nameAt, valueAt, helpAt] = settingsColumns(header);
  if (nameAt < 0) return xml; // without 項目 nothing can be placed safely; check reports the header
  const rows = settingsToAdd((table?.rows ?? []).map(r => r.cells[nameAt] ?? null));
  if (rows.length === 0) return xml;
  const extent = usedExtent(xml);
  const cells = rows.map(([name, value, help]) => {
    summary.addedSettings.push(String(name));
    const row: { column: number; value: CellValue }[] = [{ column: nameAt + 1, value: name ?? '' }];
    if (valueAt >= 0 && value !== undefined && value !== '') row.push({ column: valueAt + 1, value });
    if (helpAt >= 0 && help) row.push({ column: helpAt + 1, value: help });
    return row;
  });
  return widenDimension(appendRows(xml, extent.lastRow + 1, cells), 0, extent.lastRow + rows.length);
}

type Summary = { createdTabs: string[]; addedHeaders: string[]; addedSettings: string[]; renamedHeaders: string[] };

/**
 * The upgraded file, or null when nothing is missing. `tables` is what the reader read from the same bytes:
 * headers and 設定 items are compared as `check` compares them.
 */
export async function upgradeXlsx(
  bytes: Buffer,
  tables: ReadonlyMap<string, RawTable>
): Promise<{ summary: UpgradeSummary; bytes: Buffer | null }> {
  const pkg = await XlsxPackage.load(bytes);
  const summary: Summary = { createdTabs: [], addedHeaders: [], addedSettings: [], renamedHeaders: [] };
  const sheets = pkg.sheets();
  const byName = new Map(sheets.map(s => [normalizeHeader(s.name), s]));
  const tableOf = (name: string): RawTable | undefined => [...tables.values()].find(t => normalizeHeader(t.name) === normalizeHeader(name));
  // New tabs' headers look like the workbook's own: the style of the first contract tab's A1, if any.
  const firstTab = workbookTemplate.map(t => byName.get(normalizeHeader(t.name))).find(s => s !== undefined);
  const style = firstTab ? (/<(?:\w+:)?c\s[^>]*\br="A1"[^>]*\bs="(\d+)"/.exec(pkg.sheetXml(firstTab.path))?.[1] ?? null) : null;
  let changed = false;
  for (const tab of workbookTemplate) {
    const sheet = byName.get(normalizeHeader(tab.name));
    if (!sheet) {
      pkg.addSheet(tab.name, newTab(tab, style));
      summary.createdTabs.push(tab.name);
      changed = true;
      continue;
    }
    const table = tableOf(sheet.name);
    const before = pkg.sheetXml(sheet.path);
    const columns = addColumns(before, tab, table?.header ?? [], summary, sheet.name);
    let xml = columns.xml;
    // 設定's own columns may just have been added (説明): items are placed by the header as it is now.
    if (tab.name === TAB_NAME.settings) xml = addSettings(xml, table && { ...table, header: columns.header }, summary);
    if (xml !== before) {
      pkg.setSheetXml(sheet.path, xml);
      changed = true;
    }
  }
  return { summary, bytes: changed ? await pkg.bytes() : null };
}
