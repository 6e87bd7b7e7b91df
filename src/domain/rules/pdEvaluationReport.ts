/**
 * pd-evaluation-not-reported: the evaluation's result is reported to the Office (§5.6(2)); a done evaluation
 * without 庁報告日 is a warning until it is.
 */
import { placeOf } from '../schema';
import { isUnreported } from './pdEvaluations';
import type { Rule } from './rule';

export const pdEvaluationNotReported: Rule = {
  name: '評価結果の庁への報告',
  needs: { pdEvaluations: ['id', 'date', 'overall', 'reportedOn'] },
  run: ({ contract, ledger, today }) =>
    ledger.pdEvaluations
      .filter(e => isUnreported(e, today))
      .map(e => ({
        ...placeOf(contract, 'pdEvaluations', 'reportedOn'),
        row: e.rowNumber,
        severity: 'warning' as const,
        code: 'pd-evaluation-not-reported' as const,
        message: `評価（${e.id}、${e.date}）の結果を庁に報告した日がありません。評価結果は庁に報告します（仕様書5.6(2)）。報告したら庁報告日を入力してください。`,
      })),
};
