/**
 * dates-out-of-order: dates of one row that must come in order (a report after its receipt, a hearing before the
 * evaluation it informs, a report to the Office or a consultation after the evaluation, a permission after its
 * request). The other way round one of them is a typo, and a status or the 事業報告書 would say what has not
 * happened in that order. (議事録共有日 before 開催日 and 事前検証日 after 支援開始日 have rules of their own.)
 */
import type { Finding } from '../findings';
import { hasColumns, rowsOf } from '../ledgerReader';
import { placeOf } from '../schema';
import type { Rule } from './rule';

/** tab, the earlier date's column, the later date's column. */
const ORDER: readonly (readonly [string, string, string])[] = [
  ['pdReports', 'receivedOn', 'submittedOn'],
  ['pdEvaluations', 'heardOn', 'date'],
  ['pdEvaluations', 'date', 'reportedOn'],
  ['pdEvaluations', 'date', 'consultedOn'],
  ['permissions', 'requestedOn', 'grantedOn'],
];

export const datesOutOfOrder: Rule = {
  name: '日付の前後',
  needs: {},
  run({ read, contract }) {
    const findings: Finding[] = [];
    for (const [tab, earlier, later] of ORDER) {
      if (!hasColumns(read, tab, [earlier, later])) continue;
      const first = placeOf(contract, tab, earlier);
      const second = placeOf(contract, tab, later);
      for (const r of rowsOf(read, tab)) {
        const a = r[earlier];
        const b = r[later];
        if (typeof a === 'string' && typeof b === 'string' && b < a)
          findings.push({
            ...second,
            row: r.rowNumber,
            severity: 'error',
            code: 'dates-out-of-order',
            message: `${second.column}（${b}）が${first.column}（${a}）より前です。どちらかの日付を直してください。`,
          });
      }
    }
    return findings;
  },
};
