/** Entries dated outside 事業開始日..事業終了日 are probably typos (a wrong year is the usual one). */
import type { Ymd } from '../dates';
import type { Finding } from '../findings';
import type { Ledger } from '../ledgerReader';
import type { Settings } from '../settings';

export function outsideProgrammePeriod(ledger: Ledger, settings: Settings): Finding[] {
  const start = settings.programmeStart;
  const end = settings.programmeEnd;
  const findings: Finding[] = [];
  const check = (sheet: string, row: number, column: string, date: Ymd): void => {
    if ((start !== null && date < start) || date > end)
      findings.push({
        sheet,
        row,
        column,
        severity: 'warning',
        code: 'outside-programme-period',
        message: `${date}は事業期間（${start ?? '開始日未設定'}〜${end}）の外です。年の入力を確認してください。`,
      });
  };
  for (const m of ledger.meetings) check('会議登録簿', m.rowNumber, '開催日', m.date);
  for (const p of ledger.pdHours) check('PD稼働記録', p.rowNumber, '日付', p.date);
  for (const x of ledger.experts) check('専門家活用記録', x.rowNumber, '実施日', x.date);
  return findings;
}
