/**
 * check: every rule over the whole workbook, as of a day. Pure: the same ledger and day give the same
 * findings and minutes statuses in every runtime and TZ.
 */
import { BusinessCalendar } from './calendar';
import type { Ymd } from './dates';
import type { Finding } from './findings';
import { hasColumns, isUnknownCell, type ReadResult } from './ledgerReader';
import { HandlerList } from './recipients';
import { canRun, HANDLER_COLUMNS, RULES } from './rules/index';
import { type MeetingMinutes, meetingMinutes } from './rules/minutes';
import type { RuleContext } from './rules/rule';
import type { ContractSpec } from './schema';

export interface CheckResult {
  readonly today: Ymd;
  readonly findings: readonly Finding[];
  readonly meetings: readonly MeetingMinutes[];
}

export const calendarOf = (read: ReadResult): BusinessCalendar => new BusinessCalendar(read.ledger.settings.extraHolidays);

export function check(read: ReadResult, today: Ymd): CheckResult {
  const { ledger } = read;
  const calendar = calendarOf(read);
  const ctx: RuleContext = {
    read,
    contract: read.contract,
    ledger,
    settings: ledger.settings,
    today,
    calendar,
    // A list without 氏名/メール/有効 cannot say who is authorised: its missing-header findings explain that,
    // rather than one recipient-not-authorized per person in the ledger.
    handlers: hasColumns(read, 'handlers', HANDLER_COLUMNS) ? new HandlerList(ledger.handlers) : null,
  };
  const ruleFindings = RULES.filter(rule => canRun(rule, read)).flatMap(rule => rule.run(ctx));
  // A cell that could not be read gets only that finding: a rule seeing its value as missing would say it twice.
  const unreadable = new Set(read.findings.map(cellKey));
  const findings = [...read.findings, ...ruleFindings.filter(f => f.row === null || !unreadable.has(cellKey(f)))];
  // Without 議事録共有日 no status can be told (every minute would read as missing): none is given, 状態 shows 要確認.
  // Likewise a meeting whose 議事録共有日 could not be read (unreadable or merged): its finding says why.
  const statuses = hasColumns(read, 'meetings', ['minutesSharedOn'])
    ? meetingMinutes(
        ledger.meetings.filter(m => !isUnknownCell(read, 'meetings', m.rowNumber, 'minutesSharedOn')),
        today,
        calendar
      )
    : [];
  return { today, findings: sortFindings(findings, read.contract), meetings: statuses };
}

const cellKey = (f: Finding): string => `${f.sheet}\u0000${f.row}\u0000${f.column}`;

/** 設定 first (it governs every other tab), then the contract's tab order; within a tab by row, then column. */
export function sortFindings(findings: readonly Finding[], contract: ContractSpec): Finding[] {
  const order = [...contract.tabs].sort((a, b) => Number(b.key === 'settings') - Number(a.key === 'settings')).map(t => t.name);
  const sheetRank = (s: string): number => {
    const i = order.indexOf(s);
    return i < 0 ? order.length : i;
  };
  return [...findings].sort(
    (a, b) => sheetRank(a.sheet) - sheetRank(b.sheet) || (a.row ?? 0) - (b.row ?? 0) || (a.column ?? '').localeCompare(b.column ?? '')
  );
}

export const errorCount = (r: CheckResult): number => r.findings.filter(f => f.severity === 'error').length;
