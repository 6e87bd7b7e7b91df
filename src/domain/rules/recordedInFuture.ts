/**
 * recorded-in-future: a date that records something as done (議事録共有日, 事前検証日, a 実施済 expert use, a PD
 * day, the 支援開始日 of a case already supported, the year's receipts, hearings, reports, permissions and
 * measurements, a write-up's 掲載日, 設定 ISMAP承認日 and the other approvals) cannot be after today: it is a typo, and it would make a
 * status or a figure say what has not happened.
 */

import { contract } from '../../../sheets-templates/contract';
import type { Finding } from '../findings';
import { hasColumns, rowsOf } from '../ledgerReader';
import { placeOf, type Stage, TAB_NAME } from '../schema';
import type { SettingKey } from '../settings';
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
  // The year's obligations: a receipt, a hearing, a report, a permission or a measurement not yet made.
  ['pdReports', 'receivedOn', '月次報告書の受領日'],
  ['pdReports', 'submittedOn', '月次報告書の庁提出日'],
  ['pdEvaluations', 'heardOn', '聴取日'],
  ['pdEvaluations', 'reportedOn', '庁報告日'],
  ['pdEvaluations', 'consultedOn', '庁相談日'],
  ['effects', 'measuredOn', '測定日'],
  ['permissions', 'requestedOn', `${TAB_NAME.permissions}の申請日`],
  ['permissions', 'grantedOn', '許可日'],
  // A write-up is published after the event; an announcement may be scheduled ahead.
  ['publicity', 'date', '採録記事の掲載日', r => r.kind === contract.presentationCoverage.kind],
];

/** 設定 dates that record something given or received. */
const DONE_SETTINGS: readonly (readonly [SettingKey, string])[] = [
  ['ismapApprovedOn', 'ISMAP承認日'],
  ['evaluationCriteriaApprovedOn', '評価基準承認日'],
  ['pdAnnualPlanReceivedOn', 'PD年間計画受領日'],
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
    // An approval or a receipt dated after today has not happened yet (§21, §5.6, §5.4(1)).
    for (const [key, what] of DONE_SETTINGS) {
      const date = settings[key];
      const row = settings.rowOf[key];
      if (typeof date === 'string' && date > today && row !== undefined) flag('settings', 'value', row, date, what);
    }
    return findings;
  },
};
