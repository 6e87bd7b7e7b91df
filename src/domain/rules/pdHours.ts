/** pd-day-over-standard: the PD works about 7 hours a day (§10(3)); a day above PD標準時間 is worth a second look. */
import type { Finding } from '../findings';
import { type PdHoursRow, placeOf } from '../schema';
import type { Rule } from './rule';

const round = (n: number): number => Math.round(n * 100) / 100;

export const pdDayOverStandard: Rule = {
  name: 'PDの1日の稼働時間',
  needs: { pdHours: ['date', 'hours'] },
  run({ contract, ledger, settings }) {
    const standardHours = settings.pdStandardHours;
    const byDay = new Map<string, PdHoursRow[]>();
    for (const r of ledger.pdHours) byDay.set(r.date, [...(byDay.get(r.date) ?? []), r]);
    const findings: Finding[] = [];
    for (const [day, list] of byDay) {
      const total = list.reduce((sum, r) => sum + r.hours, 0);
      if (total <= standardHours) continue;
      const last = list.reduce((a, b) => (b.rowNumber > a.rowNumber ? b : a));
      findings.push({
        ...placeOf(contract, 'pdHours', 'hours'),
        row: last.rowNumber,
        severity: 'warning',
        code: 'pd-day-over-standard',
        message: `${day}の稼働が合計${round(total)}時間で、標準の${standardHours}時間を超えています（${list.map(r => `${r.rowNumber}行目`).join('・')}）。超えた分は前後の週に振り替えるか、入力を確認してください（仕様書10(3)）。`,
      });
    }
    return findings;
  },
};
