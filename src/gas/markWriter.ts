/**
 * Writes a check's marks into one tab for a window of rows: 期限/状態, notes and backgrounds, in one read
 * and one write per kind, however many rows. People's own notes and colours are kept; values people
 * typed are never written.
 */

import { isBlank } from '../domain/cellParsers';
import { partsOf } from '../domain/dates';
import type { TabLayout } from '../domain/ledgerReader';
import { isSystemColor, MARK_COLORS, type Marks, mergeNote, STATUS_NEEDS_FIX } from '../domain/marks';
import type { SheetGrid } from './sheetTables';
import { toCell } from './sheetTables';

export interface Window {
  readonly firstRow: number;
  readonly lastRow: number;
}

export function writeMarks(grid: SheetGrid, layout: TabLayout, marks: Marks, window: Window): void {
  const width = grid.values[0]?.length ?? 0;
  const numRows = window.lastRow - window.firstRow + 1;
  if (numRows < 1 || width < 1) return;
  const cellMarks = new Map(marks.cells.filter(m => m.sheet === layout.tab.name).map(m => [`${m.row}:${m.column}`, m]));
  const tones = new Map(marks.rows.filter(r => r.sheet === layout.tab.name).map(r => [r.row, r.tone]));

  const range = grid.sheet.getRange(window.firstRow, 1, numRows, width);
  const notes = range.getNotes();
  const backgrounds = range.getBackgrounds();
  let changed = false;
  const newNotes = notes.map((row, i) =>
    row.map((note, c) => {
      const mark = cellMarks.get(`${window.firstRow + i}:${c}`);
      const next = mergeNote(note, mark ? mark.note : null);
      if (next !== note) changed = true;
      return next;
    })
  );
  const newBackgrounds = backgrounds.map((row, i) =>
    row.map((color, c) => {
      const rowNumber = window.firstRow + i;
      const mark = cellMarks.get(`${rowNumber}:${c}`);
      const tone = tones.get(rowNumber);
      const next = mark ? MARK_COLORS[mark.severity] : tone ? MARK_COLORS[tone] : isSystemColor(color) ? null : color;
      if (next !== color) changed = true;
      return next;
    })
  );
  if (changed) {
    range.setNotes(newNotes);
    range.setBackgrounds(newBackgrounds as string[][]);
  }
  if (layout.tab.key === 'meetings') writeComputed(grid, layout, marks, window);
}

function writeComputed(grid: SheetGrid, layout: TabLayout, marks: Marks, window: Window): void {
  const dueAt = layout.columnIndex.minutesDue;
  const statusAt = layout.columnIndex.status;
  const byRow = new Map(marks.meetings.map(m => [m.row, m]));
  const typed = (rowNumber: number): boolean =>
    (grid.values[rowNumber - 1] ?? []).some((v, c) => c !== dueAt && c !== statusAt && !isBlank(toCell(v, null)));
  const rows = Array.from({ length: window.lastRow - window.firstRow + 1 }, (_, i) => window.firstRow + i);
  if (dueAt !== undefined) {
    const values = rows.map(r => {
      const due = byRow.get(r)?.minutesDue;
      if (!due) return [''];
      const { year, month, day } = partsOf(due);
      return [new Date(year, month - 1, day)];
    });
    grid.sheet.getRange(window.firstRow, dueAt + 1, rows.length, 1).setValues(values);
  }
  if (statusAt !== undefined) {
    const values = rows.map(r => [byRow.get(r)?.status ?? (typed(r) ? STATUS_NEEDS_FIX : '')]);
    grid.sheet.getRange(window.firstRow, statusAt + 1, rows.length, 1).setValues(values);
  }
}
