/**
 * The annotated copy of `check --annotate`: 期限/状態 filled, each finding's cell marked (background and
 * a note), overdue rows red and due-soon rows amber; marks an earlier check left on a copy are cleared
 * where they no longer apply. Typed values are never changed.
 */

import type ExcelJS from 'exceljs';
import { normalizeHeader } from '../domain/cellParsers';
import { serialFromYmd } from '../domain/dates';
import type { TabLayout } from '../domain/ledgerReader';
import { cellBackground, type Marks, mergeNote } from '../domain/marks';
import { DATE_FORMAT } from './xlsxTemplate';
import { dateOfSerial, keepTypedSerials } from './xlsxWorkbook';

const fill = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${hex.slice(1)}` } });

function noteText(note: ExcelJS.Cell['note']): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map(t => t.text).join('');
}

/** '#RRGGBB' of a cell's solid background, or null. */
function backgroundOf(cell: ExcelJS.Cell): string | null {
  const f = cell.fill;
  if (f?.type !== 'pattern' || f.pattern !== 'solid') return null;
  const argb = f.fgColor?.argb;
  return argb && argb.length >= 6 ? `#${argb.slice(-6)}` : null;
}

/**
 * exceljs gives every cell loaded with the same style index one shared style object, so setting
 * `cell.fill` on one date cell would colour every date cell of that format. Give the cell its own copy.
 */
function restyle(cell: ExcelJS.Cell, change: (style: Partial<ExcelJS.Style>) => Partial<ExcelJS.Style>): void {
  cell.style = change({ ...cell.style });
}

function setBackground(cell: ExcelJS.Cell, color: string | null): void {
  if (backgroundOf(cell)?.toUpperCase() === color?.toUpperCase()) return;
  restyle(cell, style => {
    if (color === null) delete style.fill;
    else style.fill = fill(color);
    return style;
  });
}

function setNote(cell: ExcelJS.Cell, note: string): void {
  if (noteText(cell.note) === note) return;
  if (note !== '') {
    cell.note = note;
    return;
  }
  // exceljs has no call that removes a note, and a loaded note lives in two places: the cell's comment
  // and its value's model (which the writer reads). Drop both.
  const inside = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
  inside._comment = undefined;
  if (inside._value?.model) delete inside._value.model.comment;
}

/** The tab a contract name names, as the workbook spells it (names are matched after NFKC and trimming). */
const worksheetOf = (workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined =>
  workbook.worksheets.find(ws => normalizeHeader(ws.name) === normalizeHeader(name));

/**
 * Marks one tab as the check found it now: each finding's cell gets its background and note, toned rows
 * their colour, and what the system marked on an earlier copy but no longer applies is cleared. People's
 * own notes and colours are kept (marks.ts: mergeNote, isSystemColor).
 */
function markTab(ws: ExcelJS.Worksheet, layout: TabLayout, marks: Marks): void {
  const name = layout.tab.name;
  const cellMarks = new Map(marks.cells.filter(m => m.sheet === name).map(m => [`${m.row}:${m.column}`, m]));
  const tones = new Map(marks.rows.filter(r => r.sheet === name).map(r => [r.row, r.tone]));
  const lastRow = Math.max(ws.rowCount, ...marks.cells.filter(m => m.sheet === name).map(m => m.row), ...tones.keys());
  for (let row = 2; row <= lastRow; row++) {
    const tone = tones.get(row);
    for (let column = 0; column < layout.width; column++) {
      const mark = cellMarks.get(`${row}:${column}`);
      const cell = mark || tone ? ws.getCell(row, column + 1) : ws.findCell(row, column + 1);
      if (!cell || (cell.isMerged && cell.master !== cell)) continue;
      setBackground(cell, cellBackground(mark?.severity ?? null, tone ?? null, backgroundOf(cell)));
      setNote(cell, mergeNote(noteText(cell.note), mark ? mark.note : null));
    }
  }
}

/** The computed columns (期限/状態): each row's value from the check, and stale values cleared. */
function writeComputed(ws: ExcelJS.Worksheet, layout: TabLayout, marks: Marks): void {
  for (const column of marks.computed.filter(c => c.sheet === layout.tab.name)) {
    const lastRow = Math.max(ws.rowCount, ...column.values.keys());
    for (let row = 2; row <= lastRow; row++) {
      const value = column.values.get(row) ?? null;
      if (value === null && !ws.findCell(row, column.column + 1)) continue;
      const cell = ws.getCell(row, column.column + 1);
      if (value !== null && 'date' in value) {
        cell.value = dateOfSerial(serialFromYmd(value.date));
        if (cell.numFmt !== DATE_FORMAT) restyle(cell, style => ({ ...style, numFmt: DATE_FORMAT }));
      } else cell.value = value === null ? null : value.text;
    }
  }
}

export function annotate(workbook: ExcelJS.Workbook, marks: Marks, layouts: Readonly<Record<string, TabLayout>>): void {
  keepTypedSerials(workbook);
  for (const layout of Object.values(layouts)) {
    const ws = layout.present ? worksheetOf(workbook, layout.tab.name) : undefined;
    if (!ws) continue;
    markTab(ws, layout, marks);
    writeComputed(ws, layout, marks);
  }
}
