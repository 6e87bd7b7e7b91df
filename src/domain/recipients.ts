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

export class HandlerList {
  private readonly active: readonly HandlerRow[];
  private readonly inactive: readonly HandlerRow[];

  constructor(handlers: readonly HandlerRow[]) {
    this.active = handlers.filter(h => h.active);
    this.inactive = handlers.filter(h => !h.active);
  }

  /** The active handler a 担当/議事録担当 cell names (by 氏名 or メール), or null. */
  resolve(person: string): Recipient | null {
    const k = key(person);
    const h = this.active.find(x => key(x.name) === k || key(x.email) === k);
    return h ? { name: h.name, email: h.email, role: h.role } : null;
  }

  /** Is this address allowed to receive mail? Only active members' addresses are. */
  isAuthorized(email: string): boolean {
    return this.active.some(h => key(h.email) === key(email));
  }

  withRole(role: Role): Recipient[] {
    return this.active.filter(h => h.role === role).map(h => ({ name: h.name, email: h.email, role: h.role }));
  }

  /** Why a person cannot receive: listed but inactive, or not listed at all. */
  reasonRefused(person: string): string {
    const k = key(person);
    return this.inactive.some(x => key(x.name) === k || key(x.email) === k)
      ? `「${person}」は${TAB_NAME.handlers}で無効（有効=FALSE）になっています`
      : `「${person}」は${TAB_NAME.handlers}に載っていません`;
  }
}
