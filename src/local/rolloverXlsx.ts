/**
 * Next year's workbook as .xlsx: every contract tab laid out as `init` lays it out (headers, widths,
 * dropdowns, frozen header, protection), the workbook's own extra columns after the contract's, and the
 * carried cells written back as the types they were read as (a date cell stays a date cell).
 */
import ExcelJS from 'exceljs';
import type { Cell } from '../domain/rawTable';
import type { RolledTab, Rollover } from '../domain/rollover';
import { workbookTemplate } from '../domain/template';
import { DATE_FORMAT, layOutTab } from './xlsxTemplate';
import { dateOfSerial } from './xlsxWorkbook';

/** A serial as the cell it was: a date, a duration typed as 3:30, or a date and time. */
function serialCell(target: ExcelJS.Cell, serial: number): void {
  target.value = dateOfSerial(serial);
  target.numFmt = Number.isInteger(serial) ? DATE_FORMAT : serial < 1 ? '[h]:mm' : 'yyyy-mm-dd hh:mm';
}

function put(target: ExcelJS.Cell, cell: Cell): void {
  if (cell === null) return;
  if (typeof cell !== 'object') target.value = cell;
  else if ('serial' in cell) serialCell(target, cell.serial);
  // A formula saved without its result goes on as that formula (Excel computes it on opening), not as an error value.
  else if (cell.formula) target.value = { formula: cell.formula } as ExcelJS.CellFormulaValue;
  else target.value = { error: cell.error } as ExcelJS.CellErrorValue;
}

function writeTab(wb: ExcelJS.Workbook, tab: RolledTab): void {
  const template = workbookTemplate.find(t => t.name === tab.name);
  const ws = template
    ? layOutTab(wb, template, tab.header.slice(template.columns.length))
    : wb.addWorksheet(tab.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  if (!template) ws.addRow(tab.header);
  tab.rows.forEach((row, i) => {
    const line = ws.getRow(i + 2);
    row.cells.forEach((cell, j) => {
      put(line.getCell(j + 1), cell);
    });
    for (const [j, note] of row.notes) line.getCell(j + 1).note = note;
  });
}

/** A cell's note as plain text (exceljs gives rich-text notes as runs). */
function noteText(note: ExcelJS.Cell['note'] | undefined): string | null {
  if (!note) return null;
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map(t => t.text).join('') || null;
}

/** Reads the notes of a loaded workbook for rollover: tab name, sheet row and 0-based column. */
export const notesOf =
  (wb: ExcelJS.Workbook) =>
  (tabName: string, rowNumber: number, column: number): string | null =>
    noteText(wb.getWorksheet(tabName)?.findCell(rowNumber, column + 1)?.note);

export async function rolloverXlsx(next: Rollover): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chizai-desk';
  for (const tab of next.tabs) writeTab(wb, tab);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
