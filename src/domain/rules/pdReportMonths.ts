/**
 * PD月次報告's 対象月: each row reports on one month the PD reports on (PD派遣開始日's month to 事業終了日's
 * month, §5.4(1)), once. A row for another month (a wrong year is the usual typo) or a second row for a month
 * would otherwise be passed over without a word, and the month shown as not received.
 */
import type { Finding } from '../findings';
import { pdReportMonths } from '../programmeYear';
import { placeOf } from '../schema';
import type { Rule } from './rule';

const monthJa = (m: string): string => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;

export const pdReportMonthRows: Rule = {
  name: '事業PDの月次報告書の対象月',
  needs: { pdReports: ['month'] },
  run({ contract, ledger }) {
    const months = pdReportMonths(ledger.settings);
    if (months.length === 0) return [];
    const place = placeOf(contract, 'pdReports', 'month');
    const range = `${monthJa(months[0] as string)}〜${monthJa(months[months.length - 1] as string)}`;
    const findings: Finding[] = [];
    const firstRow = new Map<string, number>();
    for (const r of ledger.pdReports) {
      if (!months.includes(r.month)) {
        findings.push({
          ...place,
          row: r.rowNumber,
          severity: 'warning',
          code: 'outside-programme-period',
          message: `対象月${r.month}は事業PDの報告の対象の月（${range}: PD派遣開始日から事業終了日まで）ではありません。この行は数えません。年と月を確認してください。`,
        });
        continue;
      }
      const first = firstRow.get(r.month);
      if (first === undefined) firstRow.set(r.month, r.rowNumber);
      else
        findings.push({
          ...place,
          row: r.rowNumber,
          severity: 'error',
          code: 'duplicate-month',
          message: `${monthJa(r.month)}分の行が${first}行目にもあります。受領日のある行を使います。1か月1行にまとめてください。`,
        });
    }
    return findings;
  },
};
