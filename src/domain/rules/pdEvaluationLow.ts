/**
 * pd-evaluation-low-without-consultation: when the evaluation is low (総合評価 C or D), the Office is consulted on
 * whether the dispatch continues (§5.6(2)); the day it was consulted goes in 庁相談日.
 */
import { placeOf } from '../schema';
import { lacksConsultation } from './pdEvaluations';
import type { Rule } from './rule';

export const pdEvaluationLowWithoutConsultation: Rule = {
  name: '低評価時の庁への相談',
  needs: { pdEvaluations: ['id', 'overall', 'consultedOn'] },
  run: ({ contract, ledger, today }) =>
    ledger.pdEvaluations
      .filter(e => lacksConsultation(e, today))
      .map(e => ({
        ...placeOf(contract, 'pdEvaluations', 'consultedOn'),
        row: e.rowNumber,
        severity: 'error' as const,
        code: 'pd-evaluation-low-without-consultation' as const,
        message: `総合評価が${e.overall}の評価（${e.id}）は庁担当者への相談が必要です（仕様書5.6(2)）。相談した日を庁相談日に入力してください。派遣継続の可否は継続判断に記録します。`,
      })),
};
