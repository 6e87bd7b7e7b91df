/** Expert use: at most 専門家月上限 a calendar month (§12(1)); candidates agreed in advance (§5.3(2)). */
import { monthOf, type Ymd } from '../dates';
import type { Finding } from '../findings';
import type { ExpertUseRow } from '../schema';

/** Uses that count against the cap and the budget: 予定 and 実施済, not 中止. */
export const countsAsUse = (x: Pick<ExpertUseRow, 'status'>): boolean => x.status !== '中止';

export function expertCapExceeded(uses: readonly ExpertUseRow[], monthlyCap: number): Finding[] {
  const byMonth = new Map<string, ExpertUseRow[]>();
  for (const x of uses.filter(countsAsUse)) {
    const month = monthOf(x.date);
    byMonth.set(month, [...(byMonth.get(month) ?? []), x]);
  }
  const findings: Finding[] = [];
  for (const [month, list] of byMonth) {
    const ordered = [...list].sort((a, b) => (a.date === b.date ? a.rowNumber - b.rowNumber : a.date < b.date ? -1 : 1));
    ordered.slice(monthlyCap).forEach((x, i) => {
      findings.push({
        sheet: '専門家活用記録',
        row: x.rowNumber,
        column: '実施日',
        severity: 'error',
        code: 'expert-cap-exceeded',
        message: `${month.replace('-', '年')}月の専門家活用が上限${monthlyCap}回を超えています（${monthlyCap + i + 1}回目）。仕様書12(1)により月${monthlyCap}回までです。日程を翌月に移すか、中止にしてください。`,
      });
    });
  }
  return findings;
}

export function expertNoPriorConsultation(uses: readonly ExpertUseRow[], today: Ymd): Finding[] {
  return uses
    .filter(x => countsAsUse(x) && (x.consultedOn === null || x.consultedOn > x.date))
    .map(x => ({
      sheet: '専門家活用記録',
      row: x.rowNumber,
      column: '事前協議日',
      // A planned use still has time for the consultation; a held one without it is a breach.
      severity: x.status === '予定' && x.date > today ? ('warning' as const) : ('error' as const),
      code: 'expert-no-prior-consultation' as const,
      message:
        x.consultedOn === null
          ? '専門家の派遣前に、庁・事業PDとの事前協議が必要です（仕様書5.3(2)）。事前協議を行った日を入力してください。'
          : `事前協議日（${x.consultedOn}）が実施日（${x.date}）より後です。事前協議は実施日以前に行い、その日を入力してください。`,
    }));
}
