/**
 * 全地域進捗_<date>.xlsx: the overview's rows (one per workbook) and the comparison of each region across
 * fiscal years, each a tab with a frozen header and filters, cells coloured by the domain's judgement and
 * noted with the detail behind each figure. Only applies what src/domain/overview.ts decided.
 */
import ExcelJS from 'exceljs';
import { serialFromYmd } from '../domain/dates';
import {
  COMPARISON_SHEET,
  OVERVIEW_COLORS,
  OVERVIEW_COLUMNS,
  OVERVIEW_SHEET,
  type OverviewCell,
  type OverviewRow,
  type YearComparison,
} from '../domain/overview';
import { DATE_FORMAT } from './xlsxTemplate';
import { dateOfSerial } from './xlsxWorkbook';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
const fill = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${hex.slice(1)}` } });

const NUMBER_FORMAT: Readonly<Partial<Record<OverviewCell['kind'], string>>> = {
  date: DATE_FORMAT,
  percent: '0%',
  hours: '0.0',
  count: '0',
  year: '0',
};

function put(target: ExcelJS.Cell, c: OverviewCell): void {
  if (c.value === null) return;
  target.value = c.kind === 'date' && typeof c.value === 'string' ? dateOfSerial(serialFromYmd(c.value)) : c.value;
  const format = typeof c.value === 'number' || c.kind === 'date' ? NUMBER_FORMAT[c.kind] : undefined;
  if (format) target.numFmt = format;
  if (c.tone) target.fill = fill(OVERVIEW_COLORS[c.tone]);
  if (c.note) target.note = c.note;
}

function header(ws: ExcelJS.Worksheet, labels: readonly string[], widths: readonly number[]): void {
  ws.columns = labels.map((label, i) => ({ header: label, width: widths[i] ?? 12 }));
  const row = ws.getRow(1);
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell(c => {
    c.fill = HEADER_FILL;
  });
}

function overviewTab(wb: ExcelJS.Workbook, rows: readonly OverviewRow[]): void {
  // The region, year and workbook stay in view while scrolling right through the figures.
  const ws = wb.addWorksheet(OVERVIEW_SHEET, { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] });
  header(
    ws,
    OVERVIEW_COLUMNS.map(c => c.header),
    OVERVIEW_COLUMNS.map(c => c.width)
  );
  rows.forEach((row, i) => {
    const line = ws.getRow(i + 2);
    OVERVIEW_COLUMNS.forEach((column, j) => {
      put(line.getCell(j + 1), column.cell(row));
    });
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: OVERVIEW_COLUMNS.length } };
}

function comparisonTab(wb: ExcelJS.Workbook, comparison: YearComparison): void {
  const ws = wb.addWorksheet(COMPARISON_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  const labels = ['地域名', '項目', ...comparison.columns.map(c => c.label)];
  header(
    ws,
    labels,
    labels.map((_, i) => (i === 0 ? 12 : i === 1 ? 18 : 14))
  );
  let r = 2;
  for (const region of comparison.regions) {
    const books = ws.getRow(r++);
    books.getCell(1).value = region.region;
    books.getCell(2).value = 'ブック';
    region.workbooks.forEach((w, j) => {
      if (w) put(books.getCell(j + 3), { value: w.workbook, kind: 'text', tone: null, note: w.source });
    });
    for (const item of region.items) {
      const line = ws.getRow(r++);
      line.getCell(1).value = region.region;
      line.getCell(2).value = item.header;
      item.cells.forEach((c, j) => {
        if (c) put(line.getCell(j + 3), c);
      });
    }
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, r - 1), column: labels.length } };
  if (comparison.leftOut.length > 0) {
    r += 1;
    ws.getRow(r++).getCell(1).value = '比較に含めなかったブック';
    for (const x of comparison.leftOut) {
      const line = ws.getRow(r++);
      line.getCell(1).value = x.workbook;
      line.getCell(2).value = x.reason;
    }
  }
}

export async function overviewXlsx(rows: readonly OverviewRow[], comparison: YearComparison): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chizai-desk';
  overviewTab(wb, rows);
  comparisonTab(wb, comparison);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
