/**
 * A figure whose source could not be read is not a fact: when a section's tab or one of the columns its
 * figures are computed from is missing, the section is unknown. Every figure of it is null and `unknown` says
 * why (in Japanese, naming the tab and column), so the report, `report --json` and anything drawn from the
 * model (a dashboard, charts) show 不明 with the reason instead of a zero. The settings a section compares
 * with (budgets, caps, targets) are still known and kept.
 */
import { missingSource, type ReadResult, rowsOf } from '../ledgerReader';
import { tabOf } from '../schema';

/** What a known section carries besides its figures. */
export interface Known {
  readonly unknown: null;
  /** Parts of a known section that could not be computed (a breakdown whose column is missing), in Japanese. */
  readonly caveats: readonly string[];
}

/** The same section when its source is missing: every figure null, the kept settings, and why. */
export type UnknownOf<T extends Known, Kept extends keyof T> = { readonly [K in Exclude<keyof T, Kept | keyof Known>]: null } & Pick<
  T,
  Kept
> & { readonly unknown: string; readonly caveats: readonly string[] };

/** A section as the model holds it: known, or unknown with its reason. */
export type Section<T extends Known, Kept extends keyof T> = T | UnknownOf<T, Kept>;

/** The unknown form of a computed section: its kept settings, every other figure null, and the reason. */
export function toUnknown<T extends Known, Kept extends keyof T>(section: T, kept: readonly Kept[], reason: string): UnknownOf<T, Kept> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(section)) out[k] = (kept as readonly string[]).includes(k) ? section[k as keyof T] : null;
  return { ...out, unknown: reason, caveats: [] } as unknown as UnknownOf<T, Kept>;
}

/**
 * A part of a known section computed from an optional column: its value, or null with a caveat when the
 * column is missing.
 */
export function partOf<V>(
  read: ReadResult,
  tabKey: string,
  columnKeys: readonly string[],
  what: string,
  caveats: string[],
  value: () => V
): V | null {
  const why = missingSource(read, tabKey, columnKeys);
  if (why === null) return value();
  caveats.push(`${what}は、${why}`);
  return null;
}

/** Is the section known? (narrows the union for the writers) */
export const isKnown = <T extends Known, Kept extends keyof T>(s: Section<T, Kept>): s is T => s.unknown === null;

/** 不明 as a table cell or in a sentence. */
export const UNKNOWN_TEXT = '不明';

/**
 * Rows typed into a tab but left out of its figures because a cell they cannot be used without is blank,
 * unreadable or merged (their findings say which): a caveat, so the figures are not read as the whole tab.
 */
export function leftOutCaveat(read: ReadResult, tabKey: string): string[] {
  const left = (read.entryRows[tabKey]?.length ?? 0) - rowsOf(read, tabKey).length;
  return left > 0
    ? [`${tabOf(read.contract, tabKey).name}の${left}行は読み取れないセルがあるため集計に含めていません（要対応事項を参照）`]
    : [];
}
