/**
 * The report's four charts, drawn from the report model's own figures (src/domain/report): the PD's hours to
 * date against the budget (§10(3)), expert uses against the monthly cap (§12(1)), the minutes of each month's
 * meetings by status (§5.5, §6, §13(2)), and supported companies and liaison councils against their targets
 * (§4, §6). A month's point is the figure the report prints for that month; months after the report month
 * are empty. The months are the programme's fiscal year, so the ダッシュボード's tables keep a fixed size.
 */
import { lastDayOfMonth, partsOf, type YearMonth } from '../dates';
import { hasColumns, type ReadResult } from '../ledgerReader';
import { fiscalYearMonths, hoursText } from '../report/figures';
import type { ReportModel } from '../report/model';
import { isKnown } from '../report/unknown';
import { columnOf, tabOf } from '../schema';
import type { ChartId, ChartSeries, ChartSpec } from './spec';

/** What a chart reads, by tab and column key: when one is missing the chart says so instead of drawing zeros. */
export const CHART_SOURCES: Readonly<Record<ChartId, Readonly<Record<string, readonly string[]>>>> = {
  pdHours: { pdHours: ['date', 'hours'] },
  expertUses: { experts: ['date', 'status'] },
  minutes: { meetings: ['type', 'date', 'minutesSharedOn'] },
  targets: { cases: ['stage'], meetings: ['type', 'date'] },
};

export type ChartSources = Readonly<Record<ChartId, string | null>>;

/** For each chart, why its source cannot be read ('PD稼働記録の列「時間」がない'), or null when it can. */
export function chartSources(read: ReadResult): ChartSources {
  const why = (needs: Readonly<Record<string, readonly string[]>>): string | null => {
    for (const [tabKey, columns] of Object.entries(needs)) {
      if (hasColumns(read, tabKey, columns)) continue;
      const tab = tabOf(read.contract, tabKey);
      if (read.layouts[tabKey]?.present !== true) return `タブ「${tab.name}」がない`;
      const missing = columns.filter(c => read.layouts[tabKey]?.columnIndex[c] === undefined).map(c => `「${columnOf(tab, c).header}」`);
      return `${tab.name}の列${missing.join('')}がない`;
    }
    return null;
  };
  return {
    pdHours: why(CHART_SOURCES.pdHours),
    expertUses: why(CHART_SOURCES.expertUses),
    minutes: why(CHART_SOURCES.minutes),
    targets: why(CHART_SOURCES.targets),
  };
}

type Figures = Omit<ReportModel, 'actions' | 'charts'>;

const monthLabel = (m: YearMonth): string => `${Number(m.slice(5, 7))}月`;
const fiscalYearLabel = (months: readonly YearMonth[]): string => `${months[0]?.slice(0, 4) ?? ''}年度`;
const dayLabel = (d: string): string => {
  const { year, month, day } = partsOf(d);
  return `${year}年${month}月${day}日`;
};

/** A month-by-month figure on the chart's months: the model's value for months it has, else null. */
function onMonths<T extends { readonly month: YearMonth }>(
  months: readonly YearMonth[],
  figures: readonly T[],
  value: (f: T) => number
): (number | null)[] {
  const byMonth = new Map(figures.map(f => [f.month, f]));
  return months.map(m => {
    const f = byMonth.get(m);
    return f === undefined ? null : value(f);
  });
}

const flat = (months: readonly YearMonth[], v: number): number[] => months.map(() => v);
/** Office's blue for actual figures, a dark red for caps and budgets, grey for targets. */
const COLOR = { actual: '4472C4', cap: 'C00000', target: 'A5A5A5', late: 'ED7D31', open: 'A5A5A5' } as const;
type Values = readonly (number | null)[];
const column = (name: string, values: Values, color: string = COLOR.actual, reference = false): ChartSeries => ({
  name,
  values,
  draw: 'column',
  reference,
  color,
});
const line = (name: string, values: Values, color: string = COLOR.actual, reference = false): ChartSeries => ({
  name,
  values,
  draw: 'line',
  reference,
  color,
});
/** An axis top with room above the highest value, in whole steps for counts. */
const countTop = (values: readonly (number | null)[]): number => Math.max(1, ...values.map(v => v ?? 0)) + 1;

/** How a section the model could not compute reads after 「…のグラフは、」: its reason without 「ため不明です」. */
const sectionReason = (s: { readonly unknown: string | null }): string | null =>
  s.unknown === null ? null : s.unknown.replace(/ため不明です$/, '');

function pdChart(model: Figures, months: readonly YearMonth[], unavailable: string | null): ChartSpec {
  // An unknown section draws nothing: its chart is unavailable (the writers say why), never a line of zeros.
  const pd = isKnown(model.pd) ? model.pd : { ...model.pd, byMonth: [], hoursToDate: 0 };
  const budget = `予算（${hoursText(pd.budgetHours)}時間）`;
  return {
    id: 'pdHours',
    title: `PD稼働時間の累計と予算（${fiscalYearLabel(months)}）`,
    kind: 'line',
    categoryTitle: '月',
    valueTitle: '時間',
    categories: months.map(monthLabel),
    months,
    series: [
      line(
        '累計稼働時間',
        onMonths(months, pd.byMonth, f => f.hoursToDate)
      ),
      line(budget, flat(months, pd.budgetHours), COLOR.cap, true),
    ],
    valueAxis: { min: 0, max: null, step: null },
    dataLabels: false,
    description: `${dayLabel(model.overview.to)}時点の累計は${hoursText(pd.hoursToDate)}時間です（${pd.budgetHours > 0 ? `${budget}の${Math.round((pd.hoursToDate / pd.budgetHours) * 100)}%` : '予算時間は0時間に設定されています'}）。`,
    unavailable,
  };
}

function expertChart(model: Figures, months: readonly YearMonth[], unavailable: string | null): ChartSpec {
  const experts = isKnown(model.experts) ? model.experts : { ...model.experts, byMonth: [], usesThisMonth: 0, usesToDate: 0 };
  const uses = onMonths(months, experts.byMonth, f => f.uses);
  return {
    id: 'expertUses',
    title: `専門家活用の回数と月上限（${fiscalYearLabel(months)}）`,
    kind: 'column',
    categoryTitle: '月',
    valueTitle: '回',
    categories: months.map(monthLabel),
    months,
    series: [column('活用回数', uses), line(`月上限（${experts.monthlyCap}回）`, flat(months, experts.monthlyCap), COLOR.cap, true)],
    valueAxis: { min: 0, max: countTop([...uses, experts.monthlyCap]), step: 1 },
    dataLabels: false,
    description: `今月は${experts.usesThisMonth}回（月上限${experts.monthlyCap}回）、累計${experts.usesToDate}回です。`,
    unavailable,
  };
}

function minutesChart(model: Figures, months: readonly YearMonth[], unavailable: string | null): ChartSpec {
  const figures = isKnown(model.meetings) ? model.meetings.minutesByMonth : [];
  const stacks = [
    column(
      '期限内に共有',
      onMonths(months, figures, f => f.shared)
    ),
    column(
      '期限後に共有',
      onMonths(months, figures, f => f.sharedLate),
      COLOR.late
    ),
    column(
      '期限超過（未共有）',
      onMonths(months, figures, f => f.overdue),
      COLOR.cap
    ),
    column(
      '期限前（未共有）',
      onMonths(months, figures, f => f.open),
      COLOR.open
    ),
  ];
  const totals = months.map((_, i) => stacks.reduce((a, s) => a + (s.values[i] ?? 0), 0));
  const last = figures.at(-1);
  return {
    id: 'minutes',
    title: `議事録の共有状況（開催月別、${fiscalYearLabel(months)}）`,
    kind: 'stacked',
    categoryTitle: '開催月',
    valueTitle: '件',
    categories: months.map(monthLabel),
    months,
    series: stacks,
    valueAxis: { min: 0, max: countTop(totals), step: 1 },
    dataLabels: false,
    description: last
      ? `${monthLabel(last.month)}に開催した会議の議事録は、期限内に共有${last.shared}件、期限後に共有${last.sharedLate}件、期限超過${last.overdue}件、期限前${last.open}件です（${dayLabel(model.overview.asOf)}時点。議事録の期限がない種別「その他」の会議は含みません）。`
      : '開催した会議はまだありません。',
    unavailable,
  };
}

function targetsChart(model: Figures, unavailable: string | null): ChartSpec {
  const cases = isKnown(model.cases) ? model.cases : { ...model.cases, supported: 0 };
  const meetings = isKnown(model.meetings) ? model.meetings : { ...model.meetings, liaisonCouncilsToDate: 0 };
  const actual = [cases.supported, meetings.liaisonCouncilsToDate];
  const target = [cases.target, meetings.liaisonTarget];
  return {
    id: 'targets',
    title: '目標に対する実績（累計）',
    kind: 'column',
    categoryTitle: '',
    valueTitle: '社・回',
    categories: ['伴走支援企業（社）', '地域連携会議（回）'],
    months: [],
    series: [column('実績', actual), column('目標', target, COLOR.target, true)],
    valueAxis: { min: 0, max: countTop([...actual, ...target]), step: 1 },
    dataLabels: true,
    description: `伴走支援企業は${cases.supported}社（目標${cases.target}社）、地域連携会議は${meetings.liaisonCouncilsToDate}回（目標${meetings.liaisonTarget}回）です（${dayLabel(lastDayOfMonth(model.month))}まで）。`,
    unavailable,
  };
}

/** The four charts of a report model. `sources` says which of them cannot be drawn, and why. */
export function reportCharts(model: Figures, sources: ChartSources): ChartSpec[] {
  const months = fiscalYearMonths(model.month);
  // A chart is unavailable when its own columns are missing, or when a section it draws from is unknown.
  return [
    pdChart(model, months, sources.pdHours ?? sectionReason(model.pd)),
    expertChart(model, months, sources.expertUses ?? sectionReason(model.experts)),
    minutesChart(model, months, sources.minutes ?? sectionReason(model.meetings)),
    targetsChart(model, sources.targets ?? sectionReason(model.cases) ?? sectionReason(model.meetings)),
  ];
}

/** The chart of an id (the model always has all four). */
export const chartOf = (charts: readonly ChartSpec[], id: ChartId): ChartSpec | undefined => charts.find(c => c.id === id);

/** How the report says a chart is missing: 「…」のグラフは、PD稼働記録の列「時間」がないため表示していません。 */
export const unavailableText = (chart: ChartSpec): string =>
  `「${chart.title}」のグラフは、${chart.unavailable ?? ''}ため表示していません（数値は不明です）。タブ名と1行目の見出しを確認してください。`;
