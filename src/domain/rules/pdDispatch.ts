/**
 * pd-before-dispatch (warning): the PD is dispatched from PD派遣開始日 (§10(4)); a day before it is usually a typo.
 * Such hours inside the programme still count to date (preparation), so the warning asks to confirm them; hours
 * before 事業開始日 count nowhere, and the message says so.
 */
import { placeOf } from '../schema';
import type { Rule } from './rule';

export const pdBeforeDispatch: Rule = {
  name: 'PD派遣開始日より前の稼働',
  needs: { pdHours: ['date'] },
  run: ({ contract, ledger, settings }) => {
    const start = settings.pdDispatchStart;
    if (start === null) return [];
    const place = placeOf(contract, 'pdHours', 'date');
    return ledger.pdHours
      .filter(h => h.date < start)
      .map(h => ({
        ...place,
        row: h.rowNumber,
        severity: 'warning' as const,
        code: 'pd-before-dispatch' as const,
        message:
          settings.programmeStart !== null && h.date < settings.programmeStart
            ? `PD派遣開始日（${start}）より前で、事業開始日（${settings.programmeStart}）より前のため累計に数えません（仕様書10(4)）。日付を確認してください。`
            : `PD派遣開始日（${start}）より前です（仕様書10(4)、累計には数えます）。日付を確認してください。`,
      }));
  },
};
