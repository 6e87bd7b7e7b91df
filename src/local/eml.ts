/**
 * A reminder digest as an .eml file (RFC 5322, UTF-8): what local mode "sends". The outbox is read by a
 * person or a mail client; nothing here opens a network connection.
 */
import type MailComposerType from 'nodemailer/lib/mail-composer';
import { partsOf, weekday, type Ymd } from '../domain/dates';
import type { ComposedMail } from '../domain/reminders/digest';

/** Sender when none is configured: a no-reply address that cannot be answered by mistake. */
export const DEFAULT_FROM = 'chizai-desk <noreply@localhost>';
/** The header that carries the digest key, so any tool can tell two copies of one digest apart. */
export const KEY_HEADER = 'X-Chizai-Desk-Key';

export interface EmlOptions {
  readonly from?: string;
  /** Hour of the Date header (Asia/Tokyo): 設定 リマインダー時刻. */
  readonly hour?: number;
}

const DAY_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTH_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** RFC 5322 date of the reminder hour on `today` in Asia/Tokyo, e.g. 'Mon, 02 Dec 2024 08:00:00 +0900'. */
export function mailDate(today: Ymd, hour = 8): string {
  const { year, month, day } = partsOf(today);
  return `${DAY_EN[weekday(today)]}, ${pad2(day)} ${MONTH_EN[month - 1]} ${year} ${pad2(hour)}:00:00 +0900`;
}

/** The message as bytes: subject and names encoded per RFC 2047, text body UTF-8, CRLF line ends. */
export function emlOf(mail: ComposedMail, today: Ymd, key: string, options: EmlOptions = {}): Promise<Buffer> {
  // nodemailer loads on demand: commands that write no mail need not pay its start-up time.
  const MailComposer = require('nodemailer/lib/mail-composer') as typeof MailComposerType;
  const composer = new MailComposer({
    from: options.from ?? DEFAULT_FROM,
    to: mail.to,
    subject: mail.subject,
    text: mail.body,
    date: mailDate(today, options.hour),
    messageId: `<${key.replace(/\//g, '.')}@chizai-desk.invalid>`,
    headers: { [KEY_HEADER]: key },
    textEncoding: 'base64',
    newline: 'win',
  });
  return new Promise((resolve, reject) => {
    composer.compile().build((err, message) => (err ? reject(err) : resolve(message)));
  });
}

/** One file per recipient and digest: '2024-12-02_nao.mikami@example.co.jp_1a2b3c4d.eml'. */
export function emlFileName(today: Ymd, to: string, key: string): string {
  const who = to
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._@+-]/g, '_');
  return `${today}_${who}_${key.slice(-8)}.eml`;
}
