/**
 * The ダッシュボード tab as data: a fixed grid of key figures against their targets, the time it was computed
 * (最終更新) and the report's four charts as small month-by-month tables, with where each Sheets chart sits and
 * which cells it draws. The figures are the report model's for the month of `asOf`, as of `asOf`, so the
 * dashboard and the monthly report never disagree. The grid's size never changes: the charts are built once on
 * its ranges (setupWorkbook) and follow every rewrite of the values (checkAllEntries, the daily trigger).
 */
import { contract } from '../../../sheets-templates/contract';
import { formatYmdJa } from '../dates';
import { hoursText } from '../report/figures';
import type { ReportModel } from '../report/model';
import { isKnown } from '../report/unknown';
import { chartOf } from './reportCharts';
import type { ChartId, ChartSpec } from './spec';

export const DASHBOARD_NAME: string = contract.dashboard.name;

/** A block of cells, 1-based as Sheets counts. */
export interface CellBlock {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

export interface DashboardChart {
  readonly id: ChartId;
  /** The chart's title in Sheets: without the fiscal year, so a chart built once stays right the next year. */
  readonly title: string;
  /** The table the chart draws: a header row (series names) over one row per category, categories in the first column. */
  readonly data: CellBlock;
  /** The cell the chart's top-left corner is anchored to. */
  readonly anchor: { readonly row: number; readonly column: number };
}

export type DashboardCell = string | number;

const MONTHS = 12;
const TABLE_TOP = 15;
const CHART_TOP = TABLE_TOP + MONTHS + 3;

export const DASHBOARD_CHARTS: readonly DashboardChart[] = [
  {
    id: 'pdHours',
    title: 'PD稼働時間の累計と予算',
    data: { row: TABLE_TOP, column: 1, rows: MONTHS + 1, columns: 3 },
    anchor: { row: CHART_TOP, column: 1 },
  },
  {
    id: 'expertUses',
    title: '専門家活用の回数と月上限',
    data: { row: TABLE_TOP, column: 5, rows: MONTHS + 1, columns: 3 },
    anchor: { row: CHART_TOP, column: 8 },
  },
  {
    id: 'minutes',
    title: '議事録の共有状況（開催月別）',
    data: { row: TABLE_TOP, column: 9, rows: MONTHS + 1, columns: 5 },
    anchor: { row: CHART_TOP + 20, column: 1 },
  },
  {
    id: 'targets',
    title: '目標に対する実績（累計）',
    data: { row: TABLE_TOP, column: 15, rows: 3, columns: 3 },
    anchor: { row: CHART_TOP + 20, column: 8 },
  },
];

/** The whole grid the values are written to, in one write: A1 to the last table's corner. */
export const DASHBOARD_GRID: CellBlock = { row: 1, column: 1, rows: TABLE_TOP + MONTHS, columns: 17 };

/** Text cells start with an apostrophe so Sheets keeps them as typed (「4月」 is not a date, 「52%」 not a number). */
const text = (s: string): string => `'${s}`;
const percent = (part: number, whole: number): string => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—');
const UNKNOWN = '不明';

function keyFigures(model: ReportModel): DashboardCell[][] {
  // An unknown section's row reads 不明 (its chart is unavailable); the zeros below are never shown.
  const pd = isKnown(model.pd) ? model.pd : { ...model.pd, hoursToDate: 0 };
  const experts = isKnown(model.experts) ? model.experts : { ...model.experts, usesToDate: 0, usesThisMonth: 0 };
  const cases = isKnown(model.cases) ? model.cases : { ...model.cases, supported: 0 };
  const meetings = isKnown(model.meetings) ? model.meetings : { ...model.meetings, liaisonCouncilsToDate: 0, minutesOverdueAtMonthEnd: 0 };
  const why = (id: ChartId): string | null => chartOf(model.charts, id)?.unavailable ?? null;
  const row = (label: string, source: ChartId, actual: string, target: string, progress: string): DashboardCell[] => {
    const reason = why(source);
    return reason === null ? [label, actual, target, progress, ''] : [label, UNKNOWN, target, UNKNOWN, `${reason}ため不明`];
  };
  const left = Math.max(0, meetings.liaisonTarget - meetings.liaisonCouncilsToDate);
  return [
    ['項目', '実績', '目標・予算', '進捗', '備考'],
    row(
      'PD稼働時間（累計）',
      'pdHours',
      `${hoursText(pd.hoursToDate)}時間`,
      `${hoursText(pd.budgetHours)}時間`,
      percent(pd.hoursToDate, pd.budgetHours)
    ),
    row(
      '専門家活用（累計）',
      'expertUses',
      `${experts.usesToDate}回`,
      `${experts.budgetUses}回`,
      percent(experts.usesToDate, experts.budgetUses)
    ),
    row(
      '専門家活用（今月）',
      'expertUses',
      `${experts.usesThisMonth}回`,
      `月${experts.monthlyCap}回まで`,
      experts.usesThisMonth > experts.monthlyCap ? '上限超過' : `残り${experts.monthlyCap - experts.usesThisMonth}回`
    ),
    row(
      '伴走支援企業',
      'targets',
      `${cases.supported}社`,
      `${cases.target}社`,
      cases.supported >= cases.target ? '達成' : `残り${cases.target - cases.supported}社`
    ),
    row(
      '地域連携会議（累計）',
      'targets',
      `${meetings.liaisonCouncilsToDate}回`,
      `${meetings.liaisonTarget}回以上`,
      left === 0 ? '達成' : `残り${left}回`
    ),
    row(
      '議事録の期限超過',
      'minutes',
      `${meetings.minutesOverdueAtMonthEnd}件`,
      '0件',
      meetings.minutesOverdueAtMonthEnd === 0 ? 'なし' : '要対応'
    ),
  ];
}

/** A chart's table: its title (or why it is unknown), then the header of series names and one row per category. */
function chartTable(chart: ChartSpec, block: CellBlock): DashboardCell[][] {
  const title = chart.unavailable === null ? chart.title : `${chart.title}: ${chart.unavailable}ため不明`;
  const header = [chart.categoryTitle === '' ? '項目' : chart.categoryTitle, ...chart.series.map(s => s.name)];
  const rows = Array.from({ length: block.rows - 1 }, (_, i) => [
    text(chart.categories[i] ?? ''),
    // An unknown source leaves the cells blank: the chart shows nothing rather than zeros.
    ...chart.series.map(s => (chart.unavailable === null ? (s.values[i] ?? '') : '')),
  ]);
  return [[title], header, ...rows];
}

/**
 * The grid written over DASHBOARD_GRID: every cell of it, blanks included, so what an earlier run wrote never
 * lingers. `updatedAt` is the time of the run (Asia/Tokyo), shown as 最終更新.
 */
export function dashboardGrid(model: ReportModel, updatedAt: string): DashboardCell[][] {
  const grid: DashboardCell[][] = Array.from({ length: DASHBOARD_GRID.rows }, () =>
    Array.from({ length: DASHBOARD_GRID.columns }, () => '')
  );
  const put = (row: number, column: number, cells: readonly (readonly DashboardCell[])[]): void => {
    cells.forEach((line, r) => {
      line.forEach((v, c) => {
        const at = grid[row - 1 + r];
        if (at && column - 1 + c < DASHBOARD_GRID.columns) at[column - 1 + c] = v;
      });
    });
  };
  put(1, 1, [[DASHBOARD_NAME]]);
  put(2, 1, [
    [
      '最終更新',
      text(updatedAt),
      'このタブはシステムが書き込みます（入力は読みません）。「入力をすべてチェック」と毎日の処理で更新されます。',
    ],
  ]);
  put(4, 1, [
    [
      `主な数値（${formatYmdJa(model.overview.asOf)}時点、累計は${model.overview.toDateFrom ? `${formatYmdJa(model.overview.toDateFrom)}から` : '記録の初日から'}）`,
    ],
  ]);
  put(5, 1, keyFigures(model));
  put(TABLE_TOP - 2, 1, [['月別の推移（グラフの元データ）']]);
  for (const placed of DASHBOARD_CHARTS) {
    const chart = chartOf(model.charts, placed.id);
    if (chart) put(placed.data.row - 1, placed.data.column, chartTable(chart, placed.data));
  }
  return grid;
}
