/** missing-prevalidation: support content is verified in advance (§5.4(2)) before a case counts as supported. */
import { placeOf } from '../schema';
import type { Rule } from './rule';
import { isSupportedStage } from './stages';

export const missingPrevalidation: Rule = {
  name: '事前検証の記録',
  needs: { cases: ['stage', 'prevalidatedOn'] },
  run: ({ contract, ledger }) =>
    ledger.cases
      .filter(c => isSupportedStage(c.stage) && c.prevalidatedOn === null)
      .map(c => ({
        ...placeOf(contract, 'cases', 'prevalidatedOn'),
        row: c.rowNumber,
        severity: 'error' as const,
        code: 'missing-prevalidation' as const,
        message: `段階が「${c.stage}」の案件は支援内容の事前検証が必要です（仕様書5.4(2)）。事前検証を行った日を入力してください。`,
      })),
};
