/**
 * The 事業報告書 (spec §15(1)) as data: the cover, the narrative chapters from 報告書本文, ① to ⑪ and the annex of
 * §15(2), computed once from the ledger, plus what is still missing for delivery (readiness.ts). Pure: the same
 * workbook and asOf give the same model in every runtime and TZ. Company names and free text are in it: the
 * report goes to the Office, behind the approval gate; the readiness list is never printed in it.
 *
 * Every list is built in one pass over its tab (the timesheet may have 100,000 rows); the layout decides how much
 * of a long list is printed.
 */
import { annualReportOutline } from '../../../sheets-templates/annualReport';
import { contract } from '../../../sheets-templates/contract';
import type { CheckResult } from '../check';
import { calendarOf } from '../check';
import { minYmd, monthOf, nextMonth, type YearMonth, type Ymd } from '../dates';
import type { ReadResult } from '../ledgerReader';
import { deliveryDueOf, evaluationDueOf, fiscalYearOf, pdReportDueOf } from '../programmeYear';
import { round2, sum } from '../report/figures';
import { buildReportModel, type ReportModel } from '../report/model';
import { countsAsUse } from '../rules/experts';
import { announcementsOf, coverageOf, isHeld, isPresentation } from '../rules/presentation';
import { isSupportedStage } from '../rules/stages';
import type { MeetingType, Role, Row } from '../schema';
import { type Readiness, readinessOf } from './readiness';
import { type Sources, sourcesOf } from './sources';

export type PdActivity = (typeof contract.choices)['活動内容'][number];

export interface AnnualMonth {
  readonly month: YearMonth;
  /** The PD report's deadline, or null for a month before PD派遣開始日 (no report is asked). */
  readonly due: Ymd | null;
  readonly receivedOn: Ymd | null;
  readonly submittedOn: Ymd | null;
  readonly documentUrl: string | null;
  /** The PD月次報告 row of the month, or null. */
  readonly rowNumber: number | null;
  /** The month's PD hours and days, as `report --json` gives them for that month (hoursThisMonth, daysThisMonth). */
  readonly hours: number;
  readonly days: number;
}

export interface AnnualMeeting {
  readonly id: string;
  readonly type: MeetingType;
  readonly date: Ymd;
  readonly format: string | null;
  readonly held: boolean;
  readonly minutesSharedOn: Ymd | null;
  readonly materialsUrl: string | null;
  readonly minutesUrl: string | null;
  readonly opinions: string | null;
  readonly caseIds: readonly string[];
  readonly rowNumber: number;
}

export interface CaseResult {
  readonly id: string;
  readonly company: string | null;
  readonly stage: Row<'cases'>['stage'];
  readonly menu: string | null;
  readonly outcome: string | null;
  readonly pdHours: number;
  readonly pdDays: number;
  readonly expertUses: number;
  readonly meetingsHeld: number;
  readonly rowNumber: number;
}

export interface EffectLine {
  /** The case, or null for the PD's activity as a whole. */
  readonly caseId: string | null;
  readonly company: string | null;
  readonly aspect: Row<'effects'>['aspect'];
  readonly indicator: string | null;
  readonly unit: string | null;
  readonly baseline: number | null;
  readonly target: number | null;
  readonly actual: number | null;
  readonly measuredOn: Ymd | null;
  readonly evidence: string | null;
  readonly remarks: string | null;
  readonly rowNumber: number;
}

export interface PresentationLine {
  readonly id: string;
  readonly date: Ymd;
  readonly held: boolean;
  readonly announcements: number;
  readonly coverage: number;
  readonly rowNumber: number;
}

export interface AnnualReportModel {
  readonly fiscalYear: number;
  readonly asOf: Ymd;
  readonly workbook: string;
  readonly cover: {
    readonly title: string;
    readonly programmeName: string | null;
    readonly region: string | null;
    readonly contractor: string | null;
    readonly programmeStart: Ymd | null;
    readonly programmeEnd: Ymd;
    readonly deliveryDue: Ymd;
  };
  /** 報告書本文 by 章, each entry one paragraph, in sheet order. */
  readonly narrative: Readonly<Record<string, readonly string[]>>;
  /** Active handlers by 役割, in the contract's order of roles (§5.1(3)). */
  readonly organisation: readonly {
    readonly role: Role;
    readonly members: readonly { readonly name: string | null; readonly affiliation: string | null }[];
  }[];
  readonly pd: {
    readonly dispatchStart: Ymd | null;
    readonly annualPlanReceivedOn: Ymd | null;
    readonly months: readonly AnnualMonth[];
    readonly hours: number;
    readonly days: number;
    readonly budgetHours: number;
    readonly budgetDays: number;
    readonly byActivity: readonly { readonly activity: PdActivity; readonly hours: number; readonly days: number }[];
    /** Timesheet rows dated outside the months above (before the programme's first month or after its last). */
    readonly outsideMonths: number;
  };
  readonly evaluations: {
    readonly criteriaApprovedOn: Ymd | null;
    readonly due: Ymd;
    readonly list: readonly Row<'pdEvaluations'>[];
  };
  readonly effects: readonly EffectLine[];
  readonly knowhow: readonly Row<'knowhow'>[];
  readonly team: {
    readonly members: readonly { readonly role: Role; readonly name: string | null; readonly affiliation: string | null }[];
    readonly meetings: readonly AnnualMeeting[];
    /** Cases the PD worked on (PD hours with their 案件ID), supported or not. */
    readonly companies: readonly CaseResult[];
  };
  readonly results: {
    readonly supported: readonly CaseResult[];
    readonly supportedTarget: number;
    readonly liaisonTarget: number;
    /** Meetings held, by 種別, in the contract's order. */
    readonly held: readonly { readonly type: MeetingType; readonly count: number }[];
    readonly publicity: readonly Row<'publicity'>[];
    readonly presentations: readonly PresentationLine[];
  };
  /** ⑦-⑩: each item's meetings (held or still ahead), in date order. */
  readonly meetingItems: readonly {
    readonly no: string;
    readonly types: readonly MeetingType[];
    readonly meetings: readonly AnnualMeeting[];
  }[];
  readonly permissions: readonly Row<'permissions'>[];
  /** The monthly report's charts for the month of asOf (or of 事業終了日 when asOf is later): the same figures. */
  readonly charts: ReportModel['charts'];
  /**
   * What the workbook could not give (a tab or column missing): by section, why it cannot be judged and what it
   * prints as 不明; the rows and columns that are unknown. Every writer checks it before printing a figure.
   */
  readonly sources: Sources;
  readonly readiness: Readiness;
}

const byDate = <T extends { date: Ymd; rowNumber: number }>(a: T, b: T): number =>
  a.date === b.date ? a.rowNumber - b.rowNumber : a.date < b.date ? -1 : 1;

/** The programme's months, from 事業開始日's (or PD派遣開始日's, or the end's) to 事業終了日's. */
function programmeMonths(start: Ymd | null, dispatch: Ymd | null, end: Ymd): YearMonth[] {
  const first = monthOf(start ?? dispatch ?? end);
  const months: YearMonth[] = [];
  for (let m = first; m <= monthOf(end); m = nextMonth(m)) months.push(m);
  return months;
}

/** The 事業報告書 of the workbook's fiscal year as of asOf. `result` is check(read, asOf). */
export function buildAnnualReport(read: ReadResult, result: CheckResult, asOf: Ymd, workbookName: string): AnnualReportModel {
  const { ledger } = read;
  const { settings } = ledger;
  const calendar = calendarOf(read);

  // ① The timesheet in one pass: hours and days by month, by activity and by case.
  const months = programmeMonths(settings.programmeStart, settings.pdDispatchStart, settings.programmeEnd);
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const monthHours = months.map(() => 0);
  const monthDays = months.map(() => new Set<Ymd>());
  const activityHours = new Map<string, number>();
  const activityDays = new Map<string, Set<Ymd>>();
  const caseHours = new Map<string, number>();
  const caseDays = new Map<string, Set<Ymd>>();
  let outsideMonths = 0;
  for (const r of ledger.pdHours) {
    const i = monthIndex.get(monthOf(r.date));
    if (i === undefined) {
      outsideMonths++;
      continue;
    }
    monthHours[i] = (monthHours[i] ?? 0) + r.hours;
    monthDays[i]?.add(r.date);
    if (r.activity !== null) {
      activityHours.set(r.activity, (activityHours.get(r.activity) ?? 0) + r.hours);
      activityDays.set(r.activity, (activityDays.get(r.activity) ?? new Set()).add(r.date));
    }
    if (r.caseId !== null) {
      caseHours.set(r.caseId, (caseHours.get(r.caseId) ?? 0) + r.hours);
      caseDays.set(r.caseId, (caseDays.get(r.caseId) ?? new Set()).add(r.date));
    }
  }
  const reportRows = new Map<YearMonth, Row<'pdReports'>>();
  for (const r of ledger.pdReports) if (!reportRows.get(r.month)?.receivedOn) reportRows.set(r.month, r);
  const dispatchMonth = settings.pdDispatchStart === null ? null : monthOf(settings.pdDispatchStart);
  const annualMonths: AnnualMonth[] = months.map((month, i) => {
    const row = reportRows.get(month) ?? null;
    return {
      month,
      due: dispatchMonth !== null && month >= dispatchMonth ? pdReportDueOf(month, settings, calendar) : null,
      receivedOn: row?.receivedOn ?? null,
      submittedOn: row?.submittedOn ?? null,
      documentUrl: row?.documentUrl ?? null,
      rowNumber: row?.rowNumber ?? null,
      // The same sum, of the same rows, as the monthly report's hoursThisMonth.
      hours: round2(monthHours[i] ?? 0),
      days: monthDays[i]?.size ?? 0,
    };
  });

  // Meetings, once.
  const meetings: AnnualMeeting[] = [...ledger.meetings].sort(byDate).map(m => ({
    id: m.id,
    type: m.type,
    date: m.date,
    format: m.format,
    held: isHeld(m, asOf),
    minutesSharedOn: m.minutesSharedOn,
    materialsUrl: m.materialsUrl,
    minutesUrl: m.minutesUrl,
    opinions: m.opinions,
    caseIds: m.caseIds ?? [],
    rowNumber: m.rowNumber,
  }));
  const meetingsByCase = new Map<string, number>();
  for (const m of meetings) if (m.held) for (const id of m.caseIds) meetingsByCase.set(id, (meetingsByCase.get(id) ?? 0) + 1);
  const expertsByCase = new Map<string, number>();
  for (const x of ledger.experts)
    if (x.caseId !== null && countsAsUse(x) && x.date <= asOf) expertsByCase.set(x.caseId, (expertsByCase.get(x.caseId) ?? 0) + 1);
  const caseResult = (c: Row<'cases'>): CaseResult => ({
    id: c.id,
    company: c.company,
    stage: c.stage,
    menu: c.menu,
    outcome: c.outcome,
    pdHours: round2(caseHours.get(c.id) ?? 0),
    pdDays: caseDays.get(c.id)?.size ?? 0,
    expertUses: expertsByCase.get(c.id) ?? 0,
    meetingsHeld: meetingsByCase.get(c.id) ?? 0,
    rowNumber: c.rowNumber,
  });
  const companyOf = new Map(ledger.cases.map(c => [c.id, c.company]));

  const active = ledger.handlers.filter(h => h.active && h.role !== null);
  const roles = contract.choices.役割 as readonly Role[];
  const organisation = roles
    .map(role => ({ role, members: active.filter(h => h.role === role).map(h => ({ name: h.name, affiliation: h.affiliation })) }))
    .filter(o => o.members.length > 0);

  const narrative: Record<string, string[]> = {};
  for (const r of ledger.narrative) narrative[r.chapter] = [...(narrative[r.chapter] ?? []), r.text];

  const model: Omit<AnnualReportModel, 'readiness'> = {
    fiscalYear: fiscalYearOf(settings),
    asOf,
    workbook: workbookName,
    cover: {
      title: annualReportOutline.title,
      programmeName: settings.programmeName,
      region: settings.regionName,
      contractor: settings.contractorName,
      programmeStart: settings.programmeStart,
      programmeEnd: settings.programmeEnd,
      deliveryDue: deliveryDueOf(settings),
    },
    narrative,
    organisation,
    pd: {
      dispatchStart: settings.pdDispatchStart,
      annualPlanReceivedOn: settings.pdAnnualPlanReceivedOn,
      months: annualMonths,
      hours: sum(annualMonths.map(m => m.hours)),
      days: annualMonths.reduce((a, m) => a + m.days, 0),
      budgetHours: round2(settings.pdBudgetDays * settings.pdStandardHours),
      budgetDays: settings.pdBudgetDays,
      byActivity: contract.choices.活動内容.map(activity => ({
        activity,
        hours: round2(activityHours.get(activity) ?? 0),
        days: activityDays.get(activity)?.size ?? 0,
      })),
      outsideMonths,
    },
    evaluations: {
      criteriaApprovedOn: settings.evaluationCriteriaApprovedOn,
      due: evaluationDueOf(settings, calendar),
      list: [...ledger.pdEvaluations].sort(byDate),
    },
    effects: ledger.effects.map(e => ({
      caseId: e.caseId,
      company: e.caseId === null ? null : (companyOf.get(e.caseId) ?? null),
      aspect: e.aspect,
      indicator: e.indicator,
      unit: e.unit,
      baseline: e.baseline,
      target: e.target,
      actual: e.actual,
      measuredOn: e.measuredOn,
      evidence: e.evidence,
      remarks: e.remarks,
      rowNumber: e.rowNumber,
    })),
    knowhow: [...ledger.knowhow].sort(byDate),
    team: {
      members: active
        .filter(h => h.role === '事業PD' || h.role === 'PDチーム')
        .map(h => ({ role: h.role as Role, name: h.name, affiliation: h.affiliation })),
      meetings: meetings.filter(m => m.type === 'PDチーム内会議'),
      companies: ledger.cases.filter(c => caseHours.has(c.id)).map(caseResult),
    },
    results: {
      supported: ledger.cases.filter(c => isSupportedStage(c.stage)).map(caseResult),
      supportedTarget: settings.supportedTarget,
      liaisonTarget: settings.liaisonTarget,
      held: contract.choices.種別.map(type => ({ type, count: meetings.filter(m => m.held && m.type === type).length })),
      publicity: [...ledger.publicity].sort(byDate),
      presentations: ledger.meetings
        .filter(isPresentation)
        .sort(byDate)
        .map(m => ({
          id: m.id,
          date: m.date,
          held: isHeld(m, asOf),
          announcements: announcementsOf(ledger, m).length,
          coverage: coverageOf(ledger, m, asOf).length,
          rowNumber: m.rowNumber,
        })),
    },
    meetingItems: annualReportOutline.meetingItems.map(item => ({
      no: item.no,
      types: item.types,
      meetings: meetings.filter(m => (item.types as readonly string[]).includes(m.type)),
    })),
    permissions: ledger.permissions,
    charts: buildReportModel(read, result, monthOf(minYmd(asOf, settings.programmeEnd)), asOf, workbookName).charts,
    sources: sourcesOf(read),
  };
  return { ...model, readiness: readinessOf(read, result, model) };
}

/** The Doc's and the .docx's name: 事業報告書_<年度>. */
export const annualReportFileBase = (fiscalYear: number): string => `${annualReportOutline.title}_${fiscalYear}`;
