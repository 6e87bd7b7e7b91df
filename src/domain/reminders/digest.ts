/**
 * A reminder digest as mail: subject, Japanese plain-text body, and the key that makes sending it
 * idempotent. What may leave the workbook is fixed here (§21 16⑥): the body is built only from
 * the item fields in MAIL_FIELDS, never from a row of the ledger.
 */
import { WEEKDAY_JA, weekday, type Ymd } from '../dates';
import { mailSafeId } from '../mailSafeId';
import { TAB_NAME } from '../schema';
import type { Digest, ReminderItem, ReminderKind } from './plan';

/**
 * The only item fields that may appear in a mail: identifiers, kinds, dates and the place in the book. The
 * reference (`ref`) is mailed only when it has an ID's shape (mailSafeId.ts); otherwise the item is named by
 * `sheet` and `row`.
 */
export const MAIL_FIELDS = ['kind', 'ref', 'due', 'sheet', 'row'] as const;
export type MailField = (typeof MAIL_FIELDS)[number];
export type MailItem = Pick<ReminderItem, MailField>;

/** Where the item lives, as the recipient can open it (a sheet URL with the range, or 'ブック タブ!行'). */
export type LinkOf = (item: MailItem) => string;

export interface ComposedMail {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
}

export const SUBJECT_PREFIX = '[知財経営支援]';

export const KIND_LABEL: Readonly<Record<ReminderKind, string>> = {
  'minutes-overdue': '議事録の共有期限を過ぎています',
  'minutes-due-soon': '議事録の共有期限が近づいています',
  'case-action-due': '案件の次回期日です',
  'expert-consultation-missing': '専門家派遣の事前協議が記録されていません',
  'timesheet-missing': `先週の${TAB_NAME.pdHours}がありません`,
  'monthly-report-due': '月次活動報告書の作成時期です',
  'pd-report-overdue': '事業PDの月次報告書が期限を過ぎても受領されていません',
  'pd-evaluation-due': '事業PDの評価の期限が近づいています（未実施）',
  'pd-evaluation-unreported': '事業PDの評価結果が庁に報告されていません',
  'presentation-announcement-due': '成果発表会の開催案内（新聞・テレビ）が記録されていません',
  'presentation-coverage-missing': '成果発表会の採録記事が記録されていません',
  'reprint-permission-pending': '転載の許可が得られていません（納入期限が近づいています）',
};

/** Short names for logs and terminal lines. */
export const KIND_SHORT: Readonly<Record<ReminderKind, string>> = {
  'minutes-overdue': '議事録期限超過',
  'minutes-due-soon': '議事録期限間近',
  'case-action-due': '次回期日',
  'expert-consultation-missing': '事前協議未記録',
  'timesheet-missing': 'PD稼働未入力',
  'monthly-report-due': '月次報告書',
  'pd-report-overdue': `${TAB_NAME.pdReports}未受領`,
  'pd-evaluation-due': `${TAB_NAME.pdEvaluations}未実施`,
  'pd-evaluation-unreported': `${TAB_NAME.pdEvaluations}未報告`,
  'presentation-announcement-due': '発表会案内なし',
  'presentation-coverage-missing': '採録記事なし',
  'reprint-permission-pending': '転載の許可待ち',
};

const KIND_HINT: Readonly<Record<ReminderKind, string>> = {
  'minutes-overdue': `議事録を共有し、${TAB_NAME.meetings}の「議事録共有日」を入力してください。`,
  'minutes-due-soon': `期限までに議事録を共有し、${TAB_NAME.meetings}の「議事録共有日」を入力してください。`,
  'case-action-due': `${TAB_NAME.cases}の「次回アクション」を確認し、済んだら「次回期日」を更新してください。`,
  'expert-consultation-missing': '実施日までに庁・事業PDと事前協議を行い、「事前協議日」を入力してください（仕様書5.3(2)）。',
  'timesheet-missing': `稼働があれば${TAB_NAME.pdHours}に入力してください（仕様書10(3)）。`,
  'monthly-report-due': '前月分の月次活動報告書を作成してください（月初の3営業日のあいだ、作成されるまでお知らせします）。',
  'pd-report-overdue': `事業PDから対象月の月次報告書を受け取り、${TAB_NAME.pdReports}の「受領日」を入力してください（仕様書5.4(1)）。`,
  'pd-evaluation-due': `評価基準に基づいて事業PDを評価し、${TAB_NAME.pdEvaluations}に評価日と総合評価を入力してください（仕様書5.6(2)）。`,
  'pd-evaluation-unreported': `評価結果を庁に報告し、${TAB_NAME.pdEvaluations}の「庁報告日」を入力してください（仕様書5.6(2)）。`,
  'presentation-announcement-due': `開催前に新聞・テレビで告知し、${TAB_NAME.publicity}に「開催案内」として記録してください（仕様書7⑦）。`,
  'presentation-coverage-missing': `採録記事などで成果を周知し、${TAB_NAME.publicity}に「採録記事」として記録してください（仕様書7⑧）。`,
  'reprint-permission-pending': `許可を得たら${TAB_NAME.permissions}の「許可日」を入力してください。得られない著作物は事業報告書から外します（仕様書15(2)）。`,
};

const oneLine = (s: string): string => s.replace(/[\r\n\t\u2028\u2029]+/g, ' ').trim();

/** A week the planner names ('YYYY-MM-DD/YYYY-MM-DD', timesheet-missing): longer than an ID, made of dates only. */
const WEEK_REF = /^\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/;

/** The item by its place, for a reference that may not be mailed: 「PD評価 4行目」. */
const placeText = (item: Pick<ReminderItem, 'sheet' | 'row'>): string =>
  item.sheet === null ? '（IDはメールに表示しません）' : item.row === null ? item.sheet : `${item.sheet} ${item.row}行目`;

/**
 * The reference as mail may carry it: an ID of the mail-safe shape (mailSafeId.ts, whatever the kind), or one the
 * planner makes itself from the contract's tab names, dates and row numbers (a week, the item's tab, '<tab>!R<row>').
 * Anything else — an ID cell holding a company's name — is replaced by the item's tab and row.
 */
function mailRef(item: Pick<ReminderItem, 'ref' | 'sheet' | 'row'>): string {
  const id = mailSafeId(item.ref);
  if (id !== null) return id;
  const ref = item.ref.trim();
  if (WEEK_REF.test(ref)) return ref;
  if (item.sheet !== null && (ref === item.sheet || (item.row !== null && ref === `${item.sheet}!R${item.row}`))) return ref;
  return placeText(item);
}

/** The item as mail may carry it: only MAIL_FIELDS are copied, whatever else the object holds, and the reference as mailRef allows. */
export function mailItem(item: ReminderItem): MailItem {
  const picked: Record<string, unknown> = {};
  for (const f of MAIL_FIELDS) picked[f] = item[f];
  const safe = picked as unknown as MailItem;
  return { ...safe, ref: mailRef(safe) };
}

export const subjectOf = (count: number, today: Ymd): string => `${SUBJECT_PREFIX} 要対応 ${count}件 (${today})`;

export function composeDigest(digest: Pick<Digest, 'to' | 'name' | 'items'>, today: Ymd, linkOf: LinkOf): ComposedMail {
  const items = digest.items.map(mailItem);
  const lines: string[] = [
    `${oneLine(digest.name)} 様`,
    '',
    `${today}（${WEEKDAY_JA[weekday(today)] ?? ''}）時点で、対応が必要な項目が ${items.length} 件あります。`,
    '内容は事務局のブックで確認してください（情報保護のため、このメールには企業名や記載内容を含めていません）。',
  ];
  const kinds = [...new Set(items.map(i => i.kind))];
  for (const kind of kinds) {
    const ofKind = items.filter(i => i.kind === kind);
    lines.push('', `■ ${KIND_LABEL[kind]}（${ofKind.length}件）`, `  ${KIND_HINT[kind]}`);
    for (const item of ofKind) {
      lines.push(`  ・${item.ref}${dueText(item, today)}`, `    ${oneLine(linkOf(item))}`);
    }
  }
  lines.push(
    '',
    '-- ',
    'このメールは知財経営支援 事務局ブック（chizai-desk）が自動で送信しています。',
    `宛先は${TAB_NAME.handlers}で有効な方に限っています。このメールを名簿外の方へ転送しないでください。`
  );
  return { to: digest.to, subject: subjectOf(items.length, today), body: `${lines.join('\n')}\n` };
}

function dueText(item: MailItem, today: Ymd): string {
  if (item.due === null) return item.kind === 'timesheet-missing' ? `　対象週 ${item.ref.replace('/', '〜')}` : '';
  return `　期限 ${item.due}${item.due < today ? '（超過）' : item.due === today ? '（本日）' : ''}`;
}

// ---- idempotency ----------------------------------------------------------------------------------

/** FNV-1a, 32 bits, over UTF-16 code units: plain ECMAScript (Apps Script has no crypto module). */
function fnv1a32(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/**
 * A stable key for "this digest, to this address, on this day": the same items (in any order) give the
 * same key, so a retried or doubled run recognises what it already sent. Two FNV-1a bases make 64 bits.
 */
export function digestKey(today: Ymd, to: string, items: readonly Pick<ReminderItem, 'kind' | 'ref' | 'due'>[]): string {
  const canonical = [today, to.trim().toLowerCase(), ...items.map(i => `${i.kind}\t${i.ref}\t${i.due ?? ''}`).sort()].join('\n');
  return `remind/${today}/${hex8(fnv1a32(canonical, 0x811c9dc5))}${hex8(fnv1a32(canonical, 0x01000193 ^ 0x5bd1e995))}`;
}

/** The day a digest key belongs to, or null when the text is not a digest key. */
export function dayOfDigestKey(key: string): Ymd | null {
  const m = /^remind\/(\d{4}-\d{2}-\d{2})\/[0-9a-f]{16}$/.exec(key.trim());
  return m?.[1] ?? null;
}

/** One item to one address on one day: what "already sent today" is decided on, item by item. */
export const itemMark = (today: Ymd, to: string, item: Pick<ReminderItem, 'kind' | 'ref' | 'due'>): string =>
  `${today}\t${to.trim().toLowerCase()}\t${item.kind}\t${item.ref}\t${item.due ?? ''}`;

/** An item mark in 16 hex characters (the digest key's two FNV-1a hashes): what script properties can hold by the thousand. */
export const markHash = (mark: string): string => `${hex8(fnv1a32(mark, 0x811c9dc5))}${hex8(fnv1a32(mark, 0x01000193 ^ 0x5bd1e995))}`;

/** An item's mark as script properties record it. */
export const hashedItemMark = (today: Ymd, to: string, item: Pick<ReminderItem, 'kind' | 'ref' | 'due'>): string =>
  markHash(itemMark(today, to, item));

/**
 * The digest without the items already sent to its address today (marks from `mark`, itemMark unless given), or
 * null when none is new: a new item the same day is sent on its own, and what was sent in the morning is not sent again.
 */
export function unsentPart<D extends Pick<Digest, 'to' | 'items'>>(
  digest: D,
  today: Ymd,
  sent: ReadonlySet<string>,
  mark: typeof itemMark = itemMark
): D | null {
  const items = digest.items.filter(i => !sent.has(mark(today, digest.to, i)));
  if (items.length === 0) return null;
  return items.length === digest.items.length ? digest : { ...digest, items };
}
