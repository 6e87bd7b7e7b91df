/**
 * Who may receive the programme's information: only active members of 情報取扱者名簿 (§20(1)).
 * Every sender resolves people through this list; nothing else produces a mail address.
 */
import { normalizeHeader } from './cellParsers';
import { type HandlerRow, type Role, TAB_NAME } from './schema';

export interface Recipient {
  readonly name: string;
  readonly email: string;
  readonly role: Role | null;
}

const key = (s: string): string => normalizeHeader(s).toLowerCase().replace(/\s+/g, '');

/**
 * One person's address as every comparison of addresses sees it (NFKC, case and spaces ignored): who may receive,
 * and how the secretariat's roles count people rather than rows.
 */
export const addressKey = (email: string): string => key(email);

const names = (h: HandlerRow, k: string): boolean => (h.name !== null && key(h.name) === k) || key(h.email) === k;
/** A row without a readable 氏名 is still an address on the list: the mail greets the address. */
const recipientOf = (h: HandlerRow): Recipient => ({ name: h.name ?? h.email, email: h.email, role: h.role });

export class HandlerList {
  private readonly active: readonly HandlerRow[];
  private readonly inactive: readonly HandlerRow[];
  /** Rows whose 有効 is blank or unreadable: not authorised, and said so rather than "not on the list". */
  private readonly undecided: readonly HandlerRow[];

  constructor(handlers: readonly HandlerRow[]) {
    this.active = handlers.filter(h => h.active === true);
    this.inactive = handlers.filter(h => h.active === false);
    this.undecided = handlers.filter(h => h.active === null);
  }

  /** The active handler a 担当/議事録担当 cell names (by 氏名 or メール), or null. */
  resolve(person: string): Recipient | null {
    const k = key(person);
    const h = this.active.find(x => names(x, k));
    return h ? recipientOf(h) : null;
  }

  /** Is this address allowed to receive mail? Only active members' addresses are. */
  isAuthorized(email: string): boolean {
    return this.active.some(h => key(h.email) === key(email));
  }

  withRole(role: Role): Recipient[] {
    return this.active.filter(h => h.role === role).map(recipientOf);
  }

  /** Why a person cannot receive: listed but inactive, or not listed at all. */
  reasonRefused(person: string): string {
    const k = key(person);
    const undecided = this.undecided.find(x => names(x, k));
    if (undecided) return `「${person}」は${TAB_NAME.handlers}${undecided.rowNumber}行目の「有効」が読み取れず、有効と確認できません`;
    return this.inactive.some(x => names(x, k))
      ? `「${person}」は${TAB_NAME.handlers}で無効（有効=FALSE）になっています`
      : `「${person}」は${TAB_NAME.handlers}に載っていません`;
  }
}
