/**
 * recorded-in-future: a date that records something as done (議事録共有日, 事前検証日, a 実施済 expert use, a PD
 * day, the 支援開始日 of a case already supported, 設定 ISMAP承認日) cannot be after today: it is a typo, and it would make a
 * status or a figure say what has not happened.
 */
import type { Finding } from '../findings';
import { hasColumns, rowsOf } from '../ledgerReader';
import { placeOf, type Stage } from '../schema';
import type { Rule } from './rule';
import { isSupportedStage } from './stages';

type Dated = { readonly rowNumber: number } & Readonly<Record<string, unknown>>;

/** tab, date column, what it records, and which rows record something done (all of them unless said). */
const DONE: readonly (readonly [string, string, string, ((r: Dated) => boolean)?])[] = [
  ['meetings', 'minutesSharedOn', '議事録共有日'],
  ['cases', 'prevalidatedOn', '事前検証日'],
  ['cases', 'startedOn', '支援中の案件の支援開始日', r => isSupportedStage(r.stage as Stage)],
  ['experts', 'date', '実施済の実施日', r => r.status === '実施済'],
  ['pdHours', 'date', 'PDの稼働日'],
];

export const recordedInFuture: Rule = {
  name: '今日より後の実績日',
  needs: {},
  run({ read, contract, settings, today }) {
    const findings: Finding[] = [];
    const places = new Map<string, { sheet: string; column: string }>();
    const flag = (tab: string, column: string, row: number, date: string, what: string): void => {
      const place = places.get(`${tab}.${column}`) ?? placeOf(contract, tab, column);
      places.set(`${tab}.${column}`, place);
      findings.push({
        ...place,
        row,
        // A PD day ahead may be a plan typed early: a warning; the others make a status say what has not happened.
        severity: tab === 'pdHours' ? 'warning' : 'error',
        code: 'recorded-in-future',
        message: `${what}（${date}）が今日（${today}）より後です。日付を直してください。`,
      });
    };
    for (const [tab, column, what, done] of DONE)
      if (hasColumns(read, tab, [column]))
        for (const r of rowsOf(read, tab) as readonly Dated[]) {
          const date = r[column];
          if (typeof date === 'string' && date > today && (done?.(r) ?? true)) flag(tab, column, r.rowNumber, date, what);
        }
    // An approval dated after today has not been given yet (§21).
    const approvedOn = settings.ismapApprovedOn;
    const approvalRow = settings.rowOf.ismapApprovedOn;
    if (approvedOn !== null && approvedOn > today && approvalRow !== undefined)
      flag('settings', 'value', approvalRow, approvedOn, 'ISMAP承認日');
    return findings;
  },
};
