/** prevalidation-after-start: support content is verified in advance (§5.4(2)): 事前検証日 on or before 支援開始日. */
import { placeOf } from '../schema';
import type { Rule } from './rule';

export const prevalidationAfterStart: Rule = {
  name: '支援開始日より後の事前検証日',
  needs: { cases: ['startedOn', 'prevalidatedOn'] },
  run: ({ contract, ledger }) =>
    ledger.cases
      .filter(c => c.prevalidatedOn !== null && c.startedOn !== null && c.prevalidatedOn > c.startedOn)
      .map(c => ({
        ...placeOf(contract, 'cases', 'prevalidatedOn'),
        row: c.rowNumber,
        severity: 'error' as const,
        code: 'prevalidation-after-start' as const,
        message: `事前検証日（${c.prevalidatedOn}）が支援開始日（${c.startedOn}）より後です（事前検証は支援の前、仕様書5.4(2)）。日付を確認してください。`,
      })),
};
