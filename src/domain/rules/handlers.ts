/**
 * recipient-not-authorized: every person column (担当, 議事録担当...) must name an active member of
 * 情報取扱者名簿, or reminders cannot reach them (§20(1)). Silent when the list cannot say who is authorised.
 */
import type { Finding } from '../findings';
import { rowsOf } from '../ledgerReader';
import type { Rule } from './rule';

export const unauthorizedPeople: Rule = {
  name: '名簿にない担当者',
  needs: {},
  run({ read, contract, handlers }) {
    if (handlers === null) return [];
    const findings: Finding[] = [];
    for (const tab of contract.tabs)
      for (const column of tab.columns) {
        if (column.type !== 'person') continue;
        for (const row of rowsOf(read, tab.key)) {
          const person = row[column.key];
          if (typeof person !== 'string' || handlers.resolve(person)) continue;
          findings.push({
            sheet: tab.name,
            row: row.rowNumber,
            column: column.header,
            severity: 'error',
            code: 'recipient-not-authorized',
            message: `${handlers.reasonRefused(person)}。情報は名簿の有効な取扱者にしか渡せません（仕様書20(1)）。名簿に登録（有効=TRUE）するか、担当者を変えてください。`,
          });
        }
      }
    return findings;
  },
};
