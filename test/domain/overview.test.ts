/**
 * The Office's overview (全地域進捗): each workbook's row carries that workbook's own check and monthly report
 * figures, judged as the report judges them, and the same region is compared across fiscal years.
 */
import sample from '../../sheets-templates/sample.json';
import { check } from '../../src/domain/check';
import { type ReadResult, readLedger } from '../../src/domain/ledgerReader';
import {
  compareAcrossYears,
  OVERVIEW_COLORS,
  OVERVIEW_COLUMNS,
  type OverviewCell,
  type OverviewRow,
  overviewRowOf,
  UNKNOWN_TEXT,
  unreadableRow,
} from '../../src/domain/overview';
import { buildReportModel } from '../../src/domain/report/model';
import { type SampleRow, sampleTables } from '../support/sampleTables';

const AS_OF = sample.asOf; // 2024-12-02
const SAMPLE_TABS = sample.tabs as unknown as Record<string, SampleRow[]>;

/** The sample with 設定 items laid over its own (an empty string leaves the 値 blank). */
function sampleWith(settings: Readonly<Record<string, string | number>>): ReadResult {
  const own = SAMPLE_TABS.設定 ?? [];
  const rows = [...own.filter(r => !(String(r.項目) in settings)), ...Object.entries(settings).map(([項目, 値]) => ({ 項目, 値 }))];
  return readLedger(sampleTables({ ...SAMPLE_TABS, 設定: rows }));
}

const SAMPLE_READ = readLedger(sampleTables());
const rowOf = (read: ReadResult, asOf = AS_OF, name = 'book.xlsx'): OverviewRow => overviewRowOf(read, asOf, `/tmp/${name}`, name);
const cellOf = (row: OverviewRow, header: string): OverviewCell => {
  const column = OVERVIEW_COLUMNS.find(c => c.header === header);
  if (!column) throw new Error(`no column ${header}`);
  return column.cell(row);
};
const figuresOf = (row: OverviewRow) => {
  if (!row.figures) throw new Error('unread');
  return row.figures;
};

describe('each row is the workbook’s own report of the month of asOf and its own check', () => {
  const row = rowOf(SAMPLE_READ);
  const f = figuresOf(row);
  const result = check(SAMPLE_READ, AS_OF);
  const model = buildReportModel(SAMPLE_READ, result, '2024-12', AS_OF, 'book.xlsx');

  test('the figures against targets are the report model’s (supported, councils, PD, experts, minutes)', () => {
    expect(f.month).toBe('2024-12');
    expect(f.supported).toEqual({ count: model.cases.supported, target: model.cases.target });
    expect(f.liaisonCouncils).toEqual({
      held: model.meetings.liaisonCouncilsToDate,
      target: model.meetings.liaisonTarget,
      scheduled: model.meetings.liaisonCouncilsScheduled?.length,
      onTrack: model.meetings.liaisonOnTrack,
      firstInJuly: model.meetings.liaisonInJuly?.held,
    });
    expect(f.pd).toMatchObject({
      hours: model.pd.hoursToDate,
      budgetHours: model.pd.budgetHours,
      days: model.pd.daysToDate,
      budgetDays: model.pd.budgetDays,
      forecast: model.pd.pace?.forecast,
      projectedHoursAtEnd: model.pd.pace?.projectedHoursAtEnd,
    });
    expect(f.experts).toMatchObject({ uses: model.experts.usesToDate, budgetUses: model.experts.budgetUses });
    expect(f.experts.monthsOverCap).toEqual(model.experts.capBreaches);
    expect(f.minutes.overdue).toBe(model.meetings.minutesOverdueAtMonthEnd);
  });

  test('the sample’s figures at 2024-12-02: 5 of 5 companies, 2 of 3 councils (first in July), 145.5 of 280 h, October over the expert cap', () => {
    expect(f.supported).toEqual({ count: 5, target: 5 });
    expect(f.liaisonCouncils).toMatchObject({ held: 2, target: 3, scheduled: 1, firstInJuly: true });
    expect(f.pd).toMatchObject({ hours: 145.5, budgetHours: 280, days: 25, budgetDays: 40 });
    expect(f.experts.monthsOverCap).toEqual([{ month: '2024-10', uses: 3 }]);
  });

  test('error and warning counts are check’s', () => {
    expect(f.errors).toBe(result.findings.filter(x => x.severity === 'error').length);
    expect(f.warnings).toBe(result.findings.filter(x => x.severity === 'warning').length);
    expect([f.errors, f.warnings]).toEqual([5, 2]);
  });

  test('minutes shared on time: among minutes shared or overdue, the share shared by the deadline (11 of 13 in the sample)', () => {
    expect(f.minutes).toEqual({ overdue: 1, sharedOnTime: 11, sharedLate: 1, onTimeShare: 0.846 });
  });

  test('the results presentation is the first 成果発表会 registered in 会議登録簿', () => {
    expect(f.presentation.date).toEqual({ known: true, value: '2025-02-21' });
  });
});

describe('colours follow the report’s judgement (達成 / 見通しに注意 / 要対応)', () => {
  const row = rowOf(SAMPLE_READ);

  test('a target met is green; councils behind but on track with one scheduled are not coloured', () => {
    expect(cellOf(row, '支援企業数')).toMatchObject({ value: 5, tone: 'ok' });
    expect(cellOf(row, '地域連携会議')).toMatchObject({ value: 2, tone: null, note: '開催2回・予定1回（目標3回以上）' });
  });

  test('a month over the expert cap, overdue minutes and error findings are problems (red)', () => {
    expect(cellOf(row, '専門家月上限超過')).toMatchObject({ value: 1, tone: 'problem', note: '上限2回を超えた月: 2024年10月（3回）' });
    expect(cellOf(row, '議事録期限超過')).toMatchObject({ value: 1, tone: 'problem' });
    expect(cellOf(row, '入力エラー')).toMatchObject({ value: 5, tone: 'problem' });
    expect(OVERVIEW_COLORS.problem).toBe('#f4cccc');
  });

  test('supported companies short of the target is a point of attention, as in the report’s 目標・予算の見通し', () => {
    const cases = (SAMPLE_TABS.案件台帳 ?? []).map(r => (r.案件ID === 'C-005' ? { ...r, 段階: '候補' } : r));
    const fewer = readLedger(sampleTables({ ...SAMPLE_TABS, 案件台帳: cases }));
    expect(cellOf(rowOf(fewer), '支援企業数')).toMatchObject({ value: 4, tone: 'attention', note: '目標5社まで残り1社' });
  });

  test('PD pace at risk (the report’s atRisk) colours the hours and the forecast', () => {
    const little = readLedger(sampleTables({ ...SAMPLE_TABS, PD稼働記録: (SAMPLE_TABS.PD稼働記録 ?? []).slice(0, 5) }));
    const r = rowOf(little);
    expect(figuresOf(r).pd.atRisk).toBe(true);
    expect(cellOf(r, 'PD稼働時間').tone).toBe('attention');
    expect(cellOf(r, 'PD稼働の見通し')).toMatchObject({ tone: 'attention', note: figuresOf(r).pd.summary });
  });

  test('expert uses count this month’s 予定 as the report does, and the note says how many are still ahead', () => {
    // 2024-12-02: December's uses are 予定 on 12-06 and 12-18 (SAMPLE.md), counted to the month's end.
    expect(figuresOf(row).experts.plannedLaterThisMonth).toBe(2);
    expect(cellOf(row, '専門家活用').note).toMatch(/^累計\d+回（うち今月これからの予定2回）・来月以降の予定\d+回（予算18回）$/);
  });

  test('the minutes on-time share is a percentage, green only at 100%', () => {
    expect(cellOf(row, '議事録期限内共有率')).toMatchObject({ value: 0.846, kind: 'percent', tone: 'attention' });
  });
});

describe('what the workbook cannot tell yet is 不明, with the reason, never a guess', () => {
  test('in a workbook made before the year’s obligations, their columns are 不明 and say how to add the tabs', () => {
    const older = rowOf(readLedger(sampleTables(undefined, ['PD月次報告', 'PD評価', '広報記録'])));
    for (const header of ['PD月次報告未提出', 'PD評価', '開催案内', '採録記事']) {
      expect(cellOf(older, header)).toMatchObject({
        value: UNKNOWN_TEXT,
        tone: 'unknown',
        note: expect.stringMatching(/^タブ「.*」がないため不明です（chizai-desk upgrade で追加できます）。$/),
      });
    }
    // With the tabs, the same columns are figures.
    expect(cellOf(rowOf(SAMPLE_READ), 'PD月次報告未提出').value).toEqual(expect.any(Number));
  });

  test('a renamed column of those tabs is named as such (put the header back), not as a missing tab', () => {
    const tables = sampleTables();
    const reports = tables.get('PD月次報告');
    if (!reports) throw new Error('no PD月次報告');
    tables.set('PD月次報告', { ...reports, header: reports.header.map(h => (h === '受領日' ? '受領日（PD）' : h)) });
    expect(cellOf(rowOf(readLedger(tables)), 'PD月次報告未提出')).toMatchObject({
      value: UNKNOWN_TEXT,
      note: 'PD月次報告の列「受領日」がないため不明です。見出しを直してください。',
    });
  });

  test('without PD稼働記録, the PD figures are null (not 0) and their columns 不明 with the reason; the budgets stay', () => {
    const noPd = rowOf(readLedger(sampleTables(undefined, ['PD稼働記録'])));
    const f = figuresOf(noPd);
    expect(f.unknown.pd).toMatch(/PD稼働記録/);
    expect(f.pd).toMatchObject({ hours: null, days: null, forecast: null, atRisk: null, summary: null, budgetHours: 280, budgetDays: 40 });
    expect(JSON.parse(JSON.stringify(noPd)).figures.pd.hours).toBeNull();
    for (const header of ['PD稼働時間', 'PD稼働日数', 'PD稼働の見通し', 'PD終了時見込み'])
      expect(cellOf(noPd, header)).toMatchObject({ value: UNKNOWN_TEXT, tone: 'unknown', note: f.unknown.pd });
    expect(cellOf(noPd, 'PD予算時間').value).toBe(280);
    // The other sections are unaffected.
    expect(f.supported.count).toBe(figuresOf(rowOf(SAMPLE_READ)).supported.count);
  });

  test('without 会議登録簿, the councils and minutes figures are null and 不明', () => {
    const noMeetings = rowOf(readLedger(sampleTables(undefined, ['会議登録簿'])));
    const f = figuresOf(noMeetings);
    expect(f.liaisonCouncils).toMatchObject({ held: null, scheduled: null, onTrack: null, target: 3 });
    expect(f.minutes).toEqual({ overdue: null, sharedOnTime: null, sharedLate: null, onTimeShare: null });
    for (const header of ['地域連携会議', '初回7月開催', '議事録期限超過', '議事録期限内共有率'])
      expect(cellOf(noMeetings, header)).toMatchObject({ value: UNKNOWN_TEXT, tone: 'unknown' });
  });

  test('with 議事録共有日 renamed, the minutes are 不明 but the presentation’s date is still the registered one', () => {
    const tables = sampleTables();
    const meetings = tables.get('会議登録簿');
    if (!meetings) throw new Error('no 会議登録簿');
    tables.set('会議登録簿', { ...meetings, header: meetings.header.map(h => (h === '議事録共有日' ? '共有日' : h)) });
    const f = figuresOf(rowOf(readLedger(tables)));
    expect(f.unknown.meetings).toMatch(/議事録共有日/);
    expect(f.presentation.date).toEqual({ known: true, value: '2025-02-21' });
    expect(figuresOf(rowOf(readLedger(sampleTables(undefined, ['会議登録簿'])))).presentation.date).toMatchObject({ known: false });
  });

  test('地域名 and 年度 come from 設定', () => {
    const f = figuresOf(rowOf(sampleWith({ 地域名: '石川県', 年度: 2025 })));
    expect(f.region).toEqual({ known: true, value: '石川県' });
    expect(f.fiscalYear).toEqual({ known: true, value: 2025 });
  });

  test('年度 left blank is the fiscal year of 事業開始日 (2024-06-03 → 2024)', () => {
    expect(figuresOf(rowOf(sampleWith({ 地域名: '青森県', 年度: '' }))).fiscalYear).toEqual({ known: true, value: 2024 });
  });

  test('a blank 地域名 is 不明 and says to fill it in', () => {
    const row = rowOf(sampleWith({ 地域名: '' }));
    expect(figuresOf(row).region).toEqual({ known: false, reason: '設定「地域名」が空です。設定タブに地域名を入力してください。' });
    expect(cellOf(row, '地域名')).toMatchObject({ value: '不明', tone: 'unknown' });
  });

  test('without the 設定 tab, 地域名 and 年度 are 不明 because the tab is missing (not "empty")', () => {
    const f = figuresOf(rowOf(readLedger(sampleTables(undefined, ['設定']))));
    expect(f.region).toEqual({ known: false, reason: '地域名はタブ「設定」がないため不明です。' });
    expect(f.fiscalYear).toEqual({ known: false, reason: '年度はタブ「設定」がないため不明です。' });
  });

  test('with neither 年度 nor 事業開始日 the year is 不明', () => {
    expect(figuresOf(rowOf(sampleWith({ 地域名: '青森県', 年度: '', 事業開始日: '' }))).fiscalYear).toMatchObject({ known: false });
  });
});

describe('a workbook that cannot be read is a row saying why', () => {
  const row = unreadableRow('sheets:1AbC', AS_OF, 'スプレッドシート 1AbC を読む権限がありません（403）。');

  test('読み取り carries the reason in red; every figure cell is empty', () => {
    expect(cellOf(row, '読み取り')).toMatchObject({ tone: 'problem', value: expect.stringContaining('403') });
    expect(cellOf(row, 'ブック').value).toBe('sheets:1AbC');
    const figures = OVERVIEW_COLUMNS.filter(c => !['ブック', '読み取り'].includes(c.header)).map(c => c.cell(row).value);
    expect(figures.every(v => v === null)).toBe(true);
  });
});

describe('the second tab compares the same region across fiscal years', () => {
  const aomori24 = rowOf(sampleWith({ 地域名: '青森県', 年度: 2024 }), AS_OF, 'aomori-2024.xlsx');
  const aomori25 = rowOf(sampleWith({ 地域名: '青森県', 年度: 2025 }), AS_OF, 'aomori-2025.xlsx');
  const ishikawa = rowOf(sampleWith({ 地域名: '石川県', 年度: 2024 }), AS_OF, 'ishikawa.xlsx');
  const nameless = rowOf(sampleWith({ 地域名: '' }), AS_OF, 'nameless.xlsx');
  const unread = unreadableRow('gone.xlsx', AS_OF, 'ファイルが見つかりません: gone.xlsx');
  const comparison = compareAcrossYears([aomori25, ishikawa, nameless, aomori24, unread]);

  test('one column per fiscal year, in order; one block per region, by name', () => {
    expect(comparison.columns.map(c => c.label)).toEqual(['2024年度', '2025年度']);
    expect(comparison.regions.map(r => r.region)).toEqual(['石川県', '青森県']);
  });

  test('each region’s workbook sits under its year; a year the region lacks is empty', () => {
    const [ishikawaBlock, aomoriBlock] = comparison.regions;
    expect(aomoriBlock?.workbooks.map(w => w?.workbook ?? null)).toEqual(['aomori-2024.xlsx', 'aomori-2025.xlsx']);
    expect(ishikawaBlock?.workbooks.map(w => w?.workbook ?? null)).toEqual(['ishikawa.xlsx', null]);
  });

  test('the compared items are the overview’s own cells, colours and notes included', () => {
    const aomori = comparison.regions[1];
    const item = aomori?.items.find(i => i.header === '専門家月上限超過');
    expect(item?.cells[0]).toEqual(cellOf(aomori24, '専門家月上限超過'));
    expect(aomori?.items.map(i => i.header)).toEqual(OVERVIEW_COLUMNS.filter(c => c.compare).map(c => c.header));
  });

  test('a workbook without 地域名, or unreadable, is left out with the reason', () => {
    expect(comparison.leftOut).toEqual([
      { workbook: 'nameless.xlsx', reason: '設定「地域名」が空です。設定タブに地域名を入力してください。' },
      { workbook: 'gone.xlsx', reason: '読めませんでした（ファイルが見つかりません: gone.xlsx）' },
    ]);
  });

  test('two workbooks of one region and year both appear, the second as （2）', () => {
    const twice = compareAcrossYears([aomori24, rowOf(sampleWith({ 地域名: '青森県', 年度: 2024 }), AS_OF, 'copy.xlsx')]);
    expect(twice.columns.map(c => c.label)).toEqual(['2024年度', '2024年度（2）']);
    expect(twice.regions[0]?.workbooks.map(w => w?.workbook)).toEqual(['aomori-2024.xlsx', 'copy.xlsx']);
  });
});
