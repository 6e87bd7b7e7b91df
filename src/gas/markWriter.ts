/**
 * Writes a check's marks into one tab for a window of rows: computed columns (期限/状態), notes and
 * backgrounds, in one read and one write per kind, however many rows. Every decision is the domain's
 * (src/domain/marks.ts); people's own notes and colours are kept and values people typed are never written.
 */
import { partsOf } from '../domain/dates';
import type { TabLayout } from '../domain/ledgerReader';
import { type ComputedValue, cellBackground, type Marks, mergeNote } from '../domain/marks';
import type { SheetGrid } from './sheetTables';

export interface Window {
  readonly firstRow: number;
  readonly lastRow: number;
}

export function writeMarks(grid: SheetGrid, layout: TabLayout, marks: Marks, window: Window): void {
  const width = grid.values[0]?.length ?? 0;
  const numRows = window.lastRow - window.firstRow + 1;
  if (numRows < 1 || width < 1) return;
  const name = layout.tab.name;
  const cellMarks = new Map(marks.cells.filter(m => m.sheet === name).map(m => [`${m.row}:${m.column}`, m]));
  const tones = new Map(marks.rows.filter(r => r.sheet === name).map(r => [r.row, r.tone]));

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
      const next = cellBackground(cellMarks.get(`${rowNumber}:${c}`)?.severity ?? null, tones.get(rowNumber) ?? null, color);
      if (next !== color) changed = true;
      return next;
    })
  );
  if (changed) {
    range.setNotes(newNotes);
    range.setBackgrounds(newBackgrounds as string[][]);
  }
  for (const column of marks.computed.filter(c => c.sheet === name)) {
    const values = Array.from({ length: numRows }, (_, i) => [sheetValue(column.values.get(window.firstRow + i) ?? null)]);
    grid.sheet.getRange(window.firstRow, column.column + 1, numRows, 1).setValues(values);
  }
}

/** A date as Sheets stores a date typed in the script's zone (Asia/Tokyo); text as text; nothing as ''. */
function sheetValue(value: ComputedValue): Date | string {
  if (value === null) return '';
  if ('text' in value) return value.text;
  const { year, month, day } = partsOf(value.date);
  return new Date(year, month - 1, day);
}
