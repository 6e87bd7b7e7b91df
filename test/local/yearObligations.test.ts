/**
 * The year's obligations end to end (DESIGN.md "The year's obligations"; SAMPLE.md "The year-end workbook" and
 * "Variants"): the built CLI on workbooks written by SheetJS, the new tabs in another column order with a column
 * of the secretariat's own, dates and months typed as text in every accepted form. Every planted problem of every
 * new code is found at its row, nothing on the clean rows; --annotate marks them; remind tells the right roles once
 * a day; the monthly report lists them; --sheet gives the same as the .xlsx.
 */
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { YEAR_REMINDER_KINDS } from '../../src/domain/reminders/plan';
import { YEAR_OBLIGATION_CODES } from '../../src/domain/report/actionItems';
import { main } from '../../src/local/cli';
import { YEAR_END_PLANTED } from '../support/sampleExpectations';
import { SAMPLE_SPREADSHEET_ID, sampleSpreadsheet, useSheetsStandIn } from '../support/sheetsApiServer';
import {
  AS_OF,
  EXTRA_HEADER,
  ensureBuilt,
  FIXTURE_HEADERS,
  JAPANESE,
  removeTempDirs,
  runCli,
  sampleRowsOf,
  tempDir,
  writeRows,
  YEAR_END_AS_OF,
} from './support';

interface FindingJson {
  sheet: string;
  row: number | null;
  column: string | null;
  severity: string;
  code: string;
  message: string;
}

const VARIANT_PLANTED = [
  '会議登録簿 21 開催日 presentation-too-early error',
  '会議登録簿 21 会議ID presentation-no-announcement error',
  '会議登録簿 21 会議ID presentation-no-coverage warning',
  'PD評価 - - pd-evaluation-missing warning',
  'PD月次報告 - 対象月 pd-monthly-report-missing error',
].sort();

const where = (f: FindingJson): string => `${f.sheet} ${f.row ?? '-'} ${f.column ?? '-'} ${f.code} ${f.severity}`;
const yearFindings = (findings: readonly FindingJson[]): string[] =>
  findings
    .filter(f => YEAR_OBLIGATION_CODES.has(f.code as never))
    .map(where)
    .sort();

/** The year-end rows, with a note typed into the secretariat's own column of every new tab (kept, ignored). */
function yearEndRows(): Record<string, Record<string, string | number | boolean>[]> {
  const rows = sampleRowsOf(true);
  for (const tab of ['PD月次報告', 'PD評価', '効果検証', '知見・ノウハウ', '広報記録', '転載許可', '報告書本文'])
    for (const r of rows[tab] ?? []) r[EXTRA_HEADER] = '確認済み（事務局）';
  return rows;
}

/** SAMPLE.md variant "Early presentation, no evaluation". */
function variantRows(): Record<string, Record<string, string | number | boolean>[]> {
  const rows = sampleRowsOf(false);
  const m020 = rows.会議登録簿?.[19];
  if (m020?.会議ID !== 'M-020') throw new Error('row 21 of 会議登録簿 is not M-020');
  m020.開催日 = '2024-11-29';
  rows.PD評価 = [];
  return rows;
}

let yearEndBook: string;
let variantBook: string;
let yearEndCheck: { findings: FindingJson[] };

beforeAll(() => {
  ensureBuilt();
  const dir = tempDir();
  yearEndBook = join(dir, 'year-end.xlsx');
  variantBook = join(dir, 'variant.xlsx');
  writeRows(yearEndBook, yearEndRows());
  writeRows(variantBook, variantRows());
  yearEndCheck = JSON.parse(runCli(['check', yearEndBook, '--today', YEAR_END_AS_OF, '--json']).stdout);
});
afterAll(removeTempDirs);

describe('check finds every planted problem of the new codes at its row, and none on clean rows', () => {
  test('the workbook really is laid out otherwise: new tabs in another column order, with a column of their own', () => {
    const wb = XLSX.readFile(yearEndBook);
    const header = (tab: string) => XLSX.utils.sheet_to_json<string[]>(wb.Sheets[tab] as XLSX.WorkSheet, { header: 1 })[0];
    expect(header('PD評価')).toEqual(FIXTURE_HEADERS.PD評価);
    expect(header('PD評価')?.[0]).not.toBe('評価ID');
    expect(header('効果検証')).toContain(EXTRA_HEADER);
    // Dates as text (令和, R6., slashes) and months as date cells or 令和 text are among the cells.
    const cells = Object.values(wb.Sheets.PD月次報告 ?? {}).filter(
      (c): c is XLSX.CellObject => typeof c === 'object' && c !== null && 't' in c
    );
    expect(cells.some(c => c.t === 's' && /^令和\d+年\d+月$/.test(String(c.v)))).toBe(true);
    expect(cells.some(c => c.t === 'n')).toBe(true);
  });

  test('the year-end workbook on 2025-03-03: exactly the table of SAMPLE.md', () => {
    expect(yearFindings(yearEndCheck.findings)).toEqual(YEAR_END_PLANTED);
  });

  test('no finding at all on the new tabs’ other rows: nothing unreadable, no reference or type finding', () => {
    const newTabs = new Set(['PD月次報告', 'PD評価', '効果検証', '知見・ノウハウ', '広報記録', '転載許可', '報告書本文']);
    const others = yearEndCheck.findings.filter(f => newTabs.has(f.sheet) && !YEAR_OBLIGATION_CODES.has(f.code as never));
    expect(others).toEqual([]);
  });

  test('each message is Japanese and names its clause', () => {
    for (const f of yearEndCheck.findings.filter(x => YEAR_OBLIGATION_CODES.has(x.code as never))) {
      expect(f.message).toMatch(JAPANESE);
      expect(f.message).toMatch(/仕様書\d/);
    }
  });

  test('the variant on 2025-01-29: a 成果発表会 on 2024-11-29 is too early; no evaluation; December’s report', () => {
    const run = runCli(['check', variantBook, '--today', '2025-01-29', '--json']);
    expect(yearFindings(JSON.parse(run.stdout).findings)).toEqual(VARIANT_PLANTED);
  });

  test('the sample on its asOf day: nothing of the new codes', () => {
    const dir = tempDir();
    const book = join(dir, 'sample.xlsx');
    writeRows(book, sampleRowsOf(false));
    expect(yearFindings(JSON.parse(runCli(['check', book, '--today', AS_OF, '--json']).stdout).findings)).toEqual([]);
  });
});

describe('--annotate marks the planted cells of the new tabs', () => {
  test('a note on each planted cell, in the file’s own column order', () => {
    const out = join(tempDir(), 'annotated.xlsx');
    const run = runCli(['check', yearEndBook, '--today', YEAR_END_AS_OF, '--annotate', out]);
    expect(run.status).toBe(1);
    const wb = XLSX.readFile(out, { cellStyles: true });
    const noteAt = (sheet: string, row: number, header: string): string => {
      const c = (FIXTURE_HEADERS[sheet] ?? []).indexOf(header);
      const cell = wb.Sheets[sheet]?.[XLSX.utils.encode_cell({ r: row - 1, c })] as XLSX.CellObject | undefined;
      return (cell?.c ?? []).map(x => x.t).join('\n');
    };
    for (const f of YEAR_END_PLANTED.map(w => w.split(' '))) {
      const [sheet, row, column, code] = f as [string, string, string, string];
      if (row === '-') continue;
      expect({ at: `${sheet} ${row} ${column}`, note: noteAt(sheet, Number(row), column).startsWith('【チェック】') }).toEqual({
        at: `${sheet} ${row} ${column}`,
        note: true,
      });
      expect(code).toBeTruthy();
    }
    expect(noteAt('PD評価', 3, '庁相談日')).toContain('E-02');
  });
});

describe('remind: the new kinds to the right roles, once a day', () => {
  interface RemindJson {
    sent: { to: string; items: { kind: string; ref: string; due: string | null }[] }[];
  }
  const NEW_KINDS = new Set<string>(YEAR_REMINDER_KINDS);
  const byKind = (json: RemindJson): string[] => {
    const to = new Map<string, string[]>();
    for (const d of json.sent)
      for (const i of d.items.filter(x => NEW_KINDS.has(x.kind))) {
        const k = `${i.kind} ${i.ref}`;
        to.set(k, [...(to.get(k) ?? []), d.to].sort());
      }
    return [...to].map(([k, v]) => `${k} → ${v.join(' ')}`).sort();
  };

  test('on 2025-03-03 each kind reaches only its roles; a second run with --state sends nothing', () => {
    const dir = tempDir();
    const args = [
      'remind',
      yearEndBook,
      '--outbox',
      join(dir, 'outbox'),
      '--today',
      YEAR_END_AS_OF,
      '--state',
      join(dir, 'state.json'),
      '--json',
    ];
    const first = JSON.parse(runCli(args).stdout) as RemindJson;
    expect(byKind(first)).toEqual(
      [
        'pd-report-overdue 2025-01 → hiroshi.sasaki@example.jp nao.mikami@example.co.jp',
        'pd-evaluation-unreported E-03 → seiichi.kudo@example.co.jp tomoko.harada@example.co.jp',
        'presentation-coverage-missing M-020 → nao.mikami@example.co.jp',
        'reprint-permission-pending 転載許可!R3 → kenta.narita@example.co.jp misaki.kasai@example.co.jp',
      ].sort()
    );
    const second = JSON.parse(runCli(args).stdout) as RemindJson;
    expect(second.sent).toEqual([]);
  });

  test('the variant on 2025-01-29: the evaluation to the 事業統括責任者 and the leader', () => {
    const dir = tempDir();
    const json = JSON.parse(
      runCli(['remind', variantBook, '--outbox', join(dir, 'outbox'), '--today', '2025-01-29', '--json']).stdout
    ) as RemindJson;
    expect(byKind(json)).toContain('pd-evaluation-due PD評価 → nao.mikami@example.co.jp seiichi.kudo@example.co.jp');
  });
});

describe('the monthly report’s 要対応事項 include the new findings', () => {
  test('report --month 2025-02 on the year-end workbook names them; the sample’s November report does not', () => {
    const run = runCli(['report', yearEndBook, '--month', '2025-02', '--today', YEAR_END_AS_OF, '--out', tempDir(), '--json']);
    const model = JSON.parse(run.stdout) as { actions: { kind: string; detail: string }[] };
    const item = model.actions.find(a => a.kind === 'year-obligations');
    expect(item?.detail).toContain('転載許可3行目');
    expect(item?.detail).toContain('効果検証8行目');
    const book = join(tempDir(), 'sample.xlsx');
    writeRows(book, sampleRowsOf(false));
    const november = JSON.parse(runCli(['report', book, '--month', '2024-11', '--today', AS_OF, '--out', tempDir(), '--json']).stdout) as {
      actions: { kind: string }[];
    };
    expect(november.actions.map(a => a.kind)).not.toContain('year-obligations');
  });
});

describe('--sheet gives the same year-end findings as the .xlsx', () => {
  const api = useSheetsStandIn(sampleSpreadsheet({ tabs: sampleRowsOf(true) }));

  test('check --sheet --json on 2025-03-03', async () => {
    const out: string[] = [];
    await main(['check', '--sheet', SAMPLE_SPREADSHEET_ID, '--today', YEAR_END_AS_OF, '--json'], {
      out: l => out.push(l),
      err: () => undefined,
    });
    const fromSheet = JSON.parse(out.join('\n')) as { findings: FindingJson[] };
    expect(yearFindings(fromSheet.findings)).toEqual(YEAR_END_PLANTED);
    expect(api().requests).toHaveLength(1);
  });
});
