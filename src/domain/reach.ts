/**
 * How far from the programme period a month or a day may be asked about. A report or a check years away from
 * 事業開始日..事業終了日 is a typo (9999-11), and would otherwise walk every month or business day in between.
 */
import type { YearMonth, Ymd } from './dates';
import { TAB_NAME } from './schema';
import type { Settings } from './settings';

/** Years either side of the programme period that a month or day may still be. */
export const REACH_YEARS = 3;

const shiftYears = (day: Ymd, years: number): Ymd => `${String(Number(day.slice(0, 4)) + years).padStart(4, '0')}${day.slice(4)}`;

/** The days a command may be asked about: REACH_YEARS before 事業開始日 (or 事業終了日) to REACH_YEARS after 事業終了日. */
export function reachOf(settings: Pick<Settings, 'programmeStart' | 'programmeEnd'>): { readonly from: Ymd; readonly to: Ymd } {
  const start = settings.programmeStart ?? settings.programmeEnd;
  return { from: shiftYears(start, -REACH_YEARS), to: shiftYears(settings.programmeEnd, REACH_YEARS) };
}

/** Why a day is refused (Japanese, with what to do), or null when it is within reach. */
export function dayOutOfReach(day: Ymd, settings: Pick<Settings, 'programmeStart' | 'programmeEnd'>, what: string): string | null {
  const { from, to } = reachOf(settings);
  if (day >= from && day <= to) return null;
  return `${what}（${day}）は事業期間（${settings.programmeStart ?? '開始日未設定'}〜${settings.programmeEnd}、${TAB_NAME.settings}タブ）から${REACH_YEARS}年以上離れています。年の入力を確認してください（${from}〜${to} の範囲で指定できます）。`;
}

/** The same for a month: refused when its first day is after the reach or its last day before it. */
export function monthOutOfReach(
  month: YearMonth,
  settings: Pick<Settings, 'programmeStart' | 'programmeEnd'>,
  what: string
): string | null {
  const { from, to } = reachOf(settings);
  if (`${month}-31` >= from && `${month}-01` <= to) return null;
  return `${what}（${month}）は事業期間（${settings.programmeStart ?? '開始日未設定'}〜${settings.programmeEnd}、${TAB_NAME.settings}タブ）から${REACH_YEARS}年以上離れています。年の入力を確認してください（${from.slice(0, 7)}〜${to.slice(0, 7)} の範囲で指定できます）。`;
}
