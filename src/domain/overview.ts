/**
 * The Office's overview (全地域進捗): one row per secretariat workbook with its figures against targets, and
 * the same region compared across fiscal years. Every figure is the workbook's own: its `check` and the
 * monthly report model of the month of `today` (what `report --month <that month> --today <today>` shows),
 * never a second computation. This file chooses which figures to show, judges each as the report does
 * (達成 / 残り / 要対応), and says plainly what is not known yet and why.
 */
import { buildAnnualReport } from './annualReport/model';
import { type CheckResult, calendarOf, check } from './check';
import { monthOf, type YearMonth, type Ymd } from './dates';
import { fiscalYearOf } from './fiscalYear';
import { hasColumns, missingSource, type ReadResult } from './ledgerReader';
import { MARK_COLORS } from './marks';
import { dayOutOfReach } from './reach';
import { buildReportModel, type PaceForecast, type ReportModel } from './report/model';
import { isKnown } from './report/unknown';
import { isDoneEvaluation } from './rules/pdEvaluations';
import { overdueReports } from './rules/pdMonthlyReports';
import { announcementsOf, coverageOf, firstPresentation } from './rules/presentation';
import { TAB_NAME } from './schema';

/** A figure, or why it cannot be given (shown as 不明 with the reason). */
export type Fact<T> = { readonly known: true; readonly value: T } | { readonly known: false; readonly reason: string };

const known = <T>(value: T): Fact<T> => ({ known: true, value });
const unknown = <T>(reason: string): Fact<T> => ({ known: false, reason });

export interface SupportedFigures {
  readonly count: number;
  readonly target: number;
}
export interface LiaisonFigures {
  readonly held: number;
  readonly target: number;
  readonly scheduled: number;
  readonly onTrack: boolean;
  /** The first council in July (§6): null while that July is ahead or outside the programme. */
  readonly firstInJuly: boolean | null;
}
export interface PdFigures {
  readonly hours: number;
  readonly budgetHours: number;
  readonly days: number;
  readonly budgetDays: number;
  readonly forecast: PaceForecast;
  readonly atRisk: boolean;
  readonly runsOutOn: Ymd | null;
  readonly projectedHoursAtEnd: number | null;
  readonly summary: string;
}
export interface ExpertFigures {
  /** As the report counts them to the month's end: 予定 uses later this month included (they count to the cap). */
  readonly uses: number;
  /** Of those, 予定 uses after asOf. */
  readonly plannedLaterThisMonth: number;
  readonly budgetUses: number;
  readonly plannedAfterMonth: number;
  readonly monthlyCap: number;
  readonly monthsOverCap: readonly { readonly month: YearMonth; readonly uses: number }[];
}
export interface MinutesFigures {
  /** As the report counts them at asOf. */
  readonly overdue: number;
  readonly sharedOnTime: number;
  readonly sharedLate: number;
  /** Shared on time among minutes shared or past their deadline; null when there are none yet. */
  readonly onTimeShare: number | null;
}

/** A group whose figures K are null when their report section is unknown (the settings it compares with stay). */
type Unknowable<T, K extends keyof T> = Omit<T, K> & { readonly [P in K]: T[P] | null };

export interface OverviewFigures {
  readonly region: Fact<string>;
  readonly fiscalYear: Fact<number>;
  /** The report month the figures are of: the month of asOf. */
  readonly month: YearMonth;
  readonly programmeStart: Ymd | null;
  readonly programmeEnd: Ymd;
  readonly supported: Unknowable<SupportedFigures, 'count'>;
  readonly liaisonCouncils: Unknowable<LiaisonFigures, 'held' | 'scheduled' | 'onTrack' | 'firstInJuly'>;
  readonly pd: Unknowable<PdFigures, 'hours' | 'days' | 'forecast' | 'atRisk' | 'runsOutOn' | 'projectedHoursAtEnd' | 'summary'>;
  readonly experts: Unknowable<ExpertFigures, 'uses' | 'plannedLaterThisMonth' | 'plannedAfterMonth' | 'monthsOverCap'>;
  readonly minutes: Unknowable<MinutesFigures, keyof MinutesFigures>;
  readonly pdMonthlyReportsMissing: Fact<number>;
  readonly pdEvaluationDone: Fact<boolean>;
  readonly presentation: { readonly date: Fact<Ymd | null>; readonly announced: Fact<boolean>; readonly writeUp: Fact<boolean> };
  readonly yearEndReadiness: Fact<{ readonly complete: number; readonly total: number }>;
  readonly errors: number;
  readonly warnings: number;
  /**
   * Sections of the report model whose tab or column is missing, with why: their figures are null (as in
   * `report --json`) and their columns show 不明, never 0.
   */
  readonly unknown: Readonly<Partial<Record<OverviewSection, string>>>;
}

/** The groups of figures each report section gives. */
interface SectionGroups {
  readonly cases: { readonly supported: SupportedFigures };
  readonly meetings: { readonly liaisonCouncils: LiaisonFigures; readonly minutes: MinutesFigures };
  readonly pd: { readonly pd: PdFigures };
  readonly experts: { readonly experts: ExpertFigures };
}
/** The figures as a column of section S sees them: that section known. */
type KnownIn<S extends OverviewSection> = Omit<OverviewFigures, keyof SectionGroups[S]> & SectionGroups[S];

/** The report sections the overview's figures come from. */
export type OverviewSection = 'cases' | 'meetings' | 'pd' | 'experts';

export interface OverviewRow {
  /** The file path, or sheets:<id>. */
  readonly source: string;
  /** The file name or the spreadsheet's title (the source when it could not be read). */
  readonly workbook: string;
  readonly asOf: Ymd;
  /** Why the workbook could not be read, or why its figures were not computed; null when they were. */
  readonly problem: string | null;
  /** The workbook was read, but today is years from its programme (as `report` refuses such a day). */
  readonly refused: boolean;
  readonly figures: OverviewFigures | null;
}

/** 読み取り's text for a row with a problem. */
export const problemText = (row: OverviewRow): string => `${row.refused ? '集計しません' : '読めません'}: ${row.problem ?? ''}`;

// ---- figures ---------------------------------------------------------------------------------------

/** A 設定 item by its name, when this version's contract has it; undefined otherwise. */
function settingNamed(read: ReadResult, name: string): { readonly value: unknown } | undefined {
  const spec = read.contract.settings.find(s => s.name === name);
  return spec ? { value: (read.ledger.settings as unknown as Record<string, unknown>)[spec.key] } : undefined;
}

const NOT_IN_THIS_VERSION = 'この版の chizai-desk はまだ扱いません';

/** Why nothing of 設定 is known: the tab itself is missing (its missing-tab finding says how to add it). */
const settingsTabMissing = (read: ReadResult): string | null =>
  hasColumns(read, 'settings', ['name', 'value']) ? null : missingSource(read, 'settings', ['name', 'value']);

function regionOf(read: ReadResult): Fact<string> {
  const setting = settingNamed(read, '地域名');
  if (!setting) return unknown(`${TAB_NAME.settings}「地域名」を${NOT_IN_THIS_VERSION}。`);
  const noTab = settingsTabMissing(read);
  if (noTab !== null) return unknown(`地域名は${noTab}。`);
  return typeof setting.value === 'string' && setting.value.trim() !== ''
    ? known(setting.value.trim())
    : unknown(`${TAB_NAME.settings}「地域名」が空です。${TAB_NAME.settings}タブに地域名を入力してください。`);
}

/** 年度 as typed, else the fiscal year of 事業開始日 (DESIGN "The year's obligations"). */
function fiscalYearFromSettings(read: ReadResult): Fact<number> {
  const { settings } = read.ledger;
  const setting = settingNamed(read, '年度');
  if (setting && typeof setting.value === 'number') return known(setting.value);
  if (settings.programmeStart !== null) return known(fiscalYearOf(settings.programmeStart));
  const noTab = settingsTabMissing(read);
  if (noTab !== null) return unknown(`年度は${noTab}。`);
  return unknown(`${TAB_NAME.settings}「年度」と「事業開始日」が空のため、年度がわかりません。どちらかを入力してください。`);
}

/**
 * The year's obligations (PD monthly reports §5.4(1), PD evaluation §5.6, the results presentation's publicity
 * §7 ⑦⑧, year-end readiness §15), judged as the rules and the 事業報告書 judge them; 不明 in a workbook made before
 * their tabs (chizai-desk upgrade adds them).
 */
function yearObligations(
  read: ReadResult,
  result: CheckResult,
  asOf: Ymd,
  workbook: string
): Pick<OverviewFigures, 'pdMonthlyReportsMissing' | 'pdEvaluationDone' | 'yearEndReadiness'> & {
  readonly announced: Fact<boolean>;
  readonly writeUp: Fact<boolean>;
} {
  const { ledger } = read;
  // The tab missing (a workbook made before it: upgrade adds it) or one of its columns (renamed: put the header back).
  const missing = (tabKey: string, columns: readonly string[]): Fact<never> => {
    const why = missingSource(read, tabKey, columns) ?? '';
    return unknown(hasColumns(read, tabKey) ? `${why}。見出しを直してください。` : `${why}（chizai-desk upgrade で追加できます）。`);
  };
  const presentation = firstPresentation(ledger);
  const publicity = (has: (m: NonNullable<typeof presentation>) => boolean): Fact<boolean> =>
    !hasColumns(read, 'publicity', ['date', 'kind', 'medium'])
      ? missing('publicity', ['date', 'kind', 'medium'])
      : known(presentation !== undefined && has(presentation));
  const readiness = buildAnnualReport(read, result, asOf, workbook).readiness;
  return {
    pdMonthlyReportsMissing: hasColumns(read, 'pdReports', ['month', 'receivedOn'])
      ? known(overdueReports(ledger, asOf, calendarOf(read)).length)
      : missing('pdReports', ['month', 'receivedOn']),
    pdEvaluationDone: hasColumns(read, 'pdEvaluations', ['date', 'overall'])
      ? known(ledger.pdEvaluations.some(e => isDoneEvaluation(e, asOf)))
      : missing('pdEvaluations', ['date', 'overall']),
    announced: publicity(m => announcementsOf(ledger, m).length > 0),
    writeUp: publicity(m => coverageOf(ledger, m, asOf).length > 0),
    yearEndReadiness: known({ complete: readiness.complete, total: readiness.total }),
  };
}

const meetingsMissing = (read: ReadResult): string => missingSource(read, 'meetings', ['type', 'date']) ?? '';

function figuresOf(read: ReadResult, result: CheckResult, model: ReportModel, asOf: Ymd, workbook: string): OverviewFigures {
  const { settings } = read.ledger;
  const { findings } = model;
  const unknownOf: Partial<Record<OverviewSection, string>> = {};
  for (const key of ['cases', 'meetings', 'pd', 'experts'] as const) {
    const reason = model[key].unknown;
    if (reason !== null) unknownOf[key] = reason;
  }
  const { cases, meetings, pd, experts } = model;
  const obligations = yearObligations(read, result, asOf, workbook);
  return {
    region: regionOf(read),
    fiscalYear: fiscalYearFromSettings(read),
    month: model.month,
    programmeStart: settings.programmeStart,
    programmeEnd: settings.programmeEnd,
    supported: { count: isKnown(cases) ? cases.supported : null, target: cases.target },
    liaisonCouncils: isKnown(meetings)
      ? {
          held: meetings.liaisonCouncilsToDate,
          target: meetings.liaisonTarget,
          scheduled: meetings.liaisonCouncilsScheduled.length,
          onTrack: meetings.liaisonOnTrack,
          firstInJuly: meetings.liaisonInJuly.held,
        }
      : { held: null, target: meetings.liaisonTarget, scheduled: null, onTrack: null, firstInJuly: null },
    pd: isKnown(pd)
      ? {
          hours: pd.hoursToDate,
          budgetHours: pd.budgetHours,
          days: pd.daysToDate,
          budgetDays: pd.budgetDays,
          forecast: pd.pace.forecast,
          atRisk: pd.pace.atRisk,
          runsOutOn: pd.pace.runsOutOn,
          projectedHoursAtEnd: pd.pace.projectedHoursAtEnd,
          summary: pd.pace.summary,
        }
      : {
          hours: null,
          budgetHours: pd.budgetHours,
          days: null,
          budgetDays: pd.budgetDays,
          forecast: null,
          atRisk: null,
          runsOutOn: null,
          projectedHoursAtEnd: null,
          summary: null,
        },
    experts: isKnown(experts)
      ? {
          uses: experts.usesToDate,
          plannedLaterThisMonth: experts.list.filter(x => x.status === '予定' && x.date > asOf).length,
          budgetUses: experts.budgetUses,
          plannedAfterMonth: experts.plannedAfterMonth,
          monthlyCap: experts.monthlyCap,
          monthsOverCap: experts.capBreaches,
        }
      : {
          uses: null,
          plannedLaterThisMonth: null,
          budgetUses: experts.budgetUses,
          plannedAfterMonth: null,
          monthlyCap: experts.monthlyCap,
          monthsOverCap: null,
        },
    minutes: isKnown(meetings)
      ? minutesFigures(result, meetings.minutesOverdueAtMonthEnd)
      : { overdue: null, sharedOnTime: null, sharedLate: null, onTimeShare: null },
    pdMonthlyReportsMissing: obligations.pdMonthlyReportsMissing,
    pdEvaluationDone: obligations.pdEvaluationDone,
    presentation: {
      date: hasColumns(read, 'meetings', ['type', 'date'])
        ? known(firstPresentation(read.ledger)?.date ?? null)
        : unknown(meetingsMissing(read)),
      announced: obligations.announced,
      writeUp: obligations.writeUp,
    },
    yearEndReadiness: obligations.yearEndReadiness,
    errors: findings.errors,
    warnings: findings.warnings,
    unknown: unknownOf,
  };
}

/** The minutes' statuses at asOf, as `check` gives them, and the month-end overdue count of the report. */
function minutesFigures(result: CheckResult, overdue: number): MinutesFigures {
  const statuses = result.meetings.map(m => m.status);
  const onTime = statuses.filter(s => s === 'shared').length;
  const late = statuses.filter(s => s === 'shared-late').length;
  const decided = onTime + late + statuses.filter(s => s === 'overdue').length;
  return {
    overdue,
    sharedOnTime: onTime,
    sharedLate: late,
    onTimeShare: decided === 0 ? null : Math.round((onTime / decided) * 1000) / 1000,
  };
}

/** One workbook's row: its check and its report of the month of asOf, as `check` and `report` give them. */
export function overviewRowOf(read: ReadResult, asOf: Ymd, source: string, workbook: string): OverviewRow {
  // A day years from the workbook's programme is refused, as `report` and `check` refuse it: no figures.
  const far = dayOutOfReach(asOf, read.ledger.settings, '--today');
  if (far !== null) return { source, workbook, asOf, problem: far, refused: true, figures: null };
  const result = check(read, asOf);
  const model = buildReportModel(read, result, monthOf(asOf), asOf, workbook);
  return { source, workbook, asOf, problem: null, refused: false, figures: figuresOf(read, result, model, asOf, workbook) };
}

/** A workbook that could not be read: a row that says why, so the others still stand. */
export const unreadableRow = (source: string, asOf: Ymd, problem: string): OverviewRow => ({
  source,
  workbook: source,
  asOf,
  problem,
  refused: false,
  figures: null,
});

// ---- the sheet's columns ---------------------------------------------------------------------------

/** How a cell is judged: as the report does (達成 / 見通しに注意 / 要対応), or not known. */
export type OverviewTone = 'ok' | 'attention' | 'problem' | 'unknown';

export const OVERVIEW_COLORS: Readonly<Record<OverviewTone, string>> = {
  ok: '#d9ead3',
  attention: MARK_COLORS.warning,
  problem: MARK_COLORS.error,
  unknown: '#efefef',
};

export interface OverviewCell {
  /** Text, a number, or a date ('YYYY-MM-DD' with kind 'date'); null for an empty cell. */
  readonly value: string | number | null;
  readonly kind: 'text' | 'count' | 'hours' | 'percent' | 'date' | 'year';
  readonly tone: OverviewTone | null;
  /** Shown as the cell's note: the detail behind the figure, or why it is not known. */
  readonly note: string | null;
}

export interface OverviewColumn {
  readonly header: string;
  readonly width: number;
  /** Shown in the comparison across fiscal years (年度比較). */
  readonly compare: boolean;
  cell(row: OverviewRow): OverviewCell;
}

export const UNKNOWN_TEXT = '不明';
const NONE_TEXT = '—';

const empty: OverviewCell = { value: null, kind: 'text', tone: null, note: null };
const cell = (
  value: string | number | null,
  kind: OverviewCell['kind'],
  tone: OverviewTone | null = null,
  note: string | null = null
): OverviewCell => ({ value, kind, tone, note });
const unknownCell = (reason: string): OverviewCell => cell(UNKNOWN_TEXT, 'text', 'unknown', reason);
const judged = (good: boolean, bad: OverviewTone = 'attention'): OverviewTone => (good ? 'ok' : bad);
const monthJa = (m: YearMonth): string => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;

/** A figure column: empty on a row that could not be read, 不明 with the reason when its report section is unknown. */
function figure(header: string, width: number, compare: boolean, of: (f: OverviewFigures) => OverviewCell): OverviewColumn;
function figure<S extends OverviewSection>(
  header: string,
  width: number,
  compare: boolean,
  of: (f: KnownIn<S>) => OverviewCell,
  section: S
): OverviewColumn;
function figure<S extends OverviewSection>(
  header: string,
  width: number,
  compare: boolean,
  of: (f: KnownIn<S>) => OverviewCell,
  section?: S
): OverviewColumn {
  return {
    header,
    width,
    compare,
    cell: row => {
      if (!row.figures) return empty;
      const why = section === undefined ? undefined : row.figures.unknown[section];
      // A section not in `unknown` was computed: figuresOf filled its groups (KnownIn<S>).
      return why === undefined ? of(row.figures as KnownIn<S>) : unknownCell(why);
    },
  };
}

function factCell<T>(fact: Fact<T>, of: (value: T) => OverviewCell): OverviewCell {
  return fact.known ? of(fact.value) : unknownCell(fact.reason);
}

const yesNo = (done: boolean, yes: string, no: string, bad: OverviewTone = 'attention'): OverviewCell =>
  cell(done ? yes : no, 'text', judged(done, bad));

const FORECAST_TEXT: Readonly<Record<PaceForecast, string>> = {
  'not-started': '未計算',
  'no-hours': '稼働記録なし',
  'budget-used': '予算に到達',
  'runs-out-before-end': '期間内に使い切る見込み',
  'lasts-to-end': '期間内に使い切らない見込み',
  'programme-ended': '事業終了',
};

export const OVERVIEW_COLUMNS: readonly OverviewColumn[] = [
  {
    header: '地域名',
    width: 12,
    compare: false,
    cell: row => (row.figures ? factCell(row.figures.region, v => cell(v, 'text')) : empty),
  },
  {
    header: '年度',
    width: 8,
    compare: false,
    cell: row => (row.figures ? factCell(row.figures.fiscalYear, v => cell(v, 'year')) : empty),
  },
  { header: 'ブック', width: 28, compare: false, cell: row => cell(row.workbook, 'text', null, row.source) },
  {
    header: '読み取り',
    width: 24,
    compare: false,
    cell: row => (row.problem === null ? cell('読み取り済', 'text') : cell(problemText(row), 'text', 'problem', row.problem)),
  },
  figure(
    '支援企業数',
    10,
    true,
    f =>
      cell(
        f.supported.count,
        'count',
        judged(f.supported.count >= f.supported.target),
        f.supported.count >= f.supported.target
          ? '目標を達成'
          : `目標${f.supported.target}社まで残り${f.supported.target - f.supported.count}社`
      ),
    'cases'
  ),
  figure('支援企業目標', 10, false, f => cell(f.supported.target, 'count')),
  figure(
    '地域連携会議',
    10,
    true,
    f => {
      const c = f.liaisonCouncils;
      return cell(
        c.held,
        'count',
        c.held >= c.target ? 'ok' : c.onTrack ? null : 'attention',
        `開催${c.held}回・予定${c.scheduled}回（目標${c.target}回以上）`
      );
    },
    'meetings'
  ),
  figure('連携会議目標', 10, false, f => cell(f.liaisonCouncils.target, 'count')),
  figure(
    '初回7月開催',
    10,
    true,
    f => {
      const july = f.liaisonCouncils.firstInJuly;
      return july === null
        ? cell(NONE_TEXT, 'text', null, 'その年度の7月がまだ来ていないか、事業期間の外です')
        : yesNo(july, '7月に開催', '7月に開催なし');
    },
    'meetings'
  ),
  figure('PD稼働時間', 10, true, f => cell(f.pd.hours, 'hours', judged(!f.pd.atRisk), f.pd.summary), 'pd'),
  figure('PD予算時間', 10, false, f => cell(f.pd.budgetHours, 'hours')),
  figure('PD稼働日数', 10, true, f => cell(f.pd.days, 'count'), 'pd'),
  figure('PD予算日数', 10, false, f => cell(f.pd.budgetDays, 'count')),
  figure('PD稼働の見通し', 22, false, f => cell(FORECAST_TEXT[f.pd.forecast], 'text', judged(!f.pd.atRisk), f.pd.summary), 'pd'),
  figure(
    'PD終了時見込み',
    12,
    true,
    f =>
      f.pd.projectedHoursAtEnd === null
        ? cell(NONE_TEXT, 'text')
        : cell(f.pd.projectedHoursAtEnd, 'hours', null, '事業終了日に見込まれる累計時間'),
    'pd'
  ),
  figure(
    '専門家活用',
    10,
    true,
    f => {
      const x = f.experts;
      const over = x.uses + x.plannedAfterMonth > x.budgetUses;
      const later = x.plannedLaterThisMonth > 0 ? `（うち今月これからの予定${x.plannedLaterThisMonth}回）` : '';
      return cell(
        x.uses,
        'count',
        judged(!over),
        `累計${x.uses}回${later}・来月以降の予定${x.plannedAfterMonth}回（予算${x.budgetUses}回）`
      );
    },
    'experts'
  ),
  figure('専門家予算回数', 10, false, f => cell(f.experts.budgetUses, 'count')),
  figure(
    '専門家月上限超過',
    12,
    true,
    f => {
      const months = f.experts.monthsOverCap;
      return cell(
        months.length,
        'count',
        judged(months.length === 0, 'problem'),
        months.length === 0
          ? `どの月も上限${f.experts.monthlyCap}回以内`
          : `上限${f.experts.monthlyCap}回を超えた月: ${months.map(m => `${monthJa(m.month)}（${m.uses}回）`).join('、')}`
      );
    },
    'experts'
  ),
  figure('議事録期限超過', 10, true, f => cell(f.minutes.overdue, 'count', judged(f.minutes.overdue === 0, 'problem')), 'meetings'),
  figure(
    '議事録期限内共有率',
    12,
    true,
    f => {
      const m = f.minutes;
      const note = `期限内に共有${m.sharedOnTime}件・期限後に共有${m.sharedLate}件・未共有で期限超過${f.minutes.overdue}件`;
      return m.onTimeShare === null
        ? cell(NONE_TEXT, 'text', null, '期限を迎えた議事録はまだありません')
        : cell(m.onTimeShare, 'percent', judged(m.onTimeShare === 1), note);
    },
    'meetings'
  ),
  figure(`${TAB_NAME.pdReports}未提出`, 12, true, f =>
    factCell(f.pdMonthlyReportsMissing, n => cell(n, 'count', judged(n === 0, 'problem')))
  ),
  figure(TAB_NAME.pdEvaluations, 10, true, f => factCell(f.pdEvaluationDone, done => yesNo(done, '実施済', '未実施'))),
  figure('成果発表会', 12, false, f =>
    factCell(f.presentation.date, d => (d === null ? cell('未登録', 'text', 'attention') : cell(d, 'date')))
  ),
  figure('開催案内', 10, true, f => factCell(f.presentation.announced, done => yesNo(done, 'あり', 'なし'))),
  figure('採録記事', 10, true, f => factCell(f.presentation.writeUp, done => yesNo(done, 'あり', 'なし'))),
  figure('年度末準備', 10, true, f =>
    factCell(f.yearEndReadiness, r => cell(`${r.complete}/${r.total}`, 'text', judged(r.complete === r.total)))
  ),
  figure('入力エラー', 10, true, f => cell(f.errors, 'count', judged(f.errors === 0, 'problem'))),
  figure('警告', 8, false, f => cell(f.warnings, 'count', f.warnings === 0 ? null : 'attention')),
  figure('集計月', 10, false, f => cell(f.month, 'text', null, `chizai-desk report --month ${f.month} と同じ集計です`)),
];

// ---- the same region across fiscal years -------------------------------------------------------------

export interface ComparisonColumn {
  readonly fiscalYear: number;
  /** '2024年度', or '2024年度（2）' for a second workbook of the same region and year. */
  readonly label: string;
}

export interface RegionComparison {
  readonly region: string;
  /** One row per compared column of OVERVIEW_COLUMNS; one cell per comparison column (null: no workbook for it). */
  readonly items: readonly { readonly header: string; readonly cells: readonly (OverviewCell | null)[] }[];
  /** The workbook behind each comparison column (null where the region has none). */
  readonly workbooks: readonly (OverviewRow | null)[];
}

export interface YearComparison {
  readonly columns: readonly ComparisonColumn[];
  readonly regions: readonly RegionComparison[];
  /** Rows that cannot be placed (unreadable, or region or year not known), with why. */
  readonly leftOut: readonly { readonly workbook: string; readonly reason: string }[];
}

export function compareAcrossYears(rows: readonly OverviewRow[]): YearComparison {
  const leftOut: { workbook: string; reason: string }[] = [];
  const byRegion = new Map<string, Map<number, OverviewRow[]>>();
  for (const row of rows) {
    const f = row.figures;
    if (!f) {
      leftOut.push({
        workbook: row.workbook,
        reason: `${row.refused ? '集計しませんでした' : '読めませんでした'}（${row.problem ?? ''}）`,
      });
      continue;
    }
    if (!f.region.known || !f.fiscalYear.known) {
      leftOut.push({
        workbook: row.workbook,
        reason: (f.region.known ? '' : f.region.reason) + (f.fiscalYear.known ? '' : f.fiscalYear.reason),
      });
      continue;
    }
    const years = byRegion.get(f.region.value) ?? new Map<number, OverviewRow[]>();
    years.set(f.fiscalYear.value, [...(years.get(f.fiscalYear.value) ?? []), row]);
    byRegion.set(f.region.value, years);
  }
  const slots = new Map<number, number>();
  for (const years of byRegion.values()) for (const [year, list] of years) slots.set(year, Math.max(slots.get(year) ?? 0, list.length));
  const columns: ComparisonColumn[] = [...slots]
    .sort(([a], [b]) => a - b)
    .flatMap(([fiscalYear, n]) =>
      Array.from({ length: n }, (_, i) => ({ fiscalYear, label: `${fiscalYear}年度${i === 0 ? '' : `（${i + 1}）`}` }))
    );
  const compared = OVERVIEW_COLUMNS.filter(c => c.compare);
  const regions = [...byRegion]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([region, years]): RegionComparison => {
      const seen = new Map<number, number>();
      const workbooks = columns.map(col => {
        const i = seen.get(col.fiscalYear) ?? 0;
        seen.set(col.fiscalYear, i + 1);
        return years.get(col.fiscalYear)?.[i] ?? null;
      });
      return {
        region,
        workbooks,
        items: compared.map(c => ({ header: c.header, cells: workbooks.map(w => (w ? c.cell(w) : null)) })),
      };
    });
  return { columns, regions, leftOut };
}

/**
 * Rows that are most likely the same workbook given twice, or two workbooks of one region and year (a copy left
 * beside the current one): each is shown (the comparison numbers the second （2）), and said once here.
 */
export function doubtfulRows(rows: readonly OverviewRow[]): string[] {
  const notes: string[] = [];
  const seen = new Map<string, string>();
  for (const row of rows) {
    const first = seen.get(row.source);
    if (first !== undefined) notes.push(`${row.workbook} が2回指定されています（同じ行が2つあります）。`);
    else seen.set(row.source, row.workbook);
  }
  const byYear = new Map<string, string[]>();
  for (const row of new Map(rows.map(r => [r.source, r])).values()) {
    const f = row.figures;
    if (!f?.region.known || !f.fiscalYear.known) continue;
    const key = `${f.region.value}\u0000${f.fiscalYear.value}`;
    byYear.set(key, [...(byYear.get(key) ?? []), row.workbook]);
  }
  for (const [key, books] of byYear)
    if (books.length > 1) {
      const [region, year] = key.split('\u0000');
      notes.push(`${region}の${year}年度のブックが${books.length}冊あります（${books.join('、')}）。古い写しでないか確認してください。`);
    }
  return notes;
}

export const OVERVIEW_SHEET = '全地域進捗';
export const COMPARISON_SHEET = '年度比較';

/** The file's name: 全地域進捗_YYYY-MM-DD.xlsx. */
export const overviewFileName = (asOf: Ymd): string => `全地域進捗_${asOf}.xlsx`;
