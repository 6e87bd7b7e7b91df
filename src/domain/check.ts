/**
 * check: every rule over the whole workbook, as of a day. Pure: the same ledger and day give the same
 * findings and minutes statuses in every runtime and TZ.
 */
import { BusinessCalendar } from './calendar';
import type { Ymd } from './dates';
import type { Finding } from './findings';
import type { ReadResult } from './ledgerReader';
import { HandlerList, unauthorizedPeople } from './recipients';
import { expertCapExceeded, expertNoPriorConsultation } from './rules/experts';
import { duplicateIds } from './rules/ids';
import { type MeetingMinutes, meetingMinutes } from './rules/minutes';
import { pdDayOverStandard } from './rules/pdHours';
import { outsideProgrammePeriod } from './rules/period';
import { missingPrevalidation } from './rules/prevalidation';
import { unknownReferences } from './rules/references';

export interface CheckResult {
  readonly today: Ymd;
  readonly findings: readonly Finding[];
  readonly meetings: readonly MeetingMinutes[];
}

/**
 * A handlers list without its 氏名/メール/有効 columns cannot say who is authorised: its missing-header findings
 * explain that, rather than one recipient-not-authorized per person in the ledger.
 */
const handlersReadable = (read: ReadResult): boolean => {
  const { present, columnIndex } = read.layouts.handlers;
  return present && columnIndex.name !== undefined && columnIndex.email !== undefined && columnIndex.active !== undefined;
};

export const calendarOf = (read: ReadResult): BusinessCalendar => new BusinessCalendar(read.ledger.settings.extraHolidays);

export function check(read: ReadResult, today: Ymd): CheckResult {
  const { ledger, layouts } = read;
  const { settings } = ledger;
  const calendar = calendarOf(read);
  const ruleFindings: Finding[] = [
    ...duplicateIds('案件台帳', '案件ID', ledger.idCells.cases),
    ...duplicateIds('会議登録簿', '会議ID', ledger.idCells.meetings),
    ...unknownReferences(ledger, { cases: layouts.cases.present, meetings: layouts.meetings.present }),
    ...missingPrevalidation(ledger.cases),
    ...expertCapExceeded(ledger.experts, settings.expertMonthlyCap),
    ...expertNoPriorConsultation(ledger.experts, today),
    ...pdDayOverStandard(ledger.pdHours, settings.pdStandardHours),
    ...outsideProgrammePeriod(ledger, settings),
    ...(handlersReadable(read) ? unauthorizedPeople(ledger, new HandlerList(ledger.handlers)) : []),
  ];
  // A cell that could not be read gets only that finding: a rule seeing its value as missing would say it twice.
  const unreadable = new Set(read.findings.map(cellKey));
  const findings = [...read.findings, ...ruleFindings.filter(f => f.row === null || !unreadable.has(cellKey(f)))];
  return { today, findings: sortFindings(findings), meetings: meetingMinutes(ledger.meetings, today, calendar) };
}

const cellKey = (f: Finding): string => `${f.sheet}\u0000${f.row}\u0000${f.column}`;

const SHEET_ORDER = ['設定', '案件台帳', '会議登録簿', 'PD稼働記録', '専門家活用記録', '情報取扱者名簿', '実行ログ'];

export function sortFindings(findings: readonly Finding[]): Finding[] {
  const sheetRank = (s: string): number => {
    const i = SHEET_ORDER.indexOf(s);
    return i < 0 ? SHEET_ORDER.length : i;
  };
  return [...findings].sort(
    (a, b) => sheetRank(a.sheet) - sheetRank(b.sheet) || (a.row ?? 0) - (b.row ?? 0) || (a.column ?? '').localeCompare(b.column ?? '')
  );
}

export const errorCount = (r: CheckResult): number => r.findings.filter(f => f.severity === 'error').length;
