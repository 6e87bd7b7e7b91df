/**
 * pd-evaluation-late: the evaluation (§5.6(2)) is due by PD評価期限; when the first one done is dated after it,
 * the deadline was missed even though an evaluation now exists (a warning: the Office may ask why).
 */

import { evaluationDueOf, settingName } from '../programmeYear';
import { placeOf } from '../schema';
import { isDoneEvaluation } from './pdEvaluations';
import type { Rule } from './rule';

export const pdEvaluationLate: Rule = {
  name: '事業PDの評価の期限',
  needs: { pdEvaluations: ['date', 'overall'] },
  run({ contract, ledger, today, calendar }) {
    const due = evaluationDueOf(ledger.settings, calendar);
    const done = ledger.pdEvaluations.filter(e => isDoneEvaluation(e, today));
    if (done.length === 0 || done.some(e => e.date <= due)) return [];
    const first = done.reduce((a, b) => (b.date < a.date ? b : a));
    return [
      {
        ...placeOf(contract, 'pdEvaluations', 'date'),
        row: first.rowNumber,
        severity: 'warning',
        code: 'pd-evaluation-late',
        message: `最初の評価の評価日（${first.date}）が期限${due}（${settingName('pdEvaluationDue')}）より後です（仕様書5.6(2)）。日付が正しければ、遅れた理由を庁担当者に説明できるようにしてください。`,
      },
    ];
  },
};
