/** duplicate-id: an ID names one case or one meeting, so the second use of it is an error. */
import type { Finding } from '../findings';

export interface IdCell {
  readonly id: string;
  readonly rowNumber: number;
}

export function duplicateIds(sheet: string, column: string, ids: readonly IdCell[]): Finding[] {
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
