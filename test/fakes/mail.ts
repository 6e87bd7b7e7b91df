/** MailApp fake: records mail, enforces the daily recipient quota. */
import { Fake, isPlainObject, type Public, type Runtime, type Slice, signatureError } from './counter';

type MailOptions = GoogleAppsScript.Mail.MailAdvancedParameters;

export interface SentMail {
  to: string;
  subject: string;
  body: string;
  /** Everything else given: cc, bcc, htmlBody, name, replyTo, noReply, attachments… */
  options: Record<string, unknown>;
  /** Every recipient address (to, cc, bcc), as counted against the quota. */
  recipients: string[];
}

export interface MailState {
  remaining: number;
  sent: SentMail[];
}

export const QUOTA_EXCEEDED = 'Service invoked too many times for one day: email.';

function splitAddresses(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return String(v)
    .split(',')
    .map(s => s.trim())
    .filter(s => s !== '');
}

/** The address part of `Name <a@b>` or `a@b`. */
function looksLikeEmail(addr: string): boolean {
  const m = /<([^<>]+)>\s*$/.exec(addr);
  return /^[^\s@<>,]+@[^\s@<>,]+$/.test(m?.[1] ?? addr);
}

export class FakeMailApp extends Fake implements Slice<GoogleAppsScript.Mail.MailApp, Public<FakeMailApp>> {
  constructor(
    rt: Runtime,
    private readonly state: MailState
  ) {
    super(rt, 'MailApp');
  }

  getRemainingDailyQuota(): number {
    return this.state.remaining;
  }

  /**
   * sendEmail(message), sendEmail(to, subject, body), sendEmail(to, subject, body, options),
   * sendEmail(to, replyTo, subject, body). Each recipient in to, cc and bcc
   * (comma-separated) uses one unit of the daily quota; a send that does not
   * fit throws and sends nothing.
   */
  sendEmail(a: string | MailOptions, b?: string, c?: string, d?: string | MailOptions): void {
    let message: Record<string, unknown>;
    if (isPlainObject(a) && b === undefined) {
      message = { ...a };
    } else if (typeof a === 'string' && typeof b === 'string' && typeof c === 'string' && typeof d === 'string') {
      message = { to: a, replyTo: b, subject: c, body: d };
    } else if (typeof a === 'string' && b !== undefined && c !== undefined && (d === undefined || isPlainObject(d))) {
      message = { ...(isPlainObject(d) ? d : {}), to: a, subject: String(b), body: String(c) };
    } else {
      throw signatureError(
        this._rt,
        'MailApp.sendEmail',
        [a, b, c, d].filter(x => x !== undefined)
      );
    }
    const recipients = [...splitAddresses(message.to), ...splitAddresses(message.cc), ...splitAddresses(message.bcc)];
    if (recipients.length === 0) throw this._rt.error('Failed to send email: no recipient');
    for (const r of recipients) if (!looksLikeEmail(r)) throw this._rt.error(`Invalid email: ${r}`);
    if (recipients.length > this.state.remaining) throw this._rt.error(QUOTA_EXCEEDED);
    this.state.remaining -= recipients.length;
    const { to, subject, body, ...options } = message;
    this.state.sent.push({
      to: String(to ?? ''),
      subject: subject === undefined ? '' : String(subject),
      body: body === undefined ? '' : String(body),
      options,
      recipients,
    });
  }
}
