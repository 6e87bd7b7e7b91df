/**
 * Minutes deadlines and status (DESIGN.md "Meeting status"; REQUIREMENTS "Meetings and minutes deadlines"):
 * minutes are due on or before the Nth business day after 開催日, N by 種別.
 */
import { contract } from '../../../sheets-templates/contract';
import type { BusinessCalendar } from '../calendar';
import type { Ymd } from '../dates';
import type { MeetingRow, MeetingType } from '../schema';

export type MinutesStatus = 'scheduled' | 'pending' | 'due-soon' | 'overdue' | 'shared' | 'shared-late' | 'no-deadline';

/** What 状態 shows in the sheet for each status. */
export const MINUTES_STATUS_LABEL: Readonly<Record<MinutesStatus, string>> = {
  scheduled: '開催予定',
  pending: '議事録作成中',
  'due-soon': '期限間近',
  overdue: '期限超過',
  shared: '共有済',
  'shared-late': '共有済（期限後）',
  'no-deadline': '期限なし',
};

/** Business days until the minutes are due, or null when the 種別 has no deadline (その他). */
export function minutesDeadlineDays(type: MeetingType): number | null {
  return contract.minutesDeadlines.find(d => d.type === type)?.businessDays ?? null;
}

export function minutesDue(meeting: Pick<MeetingRow, 'type' | 'date'>, calendar: BusinessCalendar): Ymd | null {
  const days = minutesDeadlineDays(meeting.type);
  return days === null ? null : calendar.addBusinessDays(meeting.date, days);
}

/** Days ahead (in business days) within which an unshared due date counts as "due soon". */
export const DUE_SOON_BUSINESS_DAYS = 2;

export function minutesStatus(
  meeting: Pick<MeetingRow, 'date' | 'minutesSharedOn'>,
  due: Ymd | null,
  today: Ymd,
  calendar: BusinessCalendar
): MinutesStatus {
  if (due === null) return 'no-deadline';
  if (meeting.minutesSharedOn !== null) return meeting.minutesSharedOn <= due ? 'shared' : 'shared-late';
  if (meeting.date > today) return 'scheduled';
  if (today > due) return 'overdue';
  if (due <= calendar.addBusinessDays(today, DUE_SOON_BUSINESS_DAYS)) return 'due-soon';
  return 'pending';
}

export interface MeetingMinutes {
  readonly id: string;
  readonly type: MeetingType;
  readonly date: Ymd;
  readonly minutesDue: Ymd | null;
  readonly minutesSharedOn: Ymd | null;
  readonly status: MinutesStatus;
  readonly rowNumber: number;
}

export function meetingMinutes(meetings: readonly MeetingRow[], today: Ymd, calendar: BusinessCalendar): MeetingMinutes[] {
  return meetings.map(m => {
    const due = minutesDue(m, calendar);
    return {
      id: m.id,
      type: m.type,
      date: m.date,
      minutesDue: due,
      minutesSharedOn: m.minutesSharedOn,
      status: minutesStatus(m, due, today, calendar),
      rowNumber: m.rowNumber,
    };
  });
}
