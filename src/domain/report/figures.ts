/** Rounding, sums and date-range helpers the report's sections share. */
import { partsOf, type Ymd } from '../dates';

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
