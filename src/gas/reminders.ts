/**
 * sendReminders and installTriggers: the day's digests by MailApp, from a daily time-driven
 * trigger or the menu. Mail is an export: the approval gate decides first (§21 12-14); addresses come only
 * from active handlers (§20(1)); every send, skip and failure goes to 実行ログ in one write; a digest whose
 * key 実行ログ already holds as 'sent' is never sent again, so a retried or doubled trigger is harmless.
 */

import { BusinessCalendar } from '../domain/calendar';
import { normalizeHeader } from '../domain/cellParsers';
import { calendarOf } from '../domain/check';
import { PROGRAMME_TIME_ZONE, ymdInTimeZone } from '../domain/clock';
import { isValidMonth, type YearMonth, type Ymd } from '../domain/dates';
import { readLedger } from '../domain/ledgerReader';
import { exportAllowed } from '../domain/policy';
import { isDateValue } from '../domain/rawTable';
import { HandlerList } from '../domain/recipients';
import {
  composeDigest,
  dayOfDigestKey,
  digestKey,
  hashedItemMark,
  KIND_SHORT,
  type MailItem,
  unsentPart,
} from '../domain/reminders/digest';
import { type Digest, planReminders } from '../domain/reminders/plan';
import { tabSpec } from '../domain/schema';
import type { Settings } from '../domain/settings';
import { checkSpreadsheet } from './checking';
import { refreshDashboard } from './dashboard';
import { effectiveUser, RunLog } from './runLog';
import { gridNamed, readSheetTables, type SheetGrid } from './sheetTables';
import { errorText } from './ui';

/** The entry point the daily trigger runs (src/gas/entryPoints.json). */
export const REMINDER_HANDLER = 'sendReminders';
/** The sender name recipients see. */
export const SENDER_NAME = '知財経営支援 事務局ブック';
/** How long a run waits for another run holding the script lock before leaving the sending to it. */
export const LOCK_WAIT_MS = 30_000;

/** 実行ログ 種類 and 結果 values this module writes. A later run reads back 'sent'. */
export const LOG_KIND = { reminder: 'reminder', trigger: 'trigger' } as const;
export const LOG_RESULT = {
  sent: 'sent',
  skipped: 'skipped',
  failed: 'failed',
  deferred: 'deferred',
  refused: 'refused',
  locked: 'locked',
  installed: 'installed',
} as const;

const QUOTA_ERROR = /too many times.*email|limit exceeded: email|回数が多すぎます.*email|メール.*上限/i;

export type ReminderRunOutcome = 'not-business-day' | 'refused' | 'locked' | 'done' | 'quota-exhausted';

export interface ReminderRun {
  readonly today: Ymd;
  readonly outcome: ReminderRunOutcome;
  readonly sent: number;
  readonly alreadySent: number;
  readonly skipped: number;
  readonly failed: number;
  readonly deferred: number;
  /** Japanese summary for the person at the menu (or the execution log in a trigger). */
  readonly message: string;
}

/** 設定 alone (one read): enough to know the business day, the approval and the reminder hour. */
function readSettingsOnly(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Settings {
  return readLedger(readSheetTables(ss, [tabSpec('settings').name]).tables).ledger.settings;
}

/**
 * sendReminders. `now` defaults to the current time; Apps Script passes the trigger's event object here,
 * which is ignored.
 */
export function sendRemindersJob(now?: unknown): ReminderRun {
  const at = isDateValue(now) ? now : new Date();
  const today = ymdInTimeZone(at);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const empty = { today, sent: 0, alreadySent: 0, skipped: 0, failed: 0, deferred: 0 };

  const settings = readSettingsOnly(ss);
  const closed = new BusinessCalendar(settings.extraHolidays).whyNotBusinessDay(today);
  if (closed !== null) {
    refreshDashboard(ss, at);
    return { ...empty, outcome: 'not-business-day', message: `${today} は営業日ではありません（${closed}）。リマインダーは送りません。` };
  }

  const log = new RunLog();
  const decision = exportAllowed(settings, effectiveUser(), today);
  if (!decision.allowed) {
    log.add({ kind: LOG_KIND.reminder, result: LOG_RESULT.refused, detail: decision.reason });
    log.flush(ss, at);
    refreshDashboard(ss, at);
    return { ...empty, outcome: 'refused', message: decision.reason };
  }

  const lock = LockService.getScriptLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    const detail = '別の実行がリマインダーを送信中のため、この実行では送りません（送信はその実行が行います）。';
    log.add({ kind: LOG_KIND.reminder, result: LOG_RESULT.locked, detail });
    log.flush(ss, at);
    return { ...empty, outcome: 'locked', message: detail };
  }
  try {
    return sendUnderLock(ss, at, today, log);
  } catch (e) {
    log.add({ kind: LOG_KIND.reminder, result: LOG_RESULT.failed, detail: `処理を中断しました: ${errorText(e)}` });
    throw e;
  } finally {
    // Log before letting go of the lock: the next run must see every key this one sent.
    log.flush(ss, at);
    lock.releaseLock();
  }
}

function sendUnderLock(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, at: Date, today: Ymd, log: RunLog): ReminderRun {
  // Statuses first (the checkAllEntries logic): the sheet shows what the mail says.
  const { read, result, open } = checkSpreadsheet(ss, at);
  const logGrid = gridNamed(open.grids, tabSpec('log').name);
  const history = logHistory(logGrid);
  const plan = planReminders(read, result, today, calendarOf(read), { reportsDone: history.reportsDone });
  const handlers = new HandlerList(read.ledger.handlers);
  const linkOf = sheetLinks(ss, open.grids);
  const counts = { sent: 0, alreadySent: 0, skipped: 0, failed: 0, deferred: 0 };
  const sentToday = SentDigests.open(today);

  for (const u of plan.unknown)
    log.add({
      kind: LOG_KIND.reminder,
      result: LOG_RESULT.skipped,
      detail: `${KIND_SHORT[u.kind]}を判定できません: ${u.reason}。このリマインダーは送っていません。`,
    });
  for (const s of plan.skipped) {
    counts.skipped++;
    log.add({ kind: LOG_KIND.reminder, to: s.to, result: LOG_RESULT.skipped, detail: `${s.reason}（対象: ${refsOf(s.items)}）` });
  }
  let quotaOut = false;
  for (const planned of plan.digests) {
    const fullKey = digestKey(today, planned.to, planned.items);
    // Only what was not sent to this address today: a new item the same day goes out on its own.
    const digest =
      history.sentKeys.has(fullKey) || sentToday.has(fullKey) ? null : unsentPart(planned, today, sentToday.items, hashedItemMark);
    if (digest === null) {
      counts.alreadySent++;
      continue; // sent earlier today by a run that logged it: a doubled or retried trigger
    }
    const key = digestKey(today, digest.to, digest.items);
    if (!handlers.isAuthorized(digest.to)) {
      counts.skipped++;
      log.add({
        kind: LOG_KIND.reminder,
        key,
        to: digest.to,
        result: LOG_RESULT.skipped,
        detail: '情報取扱者名簿で有効な宛先ではないため送りません',
      });
      continue;
    }
    // Once the day's quota is out, this and every later digest waits for the next run.
    const defer = (): void => {
      quotaOut = true;
      counts.deferred++;
      log.add({
        kind: LOG_KIND.reminder,
        key,
        to: digest.to,
        result: LOG_RESULT.deferred,
        detail: `本日の送信上限に達したため、次回の実行で送ります（${summaryOf(digest)}）`,
      });
    };
    if (quotaOut || MailApp.getRemainingDailyQuota() < 1) {
      defer();
      continue;
    }
    const mail = composeDigest(digest, today, linkOf);
    // Remembered before it is sent, forgotten again if sending fails: the record never lags behind the mail.
    sentToday.remember(
      key,
      digest.items.map(i => hashedItemMark(today, digest.to, i))
    );
    try {
      MailApp.sendEmail(mail.to, mail.subject, mail.body, { name: SENDER_NAME });
      counts.sent++;
      log.add({ kind: LOG_KIND.reminder, key, to: digest.to, result: LOG_RESULT.sent, detail: summaryOf(digest) });
    } catch (e) {
      sentToday.forget(key);
      if (QUOTA_ERROR.test(errorText(e))) {
        defer();
      } else {
        counts.failed++;
        log.add({
          kind: LOG_KIND.reminder,
          key,
          to: digest.to,
          result: LOG_RESULT.failed,
          detail: `送信できませんでした: ${errorText(e)}`,
        });
      }
    }
  }
  const outcome: ReminderRunOutcome = quotaOut ? 'quota-exhausted' : 'done';
  const unknownLines = plan.unknown.map(u => `${KIND_SHORT[u.kind]}を判定できません: ${u.reason}。`);
  const message = [runMessage(today, counts, plan.digests.length === 0 && plan.skipped.length === 0), ...unknownLines].join('\n');
  return { today, outcome, ...counts, message };
}

/** The item marks a property value lists (an earlier version stored a timestamp: no items). */
/** The 16-character item marks a property's value holds, back to back. */
function itemMarksOf(value: string | undefined): string[] {
  return (value ?? '').match(/[0-9a-f]{16}/g) ?? [];
}

/**
 * The day's sent digest keys, kept in script properties the moment each mail goes out. 実行ログ is written
 * once at the end of a run; if that write fails (a Sheets error, the 6-minute limit) the retry still knows
 * what was sent. Keys of earlier days are dropped, so the store holds one day's recipients at most.
 */
/**
 * The digests (and their items) sent today, in script properties: one property per digest, named by its key,
 * holding its items' 16-character marks; a digest of more items than one value holds (9 KB) continues in
 * properties named key#2, key#3…
 */
class SentDigests {
  static readonly PREFIX = 'reminder-sent:';
  /** Marks per property value: 9 KB of 16-character marks, with room to spare. */
  static readonly MARKS_PER_VALUE = 500;

  private constructor(
    private readonly props: GoogleAppsScript.Properties.Properties,
    private readonly keys: Set<string>,
    /** itemMark of every item sent today (each property's value lists its digest's items). */
    readonly items: Set<string>
  ) {}

  static open(today: Ymd): SentDigests {
    const props = PropertiesService.getScriptProperties();
    const keys = new Set<string>();
    const items = new Set<string>();
    const all = props.getProperties();
    for (const name of Object.keys(all)) {
      if (!name.startsWith(SentDigests.PREFIX)) continue;
      const [key = '', part] = name.slice(SentDigests.PREFIX.length).split('#');
      if (dayOfDigestKey(key) !== today) {
        props.deleteProperty(name);
        continue;
      }
      if (part === undefined) keys.add(key);
      for (const mark of itemMarksOf(all[name])) items.add(mark);
    }
    return new SentDigests(props, keys, items);
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  remember(key: string, marks: readonly string[]): void {
    this.keys.add(key);
    for (const m of marks) this.items.add(m);
    const per = SentDigests.MARKS_PER_VALUE;
    for (let i = 0, part = 1; i === 0 || i < marks.length; i += per, part++)
      this.props.setProperty(this.nameOf(key, part), marks.slice(i, i + per).join(''));
    this.parts.set(key, Math.max(1, Math.ceil(marks.length / per)));
  }

  forget(key: string): void {
    this.keys.delete(key);
    for (let part = 1; part <= (this.parts.get(key) ?? 1); part++) this.props.deleteProperty(this.nameOf(key, part));
  }

  private readonly parts = new Map<string, number>();

  private nameOf(key: string, part: number): string {
    return `${SentDigests.PREFIX}${key}${part === 1 ? '' : `#${part}`}`;
  }
}

function runMessage(today: Ymd, c: Omit<ReminderRun, 'today' | 'outcome' | 'message'>, nothingDue: boolean): string {
  if (nothingDue) return `${today}: 本日対応が必要な項目はありません。メールは送っていません。`;
  const lines = [`${today}: ${c.sent}通を送信しました。`];
  if (c.alreadySent) lines.push(`本日すでに送った内容と同じ ${c.alreadySent}通は送りませんでした。`);
  if (c.deferred) lines.push(`送信上限に達したため ${c.deferred}通は次回の実行で送ります。`);
  if (c.failed) lines.push(`${c.failed}通は送信に失敗しました（実行ログを確認してください）。`);
  if (c.skipped) lines.push(`${c.skipped}件の宛先は情報取扱者名簿で有効でないため送っていません（実行ログを参照）。`);
  return lines.join('\n');
}

const refsOf = (items: readonly MailItem[]): string => items.map(i => i.ref).join(', ');
const summaryOf = (d: Digest): string => `${d.items.length}件: ${d.items.map(i => `${i.ref}（${KIND_SHORT[i.kind]}）`).join(', ')}`;

/** Links into the spreadsheet: URL#gid=…&range=A{row}. One getSheetId per tab, not per item. */
function sheetLinks(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, grids: ReadonlyMap<string, SheetGrid>): (item: MailItem) => string {
  const url = ss.getUrl();
  const gids = new Map<string, number | null>();
  const gidOf = (sheet: string): number | null => {
    if (!gids.has(sheet)) gids.set(sheet, gridNamed(grids, sheet)?.sheet.getSheetId() ?? null);
    return gids.get(sheet) ?? null;
  };
  return item => {
    if (item.sheet === null) return `${url}（メニュー「知財経営支援 > Generate monthly report」で作成）`;
    const gid = gidOf(item.sheet);
    if (gid === null) return url;
    return item.row === null ? `${url}#gid=${gid}` : `${url}#gid=${gid}&range=A${item.row}`;
  };
}

// ---- 実行ログ, read once ----------------------------------------------------------------------------

export interface LogHistory {
  /** Digest keys logged with 結果 'sent'. */
  readonly sentKeys: ReadonlySet<string>;
  /** Months whose monthly report the log records as made. */
  readonly reportsDone: ReadonlySet<YearMonth>;
}

const REPORT_KIND = /report|報告書/i;
const NOT_DONE = /fail|refus|skip|lock|error|失敗|拒否|中止|スキップ/i;

/**
 * What earlier runs did, from 実行ログ as already read. A report counts as made when its row's 種類 names a
 * report, its キー holds the month (YYYY-MM) and its 結果 is not a failure or refusal.
 */
export function logHistory(grid: Pick<SheetGrid, 'values'> | undefined): LogHistory {
  const sentKeys = new Set<string>();
  const reportsDone = new Set<YearMonth>();
  const [header = [], ...rows] = grid?.values ?? [];
  const col = (h: string): number => header.findIndex(v => typeof v === 'string' && normalizeHeader(v) === normalizeHeader(h));
  const [kindAt, keyAt, resultAt] = [col('種類'), col('キー'), col('結果')];
  if (keyAt < 0 || resultAt < 0) return { sentKeys, reportsDone };
  for (const row of rows) {
    const key = String(row[keyAt] ?? '').trim();
    const result = String(row[resultAt] ?? '').trim();
    const kind = kindAt < 0 ? '' : String(row[kindAt] ?? '');
    if (!key) continue;
    if (result === LOG_RESULT.sent) sentKeys.add(key);
    const month = /\d{4}-\d{2}/.exec(key)?.[0];
    if (REPORT_KIND.test(kind) && month && isValidMonth(month) && !NOT_DONE.test(result)) reportsDone.add(month);
  }
  return { sentKeys, reportsDone };
}

// ---- installTriggers ----------------------------------------------------------------------------

export interface TriggerInstall {
  readonly hour: number;
  /** sendReminders triggers deleted before the new one was made. */
  readonly replaced: number;
  readonly message: string;
}

/**
 * Leaves exactly one daily trigger for sendReminders at 設定 リマインダー時刻 (Asia/Tokyo), however often it
 * runs: the trigger API cannot read a trigger's hour, so every old one is deleted and one made.
 */
export function installTriggersCommand(now: Date = new Date()): TriggerInstall {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const settings = readSettingsOnly(ss);
  const hour = settings.reminderHour;
  const log = new RunLog();
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    const detail = '別の実行がトリガーを設定中です。少し待ってからもう一度実行してください。';
    log.add({ kind: LOG_KIND.trigger, key: REMINDER_HANDLER, result: LOG_RESULT.locked, detail });
    log.flush(ss, now);
    return { hour, replaced: 0, message: detail };
  }
  try {
    let replaced = 0;
    for (const t of ScriptApp.getProjectTriggers()) {
      if (t.getHandlerFunction() !== REMINDER_HANDLER) continue;
      ScriptApp.deleteTrigger(t);
      replaced++;
    }
    ScriptApp.newTrigger(REMINDER_HANDLER).timeBased().atHour(hour).everyDays(1).inTimezone(PROGRAMME_TIME_ZONE).create();
    const detail = `毎日 ${hour}時台（${PROGRAMME_TIME_ZONE}）に ${REMINDER_HANDLER} を実行します（置き換えた既存のトリガー: ${replaced}件）。`;
    log.add({ kind: LOG_KIND.trigger, key: REMINDER_HANDLER, result: LOG_RESULT.installed, detail });
    const gate = exportAllowed(settings, effectiveUser(), ymdInTimeZone(now));
    const lines = [
      `リマインダーを毎日 ${hour}時台（日本時間）に送るよう設定しました。営業日以外は送りません。`,
      '時刻を変えるときは、設定タブの「リマインダー時刻」を直してからもう一度このメニューを実行してください。',
      ...(gate.allowed ? [] : ['', `注意: ${gate.reason}`]),
    ];
    return { hour, replaced, message: lines.join('\n') };
  } finally {
    log.flush(ss, now);
    lock.releaseLock();
  }
}
