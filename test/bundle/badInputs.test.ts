/**
 * The bad-input corpus (scripts/make-bad-inputs.ts) as Google Sheets holds it, through build/Code.js on the
 * fakes: checkAllEntries and onEdit let no exception reach the person except as a clear dialog,
 * write nothing into a column people type in (only 期限/状態, notes, backgrounds and 実行ログ are the
 * system's), create no formula, and mark exactly the cells the local `check` names.
 */
import { AS_OF, cases, type FindingKey, mergesOf, sheetsOf, type WorkbookCase } from '../../scripts/make-bad-inputs';
import type { FakeGoogle } from '../fakes';
import { type BundleContext, loadBundle, setClock } from './loadBundle';

const NOON_IN_TOKYO = `${AS_OF}T12:00:00+09:00`;
const NOTE_PREFIX = '【チェック】';
const ERROR_BACKGROUND = '#f4cccc';
const COMPUTED = new Set(['期限', '状態']);
const norm = (s: unknown): string => String(s).normalize('NFKC').trim();

const sheetCases = cases.filter((c): c is WorkbookCase => c.kind === 'workbook' && c.inSheets);

function open(c: WorkbookCase): { fake: FakeGoogle; app: BundleContext } {
  const { fake, app } = loadBundle({ sheets: sheetsOf(c) });
  // Merged as a person merges in Sheets (the values were laid out already blank below the top-left cell).
  for (const [tab, areas] of Object.entries(mergesOf(c))) for (const a1 of areas) fake.sheet(tab)?.getRange(a1).merge();
  fake.calls.reset();
  setClock(app, NOON_IN_TOKYO);
  fake.setOnEdit(app.onEdit as never);
  return { fake, app };
}

const sheetNames = (fake: FakeGoogle): string[] => fake.spreadsheet._sheets.map(s => s._name);

/**
 * Every cell people type in, as values: all tabs but 実行ログ, without 会議登録簿's computed 期限/状態.
 * Dates as their instant, so two reads compare equal.
 */
function typedCells(fake: FakeGoogle): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const name of sheetNames(fake)) {
    if (norm(name) === '実行ログ') continue;
    const values = fake.sheetValues(name) ?? [];
    const header = (values[0] ?? []).map(norm);
    const skip = norm(name) === '会議登録簿' ? header.flatMap((h, i) => (COMPUTED.has(h) ? [i] : [])) : [];
    out[name] = values.map((row, r) =>
      row.map((v, c) =>
        r > 0 && skip.includes(c) ? '(computed)' : v instanceof Object && 'getTime' in v ? `date ${(v as Date).getTime()}` : v
      )
    );
  }
  return out;
}

/** The sheet row/column (1-based) of a finding's cell, by the tab's header as typed. */
function cellOf(fake: FakeGoogle, f: FindingKey): { sheet: string; row: number; column: number } {
  const sheet = sheetNames(fake).find(n => norm(n) === f.sheet) as string;
  const header = (fake.sheetValues(sheet)?.[0] ?? []).map(norm);
  return { sheet, row: f.row as number, column: header.indexOf(f.column as string) + 1 };
}

/** Cells with a system note, as 'sheet!row:column'. */
function markedCells(fake: FakeGoogle): string[] {
  const marked: string[] = [];
  for (const name of sheetNames(fake)) {
    const sheet = fake.sheet(name);
    const values = fake.sheetValues(name) ?? [];
    const width = values[0]?.length ?? 0;
    for (let r = 2; r <= values.length; r++)
      for (let c = 1; c <= width; c++) if (sheet?._cell(r, c).note.includes(NOTE_PREFIX)) marked.push(`${norm(name)}!${r}:${c}`);
  }
  return marked.sort();
}

const scriptFormulas = (fake: FakeGoogle) => fake.formulasCreated.filter(f => f.by === 'script');
const consoleErrors = (fake: FakeGoogle) => fake.consoleEntries.filter(e => e.level === 'error');
const cellFindings = (c: WorkbookCase) => c.adds.filter(f => f.row !== null && f.row > 1);

describe.each(sheetCases.map(c => [c.name, c] as const))('%s', (_name, c) => {
  test('checkAllEntries: one dialog with the summary, no exception, typed values and formulas untouched', () => {
    const { fake, app } = open(c);
    const before = typedCells(fake);
    expect(() => app.checkAllEntries()).not.toThrow();
    expect(typedCells(fake)).toEqual(before);
    expect(scriptFormulas(fake)).toEqual([]);
    expect(consoleErrors(fake)).toEqual([]);
    expect(fake.ui.alerts).toHaveLength(1);
    const alert = fake.ui.alerts[0];
    expect(alert?.title).toBe('入力をすべてチェック');
    expect(alert?.prompt).not.toContain('処理を完了できませんでした');
    const errors = c.adds.filter(f => !(f.sheet === '実行ログ')).length;
    expect(alert?.prompt).toContain(`エラー ${errors}件`);
    // The dialog names tab, row and column of what it lists (the first 15).
    if (c.adds.length <= 15)
      for (const f of c.adds)
        expect(alert?.prompt).toContain(`・${f.sheet}${f.row ? ` ${f.row}行目` : ''}${f.column ? `「${f.column}」` : ''}`);
  });

  test('checkAllEntries marks exactly the cells at fault (note and colour), nothing else', () => {
    const { fake, app } = open(c);
    app.checkAllEntries();
    const expected = cellFindings(c).map(f => {
      const at = cellOf(fake, f);
      return `${f.sheet}!${at.row}:${at.column}`;
    });
    expect(markedCells(fake)).toEqual([...new Set(expected)].sort());
    for (const f of cellFindings(c)) {
      const at = cellOf(fake, f);
      const cell = fake.sheet(at.sheet)?._cell(at.row, at.column);
      expect(cell?.background).toBe(ERROR_BACKGROUND);
      expect((cell?.note ?? '').length).toBeLessThan(2_000); // a 50,000-character cell is quoted, not copied
    }
  });

  test('checkAllEntries twice: the second run changes nothing', () => {
    const { fake, app } = open(c);
    app.checkAllEntries();
    const once = { typed: typedCells(fake), marked: markedCells(fake), meetings: fake.sheetValues('会議登録簿') };
    app.checkAllEntries();
    expect({ typed: typedCells(fake), marked: markedCells(fake), meetings: fake.sheetValues('会議登録簿') }).toEqual(once);
  });

  const retyped = cellFindings(c);
  (retyped.length ? test : test.skip)('onEdit: retyping each bad cell marks it as you type; no exception, no typed value changed', () => {
    const { fake } = open(c);
    const before = typedCells(fake);
    for (const f of retyped) {
      const at = cellOf(fake, f);
      const value = fake.sheetValues(at.sheet)?.[at.row - 1]?.[at.column - 1];
      fake.simulateUserEdit(at.sheet, at.row, at.column, [[value]]);
      expect(fake.sheet(at.sheet)?._cell(at.row, at.column).note).toContain(NOTE_PREFIX);
    }
    expect(typedCells(fake)).toEqual(before);
    expect(consoleErrors(fake)).toEqual([]);
    expect(scriptFormulas(fake)).toEqual([]);
    expect(fake.ui.alerts).toEqual([]); // a simple trigger never interrupts typing with a dialog
  });

  test('onEdit on the first data row of every tab: no exception, no dialog, nothing typed changed', () => {
    const { fake } = open(c);
    const before = typedCells(fake);
    for (const name of sheetNames(fake)) {
      const values = fake.sheetValues(name) ?? [];
      if (values.length < 2 || (values[1] ?? []).length === 0) continue;
      const value = values[1]?.[0];
      fake.simulateUserEdit(name, 2, 1, [[value === undefined ? '' : value]]);
    }
    expect(typedCells(fake)).toEqual(before);
    expect(consoleErrors(fake)).toEqual([]);
    expect(fake.ui.alerts).toEqual([]);
  });
});

describe('what people type, through onEdit', () => {
  const clean = sheetCases.find(c => c.name === 'clean-sample') as WorkbookCase;

  test('a tab whose name has a stray full-width space is still checked as you type', () => {
    const spaced = sheetCases.find(c => c.name === 'headers-with-full-width-spaces') as WorkbookCase;
    const { fake } = open(spaced);
    const name = sheetNames(fake).find(n => n !== norm(n) && norm(n) === 'PD稼働記録') as string;
    expect(name).toBeDefined();
    fake.simulateUserEdit(name, 3, 2, [['三時間']]);
    expect(fake.sheet(name)?._cell(3, 2).note).toContain('三時間');
    expect(fake.sheet(name)?._cell(3, 2).value).toBe('三時間');
  });

  test('a formula a person types stays theirs: the system writes none, and reads its value', () => {
    const { fake } = open(clean);
    fake.simulateUserEdit('PD稼働記録', 5, 2, [['=B4*2']]);
    expect(fake.formulasCreated).toEqual([{ sheet: 'PD稼働記録', a1: 'B5', formula: '=B4*2', by: 'user' }]);
    expect(scriptFormulas(fake)).toEqual([]);
    expect(fake.sheet('PD稼働記録')?._cell(5, 2).formula).toBe('=B4*2');
  });

  test('text that looks like a formula is never written back as one (marks are notes, not values)', () => {
    const { fake } = open(clean);
    fake.simulateUserEdit('PD稼働記録', 5, 2, [["'=1+1"]]);
    expect(fake.sheet('PD稼働記録')?._cell(5, 2).note).toContain('=1+1');
    expect(scriptFormulas(fake)).toEqual([]);
  });

  test('pasting a block of 50,000-character emoji cells over free text: no exception, the text kept exactly', () => {
    const { fake } = open(clean);
    const long = cases.find(c => c.name === 'long-cells-with-emoji') as WorkbookCase;
    const text = sheetsOf(long).PD稼働記録?.[1]?.[7] as string;
    fake.simulateUserEdit('PD稼働記録', 2, 8, [[text], [text], [text]]);
    expect(fake.sheetValues('PD稼働記録')?.[3]?.[7]).toBe(text);
    expect(consoleErrors(fake)).toEqual([]);
  });
});
