/**
 * The monthly activity report (spec §5.4(1), §11(3)) as data: every figure the Doc, the .docx and
 * `report --json` show, computed once from the ledger and the check. Pure; the same workbook, month and
 * asOf give the same model in every runtime and TZ.
 *
 * "This month" = the month's first..last day. "To date" = 事業開始日..the month's last day (DESIGN.md
 * `report --json`). A meeting counts as held when its 開催日 is on or before both the month's last day and
 * asOf, so a report drawn up mid-month does not count meetings that are still ahead.
 */
import { contract } from '../../../sheets-templates/contract';
import { type CheckResult, calendarOf } from '../check';
import {
  addDays,
  daysBetween,
  firstDayOfMonth,
  formatYmdJa,
  isValidMonth,
  lastDayOfMonth,
  minYmd,
  monthOf,
  nextMonth,
  partsOf,
  type YearMonth,
  type Ymd,
} from '../dates';
import type { Finding } from '../findings';
import { countsAsUse } from '../rules/experts';
import { MINUTES_STATUS_LABEL, type MinutesStatus, minutesDue, minutesStatus } from '../rules/minutes';
import { isSupportedStage } from '../rules/prevalidation';
import type { CaseRow, ExpertUseRow, MeetingRow, MeetingType, PdHoursRow, Stage } from '../schema';
import type { ReadResult } from '../workbook';

type PdMode = (typeof contract.choices)['区分'][number];
type PdActivity = (typeof contract.choices)['活動内容'][number];
type ExpertField = (typeof contract.choices)['専門分野'][number];

// ---- the model -----------------------------------------------------------------------------------

export interface ReportOverview {
  readonly from: Ymd;
  readonly to: Ymd;
  /** Start of the "to date" figures: 事業開始日, or null when it is not set (then every row up to `to` counts). */
  readonly toDateFrom: Ymd | null;
  readonly asOf: Ymd;
  readonly workbook: string;
  readonly programmeStart: Ymd | null;
  readonly programmeEnd: Ymd;
  readonly pdDispatchStart: Ymd | null;
}

export type PaceForecast = 'not-started' | 'no-hours' | 'budget-used' | 'runs-out-before-end' | 'lasts-to-end' | 'programme-ended';

export interface PdPace {
  /** Where the pace is measured from: PD派遣開始日 (else 事業開始日, else the first timesheet day). */
  readonly since: Ymd | null;
  readonly weeksElapsed: number;
  /** About one day a week (§10(2)): weeks elapsed × PD標準時間. */
  readonly expectedHours: number;
  /** hoursToDate ÷ expectedHours; null before the pace can be measured. */
  readonly paceRatio: number | null;
  readonly hoursPerWeek: number | null;
  readonly forecast: PaceForecast;
  /** When the budget hours run out at the pace so far (or ran out). */
  readonly runsOutOn: Ymd | null;
  /** Hours expected by 事業終了日 at the pace so far. */
  readonly projectedHoursAtEnd: number | null;
  /** Hours a week needed from the month's end to 事業終了日 to use exactly the budget. */
  readonly neededHoursPerWeek: number | null;
  readonly atRisk: boolean;
  /** The forecast in plain Japanese. */
  readonly summary: string;
}

export interface PdSection {
  readonly hoursThisMonth: number;
  readonly daysThisMonth: number;
  readonly hoursToDate: number;
  readonly daysToDate: number;
  readonly budgetHours: number;
  readonly budgetDays: number;
  readonly standardHours: number;
  /** hoursToDate in PD標準時間 days ("7-hour days"). */
  readonly standardDaysToDate: number;
  readonly byMode: readonly { readonly mode: PdMode; readonly hours: number; readonly days: number }[];
  readonly byActivity: readonly { readonly activity: PdActivity; readonly hours: number }[];
  readonly travelThisMonth: number;
  readonly travelToDate: number;
  readonly pace: PdPace;
}

export interface CaseLine {
  readonly id: string;
  readonly company: string;
  readonly stage: Stage;
  readonly owner: string | null;
  readonly supported: boolean;
  readonly prevalidatedOn: Ymd | null;
  readonly pdHoursThisMonth: number;
  readonly pdDaysThisMonth: number;
  readonly expertUsesThisMonth: number;
  readonly expertFieldsThisMonth: readonly ExpertField[];
  readonly meetingsThisMonth: readonly string[];
  readonly nextAction: string | null;
  readonly nextDue: Ymd | null;
  /** 次回期日 already past at asOf on a case still open (not 完了/中止). */
  readonly nextDueOverdue: boolean;
}

export interface CaseSection {
  readonly supported: number;
  readonly target: number;
  readonly list: readonly CaseLine[];
  /** This month's PD hours naming a 案件ID that 案件台帳 does not have: kept out of the per-case figures. */
  readonly unknownCaseHours: readonly { readonly caseId: string; readonly hours: number; readonly rows: readonly number[] }[];
}

export interface MeetingLine {
  readonly id: string;
  readonly type: MeetingType;
  readonly date: Ymd;
  readonly format: string | null;
  readonly minutesOwner: string | null;
  readonly sharedWith: string | null;
  readonly caseIds: readonly string[];
  readonly minutesDue: Ymd | null;
  readonly minutesSharedOn: Ymd | null;
  /** Minutes status as of asOf. */
  readonly status: MinutesStatus;
  readonly statusLabel: string;
  readonly held: boolean;
  readonly rowNumber: number;
}

export interface CadenceMonth {
  readonly month: YearMonth;
  readonly reviews: number;
  readonly trainings: number;
  readonly monthlyLiaisons: number;
}

export interface MeetingSection {
  readonly heldThisMonth: Readonly<Record<MeetingType, number>>;
  readonly heldThisMonthTotal: number;
  /** Every meeting dated in the month, held or still ahead. */
  readonly list: readonly MeetingLine[];
  readonly liaisonCouncilsToDate: number;
  readonly liaisonTarget: number;
  readonly liaisonCouncilsHeld: readonly { readonly id: string; readonly date: Ymd }[];
  /** 地域連携会議 registered after the month, up to 事業終了日. */
  readonly liaisonCouncilsScheduled: readonly { readonly id: string; readonly date: Ymd }[];
  readonly liaisonOnTrack: boolean;
  /** The first council is desirable in July (§6): held is null while that July is still ahead or outside the programme. */
  readonly liaisonInJuly: { readonly month: YearMonth; readonly held: boolean | null; readonly ids: readonly string[] };
  /** 支援検討会/研修会 about once a month (§5.5(2)) and 月次連絡会 monthly (§13(2)), month by month from dispatch. */
  readonly cadence: readonly CadenceMonth[];
  readonly reviewOrTrainingThisMonth: number;
  readonly monthlyLiaisonHeld: boolean;
  readonly monthlyLiaisonIds: readonly string[];
  /** Minutes overdue as of minutesOverdueAsOf (the month's last day, or asOf for a month still running). */
  readonly minutesOverdueAtMonthEnd: number;
  readonly minutesOverdueAsOf: Ymd;
  readonly minutesOverdue: readonly {
    readonly id: string;
    readonly type: MeetingType;
    readonly date: Ymd;
    readonly minutesDue: Ymd;
    readonly sharedOn: Ymd | null;
  }[];
  /** Minutes not yet shared whose deadline is within the next 2 business days at asOf. */
  readonly minutesDueSoon: readonly { readonly id: string; readonly type: MeetingType; readonly minutesDue: Ymd }[];
}

export interface ExpertUseLine {
  readonly rowNumber: number;
  readonly date: Ymd;
  readonly expert: string;
  readonly field: ExpertField;
  readonly hours: number | null;
  readonly caseId: string | null;
  readonly consultedOn: Ymd | null;
  readonly status: ExpertUseRow['status'];
  readonly fee: number | null;
  readonly travelCost: number | null;
}

export interface ExpertSection {
  readonly usesThisMonth: number;
  readonly monthlyCap: number;
  readonly usesToDate: number;
  readonly budgetUses: number;
  readonly cancelledThisMonth: number;
  /** 予定 uses after the month, up to 事業終了日 (for the budget outlook). */
  readonly plannedAfterMonth: number;
  readonly feesThisMonth: number;
  readonly travelThisMonth: number;
  readonly feesToDate: number;
  readonly travelToDate: number;
  readonly byField: readonly { readonly field: ExpertField; readonly thisMonth: number; readonly toDate: number }[];
  /** Months (to date) with more uses than 専門家月上限. */
  readonly capBreaches: readonly { readonly month: YearMonth; readonly uses: number }[];
  /** Counted uses up to the month's end without 事前協議日 on or before 実施日 (§5.3(2)). */
  readonly withoutPriorConsultation: readonly ExpertUseLine[];
  /** Planned uses after the month still without 事前協議日. */
  readonly upcomingWithoutPriorConsultation: readonly ExpertUseLine[];
  /** The month's rows, 中止 included. */
  readonly list: readonly ExpertUseLine[];
}

export type ActionKind =
  | 'minutes-overdue'
  | 'minutes-due-soon'
  | 'expert-cap'
  | 'prevalidation'
  | 'prior-consultation'
  | 'next-action-overdue'
  | 'validation-errors'
  | 'target-at-risk';

export interface ActionItem {
  readonly kind: ActionKind;
  /** Short Japanese label of the category. */
  readonly label: string;
  readonly detail: string;
}

export interface OpenFinding {
  readonly sheet: string;
  readonly row: number | null;
  readonly column: string | null;
  readonly code: Finding['code'];
  readonly message: string;
}

export interface ReportModel {
  readonly month: YearMonth;
  readonly overview: ReportOverview;
  readonly pd: PdSection;
  readonly experts: ExpertSection;
  readonly cases: CaseSection;
  readonly meetings: MeetingSection;
  readonly actions: readonly ActionItem[];
  readonly findings: { readonly errors: number; readonly warnings: number; readonly openErrors: readonly OpenFinding[] };
  readonly appendix: {
    readonly pdRows: readonly PdHoursRow[];
    readonly expertRows: readonly ExpertUseLine[];
    readonly meetingRows: readonly MeetingLine[];
  };
}

// ---- helpers -------------------------------------------------------------------------------------

/** Sums of hours typed as 3:30 carry float noise; figures are shown to 2 decimals at most. */
export const round2 = (n: number): number => Math.round(n * 100) / 100;
const round1 = (n: number): number => Math.round(n * 10) / 10;
const sum = (xs: readonly number[]): number => round2(xs.reduce((a, b) => a + b, 0));
const byDateThenRow = <T extends { date: Ymd; rowNumber: number }>(a: T, b: T): number =>
  a.date === b.date ? a.rowNumber - b.rowNumber : a.date < b.date ? -1 : 1;

/** '2025年2月中旬': a forecast is not precise to the day, so it is said in thirds of a month. */
export function roughDateJa(date: Ymd): string {
  const { year, month, day } = partsOf(date);
  return `${year}年${month}月${day <= 10 ? '上旬' : day <= 20 ? '中旬' : '下旬'}`;
}

/** '145.5' / '36': hours without a trailing .0. */
export const hoursText = (n: number): string => String(round2(n));

const inRange = (d: Ymd, from: Ymd | null, to: Ymd): boolean => (from === null || from <= d) && d <= to;

// ---- sections ------------------------------------------------------------------------------------

function pdSection(read: ReadResult, month: YearMonth, asOf: Ymd, toDateFrom: Ymd | null, to: Ymd): PdSection {
  const { settings } = read.ledger;
  const from = firstDayOfMonth(month);
  const thisMonth = read.ledger.pdHours.filter(r => inRange(r.date, from, to));
  const toDate = read.ledger.pdHours.filter(r => inRange(r.date, toDateFrom, to));
  const distinctDays = (rows: readonly PdHoursRow[]): number => new Set(rows.map(r => r.date)).size;
  const hoursToDate = sum(toDate.map(r => r.hours));
  const standardHours = settings.pdStandardHours;
  const budgetHours = round2(settings.pdBudgetDays * standardHours);
  return {
    hoursThisMonth: sum(thisMonth.map(r => r.hours)),
    daysThisMonth: distinctDays(thisMonth),
    hoursToDate,
    daysToDate: distinctDays(toDate),
    budgetHours,
    budgetDays: settings.pdBudgetDays,
    standardHours,
    standardDaysToDate: standardHours > 0 ? round1(hoursToDate / standardHours) : 0,
    byMode: contract.choices.区分.map(mode => {
      const rows = thisMonth.filter(r => r.mode === mode);
      return { mode, hours: sum(rows.map(r => r.hours)), days: distinctDays(rows) };
    }),
    byActivity: contract.choices.活動内容.map(activity => ({
      activity,
      hours: sum(thisMonth.filter(r => r.activity === activity).map(r => r.hours)),
    })),
    travelThisMonth: sum(thisMonth.map(r => r.travelCost ?? 0)),
    travelToDate: sum(toDate.map(r => r.travelCost ?? 0)),
    pace: pdPace(read, toDate, minYmd(to, asOf), hoursToDate, budgetHours, standardHours),
  };
}

function pdPace(
  read: ReadResult,
  toDate: readonly PdHoursRow[],
  /** The month's last day, or asOf while the month is still running. */
  monthEnd: Ymd,
  hoursToDate: number,
  budgetHours: number,
  standardHours: number
): PdPace {
  const { settings } = read.ledger;
  const end = settings.programmeEnd;
  const firstDay = [...toDate].sort(byDateThenRow)[0]?.date ?? null;
  const since = settings.pdDispatchStart ?? settings.programmeStart ?? firstDay;
  const endJa = formatYmdJa(end);
  const base = {
    since,
    weeksElapsed: 0,
    expectedHours: 0,
    paceRatio: null,
    hoursPerWeek: null,
    runsOutOn: null,
    projectedHoursAtEnd: null,
    neededHoursPerWeek: null,
    atRisk: false,
  };
  if (since === null || since > monthEnd)
    return {
      ...base,
      forecast: 'not-started',
      summary:
        since === null
          ? '設定「PD派遣開始日」が空のため、稼働のペースは計算していません。設定タブに派遣開始日を入力してください。'
          : `PD派遣開始日（${formatYmdJa(since)}）より前の月のため、稼働のペースはまだ計算していません。`,
    };
  const elapsedDays = daysBetween(since, monthEnd) + 1;
  const weeks = elapsedDays / 7;
  const expectedHours = round1(weeks * standardHours);
  const measured = {
    ...base,
    weeksElapsed: round1(weeks),
    expectedHours,
    paceRatio: expectedHours > 0 ? round2(hoursToDate / expectedHours) : null,
    hoursPerWeek: round1(hoursToDate / weeks),
  };
  const paceText = `${formatYmdJa(since)}（${since === settings.pdDispatchStart ? 'PD派遣開始日' : '集計の起点'}）から${formatYmdJa(monthEnd)}までの約${round1(weeks)}週で累計${hoursText(hoursToDate)}時間、週平均${round1(hoursToDate / weeks)}時間です。目安の「週1日（${hoursText(standardHours)}時間）」に対して${Math.round((hoursToDate / (weeks * standardHours)) * 100)}%のペースです。`;
  if (hoursToDate >= budgetHours) {
    let running = 0;
    const reachedOn =
      [...toDate].sort(byDateThenRow).find(r => {
        running += r.hours;
        return running >= budgetHours;
      })?.date ?? monthEnd;
    const over = round2(hoursToDate - budgetHours);
    return {
      ...measured,
      forecast: 'budget-used',
      runsOutOn: reachedOn,
      atRisk: monthEnd < end,
      summary: `予算の${hoursText(budgetHours)}時間に${formatYmdJa(reachedOn)}に達しました${over > 0 ? `（超過${hoursText(over)}時間）` : ''}。${monthEnd < end ? `事業終了日（${endJa}）までの稼働について、特許庁と相談してください。` : ''}`,
    };
  }
  if (hoursToDate === 0)
    return {
      ...measured,
      forecast: 'no-hours',
      atRisk: monthEnd < end,
      summary: `${formatYmdJa(since)}以降、稼働の記録がまだありません。`,
    };
  if (monthEnd >= end)
    return {
      ...measured,
      forecast: 'programme-ended',
      projectedHoursAtEnd: hoursToDate,
      summary: `事業終了日（${endJa}）までの稼働は、予算${hoursText(budgetHours)}時間のうち${hoursText(hoursToDate)}時間（${Math.round((hoursToDate / budgetHours) * 100)}%）でした。`,
    };
  const perDay = hoursToDate / elapsedDays;
  const remaining = budgetHours - hoursToDate;
  const runsOutOn = addDays(monthEnd, Math.ceil(remaining / perDay));
  const daysLeft = daysBetween(monthEnd, end);
  const projectedHoursAtEnd = round1(hoursToDate + perDay * daysLeft);
  const neededHoursPerWeek = round1(remaining / (daysLeft / 7));
  if (runsOutOn <= end)
    return {
      ...measured,
      forecast: 'runs-out-before-end',
      runsOutOn,
      projectedHoursAtEnd,
      neededHoursPerWeek,
      atRisk: true,
      summary: `${paceText}このペースが続くと、予算の${hoursText(budgetHours)}時間を${roughDateJa(runsOutOn)}に使い切る見込みで、事業終了日（${endJa}）より前です。残りの期間は週平均${neededHoursPerWeek}時間に抑える必要があります。`,
    };
  const leftAtEnd = round1(budgetHours - projectedHoursAtEnd);
  // More than a fifth of the budget unused at the end means support the Office paid for is not happening.
  const atRisk = leftAtEnd > budgetHours / 5;
  return {
    ...measured,
    forecast: 'lasts-to-end',
    runsOutOn,
    projectedHoursAtEnd,
    neededHoursPerWeek,
    atRisk,
    summary: `${paceText}このペースが続くと、事業終了日（${endJa}）の時点で予算のうち約${hoursText(leftAtEnd)}時間（${hoursText(standardHours)}時間換算で約${round1(leftAtEnd / standardHours)}日）が残る見込みです。予算どおりに稼働するには、残りの約${round1(daysLeft / 7)}週で週平均${neededHoursPerWeek}時間が目安です。${atRisk ? '予算の消化が遅れています。' : ''}`,
  };
}

const expertLine = (x: ExpertUseRow): ExpertUseLine => ({
  rowNumber: x.rowNumber,
  date: x.date,
  expert: x.expert,
  field: x.field,
  hours: x.hours,
  caseId: x.caseId,
  consultedOn: x.consultedOn,
  status: x.status,
  fee: x.fee,
  travelCost: x.travelCost,
});

const lacksPriorConsultation = (x: ExpertUseRow): boolean => x.consultedOn === null || x.consultedOn > x.date;

function expertSection(read: ReadResult, month: YearMonth, toDateFrom: Ymd | null, to: Ymd): ExpertSection {
  const { settings, experts } = read.ledger;
  const from = firstDayOfMonth(month);
  const ordered = [...experts].sort(byDateThenRow);
  const monthRows = ordered.filter(x => inRange(x.date, from, to));
  const thisMonth = monthRows.filter(countsAsUse);
  const toDate = ordered.filter(x => countsAsUse(x) && inRange(x.date, toDateFrom, to));
  const usesByMonth = new Map<YearMonth, number>();
  for (const x of toDate) usesByMonth.set(monthOf(x.date), (usesByMonth.get(monthOf(x.date)) ?? 0) + 1);
  const planned = ordered.filter(x => x.status === '予定' && x.date > to && x.date <= settings.programmeEnd);
  const fields = contract.choices.専門分野;
  return {
    usesThisMonth: thisMonth.length,
    monthlyCap: settings.expertMonthlyCap,
    usesToDate: toDate.length,
    budgetUses: settings.expertBudgetUses,
    cancelledThisMonth: monthRows.length - thisMonth.length,
    plannedAfterMonth: planned.length,
    feesThisMonth: sum(thisMonth.map(x => x.fee ?? 0)),
    travelThisMonth: sum(thisMonth.map(x => x.travelCost ?? 0)),
    feesToDate: sum(toDate.map(x => x.fee ?? 0)),
    travelToDate: sum(toDate.map(x => x.travelCost ?? 0)),
    byField: fields
      .map(field => ({
        field,
        thisMonth: thisMonth.filter(x => x.field === field).length,
        toDate: toDate.filter(x => x.field === field).length,
      }))
      .filter(f => f.toDate > 0),
    capBreaches: [...usesByMonth]
      .filter(([, uses]) => uses > settings.expertMonthlyCap)
      .map(([m, uses]) => ({ month: m, uses }))
      .sort((a, b) => (a.month < b.month ? -1 : 1)),
    withoutPriorConsultation: toDate.filter(lacksPriorConsultation).map(expertLine),
    upcomingWithoutPriorConsultation: planned.filter(lacksPriorConsultation).map(expertLine),
    list: monthRows.map(expertLine),
  };
}

function caseSection(read: ReadResult, month: YearMonth, asOf: Ymd, meetings: readonly MeetingLine[]): CaseSection {
  const { cases, pdHours, experts, settings } = read.ledger;
  const from = firstDayOfMonth(month);
  const to = lastDayOfMonth(month);
  const pdThisMonth = pdHours.filter(r => inRange(r.date, from, to));
  const expertsThisMonth = experts.filter(x => countsAsUse(x) && inRange(x.date, from, to));
  const known = new Set(cases.map(c => c.id));
  const isOpen = (c: CaseRow): boolean => c.stage !== '完了' && c.stage !== '中止';
  const list = cases.map((c): CaseLine => {
    const pd = pdThisMonth.filter(r => r.caseId === c.id);
    const xs = expertsThisMonth.filter(x => x.caseId === c.id);
    return {
      id: c.id,
      company: c.company,
      stage: c.stage,
      owner: c.owner,
      supported: isSupportedStage(c.stage),
      prevalidatedOn: c.prevalidatedOn,
      pdHoursThisMonth: sum(pd.map(r => r.hours)),
      pdDaysThisMonth: new Set(pd.map(r => r.date)).size,
      expertUsesThisMonth: xs.length,
      expertFieldsThisMonth: [...new Set(xs.map(x => x.field))],
      meetingsThisMonth: meetings.filter(m => m.held && m.caseIds.includes(c.id)).map(m => m.id),
      nextAction: c.nextAction,
      nextDue: c.nextDue,
      nextDueOverdue: isOpen(c) && c.nextDue !== null && c.nextDue < asOf,
    };
  });
  const unknown = new Map<string, PdHoursRow[]>();
  for (const r of pdThisMonth) if (r.caseId !== null && !known.has(r.caseId)) unknown.set(r.caseId, [...(unknown.get(r.caseId) ?? []), r]);
  return {
    supported: list.filter(c => c.supported).length,
    target: settings.supportedTarget,
    list,
    unknownCaseHours: [...unknown].map(([caseId, rows]) => ({
      caseId,
      hours: sum(rows.map(r => r.hours)),
      rows: rows.map(r => r.rowNumber),
    })),
  };
}

/** The fiscal year's July (April-to-March years): the month the first 地域連携会議 is desirable (§6). */
function julyOfProgramme(start: Ymd | null, end: Ymd): YearMonth {
  const anchor = partsOf(start ?? end);
  const fiscalYear = anchor.month >= 4 ? anchor.year : anchor.year - 1;
  return `${fiscalYear}-07`;
}

function meetingSection(read: ReadResult, result: CheckResult, month: YearMonth, asOf: Ymd, toDateFrom: Ymd | null): MeetingSection {
  const { settings } = read.ledger;
  const calendar = calendarOf(read);
  const from = firstDayOfMonth(month);
  const to = lastDayOfMonth(month);
  const heldBy = minYmd(to, asOf);
  const rows = [...read.ledger.meetings].sort(byDateThenRow);
  const statusOf = new Map(result.meetings.map(m => [m.rowNumber, m]));
  const line = (m: MeetingRow): MeetingLine => {
    const computed = statusOf.get(m.rowNumber);
    const due = computed?.minutesDue ?? minutesDue(m, calendar);
    const status = computed?.status ?? minutesStatus(m, due, asOf, calendar);
    return {
      id: m.id,
      type: m.type,
      date: m.date,
      format: m.format,
      minutesOwner: m.minutesOwner,
      sharedWith: m.sharedWith,
      caseIds: m.caseIds ?? [],
      minutesDue: due,
      minutesSharedOn: m.minutesSharedOn,
      status,
      statusLabel: MINUTES_STATUS_LABEL[status],
      held: m.date <= heldBy,
      rowNumber: m.rowNumber,
    };
  };
  const list = rows.filter(m => inRange(m.date, from, to)).map(line);
  const heldThisMonth = Object.fromEntries(contract.choices.種別.map(t => [t, 0])) as Record<MeetingType, number>;
  for (const m of list) if (m.held) heldThisMonth[m.type] += 1;

  const councils = rows.filter(m => m.type === '地域連携会議');
  const liaisonHeld = councils.filter(m => inRange(m.date, toDateFrom, heldBy)).map(m => ({ id: m.id, date: m.date }));
  const liaisonScheduled = councils.filter(m => m.date > heldBy && m.date <= settings.programmeEnd).map(m => ({ id: m.id, date: m.date }));
  const july = julyOfProgramme(settings.programmeStart, settings.programmeEnd);
  const julyIds = liaisonHeld.filter(m => monthOf(m.date) === july).map(m => m.id);
  const julyOutside = settings.programmeStart !== null && settings.programmeStart > lastDayOfMonth(july);
  const julyAhead = heldBy < firstDayOfMonth(july);

  const cadence: CadenceMonth[] = [];
  const cadenceStart = settings.pdDispatchStart ?? settings.programmeStart;
  if (cadenceStart !== null && cadenceStart <= to)
    for (let m = monthOf(cadenceStart); m <= month; m = nextMonth(m)) {
      const held = rows.filter(r => monthOf(r.date) === m && r.date <= heldBy);
      cadence.push({
        month: m,
        reviews: held.filter(r => r.type === '支援検討会').length,
        trainings: held.filter(r => r.type === '研修会').length,
        monthlyLiaisons: held.filter(r => r.type === '月次連絡会').length,
      });
    }

  // Status as of that day: minutes shared after it were still missing then.
  const overdueAt = heldBy;
  const overdue = rows.flatMap(m => {
    const due = minutesDue(m, calendar);
    if (due === null) return [];
    const sharedThen = m.minutesSharedOn !== null && m.minutesSharedOn <= overdueAt ? m.minutesSharedOn : null;
    const status = minutesStatus({ date: m.date, minutesSharedOn: sharedThen }, due, overdueAt, calendar);
    return status === 'overdue' ? [{ id: m.id, type: m.type, date: m.date, minutesDue: due, sharedOn: m.minutesSharedOn }] : [];
  });
  const monthlyLiaisonIds = list.filter(m => m.held && m.type === '月次連絡会').map(m => m.id);
  return {
    heldThisMonth,
    heldThisMonthTotal: list.filter(m => m.held).length,
    list,
    liaisonCouncilsToDate: liaisonHeld.length,
    liaisonTarget: settings.liaisonTarget,
    liaisonCouncilsHeld: liaisonHeld,
    liaisonCouncilsScheduled: liaisonScheduled,
    liaisonOnTrack: liaisonHeld.length + liaisonScheduled.length >= settings.liaisonTarget,
    liaisonInJuly: { month: july, held: julyOutside || julyAhead ? null : julyIds.length > 0, ids: julyIds },
    cadence,
    reviewOrTrainingThisMonth: heldThisMonth.支援検討会 + heldThisMonth.研修会,
    monthlyLiaisonHeld: monthlyLiaisonIds.length > 0,
    monthlyLiaisonIds,
    minutesOverdueAtMonthEnd: overdue.length,
    minutesOverdueAsOf: overdueAt,
    minutesOverdue: overdue,
    minutesDueSoon: result.meetings
      .filter(m => m.status === 'due-soon' && m.minutesDue !== null)
      .map(m => ({ id: m.id, type: m.type, minutesDue: m.minutesDue as Ymd })),
  };
}

// ---- 要対応事項 ------------------------------------------------------------------------------------

const monthJa = (m: YearMonth): string => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;
/** '11月27日', with the year only when it differs from the report month's (a deadline in January). */
const shortDateJa = (d: Ymd, refYear: number): string => {
  const { year, month, day } = partsOf(d);
  return `${year === refYear ? '' : `${year}年`}${month}月${day}日`;
};

/** Codes whose rows could not be read at all, so they are missing from the figures. */
const UNREAD_ROW_CODES: ReadonlySet<Finding['code']> = new Set([
  'missing-tab',
  'missing-header',
  'required',
  'invalid-date',
  'invalid-number',
  'invalid-choice',
  'invalid-value',
]);

/**
 * One item per category, however many rows it concerns: the report's length and the Docs calls that write
 * it stay bounded, and the details live in the tables.
 */
function actionItems(model: Omit<ReportModel, 'actions'>, asOf: Ymd): ActionItem[] {
  const { meetings, experts, cases, pd, findings } = model;
  const year = partsOf(model.overview.from).year;
  const short = (d: Ymd): string => shortDateJa(d, year);
  const items: ActionItem[] = [];
  if (meetings.minutesOverdue.length > 0)
    items.push({
      kind: 'minutes-overdue',
      label: '議事録の期限超過',
      detail: `${formatYmdJa(meetings.minutesOverdueAsOf)}時点で${meetings.minutesOverdue.length}件: ${meetings.minutesOverdue
        .map(
          m =>
            `${m.id}（${m.type}、${short(m.date)}開催、期限${short(m.minutesDue)}${m.sharedOn ? `、${short(m.sharedOn)}共有` : `、${short(asOf)}現在も未共有`}）`
        )
        .join('、')}`,
    });
  if (meetings.minutesDueSoon.length > 0)
    items.push({
      kind: 'minutes-due-soon',
      label: '議事録の期限間近',
      detail: meetings.minutesDueSoon.map(m => `${m.id}（${m.type}、期限${short(m.minutesDue)}）`).join('、'),
    });
  if (experts.capBreaches.length > 0)
    items.push({
      kind: 'expert-cap',
      label: '専門家活用の月上限超過',
      detail: `月${experts.monthlyCap}回の上限（仕様書12(1)）を超えた月: ${experts.capBreaches.map(b => `${monthJa(b.month)}（${b.uses}回）`).join('、')}`,
    });
  const unverified = cases.list.filter(c => c.supported && c.prevalidatedOn === null);
  if (unverified.length > 0)
    items.push({
      kind: 'prevalidation',
      label: '事前検証の記録なし',
      detail: `支援中・出口戦略・完了の案件で事前検証日（仕様書5.4(2)）がありません: ${unverified.map(c => `${c.id} ${c.company}`).join('、')}`,
    });
  if (experts.withoutPriorConsultation.length + experts.upcomingWithoutPriorConsultation.length > 0) {
    const part = (xs: readonly ExpertUseLine[], what: string): string =>
      xs.length === 0
        ? ''
        : `${what}: ${xs.map(x => `${short(x.date)} ${x.expert}（${x.status}、専門家活用記録${x.rowNumber}行目）`).join('、')}`;
    items.push({
      kind: 'prior-consultation',
      label: '専門家派遣の事前協議',
      detail: [
        part(experts.withoutPriorConsultation, '事前協議日の記録がない活用'),
        part(experts.upcomingWithoutPriorConsultation, '実施前に事前協議が必要な予定'),
      ]
        .filter(Boolean)
        .join('。'),
    });
  }
  const lateNext = cases.list.filter(c => c.nextDueOverdue);
  if (lateNext.length > 0)
    items.push({
      kind: 'next-action-overdue',
      label: '次回期日を過ぎた案件',
      detail: lateNext.map(c => `${c.id} ${c.company}（期日${short(c.nextDue as Ymd)}、担当 ${c.owner ?? '未設定'}）`).join('、'),
    });
  if (findings.errors > 0)
    items.push({
      kind: 'validation-errors',
      label: '未解決の入力エラー',
      detail: `ブックに${findings.errors}件の入力エラーがあります（付録「未解決の入力エラー」）。${
        findings.openErrors.some(f => UNREAD_ROW_CODES.has(f.code)) ? '読み取れなかった行は、この報告書の数値に含まれていません。' : ''
      }`,
    });
  const risks: string[] = [];
  if (cases.supported < cases.target) risks.push(`伴走支援企業が${cases.supported}社で、目標${cases.target}社に届いていません`);
  if (!meetings.liaisonOnTrack)
    risks.push(
      `地域連携会議は${meetings.liaisonCouncilsToDate}回開催・${meetings.liaisonCouncilsScheduled.length}回予定で、目標${meetings.liaisonTarget}回に届きません`
    );
  if (pd.pace.atRisk)
    risks.push(
      `PD稼働: ${pd.pace.forecast === 'runs-out-before-end' ? `予算時間を${roughDateJa(pd.pace.runsOutOn as Ymd)}に使い切る見込みです` : pd.pace.forecast === 'budget-used' ? '予算時間に達しました' : '予算時間の消化が遅れています'}`
    );
  if (experts.usesToDate + experts.plannedAfterMonth > experts.budgetUses)
    risks.push(`専門家活用が累計${experts.usesToDate}回・予定${experts.plannedAfterMonth}回で、予算${experts.budgetUses}回を超えます`);
  // A month still running may hold its meetings later: only a meeting neither held nor registered is missing.
  const monthOver = model.overview.asOf > model.overview.to;
  const registered = (types: readonly MeetingType[]): boolean => meetings.list.some(m => types.includes(m.type));
  if (meetings.reviewOrTrainingThisMonth === 0 && (monthOver || !registered(['支援検討会', '研修会'])))
    risks.push('今月は支援検討会・研修会が開かれていません（目安は月1回程度、仕様書5.5(2)）');
  if (!meetings.monthlyLiaisonHeld && (monthOver || !registered(['月次連絡会'])))
    risks.push('今月の月次連絡会が記録されていません（仕様書13(2)）');
  if (risks.length > 0) items.push({ kind: 'target-at-risk', label: '目標・予算の見通し', detail: `${risks.join('。')}。` });
  return items;
}

// ---- entry ---------------------------------------------------------------------------------------

/**
 * The month's report. `result` is check(read, asOf): its minutes statuses and findings are the ones shown.
 * Throws RangeError for a month that is not YYYY-MM (callers validate what users type).
 */
export function buildReportModel(read: ReadResult, result: CheckResult, month: YearMonth, asOf: Ymd, workbookName: string): ReportModel {
  if (!isValidMonth(month)) throw new RangeError(`not a YYYY-MM month: ${month}`);
  const { settings } = read.ledger;
  const from = firstDayOfMonth(month);
  const to = lastDayOfMonth(month);
  const toDateFrom = settings.programmeStart;
  const meetings = meetingSection(read, result, month, asOf, toDateFrom);
  const errors = result.findings.filter(f => f.severity === 'error');
  const partial: Omit<ReportModel, 'actions'> = {
    month,
    overview: {
      from,
      to,
      toDateFrom,
      asOf,
      workbook: workbookName,
      programmeStart: settings.programmeStart,
      programmeEnd: settings.programmeEnd,
      pdDispatchStart: settings.pdDispatchStart,
    },
    pd: pdSection(read, month, asOf, toDateFrom, to),
    experts: expertSection(read, month, toDateFrom, to),
    cases: caseSection(read, month, asOf, meetings.list),
    meetings,
    findings: {
      errors: errors.length,
      warnings: result.findings.length - errors.length,
      openErrors: errors.map(({ sheet, row, column, code, message }) => ({ sheet, row, column, code, message })),
    },
    appendix: {
      pdRows: read.ledger.pdHours.filter(r => inRange(r.date, from, to)).sort(byDateThenRow),
      expertRows: read.ledger.experts
        .filter(x => inRange(x.date, from, to))
        .sort(byDateThenRow)
        .map(expertLine),
      meetingRows: meetings.list,
    },
  };
  return { ...partial, actions: actionItems(partial, asOf) };
}

/** The Doc's and the .docx's name: 月次活動報告書_YYYY-MM. */
export const reportFileBase = (month: YearMonth): string => `月次活動報告書_${month}`;
