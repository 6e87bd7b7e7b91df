/**
 * `chizai-desk rollover` end to end on the sample as people type it (written by SheetJS: columns in another
 * order, extra columns, an extra tab, dates as text and as date cells): next year's workbook, read back with
 * SheetJS and checked by the tool, carries the open cases and the handlers cell for cell, starts the year's
 * records empty, has its dates in FY2025, and the ISMAP approval emptied with a note. The input is never written.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { contract } from '../../sheets-templates/contract';
import { readLedger } from '../../src/domain/ledgerReader';
import { exportAllowed } from '../../src/domain/policy';
import { readXlsxTables } from '../../src/local/xlsxStreamReader';
import { ensureBuilt, JAPANESE, removeTempDirs, runCli, STACK_TRACE, sha256, tempDir, writeFixture } from './support';
import { SAMPLE_ROWS, writeBook } from './workbooks';

interface JsonFinding {
  sheet: string;
  row: number | null;
  column: string | null;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

let dir: string;
let book: string;
let next: string;
let before: string;
let run: ReturnType<typeof runCli>;
let input: XLSX.WorkBook;
let output: XLSX.WorkBook;

const records = (wb: XLSX.WorkBook, tab: string): Record<string, unknown>[] =>
  XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[tab] as XLSX.WorkSheet, { raw: true });
const findings = (path: string, today: string): JsonFinding[] =>
  (JSON.parse(runCli(['check', path, '--today', today, '--json']).stdout) as { findings: JsonFinding[] }).findings;
/** 設定's 値 cell of an item. */
const settingCell = (wb: XLSX.WorkBook, item: string): XLSX.CellObject | undefined => {
  const ws = wb.Sheets.設定 as XLSX.WorkSheet;
  const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1 });
  const header = rows[0] as string[];
  const r = rows.findIndex(row => row[header.indexOf('項目')] === item);
  return ws[XLSX.utils.encode_cell({ r, c: header.indexOf('値') })] as XLSX.CellObject | undefined;
};
const ymdOf = (c: XLSX.CellObject | undefined): string | null =>
  typeof c?.v === 'number' ? new Date(Date.UTC(1899, 11, 30) + c.v * 86_400_000).toISOString().slice(0, 10) : null;
const inFy2025 = (d: string | null): boolean => d !== null && d >= '2025-04-01' && d <= '2026-03-31';

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  book = join(dir, 'aomori-2024.xlsx');
  writeFixture(book);
  before = sha256(book);
  next = join(dir, 'aomori-2025.xlsx');
  run = runCli(['rollover', book, '--out', next]);
  input = XLSX.readFile(book, { cellStyles: true });
  output = XLSX.readFile(next, { cellStyles: true });
}, 60_000);
afterAll(removeTempDirs);

test('exit 0; the terminal says what was carried, moved and emptied, and what to fill in', () => {
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/2024年度のブックから2025年度のブックを作りました/);
  expect(run.stdout).toMatch(/案件台帳: \d+行を引き継ぎました（完了・中止の2行は引き継いでいません）/);
  expect(run.stdout).toMatch(/ISMAP承認日」を今年度の値で入力してください/);
  expect(run.stderr).not.toMatch(STACK_TRACE);
});

test('the input is never written', () => {
  expect(sha256(book)).toBe(before);
});

test('cases not 完了/中止 read back identical, every column including the workbook’s own (更新者)', () => {
  const open = records(input, '案件台帳').filter(r => !['完了', '中止'].includes(String(r.段階)));
  expect(records(output, '案件台帳')).toEqual(open);
  expect(open.map(r => r.案件ID)).not.toContain('C-005');
  expect(Object.keys(records(output, '案件台帳')[0] ?? {})).toContain('更新者');
});

test('情報取扱者名簿 reads back identical, row for row', () => {
  expect(records(output, '情報取扱者名簿')).toEqual(records(input, '情報取扱者名簿'));
});

test('the year’s records start empty, with their headers: 会議登録簿, PD稼働記録, 専門家活用記録, 実行ログ', () => {
  for (const tab of ['会議登録簿', 'PD稼働記録', '専門家活用記録', '実行ログ']) {
    expect(records(output, tab)).toEqual([]);
    const header = XLSX.utils.sheet_to_json<unknown[]>(output.Sheets[tab] as XLSX.WorkSheet, { header: 1 })[0];
    expect(header).toEqual(expect.arrayContaining(contract.tabs.find(t => t.name === tab)?.columns.map(c => c.header) ?? []));
  }
});

test('the secretariat’s own tab (メモ) comes along as it was', () => {
  expect(output.SheetNames).toContain('メモ');
});

test('the programme’s dates in 設定 fall in FY2025, as date cells', () => {
  for (const item of ['事業開始日', '事業終了日', 'PD派遣開始日'])
    expect([item, inFy2025(ymdOf(settingCell(output, item)))]).toEqual([item, true]);
  expect([ymdOf(settingCell(output, '事業開始日')), ymdOf(settingCell(output, '事業終了日'))]).toEqual(['2025-06-03', '2026-03-31']);
  const holidays = String(settingCell(output, '追加休日')?.v).split(/,\s*/);
  expect(holidays.every(inFy2025)).toBe(true);
});

test('ISMAP承認日 and ISMAP承認者 are empty, each with a note saying why (approval is per contract, §21)', () => {
  for (const item of ['ISMAP承認日', 'ISMAP承認者']) {
    const cell = settingCell(output, item);
    expect(cell?.v ?? null).toBeNull();
    expect(cell?.c?.[0]?.t).toMatch(/前年度の値（.+）は引き継いでいません。クラウド利用の承認は契約ごとです。/);
  }
});

test('check on the new workbook reports no error but those the carried cases already had', () => {
  const caseOf = (wb: XLSX.WorkBook, row: number | null): unknown => records(wb, '案件台帳')[(row ?? 0) - 2]?.案件ID;
  const carried = new Set(records(output, '案件台帳').map(r => r.案件ID));
  const inherited = findings(book, '2024-12-02')
    .filter(f => f.severity === 'error' && f.sheet === '案件台帳' && carried.has(caseOf(input, f.row)))
    .map(f => [f.code, f.column, caseOf(input, f.row)]);
  const errors = findings(next, '2025-06-10').filter(f => f.severity === 'error');
  expect(errors.map(f => [f.code, f.column, caseOf(output, f.row)])).toEqual(inherited);
  expect(errors.every(f => f.sheet === '案件台帳')).toBe(true);
});

test('the approval emptied is what stops report Docs and mail in Sheets until this year’s is filled in (§21)', async () => {
  const read = readLedger(await readXlsxTables(next));
  const decision = exportAllowed(read.ledger.settings, 'nao.mikami@example.co.jp', '2025-06-10');
  expect(decision).toEqual({ allowed: false, reason: expect.stringMatching(/「ISMAP承認日」.*「ISMAP承認者」/) });
  expect(exportAllowed(readLedger(await readXlsxTables(book)).ledger.settings, 'nao.mikami@example.co.jp', '2024-12-02')).toEqual({
    allowed: true,
  });
});

test('a person’s notes on carried cells come along; the system’s marks from an earlier check do not', () => {
  const noted = join(dir, 'noted-2024.xlsx');
  // B2: 企業名 of C-001 (carried); G5: 事前検証日 of C-004, marked by an earlier check --annotate.
  writeBook(noted, SAMPLE_ROWS, { 案件台帳: { B2: '社長の意向を確認済み', G5: '【チェック】段階が「支援中」の案件は事前検証が必要です' } });
  const out = join(dir, 'noted-2025.xlsx');
  expect(runCli(['rollover', noted, '--out', out]).status).toBe(0);
  const ws = XLSX.readFile(out).Sheets.案件台帳 as XLSX.WorkSheet;
  const comments = Object.entries(ws)
    .filter(([k, c]) => !k.startsWith('!') && (c as XLSX.CellObject).c)
    .map(([k, c]) => [k, (c as XLSX.CellObject).c?.[0]?.t]);
  expect(comments).toEqual([['B2', '社長の意向を確認済み']]);
});

describe('--start and --end', () => {
  test('give the new period; other dates move by the fiscal years between', () => {
    const out = join(dir, 'aomori-2025-april.xlsx');
    expect(runCli(['rollover', book, '--out', out, '--start', '2025-04-01', '--end', '2026-03-31']).status).toBe(0);
    const wb = XLSX.readFile(out);
    expect([ymdOf(settingCell(wb, '事業開始日')), ymdOf(settingCell(wb, '事業終了日')), ymdOf(settingCell(wb, 'PD派遣開始日'))]).toEqual([
      '2025-04-01',
      '2026-03-31',
      '2025-07-01',
    ]);
  });

  test('a period in the workbook’s own year is bad usage (exit 2), in Japanese', () => {
    const r = runCli(['rollover', book, '--out', join(dir, 'same-year.xlsx'), '--start', '2024-10-01', '--end', '2025-03-31']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/2024年度/);
    expect(existsSync(join(dir, 'same-year.xlsx'))).toBe(false);
  });
});

describe('refusals', () => {
  test('an existing output file is never overwritten (exit 1)', () => {
    const r = runCli(['rollover', book, '--out', next]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/既にあります。上書きしません/);
  });

  test('the input as the output is refused (exit 2)', () => {
    const r = runCli(['rollover', book, '--out', book]);
    expect(r.status).toBe(2);
    expect(sha256(book)).toBe(before);
  });

  test('no --out is bad usage (exit 2); a missing input says it is not found', () => {
    expect(runCli(['rollover', book]).status).toBe(2);
    const r = runCli(['rollover', join(dir, 'none.xlsx'), '--out', join(dir, 'x.xlsx')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(JAPANESE);
    expect(r.stderr).toMatch(/ファイルが見つかりません/);
  });
});
