/**
 * The report's charts (src/domain/charts): every point is a figure the report prints. Checked on the sample
 * workbook for 2024-11 (SAMPLE.md) against the model's own figures, and month by month against the report of
 * that month, built on its own.
 */
import sample from '../../../sheets-templates/sample.json';
import { chartOf } from '../../../src/domain/charts/reportCharts';
import type { ChartId, ChartSpec } from '../../../src/domain/charts/spec';
import { check } from '../../../src/domain/check';
import { type ReadResult, readLedger } from '../../../src/domain/ledgerReader';
import type { RawTable } from '../../../src/domain/rawTable';
import { chartBlocksAsOf, reportBlocks } from '../../../src/domain/report/layout';
import { buildReportModel, type ReportModel } from '../../../src/domain/report/model';
import { sampleTables } from '../sampleRead';

const modelOf = (read: ReadResult, month: string, asOf = sample.asOf): ReportModel =>
  buildReportModel(read, check(read, asOf), month, asOf, 'book.xlsx');
const READ = readLedger(sampleTables());
const NOVEMBER = modelOf(READ, sample.reportMonth);
const chart = (model: ReportModel, id: ChartId): ChartSpec => {
  const c = chartOf(model.charts, id);
  if (!c) throw new Error(`no chart ${id}`);
  return c;
};
const FISCAL_2024 = [
  '2024-04',
  '2024-05',
  '2024-06',
  '2024-07',
  '2024-08',
  '2024-09',
  '2024-10',
  '2024-11',
  '2024-12',
  '2025-01',
  '2025-02',
  '2025-03',
];
const valueAt = (c: ChartSpec, series: number, month: string): number | null | undefined =>
  c.series[series]?.values[c.months.indexOf(month)];

describe('the report charts on the sample workbook for 2024-11', () => {
  test('four charts with Japanese titles and axis titles, over the twelve months of the programme’s fiscal year', () => {
    expect(NOVEMBER.charts.map(c => [c.id, c.title, c.categoryTitle, c.valueTitle])).toEqual([
      ['pdHours', 'PD稼働時間の累計と予算（2024年度）', '月', '時間'],
      ['expertUses', '専門家活用の回数と月上限（2024年度）', '月', '回'],
      ['minutes', '議事録の共有状況（開催月別、2024年度）', '開催月', '件'],
      ['targets', '目標に対する実績（累計）', '', '社・回'],
    ]);
    for (const id of ['pdHours', 'expertUses', 'minutes'] as const) {
      expect(chart(NOVEMBER, id).months).toEqual(FISCAL_2024);
      expect(chart(NOVEMBER, id).categories).toEqual([
        '4月',
        '5月',
        '6月',
        '7月',
        '8月',
        '9月',
        '10月',
        '11月',
        '12月',
        '1月',
        '2月',
        '3月',
      ]);
    }
  });

  test('PD chart: November’s point is the report’s 145.5 h to date; the budget line is 280 h (§10(3)); months ahead are empty', () => {
    const pd = chart(NOVEMBER, 'pdHours');
    expect(valueAt(pd, 0, '2024-11')).toBe(NOVEMBER.pd.hoursToDate);
    expect(NOVEMBER.pd.hoursToDate).toBe(145.5);
    expect(pd.series[1]?.values.every(v => v === 280)).toBe(true);
    expect(pd.series[1]?.name).toBe('予算（280時間）');
    expect(pd.series[0]?.values.slice(8)).toEqual([null, null, null, null]);
    // Before 事業開始日 (2024-06-03) there is no figure; June is the first month "to date".
    expect(pd.series[0]?.values.slice(0, 3)).toEqual([null, null, 0]);
  });

  test('expert chart: November’s column is the report’s 2 uses this month, the cap line is 専門家月上限 2 (§12(1))', () => {
    const x = chart(NOVEMBER, 'expertUses');
    expect(valueAt(x, 0, '2024-11')).toBe(NOVEMBER.experts.usesThisMonth);
    expect(x.series[1]).toMatchObject({ name: '月上限（2回）', draw: 'line', reference: true });
    expect(x.series[1]?.values.every(v => v === 2)).toBe(true);
    // October's three uses are the report's cap breach.
    expect(valueAt(x, 0, '2024-10')).toBe(3);
    expect(NOVEMBER.experts.capBreaches).toEqual([{ month: '2024-10', uses: 3 }]);
  });

  test('minutes chart: November’s stack counts the statuses of the report’s meetings table for the held meetings with a deadline', () => {
    const m = chart(NOVEMBER, 'minutes');
    const held = (NOVEMBER.meetings.list ?? []).filter(x => x.held && x.minutesDue !== null);
    const count = (...statuses: string[]) => held.filter(x => statuses.includes(x.status)).length;
    expect(m.series.map(s => valueAt(m, m.series.indexOf(s), '2024-11'))).toEqual([
      count('shared'),
      count('shared-late'),
      count('overdue'),
      count('pending', 'due-soon'),
    ]);
    expect(m.series.map(s => s.name)).toEqual(['期限内に共有', '期限後に共有', '期限超過（未共有）', '期限前（未共有）']);
  });

  test('targets chart: supported companies 5 of 5 (§4) and liaison councils 2 of 3 (§6), the report’s figures', () => {
    const t = chart(NOVEMBER, 'targets');
    expect(t.categories).toEqual(['伴走支援企業（社）', '地域連携会議（回）']);
    expect(t.series.map(s => [s.name, ...s.values])).toEqual([
      ['実績', NOVEMBER.cases.supported, NOVEMBER.meetings.liaisonCouncilsToDate],
      ['目標', NOVEMBER.cases.target, NOVEMBER.meetings.liaisonTarget],
    ]);
    expect(t.series[0]?.values).toEqual([5, 2]);
  });

  test('every value axis starts at 0 and count axes step by whole numbers', () => {
    for (const c of NOVEMBER.charts) expect(c.valueAxis.min).toBe(0);
    for (const id of ['expertUses', 'minutes', 'targets'] as const) expect(chart(NOVEMBER, id).valueAxis.step).toBe(1);
  });
});

describe('month by month, each chart point equals that month’s own report', () => {
  test.each(['2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11'])('%s', month => {
    const own = modelOf(READ, month);
    expect(valueAt(chart(NOVEMBER, 'pdHours'), 0, month)).toBe(own.pd.hoursToDate);
    expect(valueAt(chart(NOVEMBER, 'expertUses'), 0, month)).toBe(own.experts.usesThisMonth);
    const minutes = chart(NOVEMBER, 'minutes');
    const last = own.meetings.minutesByMonth?.at(-1);
    expect(last?.month).toBe(month);
    expect(minutes.series.map((_, i) => valueAt(minutes, i, month))).toEqual([last?.shared, last?.sharedLate, last?.overdue, last?.open]);
    expect(own.pd.byMonth?.at(-1)).toEqual({ month, hours: own.pd.hoursThisMonth, hoursToDate: own.pd.hoursToDate });
  });
});

describe('a chart whose source cannot be read says so: never a chart of zeros', () => {
  const renamed = (tables: Map<string, RawTable>, tab: string, from: string, to: string): Map<string, RawTable> => {
    const t = tables.get(tab) as RawTable;
    return new Map(tables).set(tab, { ...t, header: t.header.map(h => (h === from ? to : h)) });
  };

  test('with PD稼働記録「時間」 renamed, the PD chart is unavailable with the reason, and the report prints a sentence instead', () => {
    const read = readLedger(renamed(sampleTables(), 'PD稼働記録', '時間', '稼働時間'));
    const model = modelOf(read, '2024-11');
    expect(chart(model, 'pdHours').unavailable).toBe('PD稼働記録の列「時間」がない');
    expect(chart(model, 'expertUses').unavailable).toBeNull();
    const blocks = reportBlocks(model);
    expect(blocks.some(b => b.kind === 'chart' && b.chart.id === 'pdHours')).toBe(false);
    expect(blocks).toContainEqual({
      kind: 'paragraph',
      text: '「PD稼働時間の累計と予算（2024年度）」のグラフは、PD稼働記録の列「時間」がないため表示していません（数値は不明です）。タブ名と1行目の見出しを確認してください。',
    });
  });

  test('without the 会議登録簿 tab, the minutes and targets charts are unavailable', () => {
    const tables = sampleTables();
    tables.delete('会議登録簿');
    const model = modelOf(readLedger(tables), '2024-11');
    expect(chart(model, 'minutes').unavailable).toBe('タブ「会議登録簿」がない');
    expect(chart(model, 'targets').unavailable).toBe('タブ「会議登録簿」がない');
    expect(
      reportBlocks(model)
        .filter(b => b.kind === 'chart')
        .map(b => (b.kind === 'chart' ? b.chart.id : ''))
    ).toEqual(['pdHours', 'expertUses']);
  });

  test('on the whole sample, the four charts are drawn in the report: targets in 概要, PD, minutes and experts in their sections', () => {
    const blocks = reportBlocks(NOVEMBER);
    const order = blocks.flatMap(b => (b.kind === 'chart' ? [b.chart.id] : b.kind === 'heading' && b.level === 1 ? [b.text] : []));
    expect(order).toEqual([
      '1. 概要',
      'targets',
      '2. 事業PDの稼働',
      'pdHours',
      '3. 伴走支援',
      '4. 会議',
      'minutes',
      '5. 専門家活用',
      'expertUses',
      '6. 要対応事項',
      '付録',
    ]);
  });
});

describe('the charts for another report of the year (事業報告書)', () => {
  test('as of a day: the four charts of that month’s report, in the monthly report’s order', () => {
    const asOf = '2024-12-02';
    const blocks = chartBlocksAsOf(READ, check(READ, asOf), asOf, 'book.xlsx');
    expect(blocks.map(b => (b.kind === 'chart' ? b.chart.id : b.kind))).toEqual(['targets', 'pdHours', 'minutes', 'expertUses']);
    const december = modelOf(READ, '2024-12', asOf);
    expect(blocks).toEqual(
      ['targets', 'pdHours', 'minutes', 'expertUses'].map(id => ({ kind: 'chart', chart: chart(december, id as ChartId) }))
    );
  });

  test('after 事業終了日 the charts stop at its month', () => {
    const asOf = '2025-04-15';
    const blocks = chartBlocksAsOf(READ, check(READ, asOf), asOf, 'book.xlsx');
    const pd = blocks.find(b => b.kind === 'chart' && b.chart.id === 'pdHours');
    expect(pd?.kind === 'chart' ? pd.chart.series[0]?.values.at(-1) : undefined).not.toBeNull();
  });
});

describe('a programme spanning two fiscal years', () => {
  /** The sample with 事業終了日 moved to the end of September 2025 and PD hours in May and June 2025. */
  function spanning(): ReadResult {
    const tables = sampleTables();
    const settings = tables.get('設定') as RawTable;
    const pd = tables.get('PD稼働記録') as RawTable;
    const header = pd.header.map(h => String(h));
    const row = (rowNumber: number, date: string, hours: number): RawTable['rows'][number] => ({
      rowNumber,
      cells: header.map(h =>
        h === '日付' ? date : h === '時間' ? hours : h === '区分' ? 'オンライン' : h === '活動内容' ? '準備・報告' : null
      ),
    });
    const last = pd.rows.at(-1)?.rowNumber ?? 1;
    tables.set('PD稼働記録', { ...pd, rows: [...pd.rows, row(last + 1, '2025-05-13', 4), row(last + 2, '2025-06-10', 3)] });
    tables.set('設定', {
      ...settings,
      rows: settings.rows.map(r => (r.cells[0] === '事業終了日' ? { ...r, cells: ['事業終了日', '2025-09-30', ...r.cells.slice(2)] } : r)),
    });
    return readLedger(tables);
  }

  test('the report of a month in the second year charts that fiscal year, its point being the report’s own figure', () => {
    const read = spanning();
    const june = modelOf(read, '2025-06', '2025-07-01');
    const pdChart = chart(june, 'pdHours');
    expect(pdChart.title).toBe('PD稼働時間の累計と予算（2025年度）');
    expect(pdChart.months[0]).toBe('2025-04');
    expect(valueAt(pdChart, 0, '2025-06')).toBe(june.pd.hoursToDate);
    expect(valueAt(pdChart, 0, '2025-05')).toBe(june.pd.hoursToDate === null ? null : (june.pd.hoursToDate ?? 0) - 3);
  });

  test('a month in the first year still charts the first fiscal year', () => {
    expect(chart(modelOf(spanning(), '2024-11'), 'pdHours').months).toEqual(FISCAL_2024);
  });
});
