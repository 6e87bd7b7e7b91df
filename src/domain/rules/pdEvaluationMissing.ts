/**
 * pd-evaluation-missing: the PD is evaluated at least once during dispatch (§5.6(2)) by PD評価期限. Flagged when
 * no evaluation is done and today is within 30 days of the deadline (a warning) or past it (an error).
 */
import { settingName } from '../programmeYear';
import { TAB_NAME } from '../schema';
import { EVALUATION_WARNING_DAYS, evaluationDue } from './pdEvaluations';
import type { Rule } from './rule';

export const pdEvaluationMissing: Rule = {
  name: '事業PDの評価の実施',
  needs: { pdEvaluations: ['date', 'overall'] },
  run({ ledger, today, calendar }) {
    const { due, missing, overdue } = evaluationDue(ledger, today, calendar);
    if (!missing) return [];
    return [
      {
        sheet: TAB_NAME.pdEvaluations,
        row: null,
        column: null,
        severity: overdue ? 'error' : 'warning',
        code: 'pd-evaluation-missing',
        message: `事業PDの評価がまだ行われていません（総合評価のある評価がありません）。派遣期間中に少なくとも1回、評価基準に基づいて評価し、結果を庁に報告します（仕様書5.6(2)）。期限は${due}（${settingName('pdEvaluationDue')}）${
          overdue ? 'で、過ぎています' : `です（${EVALUATION_WARNING_DAYS}日前からお知らせしています）`
        }。評価を行い、${TAB_NAME.pdEvaluations}に評価日と総合評価を入力してください。`,
      },
    ];
  },
};
