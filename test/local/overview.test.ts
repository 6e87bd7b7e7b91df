/**
 * `chizai-desk overview` end to end: three regions' workbooks written by SheetJS (the sample, and two variants
 * with other 地域名/年度 and other progress) give per-workbook figures equal to each workbook's own
 * `report --json` and `check --json`, and 全地域進捗_<date>.xlsx read back with SheetJS has them, coloured,
 * with a frozen header, filters and the comparison across fiscal years.
 */
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { OVERVIEW_COLUMNS, type OverviewRow } from '../../src/domain/overview';
import type { ReportModel } from '../../src/domain/report/model';
import { ensureBuilt, removeTempDirs, runCli, STACK_TRACE, sha256, tempDir } from './support';
import { movedYears, SAMPLE_ROWS, type Tabs, withSettings, writeBook } from './workbooks';

const TODAY = '2025-10-15';
const MONTH = '2025-10';

interface Book {
  readonly file: string;
  readonly region: string;
  /** 年度 as typed ('' = blank) and the fiscal year expected. */
  readonly typedYear: number | '';
  readonly fiscalYear: number;
  readonly tabs: Tabs;
}

/** Ishikawa FY2024: fewer companies supported, a council and half the PD's days missing, no month over the expert cap. */
const ishikawa: Tabs = withSettings(
  {
    ...SAMPLE_ROWS,
    案件台帳: (SAMPLE_ROWS.案件台帳 ?? []).map(r => (['C-003', 'C-004'].includes(String(r.案件ID)) ? { ...r, 段階: '選定済' } : r)),
    会議登録簿: (SAMPLE_ROWS.会議登録簿 ?? []).filter(r => r.会議ID !== 'M-010'),
    PD稼働記録: (SAMPLE_ROWS.PD稼働記録 ?? []).filter((_, i) => i % 2 === 0),
    専門家活用記録: (SAMPLE_ROWS.専門家活用記録 ?? []).filter(r => !String(r.実施日).startsWith('2024-10-2')),
  },
  { 地域名: '石川県', 年度: 2024 }
);

/** Kobe FY2025: the sample a year on, with a larger target and a smaller PD budget. */
const kobe: Tabs = withSettings(movedYears(SAMPLE_ROWS, 1), { 地域名: '兵庫県', 年度: '', 支援企業目標数: 6, PD予算日数: 30 });

let dir: string;
let books: Book[];
let run: ReturnType<typeof runCli>;
let rows: OverviewRow[];
let file: string;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  books = [
    {
      file: join(dir, 'aomori-2024.xlsx'),
      region: '青森県',
      typedYear: 2024,
      fiscalYear: 2024,
      tabs: withSettings(SAMPLE_ROWS, { 地域名: '青森県', 年度: 2024 }),
    },
    { file: join(dir, 'ishikawa-2024.xlsx'), region: '石川県', typedYear: 2024, fiscalYear: 2024, tabs: ishikawa },
    { file: join(dir, 'kobe-2025.xlsx'), region: '兵庫県', typedYear: '', fiscalYear: 2025, tabs: kobe },
  ];
  for (const b of books) writeBook(b.file, b.tabs);
  run = runCli(['overview', ...books.map(b => b.file), '--today', TODAY, '--out', join(dir, 'out'), '--json']);
  const json = JSON.parse(run.stdout) as { rows: OverviewRow[]; file: string };
  rows = json.rows;
  file = json.file;
}, 120_000);
afterAll(removeTempDirs);

test('every workbook read: exit 0, one row each in the order given, JSON alone on stdout', () => {
  expect(run.status).toBe(0);
  expect(rows.map(r => r.workbook)).toEqual(['aomori-2024.xlsx', 'ishikawa-2024.xlsx', 'kobe-2025.xlsx']);
  expect(rows.every(r => r.problem === null && r.figures !== null)).toBe(true);
  expect(file).toBe(join(dir, 'out', `全地域進捗_${TODAY}.xlsx`));
});

describe.each([0, 1, 2])('workbook %i: the figures are its own report and check results', i => {
  let report: ReportModel;
  let check: { findings: { severity: string }[]; meetings: { status: string }[] };
  beforeAll(() => {
    const b = books[i] as Book;
    report = JSON.parse(runCli(['report', b.file, '--month', MONTH, '--today', TODAY, '--json', '--out', join(dir, `r${i}`)]).stdout);
    check = JSON.parse(runCli(['check', b.file, '--today', TODAY, '--json']).stdout);
  }, 60_000);
  const f = () => (rows[i] as OverviewRow).figures as NonNullable<OverviewRow['figures']>;

  test('supported companies and liaison councils against their targets (§4, §6)', () => {
    expect(f().supported).toEqual({ count: report.cases.supported, target: report.cases.target });
    expect(f().liaisonCouncils).toEqual({
      held: report.meetings.liaisonCouncilsToDate,
      target: report.meetings.liaisonTarget,
      scheduled: report.meetings.liaisonCouncilsScheduled?.length,
      onTrack: report.meetings.liaisonOnTrack,
      firstInJuly: report.meetings.liaisonInJuly?.held,
    });
  });

  test('PD hours and days against the budget, with the pace projection (§10)', () => {
    expect(f().pd).toEqual({
      hours: report.pd.hoursToDate,
      budgetHours: report.pd.budgetHours,
      days: report.pd.daysToDate,
      budgetDays: report.pd.budgetDays,
      forecast: report.pd.pace?.forecast,
      atRisk: report.pd.pace?.atRisk,
      runsOutOn: report.pd.pace?.runsOutOn,
      projectedHoursAtEnd: report.pd.pace?.projectedHoursAtEnd,
      summary: report.pd.pace?.summary,
    });
  });

  test('expert uses against the budget and the months over the cap (§12)', () => {
    expect(f().experts).toEqual({
      uses: report.experts.usesToDate,
      plannedLaterThisMonth: (report.experts.list ?? []).filter(x => x.status === '予定' && x.date > TODAY).length,
      budgetUses: report.experts.budgetUses,
      plannedAfterMonth: report.experts.plannedAfterMonth,
      monthlyCap: report.experts.monthlyCap,
      monthsOverCap: report.experts.capBreaches,
    });
  });

  test('minutes overdue as the report counts them; the share shared on time from check’s statuses', () => {
    const statuses = check.meetings.map(m => m.status);
    const count = (s: string) => statuses.filter(x => x === s).length;
    const decided = count('shared') + count('shared-late') + count('overdue');
    expect(f().minutes).toEqual({
      overdue: report.meetings.minutesOverdueAtMonthEnd,
      sharedOnTime: count('shared'),
      sharedLate: count('shared-late'),
      onTimeShare: decided === 0 ? null : Math.round((count('shared') / decided) * 1000) / 1000,
    });
  });

  test('error and warning findings are check’s', () => {
    expect(f().errors).toBe(check.findings.filter(x => x.severity === 'error').length);
    expect(f().warnings).toBe(check.findings.filter(x => x.severity === 'warning').length);
  });

  test('地域名 and 年度 from 設定 (年度 blank: the fiscal year of 事業開始日)', () => {
    const b = books[i] as Book;
    expect(f().region).toEqual({ known: true, value: b.region });
    expect(f().fiscalYear).toEqual({ known: true, value: b.typedYear !== '' ? b.typedYear : b.fiscalYear });
  });
});

test('the workbooks differ in progress, so equal figures are not an accident', () => {
  const supported = rows.map(r => r.figures?.supported);
  expect(supported).toEqual([
    { count: 5, target: 5 },
    { count: 3, target: 5 },
    { count: 5, target: 6 },
  ]);
  expect(new Set(rows.map(r => r.figures?.pd.hours)).size).toBe(3);
});

describe('全地域進捗_<date>.xlsx read back with SheetJS', () => {
  let wb: XLSX.WorkBook;
  beforeAll(() => {
    wb = XLSX.readFile(file, { cellStyles: true, bookFiles: true });
  });
  const sheet = (n: number): XLSX.WorkSheet => wb.Sheets[wb.SheetNames[n] as string] as XLSX.WorkSheet;
  const column = (header: string): string => XLSX.utils.encode_col(OVERVIEW_COLUMNS.findIndex(c => c.header === header));

  test('two tabs: the overview and the comparison across fiscal years', () => {
    expect(wb.SheetNames).toEqual(['全地域進捗', '年度比較']);
  });

  test('the header is the overview’s columns, frozen, with filters over every row', () => {
    const aoa = XLSX.utils.sheet_to_json<unknown[]>(sheet(0), { header: 1 });
    expect(aoa[0]).toEqual(OVERVIEW_COLUMNS.map(c => c.header));
    expect(aoa).toHaveLength(4);
    expect(sheet(0)['!autofilter']?.ref).toBe(`A1:${XLSX.utils.encode_col(OVERVIEW_COLUMNS.length - 1)}4`);
    const xml = String((wb as unknown as { files: Record<string, { content: unknown }> }).files['xl/worksheets/sheet1.xml']?.content);
    expect(xml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
  });

  test('figures are numbers in the cells; the colours are the judgement (green met, red over the cap)', () => {
    const at = (header: string, row: number) =>
      sheet(0)[`${column(header)}${row}`] as XLSX.CellObject & { s?: { fgColor?: { rgb?: string } } };
    expect(rows.map((_, i) => at('支援企業数', i + 2).v)).toEqual([5, 3, 5]);
    expect(at('支援企業数', 2).s?.fgColor?.rgb?.toLowerCase()).toBe('d9ead3');
    expect(at('支援企業数', 3).s?.fgColor?.rgb?.toLowerCase()).toBe('fff2cc');
    expect(at('専門家月上限超過', 2).s?.fgColor?.rgb?.toLowerCase()).toBe('f4cccc');
    expect(at('PD稼働時間', 3).v).toBe(rows[1]?.figures?.pd.hours);
  });

  test('the comparison tab has a frozen header and filters, one block per region named in 設定', () => {
    const aoa = XLSX.utils.sheet_to_json<unknown[]>(sheet(1), { header: 1, defval: null });
    expect((aoa[0] as unknown[]).slice(0, 2)).toEqual(['地域名', '項目']);
    expect(sheet(1)['!autofilter']?.ref).toMatch(/^A1:/);
    expect(aoa[0]).toEqual(['地域名', '項目', '2024年度', '2025年度']);
    expect(new Set(aoa.slice(1).map(r => r[0]))).toEqual(new Set(['兵庫県', '石川県', '青森県']));
  });
});

describe('one unreadable workbook is a row saying why; the others are unaffected', () => {
  let bad: ReturnType<typeof runCli>;
  let badRows: OverviewRow[];
  beforeAll(() => {
    bad = runCli([
      'overview',
      books[0]?.file ?? '',
      join(dir, 'missing.xlsx'),
      books[2]?.file ?? '',
      '--today',
      TODAY,
      '--out',
      join(dir, 'bad'),
      '--json',
    ]);
    badRows = (JSON.parse(bad.stdout) as { rows: OverviewRow[] }).rows;
  }, 60_000);

  test('exit 1, the missing file’s row says it is not found, the other two rows are the same as before', () => {
    expect(bad.status).toBe(1);
    expect(badRows[1]).toMatchObject({ figures: null, problem: expect.stringContaining('ファイルが見つかりません') });
    expect([badRows[0]?.figures, badRows[2]?.figures]).toEqual([rows[0]?.figures, rows[2]?.figures]);
    expect(bad.stderr).toMatch(/3冊のうち1冊を読めないか集計できませんでした/);
    expect(bad.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('a workbook without PD稼働記録: its PD figures are 不明, never 0', () => {
  let older: ReturnType<typeof runCli>;
  let olderRows: OverviewRow[];
  let olderFile: string;
  beforeAll(() => {
    const book = join(dir, 'no-pd.xlsx');
    const wb = XLSX.readFile(books[0]?.file ?? '');
    wb.SheetNames = wb.SheetNames.filter(n => n !== 'PD稼働記録');
    XLSX.writeFile(wb, book);
    older = runCli(['overview', book, '--today', TODAY, '--out', join(dir, 'no-pd'), '--json']);
    const json = JSON.parse(older.stdout) as { rows: OverviewRow[]; file: string };
    olderRows = json.rows;
    olderFile = json.file;
  }, 60_000);

  test('JSON: the PD figures are null beside figures.unknown.pd; the budgets and the other sections stay', () => {
    expect(older.status).toBe(0);
    const f = olderRows[0]?.figures;
    expect(f?.unknown.pd).toMatch(/PD稼働記録/);
    expect(f?.pd).toMatchObject({ hours: null, days: null, forecast: null, budgetHours: 280 });
    expect(f?.supported).toEqual(rows[0]?.figures?.supported);
  });

  test('the summary line says 不明 for the hours', () => {
    expect(older.stderr).toMatch(/PD 不明\/280時間/);
  });

  test('the cells read 不明, grey, with the reason as the note', () => {
    const ws = XLSX.readFile(olderFile, { cellStyles: true }).Sheets.全地域進捗 as XLSX.WorkSheet;
    const col = XLSX.utils.encode_col(OVERVIEW_COLUMNS.findIndex(c => c.header === 'PD稼働時間'));
    const c = ws[`${col}2`] as XLSX.CellObject & { s?: { fgColor?: { rgb?: string } } };
    expect(c.v).toBe('不明');
    expect(c.s?.fgColor?.rgb?.toLowerCase()).toBe('efefef');
    expect(c.c?.[0]?.t).toBe(olderRows[0]?.figures?.unknown.pd);
  });
});

describe('what the overview will not compute, and what it doubts', () => {
  test('a --today years from a workbook’s programme: that row is refused as report refuses the day (exit 1), no figures', () => {
    const r = runCli(['overview', books[0]?.file ?? '', '--today', '2031-01-01', '--out', join(dir, 'far'), '--json']);
    expect(r.status).toBe(1);
    const [row] = (JSON.parse(r.stdout) as { rows: OverviewRow[] }).rows;
    expect(row).toMatchObject({ refused: true, figures: null, problem: expect.stringContaining('3年以上離れています') });
    expect(r.stderr).toMatch(/集計しません: --today（2031-01-01）/);
    expect(runCli(['report', books[0]?.file ?? '', '--month', '2031-01', '--today', '2031-01-01']).status).toBe(2);
  });

  test('the same workbook twice, or two of one region and year, are both shown and said on stderr (exit 0)', () => {
    const copy = join(dir, 'aomori-2024-copy.xlsx');
    writeBook(copy, books[0]?.tabs ?? {});
    const r = runCli([
      'overview',
      books[0]?.file ?? '',
      books[0]?.file ?? '',
      copy,
      '--today',
      TODAY,
      '--out',
      join(dir, 'twice'),
      '--json',
    ]);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { rows: OverviewRow[] }).rows).toHaveLength(3);
    expect(r.stderr).toMatch(/注意: aomori-2024\.xlsx が2回指定されています/);
    expect(r.stderr).toMatch(/注意: 青森県の2024年度のブックが2冊あります（aomori-2024\.xlsx、aomori-2024-copy\.xlsx）/);
  });
});

describe('usage', () => {
  test('no workbook is bad usage (exit 2), in Japanese', () => {
    const r = runCli(['overview', '--today', TODAY]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/1つ以上指定/);
  });

  test('a spreadsheet ID that cannot be one is bad usage (exit 2)', () => {
    const r = runCli(['overview', '--sheet', 'x', '--today', TODAY]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/スプレッドシートIDとして読めません/);
  });

  test('the inputs are never written', () => {
    const before = books.map(b => sha256(b.file));
    runCli(['overview', ...books.map(b => b.file), '--today', TODAY, '--out', join(dir, 'again')]);
    expect(books.map(b => sha256(b.file))).toEqual(before);
  });
});
