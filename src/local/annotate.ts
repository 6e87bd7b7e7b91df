/**
 * The annotated copy of `check --annotate`: 期限/状態 filled, each finding's cell marked (background and
 * a note), overdue rows red and due-soon rows amber. Typed values are never changed.
 */
import type ExcelJS from 'exceljs';
import { type Marks, MARK_COLORS, mergeNote } from '../domain/marks';
import type { TabLayout } from '../domain/workbook';
import { DATE_FORMAT } from './xlsxTemplate';
import { dateOfSerial } from './xlsxWorkbook';
import { serialFromYmd } from '../domain/dates';

const fill = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${hex.slice(1)}` } });

function noteText(note: ExcelJS.Cell['note']): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map(t => t.text).join('');
}

export function annotate(workbook: ExcelJS.Workbook, marks: Marks, layouts: Readonly<Record<string, TabLayout>>): void {
  for (const r of marks.rows) {
    const ws = workbook.getWorksheet(r.sheet);
    const width = layouts.meetings?.width ?? 0;
    if (!ws) continue;
    for (let c = 1; c <= width; c++) ws.getCell(r.row, c).fill = fill(MARK_COLORS[r.tone]);
  }
  for (const m of marks.cells) {
    const ws = workbook.getWorksheet(m.sheet);
    if (!ws) continue;
    const cell = ws.getCell(m.row, m.column + 1);
    cell.fill = fill(MARK_COLORS[m.severity]);
    cell.note = mergeNote(noteText(cell.note), m.note);
  }
  const meetings = workbook.getWorksheet('会議登録簿');
  const dueAt = layouts.meetings?.columnIndex.minutesDue;
  const statusAt = layouts.meetings?.columnIndex.status;
  if (!meetings) return;
  for (const v of marks.meetings) {
    if (dueAt !== undefined) {
      const cell = meetings.getCell(v.row, dueAt + 1);
      cell.value = v.minutesDue ? dateOfSerial(serialFromYmd(v.minutesDue)) : null;
      cell.numFmt = DATE_FORMAT;
    }
    if (statusAt !== undefined) meetings.getCell(v.row, statusAt + 1).value = v.status;
  }
}
