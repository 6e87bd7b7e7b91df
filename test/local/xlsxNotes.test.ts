/**
 * Cell notes as other tools write them: a plain <text><t>…</t></text> (SheetJS, among others) is as valid as rich-text
 * runs, and exceljs alone would read it as an empty note. The .xlsx adapter reads both, so `check --annotate` keeps a
 * person's note beside its mark and `rollover` carries it.
 */
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { loadXlsx } from '../../src/local/xlsxWorkbook';
import { ensureBuilt, removeTempDirs, runCli, tempDir } from './support';
import { SAMPLE_ROWS, writeBook } from './workbooks';

afterAll(removeTempDirs);

test('a note written as plain text (SheetJS) reads as its text, not as an empty note', async () => {
  const path = join(tempDir(), 'notes.xlsx');
  const wb = XLSX.utils.book_new();
  const ws = XLSX.utils.aoa_to_sheet([['a'], ['x']]);
  (ws.A2 as XLSX.CellObject).c = [{ a: '事務局', t: '確認済み' }];
  XLSX.utils.book_append_sheet(wb, ws, 'S');
  XLSX.writeFile(wb, path);
  const note = (await loadXlsx(path)).getWorksheet('S')?.getCell('A2').note;
  expect(typeof note === 'string' ? note : (note?.texts ?? []).map(t => t.text).join('')).toBe('確認済み');
});

test('check --annotate keeps a person’s note on a marked cell and adds the mark below it', () => {
  ensureBuilt();
  const dir = tempDir();
  const book = join(dir, 'book.xlsx');
  // E8: 担当 of C-007, a handler no longer active (recipient-not-authorized).
  writeBook(book, SAMPLE_ROWS, { 案件台帳: { E8: '1月から三上さんに交代予定' } });
  runCli(['check', book, '--today', '2024-12-02', '--annotate', join(dir, 'checked.xlsx')]);
  const cell = XLSX.readFile(join(dir, 'checked.xlsx')).Sheets.案件台帳?.E8 as XLSX.CellObject;
  expect(cell.c?.map(c => c.t).join('')).toMatch(/^1月から三上さんに交代予定\n【チェック】/);
});
