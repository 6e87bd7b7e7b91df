/**
 * Expert use: at most 専門家月上限 uses a calendar month (§12(1)); candidates agreed with the Office and the PD
 * in advance (事前協議, §5.3(2)). The conditions here are the only ones: the report and the reminders ask them.
 */
import { monthOf, type YearMonth, type Ymd } from '../dates';
import type { Finding } from '../findings';
import { type ExpertUseRow, placeOf } from '../schema';
import type { Rule } from './rule';

/** Uses that count against the cap and the budget: 予定 and 実施済, not 中止. */
export const countsAsUse = (x: Pick<ExpertUseRow, 'status'>): boolean => x.status !== '中止';

/** A counted use without 事前協議日 on or before its 実施日. */
export const lacksPriorConsultation = (x: Pick<ExpertUseRow, 'status' | 'consultedOn' | 'date'>): boolean =>
  countsAsUse(x) && (x.consultedOn === null || x.consultedOn > x.date);

const byDateThenRow = (a: ExpertUseRow, b: ExpertUseRow): number =>
  a.date === b.date ? a.rowNumber - b.rowNumber : a.date < b.date ? -1 : 1;

/** Counted uses by calendar month, each month's in date order. */
export function usesByMonth(uses: readonly ExpertUseRow[]): Map<YearMonth, ExpertUseRow[]> {
  const byMonth = new Map<YearMonth, ExpertUseRow[]>();
  for (const x of uses.filter(countsAsUse)) {
    const month = monthOf(x.date);
    byMonth.set(month, [...(byMonth.get(month) ?? []), x]);
  }
  for (const list of byMonth.values()) list.sort(byDateThenRow);
  return byMonth;
}

/** Months with more counted uses than the cap, and how many. */
export const monthsOverCap = (uses: readonly ExpertUseRow[], monthlyCap: number): { month: YearMonth; uses: number }[] =>
  [...usesByMonth(uses)]
    .filter(([, list]) => list.length > monthlyCap)
    .map(([month, list]) => ({ month, uses: list.length }))
    .sort((a, b) => (a.month < b.month ? -1 : 1));

export const expertCapExceeded: Rule = {
  name: '専門家活用の月上限',
  needs: { experts: ['date', 'status'] },
  run({ contract, ledger, settings }) {
    const monthlyCap = settings.expertMonthlyCap;
    const findings: Finding[] = [];
    for (const [month, list] of usesByMonth(ledger.experts))
      list.slice(monthlyCap).forEach((x, i) => {
        findings.push({
          ...placeOf(contract, 'experts', 'date'),
          row: x.rowNumber,
          severity: 'error',
          code: 'expert-cap-exceeded',
          message: `${month.replace('-', '年')}月の専門家活用が上限${monthlyCap}回を超えています（${monthlyCap + i + 1}回目）。仕様書12(1)により月${monthlyCap}回までです。日程を翌月に移すか、中止にしてください。`,
        });
      });
    return findings;
  },
};

/** A planned use still has time for the consultation; a held one without it is a breach. */
const consultationSeverity = (x: ExpertUseRow, today: Ymd): 'warning' | 'error' =>
  x.status === '予定' && x.date > today ? 'warning' : 'error';

export const expertNoPriorConsultation: Rule = {
  name: '専門家派遣の事前協議',
  needs: { experts: ['date', 'status', 'consultedOn'] },
  run: ({ contract, ledger, today }) =>
    ledger.experts.filter(lacksPriorConsultation).map(x => ({
      ...placeOf(contract, 'experts', 'consultedOn'),
      row: x.rowNumber,
      severity: consultationSeverity(x, today),
      code: 'expert-no-prior-consultation' as const,
      message:
        x.consultedOn === null
          ? '専門家の派遣前に、庁・事業PDとの事前協議が必要です（仕様書5.3(2)）。事前協議を行った日を入力してください。'
          : `事前協議日（${x.consultedOn}）が実施日（${x.date}）より後です。事前協議は実施日以前に行い、その日を入力してください。`,
    })),
};
