/**
 * How far from the programme period a month or a day may be asked about. A report or a check years away from
 * 事業開始日..事業終了日 is a typo (9999-11), and would otherwise walk every month or business day in between.
 */
import type { YearMonth, Ymd } from './dates';
import type { Settings } from './settings';

/** Years either side of the programme period that a month or day may still be. */
export const REACH_YEARS = 3;

type Period = Pick<Settings, 'programmeStart' | 'programmeEnd'>;

const shiftYears = (day: Ymd, years: number): Ymd => `${String(Number(day.slice(0, 4)) + years).padStart(4, '0')}${day.slice(4)}`;

/** The days a command may be asked about: REACH_YEARS before 事業開始日 (or 事業終了日) to REACH_YEARS after 事業終了日. */
export function reachOf(settings: Period): { readonly from: Ymd; readonly to: Ymd } {
  return {
    from: shiftYears(settings.programmeStart ?? settings.programmeEnd, -REACH_YEARS),
    to: shiftYears(settings.programmeEnd, REACH_YEARS),
  };
}

/** Why a day (or a month: its first..last day) is refused, in Japanese, or null when it is within reach. */
function outOfReach(asked: string, first: Ymd, last: Ymd, settings: Period, what: string): string | null {
  const { from, to } = reachOf(settings);
  if (last >= from && first <= to) return null;
  return `${what}（${asked}）は事業期間（${settings.programmeStart ?? '?'}〜${settings.programmeEnd}）から${REACH_YEARS}年以上離れています。年を確認してください（${from}〜${to}）。`;
}

export const dayOutOfReach = (day: Ymd, settings: Period, what: string): string | null => outOfReach(day, day, day, settings, what);

export const monthOutOfReach = (month: YearMonth, settings: Period, what: string): string | null =>
  outOfReach(month, `${month}-01`, `${month}-31`, settings, what);
