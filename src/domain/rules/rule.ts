/**
 * What a rule is: one condition over the ledger, in one file, producing findings. A rule names the tabs and
 * columns it needs; when the workbook lacks one (a tab added after the workbook was made), the rule stays
 * silent and the reader's missing-tab / missing-header finding says why.
 */
import type { BusinessCalendar } from '../calendar';
import type { Ymd } from '../dates';
import type { Finding } from '../findings';
import type { Ledger, ReadResult } from '../ledgerReader';
import type { HandlerList } from '../recipients';
import type { ContractSpec } from '../schema';
import type { Settings } from '../settings';

export interface RuleContext {
  readonly read: ReadResult;
  readonly contract: ContractSpec;
  readonly ledger: Ledger;
  readonly settings: Settings;
  readonly today: Ymd;
  readonly calendar: BusinessCalendar;
  /** Active and inactive handlers; null when 情報取扱者名簿 cannot say who is authorised (tab or columns missing). */
  readonly handlers: HandlerList | null;
}

export interface Rule {
  /** For tests and messages: what the rule checks, in a few words. */
  readonly name: string;
  /** Tab key → column keys the rule reads; the rule is skipped unless all are present. */
  readonly needs: Readonly<Record<string, readonly string[]>>;
  run(ctx: RuleContext): Finding[];
}
