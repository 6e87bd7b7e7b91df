/**
 * Reminder planning: for one day, what each person must act on. Pure: the same ledger, check
 * and day give the same digests in every runtime and TZ.
 *
 * Addresses come only from HandlerList (§20(1)): a person named in the ledger who is not an active
 * handler is skipped, never mailed. Items carry IDs, kinds, dates and places only, never ledger text.
 */
import type { BusinessCalendar } from '../calendar';
import type { CheckResult } from '../check';
import {
  addDays,
  firstDayOfMonth,
  happenedBy,
  lastDayOfMonth,
  mondayOfWeek,
  monthOf,
  previousMonth,
  type YearMonth,
  type Ymd,
} from '../dates';
import { hasColumns, missingSource, type ReadResult } from '../ledgerReader';
import { deliveryDueOf, inYearEndWindow } from '../programmeYear';
import { HandlerList, type Recipient } from '../recipients';
import { lacksPriorConsultation } from '../rules/experts';
import { canRun } from '../rules/index';
import { DUE_SOON_BUSINESS_DAYS } from '../rules/minutes';
import { pdEvaluationMissing } from '../rules/pdEvaluationMissing';
import { pdEvaluationNotReported } from '../rules/pdEvaluationReport';
import { evaluationDue, isUnreported } from '../rules/pdEvaluations';
import { overdueReports, pdMonthlyReportMissing } from '../rules/pdMonthlyReports';
import { ANNOUNCEMENT_REMINDER_DAYS, announcementsOf, lacksCoverage, presentationsOf } from '../rules/presentation';
import { presentationNoAnnouncement } from '../rules/presentationAnnouncement';
import { presentationNoCoverage } from '../rules/presentationCoverage';
import { reprintPermissionPending } from '../rules/reprintPermissions';
import { isClosedStage } from '../rules/stages';
import { type Role, TAB_NAME, tabOf } from '../schema';

/** The kinds of the year's obligations, each reminded to the roles YEAR_REMINDER_ROLES names. */
export const YEAR_REMINDER_KINDS = [
  'pd-report-overdue',
  'pd-evaluation-due',
  'pd-evaluation-unreported',
  'presentation-announcement-due',
  'presentation-coverage-missing',
  'reprint-permission-pending',
] as const;
export type YearReminderKind = (typeof YEAR_REMINDER_KINDS)[number];

/** Order in which kinds appear in a digest: most urgent first. */
export const REMINDER_KINDS = [
  'minutes-overdue',
  'minutes-due-soon',
  'case-action-due',
  'expert-consultation-missing',
  'timesheet-missing',
  'monthly-report-due',
  ...YEAR_REMINDER_KINDS,
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/**
 * Who is reminded of each kind of the year's obligations, by 役割 among active handlers (README "Reminders"):
 * the PD writes the monthly report and the leader chases it; evaluations are the 事業統括責任者's business with the
 * Office; the leader runs the presentation's publicity; the 事業担当者 gather the permissions.
 */
export const YEAR_REMINDER_ROLES: Readonly<Record<YearReminderKind, readonly Role[]>> = {
  'pd-report-overdue': ['事業PD', '事業担当リーダー'],
  'pd-evaluation-due': ['事業統括責任者', '事業担当リーダー'],
  'pd-evaluation-unreported': ['事業統括責任者'],
  'presentation-announcement-due': ['事業担当リーダー'],
  'presentation-coverage-missing': ['事業担当リーダー'],
  'reprint-permission-pending': ['事業担当者'],
};

/** One thing to act on. Only identifiers and dates: this is what may leave the workbook. */
export interface ReminderItem {
  readonly kind: ReminderKind;
  /**
   * Meeting ID, case ID, evaluation ID, '<tab>!R{row}', a week 'YYYY-MM-DD/YYYY-MM-DD', a month 'YYYY-MM', or a
   * tab's name (the PD evaluation still to do).
   */
  readonly ref: string;
  readonly due: Ymd | null;
  /** The tab the item lives on, or null (the monthly report is a document, not a row). */
  readonly sheet: string | null;
  readonly row: number | null;
}

/** Everything one person is told on one day: one mail. */
export interface Digest {
  /** The active handler's address (from 情報取扱者名簿). */
  readonly to: string;
  /** The handler's 氏名 as listed, for the greeting. */
  readonly name: string;
  readonly items: readonly ReminderItem[];
}

/** Someone who should have been told but may not receive mail, and why. */
export interface Skipped {
  /** The person as the ledger names them (氏名 or role). */
  readonly to: string;
  readonly reason: string;
  readonly items: readonly ReminderItem[];
}

export interface ReminderPlan {
  readonly today: Ymd;
  /** Why nothing is planned (土曜日, 祝日（…）, 追加休日…), or null on a business day. */
  readonly notBusinessDay: string | null;
  readonly digests: readonly Digest[];
  readonly skipped: readonly Skipped[];
  /** Kinds that could not be decided because their tab or a column is missing (none sent), with the reason. */
  readonly unknown: readonly { readonly kind: ReminderKind; readonly reason: string }[];
}

/** The tab and columns each kind is decided from: without them, no item of the kind is sent and the plan says why. */
const KIND_NEEDS: Readonly<Partial<Record<ReminderKind, { readonly tab: string; readonly columns: readonly string[] }>>> = {
  'minutes-overdue': { tab: 'meetings', columns: ['id', 'type', 'date', 'minutesSharedOn'] },
  'minutes-due-soon': { tab: 'meetings', columns: ['id', 'type', 'date', 'minutesSharedOn'] },
  'case-action-due': { tab: 'cases', columns: ['id', 'stage', 'nextDue'] },
  'expert-consultation-missing': { tab: 'experts', columns: ['date', 'status', 'consultedOn'] },
  'timesheet-missing': { tab: 'pdHours', columns: ['date', 'hours'] },
  'pd-report-overdue': { tab: 'pdReports', columns: ['month', 'receivedOn'] },
  'pd-evaluation-due': { tab: 'pdEvaluations', columns: ['date', 'overall'] },
  'pd-evaluation-unreported': { tab: 'pdEvaluations', columns: ['id', 'date', 'overall', 'reportedOn'] },
  'presentation-announcement-due': { tab: 'publicity', columns: ['date', 'kind', 'medium', 'meetingId'] },
  'presentation-coverage-missing': { tab: 'publicity', columns: ['date', 'kind', 'meetingId'] },
  'reprint-permission-pending': { tab: 'permissions', columns: ['grantedOn'] },
};

/** Case-action and minutes reminders look this many business days ahead (the due-soon window). */
export const CASE_ACTION_BUSINESS_DAYS = DUE_SOON_BUSINESS_DAYS;
/** An expert use this many business days ahead still without 事前協議日 is reminded. */
export const EXPERT_CONSULTATION_BUSINESS_DAYS = 5;
/** The monthly report is reminded on the first this many business days of a month. */
export const MONTHLY_REPORT_BUSINESS_DAYS = 3;

const LEADER: Role = '事業担当リーダー';
const PD: Role = '事業PD';

/** Who an item goes to: a person named in a cell, or everyone active in a role. */
type Addressee = { readonly person: string } | { readonly role: Role };

interface Planned {
  readonly to: Addressee;
  readonly item: ReminderItem;
}

export interface PlanOptions {
  /** Months whose monthly report already exists (Apps Script: 実行ログ; locally: the report folder). */
  readonly reportsDone?: ReadonlySet<YearMonth>;
}

export function planReminders(
  read: ReadResult,
  result: CheckResult,
  today: Ymd,
  calendar: BusinessCalendar,
  options: PlanOptions = {}
): ReminderPlan {
  const notBusinessDay = calendar.whyNotBusinessDay(today);
  if (notBusinessDay !== null) return { today, notBusinessDay, digests: [], skipped: [], unknown: [] };
  const unknown = REMINDER_KINDS.flatMap(kind => {
    const needs = KIND_NEEDS[kind];
    const reason = needs ? missingSource(read, needs.tab, needs.columns) : null;
    return reason === null ? [] : [{ kind, reason }];
  });
  const decidable = (p: Planned): boolean => !unknown.some(u => u.kind === p.item.kind);
  const planned = [
    ...minutesItems(read, result),
    ...caseActionItems(read, today, calendar),
    ...expertConsultationItems(read, today, calendar),
    ...timesheetItems(read, today, calendar),
    ...monthlyReportItems(read, today, calendar, options.reportsDone ?? new Set()),
    ...yearObligationItems(read, today, calendar),
  ].filter(decidable);
  // Without 情報取扱者名簿 (or its 氏名/メール/有効) nobody can be confirmed as a handler: every item is skipped, saying why.
  const listMissing = missingSource(read, 'handlers', ['name', 'email', 'active']);
  return { today, notBusinessDay: null, ...addressed(planned, new HandlerList(read.ledger.handlers), listMissing), unknown };
}

function minutesItems(read: ReadResult, result: CheckResult): Planned[] {
  const ownerOf = new Map(read.ledger.meetings.map(m => [m.rowNumber, m.minutesOwner]));
  return result.meetings.flatMap(m => {
    if (m.status !== 'overdue' && m.status !== 'due-soon') return [];
    const owner = ownerOf.get(m.rowNumber) ?? null;
    const kind: ReminderKind = m.status === 'overdue' ? 'minutes-overdue' : 'minutes-due-soon';
    return [
      {
        to: personOrLeader(owner),
        item: { kind, ref: m.id, due: m.minutesDue, sheet: tabOf(read.contract, 'meetings').name, row: m.rowNumber },
      },
    ];
  });
}

function caseActionItems(read: ReadResult, today: Ymd, calendar: BusinessCalendar): Planned[] {
  const horizon = calendar.addBusinessDays(today, CASE_ACTION_BUSINESS_DAYS);
  return read.ledger.cases
    .filter(c => c.nextDue !== null && c.nextDue <= horizon && !isClosedStage(c.stage))
    .map(c => ({
      to: personOrLeader(c.owner),
      item: { kind: 'case-action-due', ref: c.id, due: c.nextDue, sheet: tabOf(read.contract, 'cases').name, row: c.rowNumber },
    }));
}

function expertConsultationItems(read: ReadResult, today: Ymd, calendar: BusinessCalendar): Planned[] {
  const horizon = calendar.addBusinessDays(today, EXPERT_CONSULTATION_BUSINESS_DAYS);
  const sheet = tabOf(read.contract, 'experts').name;
  return read.ledger.experts
    .filter(x => x.status === '予定' && today <= x.date && x.date <= horizon && lacksPriorConsultation(x))
    .map(x => ({
      to: { role: LEADER },
      item: {
        kind: 'expert-consultation-missing',
        ref: `${sheet}!R${x.rowNumber}`,
        due: x.date,
        sheet,
        row: x.rowNumber,
      },
    }));
}

/** The previous Monday-to-Sunday week, while the dispatch runs (§10(3): about one day a week). */
function timesheetItems(read: ReadResult, today: Ymd, calendar: BusinessCalendar): Planned[] {
  const { pdDispatchStart, programmeEnd } = read.ledger.settings;
  if (pdDispatchStart === null || !hasColumns(read, 'pdHours', ['date'])) return [];
  const monday = addDays(mondayOfWeek(today), -7);
  const sunday = addDays(monday, 6);
  if (monday < pdDispatchStart || sunday > programmeEnd) return [];
  // A week without a single business day (the year-end closure) needs no hours.
  if (calendar.businessDaysInRange(monday, sunday) === 0) return [];
  if (read.ledger.pdHours.some(h => monday <= h.date && h.date <= sunday)) return [];
  const item: ReminderItem = {
    kind: 'timesheet-missing',
    ref: `${monday}/${sunday}`,
    due: null,
    sheet: tabOf(read.contract, 'pdHours').name,
    row: null,
  };
  return [
    { to: { role: PD }, item },
    { to: { role: LEADER }, item },
  ];
}

function monthlyReportItems(read: ReadResult, today: Ymd, calendar: BusinessCalendar, done: ReadonlySet<YearMonth>): Planned[] {
  const month = monthOf(today);
  const first = firstDayOfMonth(month);
  if (calendar.businessDaysInRange(first, today) > MONTHLY_REPORT_BUSINESS_DAYS) return [];
  const last = previousMonth(month);
  const { programmeStart, programmeEnd } = read.ledger.settings;
  // Only months the programme ran in have a report.
  if (lastDayOfMonth(last) < (programmeStart ?? '0000-01-01') || firstDayOfMonth(last) > programmeEnd) return [];
  if (done.has(last)) return [];
  const due = calendar.addBusinessDays(addDays(first, -1), MONTHLY_REPORT_BUSINESS_DAYS);
  return [{ to: { role: LEADER }, item: { kind: 'monthly-report-due', ref: last, due, sheet: null, row: null } }];
}

/** The year's obligations (DESIGN.md "The year's obligations"), each to the roles of YEAR_REMINDER_ROLES. */
function yearObligationItems(read: ReadResult, today: Ymd, calendar: BusinessCalendar): Planned[] {
  const { ledger } = read;
  const { settings } = ledger;
  const items: ReminderItem[] = [];
  if (canRun(pdMonthlyReportMissing, read)) {
    const sheet = TAB_NAME.pdReports;
    for (const m of overdueReports(ledger, today, calendar))
      items.push({ kind: 'pd-report-overdue', ref: m.month, due: m.due, sheet, row: m.row?.rowNumber ?? null });
  }
  if (canRun(pdEvaluationMissing, read)) {
    const due = evaluationDue(ledger, today, calendar);
    if (due.missing)
      items.push({ kind: 'pd-evaluation-due', ref: TAB_NAME.pdEvaluations, due: due.due, sheet: TAB_NAME.pdEvaluations, row: null });
  }
  if (canRun(pdEvaluationNotReported, read))
    for (const e of ledger.pdEvaluations.filter(x => isUnreported(x, today)))
      items.push({ kind: 'pd-evaluation-unreported', ref: e.id, due: null, sheet: TAB_NAME.pdEvaluations, row: e.rowNumber });
  const meetings = TAB_NAME.meetings;
  if (canRun(presentationNoAnnouncement, read))
    for (const m of presentationsOf(ledger))
      if (today < m.date && addDays(m.date, -ANNOUNCEMENT_REMINDER_DAYS) <= today && announcementsOf(ledger, m).length === 0)
        items.push({ kind: 'presentation-announcement-due', ref: m.id, due: m.date, sheet: meetings, row: m.rowNumber });
  if (canRun(presentationNoCoverage, read))
    for (const m of ledger.meetings.filter(x => lacksCoverage(ledger, x, today)))
      items.push({ kind: 'presentation-coverage-missing', ref: m.id, due: null, sheet: meetings, row: m.rowNumber });
  if (canRun(reprintPermissionPending, read) && inYearEndWindow(settings, today) && today <= deliveryDueOf(settings)) {
    const sheet = TAB_NAME.permissions;
    for (const p of ledger.permissions.filter(x => !happenedBy(x.grantedOn, today)))
      items.push({
        kind: 'reprint-permission-pending',
        ref: `${sheet}!R${p.rowNumber}`,
        due: deliveryDueOf(settings),
        sheet,
        row: p.rowNumber,
      });
  }
  return items.flatMap(item => YEAR_REMINDER_ROLES[item.kind as YearReminderKind].map(role => ({ to: { role }, item })));
}

/** An item without a named person still reaches someone: the 事業担当リーダー who assigns the work. */
const personOrLeader = (person: string | null): Addressee => (person === null ? { role: LEADER } : { person });

/** Resolves every addressee through the handlers list and merges items into one digest per address. */
function addressed(
  planned: readonly Planned[],
  handlers: HandlerList,
  listMissing: string | null = null
): { digests: Digest[]; skipped: Skipped[] } {
  const digests = new Map<string, { to: string; name: string; items: ReminderItem[] }>();
  const skipped = new Map<string, { to: string; reason: string; items: ReminderItem[] }>();
  const add = (items: ReminderItem[], item: ReminderItem): void => {
    if (!items.some(i => i.kind === item.kind && i.ref === item.ref)) items.push(item);
  };
  const deliver = (r: Recipient, item: ReminderItem): void => {
    const key = r.email.toLowerCase();
    const d = digests.get(key) ?? { to: r.email, name: r.name, items: [] };
    digests.set(key, d);
    add(d.items, item);
  };
  const refuse = (to: string, reason: string, item: ReminderItem): void => {
    const s = skipped.get(to) ?? { to, reason, items: [] };
    skipped.set(to, s);
    add(s.items, item);
  };
  for (const { to, item } of planned) {
    if (listMissing !== null) {
      refuse(
        'person' in to ? to.person : to.role,
        `宛先を確かめられないため送りません（${listMissing.replace(/ため不明です$/, 'ため')}）`,
        item
      );
      continue;
    }
    if ('person' in to) {
      const r = handlers.resolve(to.person);
      if (r) deliver(r, item);
      else refuse(to.person, handlers.reasonRefused(to.person), item);
    } else {
      const rs = handlers.withRole(to.role);
      if (rs.length === 0) refuse(to.role, `${TAB_NAME.handlers}に有効な「${to.role}」がいません`, item);
      for (const r of rs) deliver(r, item);
    }
  }
  const sorted = (items: ReminderItem[]): ReminderItem[] => [...items].sort(compareItems);
  return {
    digests: [...digests.values()].map(d => ({ ...d, items: sorted(d.items) })).sort((a, b) => cmp(a.to.toLowerCase(), b.to.toLowerCase())),
    skipped: [...skipped.values()].map(s => ({ ...s, items: sorted(s.items) })).sort((a, b) => cmp(a.to, b.to)),
  };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Kind order, then due date (undated last), then reference. */
export function compareItems(a: ReminderItem, b: ReminderItem): number {
  return (
    REMINDER_KINDS.indexOf(a.kind) - REMINDER_KINDS.indexOf(b.kind) ||
    cmp(a.due ?? '9999-99-99', b.due ?? '9999-99-99') ||
    cmp(a.ref, b.ref)
  );
}
