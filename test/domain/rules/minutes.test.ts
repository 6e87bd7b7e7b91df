import type { Cell } from '../../../src/domain/rawTable';
import type { MeetingMinutes } from '../../../src/domain/rules/minutes';
import { checkBook, dateCell, meetingRow, type TypedRow } from './book';

/** The one meeting of a one-meeting workbook, as check sees it on `today`. */
function minutesOf(meeting: TypedRow, today = '2024-12-02', settings: Record<string, Cell> = {}): MeetingMinutes {
  const result = checkBook({ 会議登録簿: [meeting], 設定: settings }, today);
  const [only, ...rest] = result.meetings;
  if (!only || rest.length > 0) throw new Error(`expected one meeting, got ${JSON.stringify(result.meetings)}`);
  return only;
}

describe('minutes due date: the Nth business day after 開催日, N by 種別 (DESIGN "Choices", REQUIREMENTS "Meetings and minutes deadlines")', () => {
  // 2024-11-06 is a Wednesday with no holiday in the following three weeks:
  // business days after it are 11-07, 08, 11, 12, 13 (5th), 14, 15 (7th), 18, 19, 20 (10th).
  test.each([
    ['地域連携会議', 10, '§6', '2024-11-20'],
    ['支援検討会', 5, '§5.5(2)', '2024-11-13'],
    ['研修会', 5, '§5.5(2)', '2024-11-13'],
    ['PDチーム内会議', 5, '§5.5(4)', '2024-11-13'],
    ['月次連絡会', 7, '§13(2)', '2024-11-15'],
    ['成果発表会', 10, '§7', '2024-11-20'],
  ])('minutes of %s are due %i business days after the meeting (%s)', (type, _days, _clause, due) => {
    expect(minutesOf(meetingRow('M-001', type, '2024-11-06')).minutesDue).toBe(due);
  });

  test('その他 has no minutes deadline: no due date and status no-deadline, however late', () => {
    const m = minutesOf(meetingRow('M-001', 'その他', '2024-06-05'), '2025-03-31');
    expect(m.minutesDue).toBeNull();
    expect(m.status).toBe('no-deadline');
  });

  test('the meeting day itself never counts, even when it is not a business day (a Saturday meeting)', () => {
    // 2024-11-09 is a Saturday: 11-11 Mon is the 1st business day after it, 11-15 Fri the 5th.
    expect(minutesOf(meetingRow('M-001', 'PDチーム内会議', '2024-11-09')).minutesDue).toBe('2024-11-15');
  });

  test('a national holiday is not a business day: Friday 2024-10-11 + 5 → 2024-10-21 over スポーツの日 (REQUIREMENTS "Business days" example)', () => {
    expect(minutesOf(meetingRow('M-001', '支援検討会', '2024-10-11')).minutesDue).toBe('2024-10-21');
  });

  test('December 29 to January 3 are not business days: 2024-12-25 + 5 → 2025-01-08', () => {
    expect(minutesOf(meetingRow('M-001', '支援検討会', '2024-12-25')).minutesDue).toBe('2025-01-08');
  });

  test('the dates of 設定 追加休日 are not business days: 2024-08-07 + 5 → 08-19 with the Obon closure, 08-15 without', () => {
    const meeting = meetingRow('M-004', '支援検討会', '2024-08-07');
    expect(minutesOf(meeting).minutesDue).toBe('2024-08-15');
    expect(minutesOf(meeting, '2024-12-02', { 追加休日: '2024-08-13,2024-08-14' }).minutesDue).toBe('2024-08-19');
  });

  test('a meeting date typed as text is read like a date cell (令和6年11月6日, 2024/11/6, R6.11.6)', () => {
    for (const typed of ['令和6年11月6日', '2024/11/6', 'R6.11.6', '２０２４－１１－０６'])
      expect(minutesOf({ ...meetingRow('M-001', '月次連絡会', '2024-11-06'), 開催日: typed }).minutesDue).toBe('2024-11-15');
  });
});

describe('minutes status as of today (DESIGN "Meeting status")', () => {
  // PDチーム内会議 on Wed 2024-11-06: due Wed 2024-11-13.
  const held = meetingRow('M-012', 'PDチーム内会議', '2024-11-06');
  const statusOn = (today: string, extra: TypedRow = {}) => minutesOf({ ...held, ...extra }, today).status;

  test('scheduled: 開催日 is after today', () => {
    expect(statusOn('2024-11-05')).toBe('scheduled');
  });

  test('pending: held today and not shared, the due date more than 2 business days ahead', () => {
    expect(statusOn('2024-11-06')).toBe('pending');
  });

  test('pending: the due date is the 3rd business day after today (one day short of due-soon)', () => {
    // From Fri 11-08, the 2nd business day is Tue 11-12; the due date 11-13 is the 3rd.
    expect(statusOn('2024-11-08')).toBe('pending');
  });

  test('due-soon: the due date is exactly the 2nd business day after today', () => {
    expect(statusOn('2024-11-11')).toBe('due-soon');
  });

  test('due-soon: the due date is the 1st business day after today', () => {
    expect(statusOn('2024-11-12')).toBe('due-soon');
  });

  test('due-soon: the due date is today', () => {
    expect(statusOn('2024-11-13')).toBe('due-soon');
  });

  test('overdue: not shared and today is the day after the due date', () => {
    expect(statusOn('2024-11-14')).toBe('overdue');
  });

  test('due-soon counts business days, not calendar days: on Thu 11-07 a due date of Mon 11-11 is due-soon', () => {
    // 研修会 on Fri 2024-11-01 (11-04 振替休日): due Mon 11-11, the 2nd business day after Thu 11-07.
    const m = minutesOf(meetingRow('M-011', '研修会', '2024-11-01'), '2024-11-07');
    expect(m.minutesDue).toBe('2024-11-11');
    expect(m.status).toBe('due-soon');
  });

  test('due-soon on a weekend: on Saturday, a due date on the next Tuesday is due-soon', () => {
    // From Sat 11-09 the business days are Mon 11-11 and Tue 11-12; 研修会 11-01's due 11-11 is the 1st.
    expect(minutesOf(meetingRow('M-011', '研修会', '2024-11-01'), '2024-11-09').status).toBe('due-soon');
  });

  test('shared: 議事録共有日 on the due date', () => {
    expect(statusOn('2024-12-02', { 議事録共有日: dateCell('2024-11-13') })).toBe('shared');
  });

  test('shared: 議事録共有日 before the due date, long after it has passed (a shared meeting is never overdue)', () => {
    expect(statusOn('2025-03-31', { 議事録共有日: '2024/11/8' })).toBe('shared');
  });

  test('shared-late: 議事録共有日 the day after the due date', () => {
    expect(statusOn('2024-12-02', { 議事録共有日: dateCell('2024-11-14') })).toBe('shared-late');
  });

  test('the status carries the due date and share date the sheet shows', () => {
    const m = minutesOf({ ...held, 議事録共有日: 'R6.11.14' }, '2024-12-02');
    expect(m).toMatchObject({
      id: 'M-012',
      type: 'PDチーム内会議',
      date: '2024-11-06',
      minutesDue: '2024-11-13',
      minutesSharedOn: '2024-11-14',
      status: 'shared-late',
      rowNumber: 2,
    });
  });
});
