/**
 * outside-programme-period: dates in columns flagged `withinProgramme` outside 事業開始日..事業終了日 are
 * probably typos (a wrong year is the usual one).
 */
import type { Finding } from '../findings';
import { rowsOf } from '../ledgerReader';
import type { Rule } from './rule';

export const outsideProgrammePeriod: Rule = {
  name: '事業期間外の日付',
  needs: {},
  run({ read, contract, settings }) {
    const start = settings.programmeStart;
    const end = settings.programmeEnd;
    const findings: Finding[] = [];
    for (const tab of contract.tabs)
      for (const column of tab.columns) {
        if (column.type !== 'date' || column.withinProgramme !== true) continue;
        for (const row of rowsOf(read, tab.key)) {
          const date = row[column.key];
          if (typeof date !== 'string' || ((start === null || date >= start) && date <= end)) continue;
          findings.push({
            sheet: tab.name,
            row: row.rowNumber,
            column: column.header,
            severity: 'warning',
            code: 'outside-programme-period',
            message: `${date}は事業期間（${start ?? '開始日未設定'}〜${end}）の外です。年の入力を確認してください。`,
          });
        }
      }
    return findings;
  },
};
