import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { type CheckResult, calendarOf, check } from '../../domain/check';
import { addDays, isValidYmd, type YearMonth, type Ymd } from '../../domain/dates';
import type { ReadResult } from '../../domain/ledgerReader';
import { composeDigest, digestKey, itemMark, KIND_SHORT, type MailItem, unsentPart } from '../../domain/reminders/digest';
import { type Digest, planReminders, type ReminderPlan, type Skipped } from '../../domain/reminders/plan';
import { parse, requireDate } from '../args';
import { openSource, SHEET_OPTION } from '../book';
import { type Command, EXIT, fileProblem, type Io, refuseOutOfReach, showHelp, UserError } from '../cliSupport';
import { todayInTokyo } from '../clock';
import { DEFAULT_FROM, emlFileName, emlOf } from '../eml';
import { writeFileAtomic } from '../files';
import { findingLine } from '../findingsText';

const usage =
  'chizai-desk remind <book.xlsx | --sheet ID> --outbox DIR [--today YYYY-MM-DD] [--state FILE] [--json] [--from ADDRESS] [--reports DIR]';

// ---- state: the digests already "sent" (written to an outbox) -------------------------------------

interface SentRecord {
  readonly key: string;
  readonly to: string;
  readonly on: Ymd;
  /** itemMark of each item the digest carried (absent in files written before items were recorded). */
  readonly items?: readonly string[];
}

interface ReminderState {
  readonly version: 1 | 2;
  readonly sent: readonly SentRecord[];
}

/** Keys older than this are dropped from the state file: a key only ever matches on its own day. */
const STATE_KEEP_DAYS = 60;

function loadState(path: string): ReminderState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 2, sent: [] };
    throw new UserError(`状態ファイルを開けません: ${path}（${fileProblem(e)}）`, EXIT.usage, 'io');
  }
  try {
    const data = JSON.parse(text) as { sent?: unknown };
    if (!Array.isArray(data.sent)) throw new Error('sent がありません');
    const sent = data.sent.filter(
      (r): r is SentRecord =>
        typeof r === 'object' &&
        r !== null &&
        typeof r.key === 'string' &&
        typeof r.to === 'string' &&
        typeof r.on === 'string' &&
        (r.items === undefined || (Array.isArray(r.items) && r.items.every((i: unknown) => typeof i === 'string')))
    );
    return { version: 2, sent };
  } catch {
    throw new UserError(
      `状態ファイルを読み取れません: ${path}（chizai-desk remind が書いた形式ではありません。途中で切れているか、別のファイルです）。chizai-desk remind が書いたファイルを指定するか、新しいファイル名を指定してください。`,
      EXIT.usage,
      'unreadable'
    );
  }
}

const stateJson = (state: ReminderState, today: Ymd): string => {
  const oldest = addDays(today, -STATE_KEEP_DAYS);
  return `${JSON.stringify({ version: 2, sent: state.sent.filter(r => r.on >= oldest) }, null, 2)}\n`;
};

// ---- reports already written ------------------------------------------------------------------------

/** Months with a report in DIR: any .docx whose name holds the month as YYYY-MM. */
export function reportsIn(dir: string): Set<YearMonth> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw new UserError(`報告書のフォルダを読み取れません: ${dir}（${fileProblem(e)}）`, EXIT.usage, 'io');
  }
  const months = new Set<YearMonth>();
  for (const n of names) {
    if (!n.toLowerCase().endsWith('.docx')) continue;
    for (const m of n.matchAll(/(\d{4})-(\d{2})(?!\d)/g)) months.add(`${m[1]}-${m[2]}`);
  }
  return months;
}

// ---- the job ----------------------------------------------------------------------------------------

export interface RemindOptions {
  readonly outbox: string;
  readonly today: Ymd;
  /** Name the mails use for the book in their links ('ブック名「タブ」N行目'). */
  readonly bookName: string;
  readonly statePath?: string;
  readonly from?: string;
  readonly reportsDone?: ReadonlySet<YearMonth>;
}

export interface WrittenDigest {
  readonly digest: Digest;
  readonly key: string;
  readonly file: string;
}

export interface RemindOutcome {
  readonly check: CheckResult;
  readonly plan: ReminderPlan;
  /** Written to the outbox by this run. */
  readonly sent: readonly WrittenDigest[];
  /** Already in the state file: not written again. */
  readonly alreadySent: readonly { readonly digest: Digest; readonly key: string }[];
  readonly skipped: readonly Skipped[];
}

/** The local link: where in the book the item is (a file has no URL). */
export const localLinkOf =
  (bookName: string) =>
  (item: MailItem): string => {
    if (item.sheet === null) return `chizai-desk report ${bookName} --month ${item.ref} で作成`;
    return `${bookName}「${item.sheet}」${item.row === null ? '' : `${item.row}行目`}`;
  };

/** Plans the day's digests and writes each new one to the outbox as .eml. Used by `remind` and the demo. */
export async function remindWorkbook(read: ReadResult, options: RemindOptions): Promise<RemindOutcome> {
  const result = check(read, options.today);
  const plan = planReminders(read, result, options.today, calendarOf(read), { reportsDone: options.reportsDone ?? new Set() });
  const state: ReminderState = options.statePath ? loadState(options.statePath) : { version: 2, sent: [] };
  const known = new Set(state.sent.map(r => r.key));
  const sentItems = new Set(state.sent.flatMap(r => r.items ?? []));
  const alreadySent: { digest: Digest; key: string }[] = [];
  const linkOf = localLinkOf(options.bookName);
  const hour = read.ledger.settings.reminderHour;
  // What this run will write: only the items not already sent to that address today.
  const toWrite: { digest: Digest; key: string; file: string; bytes: Buffer | string }[] = [];
  for (const planned of plan.digests) {
    const fullKey = digestKey(options.today, planned.to, planned.items);
    const digest = known.has(fullKey) ? null : unsentPart(planned, options.today, sentItems);
    if (digest === null) {
      alreadySent.push({ digest: planned, key: fullKey });
      continue;
    }
    const key = digestKey(options.today, digest.to, digest.items);
    const mail = composeDigest(digest, options.today, linkOf);
    const file = join(options.outbox, emlFileName(options.today, digest.to, key));
    toWrite.push({ digest, key, file, bytes: await emlOf(mail, options.today, key, { from: options.from ?? DEFAULT_FROM, hour }) });
  }
  // The state is written before the mails: a run stopped in between never sends a digest twice.
  if (options.statePath && toWrite.length > 0) {
    const next: ReminderState = {
      version: 2,
      sent: [
        ...state.sent,
        ...toWrite.map(s => ({
          key: s.key,
          to: s.digest.to,
          on: options.today,
          items: s.digest.items.map(i => itemMark(options.today, s.digest.to, i)),
        })),
      ],
    };
    writeFileAtomic(options.statePath, stateJson(next, options.today));
  }
  const sent: WrittenDigest[] = [];
  for (const w of toWrite) {
    try {
      writeFileAtomic(w.file, w.bytes);
    } catch (e) {
      // Nothing of this run reaches the outbox after the failure: the state goes back to what it was.
      if (options.statePath)
        writeFileAtomic(
          options.statePath,
          stateJson({ version: 2, sent: [...state.sent, ...sent.map(s => sentRecord(s, options.today))] }, options.today)
        );
      throw new UserError(`送信フォルダに書き込めません: ${w.file}（${fileProblem(e)}）`, EXIT.usage, 'io');
    }
    sent.push({ digest: w.digest, key: w.key, file: w.file });
  }
  return { check: result, plan, sent, alreadySent, skipped: plan.skipped };
}

const sentRecord = (s: WrittenDigest, today: Ymd): SentRecord => ({
  key: s.key,
  to: s.digest.to,
  on: today,
  items: s.digest.items.map(i => itemMark(today, s.digest.to, i)),
});

/** Why a digest already in the --state file is not written again. */
export const ALREADY_SENT_REASON = '本日すでに同じ内容を送信済みです（--state の記録）';

/**
 * DESIGN.md "remind --json": {"sent":[{"to","items":[{"kind","ref","due"}]}],"skipped":[{"to","reason"}]}.
 * skipped lists both who may not receive and who was already sent the same items today (--state); unknown
 * lists the kinds that could not be decided because a tab or column is missing: [{"kind","reason"}].
 */
export function remindJson(outcome: RemindOutcome): string {
  return JSON.stringify({
    sent: outcome.sent.map(({ digest }) => ({ to: digest.to, items: digest.items.map(({ kind, ref, due }) => ({ kind, ref, due })) })),
    skipped: [
      ...outcome.skipped.map(({ to, reason }) => ({ to, reason })),
      ...outcome.alreadySent.map(({ digest }) => ({ to: digest.to, reason: ALREADY_SENT_REASON })),
    ],
    // Kinds that could not be decided (a tab or column missing): nothing of them was sent, and this says why.
    unknown: outcome.plan.unknown.map(({ kind, reason }) => ({ kind, reason })),
  });
}

function report(outcome: RemindOutcome, outbox: string, say: (line: string) => void): void {
  const { plan } = outcome;
  const findings = outcome.check.findings;
  if (findings.length > 0) {
    say(`ブックに指摘が ${findings.length} 件あります（リマインダーはそのまま作成します）:`);
    for (const f of findings) say(`  ${findingLine(f)}`);
  }
  if (plan.notBusinessDay !== null) {
    say(`${plan.today} は営業日ではありません（${plan.notBusinessDay}）。リマインダーは送りません。`);
    return;
  }
  say(`リマインダー（${plan.today}）: ${outcome.sent.length} 通を ${outbox} に書き出しました。`);
  for (const s of outcome.sent)
    say(
      `  ${s.digest.to}（${s.digest.name}）${s.digest.items.length}件: ${s.digest.items.map(i => `${i.ref}（${KIND_SHORT[i.kind]}）`).join(', ')} → ${basename(s.file)}`
    );
  if (outcome.alreadySent.length > 0)
    say(
      `本日すでに送った内容と同じため、${outcome.alreadySent.length} 通は書き出しませんでした: ${outcome.alreadySent.map(a => a.digest.to).join(', ')}`
    );
  for (const s of outcome.skipped) say(`  送信しません: ${s.to} — ${s.reason}（対象: ${s.items.map(i => i.ref).join(', ')}）`);
  for (const u of plan.unknown) say(`  判定できません: ${KIND_SHORT[u.kind]} — ${u.reason}。このリマインダーは送っていません。`);
  if (plan.digests.length === 0 && outcome.skipped.length === 0) say('本日対応が必要な項目はありません。');
}

export const remind: Command = {
  name: 'remind',
  usage,
  summary:
    '本日のリマインダーを宛先ごとに1通の .eml として送信フォルダに書き出します。宛先は情報取扱者名簿の有効な方だけです。--state で同じ日の二重送信を防ぎます。',
  async run(args: readonly string[], io: Io) {
    const { positionals, values } = parse(
      args,
      {
        outbox: { type: 'string' },
        today: { type: 'string' },
        state: { type: 'string' },
        json: { type: 'boolean' },
        from: { type: 'string' },
        reports: { type: 'string' },
        ...SHEET_OPTION,
      },
      usage
    );
    if (values.help) return showHelp(io, this);
    if (!values.outbox) throw new UserError(`--outbox（.eml を書き出すフォルダ）を指定してください。\n使い方: ${usage}`);
    if (values.from !== undefined && !/@/.test(values.from))
      throw new UserError(`--from にはメールアドレスを指定してください（指定: ${values.from}）。`);
    const today = requireDate(values.today, '--today') ?? todayInTokyo();
    if (!isValidYmd(today)) throw new UserError(`--today は実在する日付を指定してください（指定: ${today}）。`);
    const book = await openSource(positionals, values.sheet, usage, io);
    refuseOutOfReach(book.read.ledger.settings, { today: values.today });
    const outcome = await remindWorkbook(book.read, {
      outbox: resolve(values.outbox),
      today,
      bookName: book.name,
      ...(values.state ? { statePath: values.state } : {}),
      ...(values.from ? { from: values.from } : {}),
      ...(values.reports ? { reportsDone: reportsIn(values.reports) } : {}),
    });
    if (values.json) io.out(remindJson(outcome));
    report(outcome, values.outbox, values.json ? io.err : io.out);
    return EXIT.ok;
  },
};
