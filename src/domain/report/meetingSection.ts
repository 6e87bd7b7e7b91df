/** Meetings held, the liaison councils against their target (§6), cadence (§5.5(2), §13(2)) and minutes deadlines. */
import { contract } from '../../../sheets-templates/contract';
import { type CheckResult, calendarOf } from '../check';
import { firstDayOfMonth, lastDayOfMonth, minYmd, monthOf, nextMonth, type YearMonth, type Ymd } from '../dates';
import { isUnknownCell, missingSource, type ReadResult } from '../ledgerReader';
import { STATUS_NEEDS_FIX } from '../marks';
import { MINUTES_STATUS_LABEL, minutesDue, minutesStatus } from '../rules/minutes';
import type { MeetingRow, MeetingType } from '../schema';
import { byDateThenRow, firstFigureMonth, inRange, monthsFrom, programmeFiscalYear } from './figures';
import type { CadenceMonth, MeetingFigures, MeetingLine, MeetingSection, MinutesMonth } from './model';
import { toUnknown } from './unknown';

export const julyOfProgramme = (start: Ymd | null, end: Ymd): YearMonth => `${programmeFiscalYear(start, end)}-07`;

export function meetingSection(read: ReadResult, result: CheckResult, month: YearMonth, asOf: Ymd, toDateFrom: Ymd | null): MeetingSection {
  const figures = meetingFigures(read, result, month, asOf, toDateFrom);
  const why = missingSource(read, 'meetings', ['id', 'type', 'date', 'minutesSharedOn']);
  return why === null ? figures : toUnknown(figures, ['liaisonTarget'], why);
}

function meetingFigures(read: ReadResult, result: CheckResult, month: YearMonth, asOf: Ymd, toDateFrom: Ymd | null): MeetingFigures {
  const { settings } = read.ledger;
  const calendar = calendarOf(read);
  const from = firstDayOfMonth(month);
  const to = lastDayOfMonth(month);
  const heldBy = minYmd(to, asOf);
  const rows = [...read.ledger.meetings].sort(byDateThenRow);
  const statusOf = new Map(result.meetings.map(m => [m.rowNumber, m]));
  // A 議事録共有日 that could not be read is not "not shared": no status, no deadline counted (check gives none either).
  const shareUnknown = (m: MeetingRow): boolean => isUnknownCell(read, 'meetings', m.rowNumber, 'minutesSharedOn');
  const line = (m: MeetingRow): MeetingLine => {
    const computed = statusOf.get(m.rowNumber);
    const due = computed?.minutesDue ?? minutesDue(m, calendar);
    const status = shareUnknown(m) ? 'unknown' : (computed?.status ?? minutesStatus(m, due, asOf, calendar));
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
      statusLabel: status === 'unknown' ? STATUS_NEEDS_FIX : MINUTES_STATUS_LABEL[status],
      held: m.date <= heldBy,
      rowNumber: m.rowNumber,
    };
  };
  // Every meeting's line once: the month's table and the month-by-month minutes figures read the same lines.
  const lines = rows.filter(m => m.date <= to).map(line);
  const list = lines.filter(m => m.date >= from);
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
    if (due === null || shareUnknown(m)) return [];
    const sharedThen = m.minutesSharedOn !== null && m.minutesSharedOn <= overdueAt ? m.minutesSharedOn : null;
    const status = minutesStatus({ date: m.date, minutesSharedOn: sharedThen }, due, overdueAt, calendar);
    return status === 'overdue' ? [{ id: m.id, type: m.type, date: m.date, minutesDue: due, sharedOn: m.minutesSharedOn }] : [];
  });
  const unreadShares = rows.filter(m => m.date <= to && shareUnknown(m)).map(m => m.id);
  const monthlyLiaisonIds = list.filter(m => m.held && m.type === '月次連絡会').map(m => m.id);
  const minutesByMonth = minutesMonths(lines, toDateFrom, month);
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
    minutesByMonth,
    unknown: null,
    caveats:
      unreadShares.length === 0 ? [] : [`議事録共有日を読み取れない会議（${unreadShares.join('、')}）は議事録の期限の集計に含めていません`],
  };
}

/** Held meetings with a deadline, month by month, counted by minutes status: one pass over the lines. */
function minutesMonths(lines: readonly MeetingLine[], toDateFrom: Ymd | null, month: YearMonth): MinutesMonth[] {
  const byMonth = new Map<YearMonth, { shared: number; sharedLate: number; overdue: number; open: number }>();
  for (const m of lines) {
    if (!m.held || m.minutesDue === null) continue;
    const key = monthOf(m.date);
    let counts = byMonth.get(key);
    if (!counts) {
      counts = { shared: 0, sharedLate: 0, overdue: 0, open: 0 };
      byMonth.set(key, counts);
    }
    if (m.status === 'shared') counts.shared += 1;
    else if (m.status === 'shared-late') counts.sharedLate += 1;
    else if (m.status === 'overdue') counts.overdue += 1;
    else if (m.status === 'pending' || m.status === 'due-soon') counts.open += 1;
  }
  const first = firstFigureMonth(
    toDateFrom,
    lines.map(m => m.date),
    month
  );
  return monthsFrom(first, month).map(m => ({ month: m, ...(byMonth.get(m) ?? { shared: 0, sharedLate: 0, overdue: 0, open: 0 }) }));
}
