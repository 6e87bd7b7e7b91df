/** minutes-shared-before-meeting: minutes cannot be shared before the meeting was held (議事録共有日 before 開催日). */
import { placeOf } from '../schema';
import type { Rule } from './rule';

export const minutesSharedBeforeMeeting: Rule = {
  name: '開催日より前の議事録共有日',
  needs: { meetings: ['date', 'minutesSharedOn'] },
  run: ({ contract, ledger }) =>
    ledger.meetings
      .filter(m => m.minutesSharedOn !== null && m.minutesSharedOn < m.date)
      .map(m => ({
        ...placeOf(contract, 'meetings', 'minutesSharedOn'),
        row: m.rowNumber,
        severity: 'error' as const,
        code: 'minutes-shared-before-meeting' as const,
        message: `議事録共有日（${m.minutesSharedOn}）が開催日（${m.date}）より前です。共有した日を直してください。`,
      })),
};
