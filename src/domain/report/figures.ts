/** Rounding, sums and date-range helpers the report's sections share. */
import { monthOf, nextMonth, partsOf, type YearMonth, type Ymd } from '../dates';

/** Sums of hours typed as 3:30 carry float noise; figures are shown to 2 decimals at most. */
export const round2 = (n: number): number => Math.round(n * 100) / 100;
export const round1 = (n: number): number => Math.round(n * 10) / 10;
export const sum = (xs: readonly number[]): number => round2(xs.reduce((a, b) => a + b, 0));
export const byDateThenRow = <T extends { date: Ymd; rowNumber: number }>(a: T, b: T): number =>
  a.date === b.date ? a.rowNumber - b.rowNumber : a.date < b.date ? -1 : 1;

/** '2025年2月中旬': a forecast is not precise to the day, so it is said in thirds of a month. */
export function roughDateJa(date: Ymd): string {
  const { year, month, day } = partsOf(date);
  return `${year}年${month}月${day <= 10 ? '上旬' : day <= 20 ? '中旬' : '下旬'}`;
}

/** '145.5' / '36': hours without a trailing .0. */
export const hoursText = (n: number): string => String(round2(n));

export const inRange = (d: Ymd, from: Ymd | null, to: Ymd): boolean => (from === null || from <= d) && d <= to;

/** Every month from `first` to `last`, both included (empty when first is after last). */
export function monthsFrom(first: YearMonth, last: YearMonth): YearMonth[] {
  const out: YearMonth[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) out.push(m);
  return out;
}

/**
 * The first month of the month-by-month figures: 事業開始日's month, else the month of the earliest date given
 * (the first row on record up to the month's end), else the report month itself.
 */
export function firstFigureMonth(toDateFrom: Ymd | null, dates: Iterable<Ymd>, month: YearMonth): YearMonth {
  if (toDateFrom !== null) return monthOf(toDateFrom);
  let first: Ymd | null = null;
  for (const d of dates) if (first === null || d < first) first = d;
  return first === null ? month : monthOf(first) < month ? monthOf(first) : month;
}

/** The fiscal year (April to March) the programme runs in: that of 事業開始日, else of 事業終了日. */
export function programmeFiscalYear(start: Ymd | null, end: Ymd): number {
  const anchor = partsOf(start ?? end);
  return anchor.month >= 4 ? anchor.year : anchor.year - 1;
}

/** The April-to-March fiscal year a month falls in: 2025-03 → 2024, 2025-04 → 2025. */
export const fiscalYearOfMonth = (month: YearMonth): number => {
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m >= 4 ? year : year - 1;
};

/**
 * The twelve months, April to March, of the fiscal year the report month falls in: the months every chart runs
 * over (a programme spanning two fiscal years shows each month in its own year's charts).
 */
export const fiscalYearMonths = (month: YearMonth): YearMonth[] => {
  const year = fiscalYearOfMonth(month);
  return monthsFrom(`${year}-04`, `${year + 1}-03`);
};
