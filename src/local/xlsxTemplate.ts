/**
 * Writes a workbook laid out from the contract (src/domain/template.ts): all tabs, headers, widths,
 * dropdowns, frozen header, protection of the system's columns; optionally with rows (the sample).
 */
import ExcelJS from 'exceljs';
import { contract } from '../../sheets-templates/contract';
import { serialFromYmd } from '../domain/dates';
import { columnLetter } from '../domain/ledgerReader';
import { tabByName } from '../domain/schema';
import { type ColumnTemplate, type TabTemplate, workbookTemplate } from '../domain/template';
import { dateOfSerial } from './xlsxWorkbook';

export type SampleRow = Readonly<Record<string, string | number | boolean>>;
export type SampleTabs = Readonly<Record<string, readonly SampleRow[]>>;

const VALIDATION_ROWS = 2000;
interface RangeValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}
export const DATE_FORMAT = 'yyyy-mm-dd';
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };

/** Date-typed cells of the contract are written as real dates, as a person's sheet would hold them. */
export function cellValueFor(tab: TabTemplate, header: string, value: string | number | boolean, row: SampleRow): ExcelJS.CellValue {
  const spec = tabByName(tab.name);
  const column = spec?.columns.find(c => c.header === header);
  const isDateSetting =
    spec?.key === 'settings' && header === '値' && contract.settings.some(s => s.name === row.項目 && s.type === 'date');
  if ((column?.type === 'date' || isDateSetting) && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return dateOfSerial(serialFromYmd(value));
  }
  return value;
}

/** The column's dropdown (choices or TRUE/FALSE) on its data rows, 0-based column index. */
export function addValidation(ws: ExcelJS.Worksheet, c: ColumnTemplate, index: number): void {
  if (!c.validation) return;
  const letter = columnLetter(index);
  const list = c.validation === 'checkbox' ? ['TRUE', 'FALSE'] : c.validation;
  // exceljs supports range validations but its typings lack them.
  (ws as unknown as RangeValidations).dataValidations.add(`${letter}2:${letter}${VALIDATION_ROWS}`, {
    type: 'list',
    allowBlank: true,
    showErrorMessage: false, // warn, never reject what people type; check explains the problem
    formulae: [`"${list.join(',')}"`],
    promptTitle: c.header,
    prompt: `一覧から選んでください: ${list.join('、')}`,
    showInputMessage: true,
  });
}

export const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true };

/**
 * A tab as the contract lays it out: headers (then `extraHeaders`, a workbook's own columns), widths, date
 * formats, dropdowns, frozen header row, and protection of a system-only tab.
 */
export function layOutTab(wb: ExcelJS.Workbook, tab: TabTemplate, extraHeaders: readonly string[] = []): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(tab.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    ...tab.columns.map(c => ({
      header: c.header,
      key: c.header,
      width: c.width,
      style: c.kind === 'date' ? { numFmt: DATE_FORMAT } : {},
    })),
    ...extraHeaders.map(h => ({ header: h, key: `extra:${h}`, width: 16 })),
  ];
  const header = ws.getRow(1);
  header.font = HEADER_FONT;
  header.eachCell(cell => {
    cell.fill = HEADER_FILL;
  });

  tab.columns.forEach((c, i) => {
    addValidation(ws, c, i);
  });
  if (tab.systemOnly) void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true });
  return ws;
}

export function addTab(wb: ExcelJS.Workbook, tab: TabTemplate, rows: readonly SampleRow[] | undefined): void {
  const ws = layOutTab(wb, tab);
  const initial = rows ?? tab.initialRows.map(r => Object.fromEntries(tab.columns.map((c, i) => [c.header, r[i] ?? ''])));
  for (const row of initial) {
    const values = tab.columns.map(c => {
      const v = row[c.header];
      return v === undefined || v === '' ? null : cellValueFor(tab, c.header, v, row);
    });
    const added = ws.addRow(values);
    // Setting dates are typed into a free-form 値 column: give them a date format too.
    added.eachCell(cell => {
      if (Object.prototype.toString.call(cell.value) === '[object Date]') cell.numFmt = DATE_FORMAT;
    });
  }
}

/** The empty workbook of the contract, or with the given rows per tab name (the demo's sample). */
export function buildWorkbook(rows?: SampleTabs): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chizai-desk';
  for (const tab of workbookTemplate) addTab(wb, tab, rows ? (rows[tab.name] ?? []) : undefined);
  return wb;
}
