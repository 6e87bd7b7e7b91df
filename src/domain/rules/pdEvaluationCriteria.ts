/**
 * pd-evaluation-criteria-unapproved: the PD is evaluated against criteria the Office has approved (§5.6(1)), so
 * an evaluation held before 評価基準承認日, or while it is blank, is not valid. A planned evaluation is not
 * judged until its day comes: the approval may still arrive.
 */
import { settingName } from '../programmeYear';
import { placeOf, TAB_NAME } from '../schema';
import type { Rule } from './rule';

export const pdEvaluationCriteriaUnapproved: Rule = {
  name: '評価基準の承認',
  // Without 設定 the approval date is unknown, not blank: the missing tab's finding says so.
  needs: { pdEvaluations: ['id', 'date'], settings: ['name', 'value'] },
  run({ contract, ledger, settings, today }) {
    const approvedOn = settings.evaluationCriteriaApprovedOn;
    const setting = `${TAB_NAME.settings}「${settingName('evaluationCriteriaApprovedOn')}」`;
    return ledger.pdEvaluations
      .filter(e => e.date <= today && (approvedOn === null || e.date < approvedOn))
      .map(e => ({
        ...placeOf(contract, 'pdEvaluations', 'date'),
        row: e.rowNumber,
        severity: 'error' as const,
        code: 'pd-evaluation-criteria-unapproved' as const,
        message:
          approvedOn === null
            ? `評価（${e.id}）は庁担当者が承認した評価基準で行います（仕様書5.6(1)）が、${setting}が空です。承認を得た日を入力してください。`
            : `評価（${e.id}）の評価日${e.date}は評価基準の承認日${approvedOn}より前です（仕様書5.6(1)）。承認後の評価基準で評価をやり直すか、評価日・承認日を確認してください。`,
      }));
  },
};
