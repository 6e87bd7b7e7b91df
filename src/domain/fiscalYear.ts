/** Japan's fiscal year (年度): April to March, named by the year it starts in (FY2024 = 2024-04-01..2025-03-31). */
import { daysInMonth, partsOf, type Ymd, ymd } from './dates';

export const fiscalYearOf = (date: Ymd): number => {
  const { year, month } = partsOf(date);
  return month >= 4 ? year : year - 1;
};

export const fiscalYearStart = (fiscalYear: number): Ymd => ymd(fiscalYear, 4, 1);
export const fiscalYearEnd = (fiscalYear: number): Ymd => ymd(fiscalYear + 1, 3, 31);

/** The same month and day `years` later; 29 February becomes 28 February in a year without it. */
export function shiftYears(date: Ymd, years: number): Ymd {
  const { year, month, day } = partsOf(date);
  const target = year + years;
  return ymd(target, month, Math.min(day, daysInMonth(target, month)));
}
