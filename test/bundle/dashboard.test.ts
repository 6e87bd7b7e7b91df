/**
 * The ダッシュボード tab through the built bundle on the fakes: setupWorkbook creates it with its native charts
 * once; checkAllEntries and the daily run rewrite its values in one write, and the charts draw those cells;
 * it is protected like 実行ログ and nothing typed on it is ever read.
 */
import { DASHBOARD_CHARTS, DASHBOARD_GRID } from '../../src/domain/charts/dashboard';
import type { FakeEmbeddedChart, FakeSheet } from '../fakes';
import { morePdRows, SAMPLE_AS_OF, sampleSheets } from '../support/sampleSheets';
import { loadBundle, setClock } from './loadBundle';

const AT = `${SAMPLE_AS_OF}T09:00:00+09:00`;
const NAME = 'ダッシュボード';

function setUp(sheets = sampleSheets()) {
  const loaded = loadBundle({ sheets });
  setClock(loaded.app, AT);
  loaded.app.setupWorkbook();
  const dashboard = loaded.fake.spreadsheet.getSheetByName(NAME) as FakeSheet;
  return { ...loaded, dashboard };
}
const chartsOf = (sheet: FakeSheet): FakeEmbeddedChart[] => sheet._charts;
/** A cell of the dashboard as the sheet shows it (1-based row and column). */
const cell = (sheet: FakeSheet, row: number, column: number): unknown => sheet._values()[row - 1]?.[column - 1];

describe('setupWorkbook and the dashboard', () => {
  test('creates ダッシュボード with four native charts, each drawing its table, with Japanese titles and axis titles', () => {
    const { dashboard, fake } = setUp();
    expect(dashboard).not.toBeNull();
    const charts = chartsOf(dashboard);
    expect(charts).toHaveLength(4);
    expect(charts.map(c => c.getOptions().get('title'))).toEqual(DASHBOARD_CHARTS.map(c => c.title));
    expect(charts.map(c => c.getRanges().map(r => r.getA1Notation()))).toEqual([['A15:C27'], ['E15:G27'], ['I15:M27'], ['O15:Q17']]);
    expect(charts.map(c => [c.getOptions().get('hAxis.title'), c.getOptions().get('vAxis.title')])).toEqual([
      ['月', '時間'],
      ['月', '回'],
      ['開催月', '件'],
      ['', '社・回'],
    ]);
    expect(charts.map(c => c.getOptions().get('type'))).toEqual(['LINE', 'COMBO', 'COLUMN', 'COLUMN']);
    expect(charts[2]?.getOptions().get('isStacked')).toBe(true);
    expect(charts.every(c => c.getNumHeaders() === 1 && c.getOptions().get('vAxis.viewWindow.min') === 0)).toBe(true);
    expect(fake.ui.alerts.at(-1)?.prompt).toContain('ダッシュボードにグラフを4件作成しました');
  });

  test('running it again adds no chart and builds nothing (no chart builder call, no read of the workbook)', () => {
    const { app, fake, dashboard } = setUp();
    fake.calls.reset();
    app.setupWorkbook();
    expect(chartsOf(dashboard)).toHaveLength(4);
    expect(fake.calls.get('Sheet.insertChart')).toBe(0);
    expect(fake.calls.get('Sheet.newChart')).toBe(0);
    expect(fake.calls.total('EmbeddedChartBuilder')).toBe(0);
    expect(fake.spreadsheet.getSheets().filter(s => s.getName() === NAME)).toHaveLength(1);
  });

  test('a chart a person deleted is built again; the others are left as they are', () => {
    const { app, fake, dashboard } = setUp();
    const [first, ...others] = chartsOf(dashboard);
    dashboard.removeChart(first as FakeEmbeddedChart);
    fake.calls.reset();
    app.setupWorkbook();
    expect(fake.calls.get('Sheet.insertChart')).toBe(1);
    expect(chartsOf(dashboard).slice(0, 3)).toEqual(others);
    expect(
      chartsOf(dashboard)
        .map(c => c.getOptions().get('title'))
        .sort()
    ).toEqual(DASHBOARD_CHARTS.map(c => c.title).sort());
  });

  test('is protected as a whole, warning only, like 実行ログ', () => {
    const { dashboard, fake } = setUp();
    const protections = dashboard.getProtections(fake.gas.SpreadsheetApp.ProtectionType.SHEET);
    expect(protections.map(p => [p.getDescription(), p.isWarningOnly()])).toEqual([
      ['chizai-desk: ダッシュボードはシステムが記録します', true],
    ]);
  });

  test('shows the key figures against their targets as of the day, and 最終更新', () => {
    const { dashboard } = setUp();
    expect(cell(dashboard, 2, 1)).toBe('最終更新');
    expect(cell(dashboard, 2, 2)).toBe('2024-12-02 09:00:00');
    const rows = dashboard
      ._values()
      .slice(4, 11)
      .map(r => r.slice(0, 4));
    expect(rows).toEqual([
      ['項目', '実績', '目標・予算', '進捗'],
      ['PD稼働時間（累計）', '145.5時間', '280時間', '52%'],
      ['専門家活用（累計）', '10回', '18回', '56%'],
      ['専門家活用（今月）', '2回', '月2回まで', '残り0回'],
      ['伴走支援企業', '5社', '5社', '達成'],
      ['地域連携会議（累計）', '2回', '3回以上', '残り1回'],
      ['議事録の期限超過', '1件', '0件', '要対応'],
    ]);
  });

  test('each chart draws the values of its cells: the PD table is the report’s hours to date, month by month', () => {
    const { dashboard } = setUp();
    const pd = chartsOf(dashboard)[0]?.getAs('image/png');
    const drawn = (pd as unknown as { _chart: { data: unknown[][] } })._chart.data;
    expect(drawn[0]).toEqual(['月', '累計稼働時間', '予算（280時間）']);
    expect(drawn.slice(1).map(r => r[0])).toEqual(['4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月', '1月', '2月', '3月']);
    // November's 145.5 h is the monthly report's figure (no hours on Dec 1-2 yet); months ahead are blank, not 0.
    expect(drawn.slice(1).map(r => r[1])).toEqual(['', '', 0, 34, 54.5, 78, 109.5, 145.5, 145.5, '', '', '']);
  });
});

describe('checkAllEntries and the daily run rewrite the dashboard', () => {
  test('checkAllEntries writes the whole grid in one setValues; the charts draw the new values', () => {
    const { app, fake, dashboard } = setUp();
    dashboard.getRange(7, 2).setValues([['']]);
    fake.calls.reset();
    app.checkAllEntries();
    expect(cell(dashboard, 7, 2)).toBe('10回');
    const writes = fake.calls.get('Range.setValues');
    fake.calls.reset();
    app.checkAllEntries();
    expect(fake.calls.get('Range.setValues')).toBe(writes);
    const grid = dashboard.getRange(DASHBOARD_GRID.row, DASHBOARD_GRID.column, DASHBOARD_GRID.rows, DASHBOARD_GRID.columns);
    expect(grid.getValues()).toHaveLength(27);
    expect(chartsOf(dashboard)).toHaveLength(4);
  });

  test('checkAllEntries’ Sheets calls do not grow with the number of rows, dashboard included', () => {
    const callsWith = (extra: number): Record<string, number> => {
      const { app, fake } = setUp(sampleSheets({ PD稼働記録: morePdRows(extra) }));
      fake.calls.reset();
      app.checkAllEntries();
      return fake.calls.snapshot();
    };
    const small = callsWith(0);
    expect(callsWith(2000)).toEqual(small);
    expect(small['Range.setValues']).toBeGreaterThan(0);
  });

  test('the daily trigger rewrites the values as of its own run (最終更新)', () => {
    const { app, fake, dashboard } = setUp();
    setClock(app, `${SAMPLE_AS_OF}T08:05:00+09:00`);
    fake.simulateTimeTrigger(app.sendReminders as never);
    expect(cell(dashboard, 2, 2)).toBe('2024-12-02 08:05:00');
  });

  test('what a person types on the dashboard is never read: the check is the same and the tab is not read at all', () => {
    const { app, fake, dashboard } = setUp();
    app.checkAllEntries();
    const before = fake.ui.alerts.at(-1)?.prompt;
    dashboard.getRange(30, 1, 2, 3).setValues([
      ['日付', '時間', '区分'],
      ['2024/13/45', 'たくさん', '宇宙'],
    ]);
    fake.calls.reset();
    app.checkAllEntries();
    expect(fake.ui.alerts.at(-1)?.prompt).toBe(before);
    // Every tab but the dashboard is read once; the dashboard's grid is written, never read.
    const tabs = fake.spreadsheet.getSheets().length;
    expect(fake.calls.get('Sheet.getDataRange')).toBe(tabs - 1);
    // onEdit on the dashboard checks nothing and marks nothing.
    fake.calls.reset();
    fake.simulateUserEdit(NAME, 31, 2, [['ばらばら']], app.onEdit as never);
    expect(dashboard.getRange(31, 2).getNote()).toBe('');
    expect(fake.calls.get('Range.getValues')).toBe(0);
  });

  test('a chart whose column is missing says 不明 with the reason above its table, and its cells are blank, not zeros', () => {
    const { app, fake, dashboard } = setUp();
    const pd = fake.spreadsheet.getSheetByName('PD稼働記録') as FakeSheet;
    const header = pd._values()[0] ?? [];
    pd.getRange(1, header.indexOf('時間') + 1).setValues([['稼働時間']]);
    app.checkAllEntries();
    expect(cell(dashboard, 14, 1)).toBe('PD稼働時間の累計と予算（2024年度）: PD稼働記録の列「時間」がないため不明');
    expect(
      dashboard
        ._values()
        .slice(15, 27)
        .map(r => r[1])
    ).toEqual(Array.from({ length: 12 }, () => ''));
    expect(dashboard._values()[5]?.slice(0, 5)).toEqual([
      'PD稼働時間（累計）',
      '不明',
      '280時間',
      '不明',
      'PD稼働記録の列「時間」がないため不明',
    ]);
    // The other charts still draw their figures.
    expect(cell(dashboard, 14, 5)).toBe('専門家活用の回数と月上限（2024年度）');
  });
});
