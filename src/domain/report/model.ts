/**
 * The monthly activity report (spec §5.4(1), §11(3)) as data: every figure the Doc, the .docx and
 * `report --json` show, computed once from the ledger and the check. Pure; the same workbook, month and
 * asOf give the same model in every runtime and TZ.
 *
 * "This month" = the month's first..last day. "To date" = 事業開始日..the month's last day (DESIGN.md
 * `report --json`). A meeting counts as held when its 開催日 is on or before both the month's last day and
 * asOf, so a report drawn up mid-month does not count meetings that are still ahead.
 */
import type { contract } from '../../../sheets-templates/contract';
import { chartSources, reportCharts } from '../charts/reportCharts';
import type { ChartSpec } from '../charts/spec';
import type { CheckResult } from '../check';
import { firstDayOfMonth, isValidMonth, lastDayOfMonth, type YearMonth, type Ymd } from '../dates';
import type { Finding } from '../findings';
import type { ReadResult } from '../ledgerReader';
import type { MinutesStatus } from '../rules/minutes';
import type { ExpertUseRow, MeetingType, PdHoursRow, Stage } from '../schema';
import { actionItems, YEAR_OBLIGATION_CODES } from './actionItems';
import { caseSection } from './caseSection';
import { expertLine, expertSection } from './expertSection';
import { byDateThenRow, inRange } from './figures';
import { meetingSection } from './meetingSection';
import { pdSection } from './pdSection';
import type { Known, Section } from './unknown';

export type PdMode = (typeof contract.choices)['区分'][number];
export type PdActivity = (typeof contract.choices)['活動内容'][number];
export type ExpertField = (typeof contract.choices)['専門分野'][number];

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

/** One month of the PD's timesheet: its hours, and the hours to date at its end. */
export interface PdMonth {
  readonly month: YearMonth;
  readonly hours: number;
  readonly hoursToDate: number;
}

/** The PD's figures; `byMode`, `byActivity` and the travel figures are null (with a caveat) when their column is missing. */
export interface PdFigures extends Known {
  readonly hoursThisMonth: number;
  readonly daysThisMonth: number;
  readonly hoursToDate: number;
  readonly daysToDate: number;
  readonly budgetHours: number;
  readonly budgetDays: number;
  readonly standardHours: number;
  /** hoursToDate in PD標準時間 days ("7-hour days"). */
  readonly standardDaysToDate: number;
  readonly byMode: readonly { readonly mode: PdMode; readonly hours: number; readonly days: number }[] | null;
  readonly byActivity: readonly { readonly activity: PdActivity; readonly hours: number }[] | null;
  readonly travelThisMonth: number | null;
  readonly travelToDate: number | null;
  readonly pace: PdPace;
  /** From 事業開始日's month (or the first row's) to the report month, which is the last entry. */
  readonly byMonth: readonly PdMonth[];
}

/** Unknown (every figure null, `unknown` the reason) without PD稼働記録 or its 日付/時間. */
export type PdSection = Section<PdFigures, 'budgetHours' | 'budgetDays' | 'standardHours'>;

export interface CaseLine {
  readonly id: string;
  /** null when 企業名 is blank or unreadable (its finding says so); the case still counts. */
  readonly company: string | null;
  readonly stage: Stage;
  readonly owner: string | null;
  /** 段階 is a supported stage (as recorded now) and 支援開始日 is on or before the month's last day (or blank). */
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

export interface CaseFigures extends Known {
  readonly supported: number;
  readonly target: number;
  readonly list: readonly CaseLine[];
  /** This month's PD hours naming a 案件ID that 案件台帳 does not have: kept out of the per-case figures. */
  readonly unknownCaseHours: readonly { readonly caseId: string; readonly hours: number; readonly rows: readonly number[] }[];
}

/** Unknown without 案件台帳 or its 案件ID/段階/支援開始日 (a month's count needs to know when each case started). */
export type CaseSection = Section<CaseFigures, 'target'>;

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
  /** Minutes status as of asOf; 'unknown' when 議事録共有日 could not be read (unreadable or merged: 要確認). */
  readonly status: MinutesStatus | 'unknown';
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

export interface MeetingFigures extends Known {
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
  /**
   * Meetings held, with a minutes deadline, month by month (from 事業開始日's month, or the first meeting's, to the
   * report month, the last entry), by their minutes status at asOf: the statuses of `list` for the report month.
   */
  readonly minutesByMonth: readonly MinutesMonth[];
}

export interface MinutesMonth {
  readonly month: YearMonth;
  readonly shared: number;
  readonly sharedLate: number;
  readonly overdue: number;
  /** Not shared yet, deadline still ahead (pending or due soon). */
  readonly open: number;
}

/** Unknown without 会議登録簿 or its 会議ID/種別/開催日/議事録共有日 (without it every minute would read as missing). */
export type MeetingSection = Section<MeetingFigures, 'liaisonTarget'>;

export interface ExpertUseLine {
  readonly rowNumber: number;
  readonly date: Ymd;
  readonly expert: string | null;
  readonly field: ExpertField | null;
  readonly hours: number | null;
  readonly caseId: string | null;
  readonly consultedOn: Ymd | null;
  readonly status: ExpertUseRow['status'];
  readonly fee: number | null;
  readonly travelCost: number | null;
}

/** Fees, travel, fields and prior consultation are null (with a caveat) when their column is missing. */
export interface ExpertFigures extends Known {
  readonly usesThisMonth: number;
  readonly monthlyCap: number;
  readonly usesToDate: number;
  readonly budgetUses: number;
  readonly cancelledThisMonth: number;
  /** 予定 uses after the month, up to 事業終了日 (for the budget outlook). */
  readonly plannedAfterMonth: number;
  readonly feesThisMonth: number | null;
  readonly travelThisMonth: number | null;
  readonly feesToDate: number | null;
  readonly travelToDate: number | null;
  readonly byField: readonly { readonly field: ExpertField; readonly thisMonth: number; readonly toDate: number }[] | null;
  /** Counted uses month by month, from 事業開始日's month (or the first use's) to the report month, the last entry. */
  readonly byMonth: readonly { readonly month: YearMonth; readonly uses: number }[];
  /** Months (to date) with more uses than 専門家月上限. */
  readonly capBreaches: readonly { readonly month: YearMonth; readonly uses: number }[];
  /** Counted uses up to the month's end without 事前協議日 on or before 実施日 (§5.3(2)). */
  readonly withoutPriorConsultation: readonly ExpertUseLine[] | null;
  /** Planned uses after the month still without 事前協議日. */
  readonly upcomingWithoutPriorConsultation: readonly ExpertUseLine[] | null;
  /** The month's rows, 中止 included. */
  readonly list: readonly ExpertUseLine[];
}

/** Unknown without 専門家活用記録 or its 実施日/状態. */
export type ExpertSection = Section<ExpertFigures, 'monthlyCap' | 'budgetUses'>;

export type ActionKind =
  | 'minutes-overdue'
  | 'minutes-due-soon'
  | 'expert-cap'
  | 'prevalidation'
  | 'prior-consultation'
  | 'next-action-overdue'
  | 'validation-errors'
  | 'target-at-risk'
  | 'figures-unknown'
  | 'year-obligations';

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
  /** Findings of the year's obligations (PD reports, evaluation, presentation, effects, permissions, roles), errors and warnings. */
  readonly obligations: readonly (OpenFinding & { readonly severity: Finding['severity'] })[];
  readonly appendix: {
    readonly pdRows: readonly PdHoursRow[];
    readonly expertRows: readonly ExpertUseLine[];
    readonly meetingRows: readonly MeetingLine[];
  };
  /** The report's charts, drawn from the figures above (src/domain/charts). */
  readonly charts: readonly ChartSpec[];
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
  const partial: Omit<ReportModel, 'actions' | 'charts'> = {
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
    cases: caseSection(read, month, asOf, meetings.list ?? []),
    meetings,
    findings: {
      errors: errors.length,
      warnings: result.findings.length - errors.length,
      openErrors: errors.map(({ sheet, row, column, code, message }) => ({ sheet, row, column, code, message })),
    },
    obligations: result.findings
      .filter(f => YEAR_OBLIGATION_CODES.has(f.code))
      .map(({ sheet, row, column, code, message, severity }) => ({ sheet, row, column, code, message, severity })),
    appendix: {
      pdRows: read.ledger.pdHours.filter(r => inRange(r.date, from, to)).sort(byDateThenRow),
      expertRows: read.ledger.experts
        .filter(x => inRange(x.date, from, to))
        .sort(byDateThenRow)
        .map(expertLine),
      meetingRows: meetings.list ?? [],
    },
  };
  return { ...partial, actions: actionItems(partial, asOf), charts: reportCharts(partial, chartSources(read)) };
}

/** The Doc's and the .docx's name: 月次活動報告書_YYYY-MM. */
export const reportFileBase = (month: YearMonth): string => `月次活動報告書_${month}`;
