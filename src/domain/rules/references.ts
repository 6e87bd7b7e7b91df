/** unknown-case / unknown-meeting: references across tabs must name an existing 案件ID or 会議ID. */
import type { Finding } from '../findings';
import type { Ledger } from '../ledgerReader';

const unknownCase = (sheet: string, row: number, column: string, id: string): Finding => ({
  sheet,
  row,
  column,
  severity: 'error',
  code: 'unknown-case',
  message: `案件ID「${id}」は案件台帳にありません。案件台帳の案件IDを入力するか、先に案件台帳に登録してください。`,
});

export function unknownReferences(ledger: Ledger, present: { cases: boolean; meetings: boolean }): Finding[] {
  const findings: Finding[] = [];
  if (present.cases) {
    for (const m of ledger.meetings)
      for (const id of m.caseIds ?? []) if (!ledger.caseIds.has(id)) findings.push(unknownCase('会議登録簿', m.rowNumber, '関連案件', id));
    for (const p of ledger.pdHours)
      if (p.caseId !== null && !ledger.caseIds.has(p.caseId)) findings.push(unknownCase('PD稼働記録', p.rowNumber, '案件ID', p.caseId));
    for (const x of ledger.experts)
      if (x.caseId !== null && !ledger.caseIds.has(x.caseId)) findings.push(unknownCase('専門家活用記録', x.rowNumber, '案件ID', x.caseId));
  }
  if (present.meetings) {
    for (const p of ledger.pdHours)
      if (p.meetingId !== null && !ledger.meetingIds.has(p.meetingId))
        findings.push({
          sheet: 'PD稼働記録',
          row: p.rowNumber,
          column: '会議ID',
          severity: 'error',
          code: 'unknown-meeting',
          message: `会議ID「${p.meetingId}」は会議登録簿にありません。会議登録簿の会議IDを入力するか、先に会議を登録してください。`,
        });
  }
  return findings;
}
