/**
 * recorded-in-future: a date that records something as done (議事録共有日, 事前検証日, a 実施済 expert use, a PD
 * day, the 支援開始日 of a case already supported, 設定 ISMAP承認日) cannot be after today: it is a typo, and it would make a
 * status or a figure say what has not happened.
 */
import type { Finding } from '../findings';
import { placeOf } from '../schema';
import type { Rule } from './rule';
import { isSupportedStage } from './stages';

export const recordedInFuture: Rule = {
  name: '今日より後の実績日',
  needs: {},
  run({ read, contract, ledger, settings, today }) {
    const findings: Finding[] = [];
    const flag = (tab: string, column: string, row: number, date: string, what: string, severity: Finding['severity'] = 'error'): void => {
      findings.push({
        ...placeOf(contract, tab, column),
        row,
        severity,
        code: 'recorded-in-future',
        message: `${what}（${date}）が今日（${today}）より後です。済んだことの日付は今日以前です。日付を確認して直してください。`,
      });
    };
    const has = (tab: string, cols: string[]) =>
      read.layouts[tab]?.present === true && cols.every(c => read.layouts[tab]?.columnIndex[c] !== undefined);
    if (has('meetings', ['minutesSharedOn']))
      for (const m of ledger.meetings)
        if (m.minutesSharedOn !== null && m.minutesSharedOn > today)
          flag('meetings', 'minutesSharedOn', m.rowNumber, m.minutesSharedOn, '議事録共有日');
    if (has('cases', ['prevalidatedOn']))
      for (const c of ledger.cases)
        if (c.prevalidatedOn !== null && c.prevalidatedOn > today)
          flag('cases', 'prevalidatedOn', c.rowNumber, c.prevalidatedOn, '事前検証日');
    if (has('cases', ['stage', 'startedOn']))
      for (const c of ledger.cases)
        if (c.startedOn !== null && c.startedOn > today && isSupportedStage(c.stage))
          flag('cases', 'startedOn', c.rowNumber, c.startedOn, `段階が「${c.stage}」の案件の支援開始日`);
    if (has('experts', ['date', 'status']))
      for (const x of ledger.experts)
        if (x.status === '実施済' && x.date > today) flag('experts', 'date', x.rowNumber, x.date, '「実施済」の実施日');
    // An approval dated after today has not been given yet (§21): the approval gate must not lean on it.
    const approvedOn = settings.ismapApprovedOn;
    const approvalRow = settings.rowOf.ismapApprovedOn;
    if (approvedOn !== null && approvedOn > today && approvalRow !== undefined)
      flag('settings', 'value', approvalRow, approvedOn, 'ISMAP承認日（クラウド利用の承認日）');
    if (has('pdHours', ['date']))
      for (const h of ledger.pdHours) if (h.date > today) flag('pdHours', 'date', h.rowNumber, h.date, 'PDの稼働日', 'warning');
    return findings;
  },
};
