/**
 * How a menu command that sends something out of the workbook (a report Doc) starts: the clock's day, the workbook
 * read once, and the approval gate (src/domain/policy.ts) asked. A refusal is logged in 実行ログ and told in a dialog
 * here, so each command only returns its own "refused" outcome.
 */
import { ymdInTimeZone } from '../domain/clock';
import type { Ymd } from '../domain/dates';
import { type ReadResult, readLedger } from '../domain/ledgerReader';
import { exportAllowed } from '../domain/policy';
import { isDateValue } from '../domain/rawTable';
import { effectiveUser, RunLog } from './runLog';
import { readSheetTables } from './sheetTables';
import { tell } from './ui';

export interface ExportStart {
  readonly now: Date;
  readonly today: Ymd;
  readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  readonly log: RunLog;
  readonly read: ReadResult;
  /** Why the gate refused (already logged and told), or null. */
  readonly refused: string | null;
}

/** `at` defaults to now; whatever else Apps Script passes to an entry point is ignored. */
export function startExport(at: unknown, title: string, logKind: string, refusedResult: string): ExportStart {
  const now = isDateValue(at) ? at : new Date();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const today = ymdInTimeZone(now);
  const log = new RunLog();
  const read = readLedger(readSheetTables(ss).tables);
  const decision = exportAllowed(read.ledger.settings, effectiveUser(), today);
  if (decision.allowed) return { now, today, ss, log, read, refused: null };
  log.add({ kind: logKind, result: refusedResult, detail: decision.reason });
  log.flush(ss, now);
  tell(title, decision.reason);
  return { now, today, ss, log, read, refused: decision.reason };
}
