/** duplicate-id: an ID names one row of its tab (one case, one meeting...), so a second use of it is an error. */
import type { Finding } from '../findings';
import type { IdCell } from '../ledgerReader';
import type { Rule } from './rule';

function duplicates(sheet: string, column: string, ids: readonly IdCell[]): Finding[] {
  const firstRow = new Map<string, number>();
  const findings: Finding[] = [];
  for (const { id, rowNumber } of ids) {
    const first = firstRow.get(id);
    if (first === undefined) firstRow.set(id, rowNumber);
    else
      findings.push({
        sheet,
        row: rowNumber,
        column,
        severity: 'error',
        code: 'duplicate-id',
        message: `「${id}」は${first}行目と重複しています。別の${column}を付けてください。`,
      });
  }
  return findings;
}

export const duplicateIds: Rule = {
  name: 'IDの重複',
  needs: {},
  run: ({ contract, ledger }) =>
    contract.tabs.flatMap(tab => {
      const idColumn = tab.columns.find(c => c.type === 'id');
      return idColumn ? duplicates(tab.name, idColumn.header, ledger.idCells[tab.key] ?? []) : [];
    }),
};
