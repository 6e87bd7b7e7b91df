/**
 * Business days (営業日) as the Office counts them (行政機関の休日に関する法律, REQUIREMENTS "Business days"):
 * not Saturdays, Sundays, national holidays (incl. 振替休日 and 国民の休日), December 29 .. January 3,
 * nor the dates in 設定 追加休日.
 */
import { addDays, partsOf, weekday, type Ymd } from './dates';
import { nationalHolidayName } from './holidays';

const isYearEnd = (date: Ymd): boolean => {
  const { month, day } = partsOf(date);
  return (month === 12 && day >= 29) || (month === 1 && day <= 3);
};

export class BusinessCalendar {
  private readonly extra: ReadonlySet<Ymd>;

  constructor(extraHolidays: readonly Ymd[] = []) {
    this.extra = new Set(extraHolidays);
  }

  /**
   * Why date is not a business day, in Japanese, or null when it is one. When several reasons apply the
   * most specific wins: 祝日（…） first, then 年末年始, then 土曜日/日曜日, then 追加休日.
   */
  whyNotBusinessDay(date: Ymd): string | null {
    // Deadlines and ranges ask about the same few hundred days again and again.
    const known = this.memo.get(date);
    if (known !== undefined) return known;
    const why = this.reasonNotBusinessDay(date);
    this.memo.set(date, why);
    return why;
  }

  private readonly memo = new Map<Ymd, string | null>();

  private reasonNotBusinessDay(date: Ymd): string | null {
    const holiday = nationalHolidayName(date);
    if (holiday !== null) return `祝日（${holiday}）`;
    if (isYearEnd(date)) return '年末年始';
    const wd = weekday(date);
    if (wd === 6) return '土曜日';
    if (wd === 0) return '日曜日';
    if (this.extra.has(date)) return '追加休日';
    return null;
  }

  isBusinessDay(date: Ymd): boolean {
    return this.whyNotBusinessDay(date) === null;
  }

  /**
   * The nth business day after date; the start day itself never counts. n = 0 returns date.
   * "Within N business days of the meeting" = on or before addBusinessDays(meeting, N).
   */
  addBusinessDays(date: Ymd, n: number): Ymd {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`business days must be a non-negative integer: ${n}`);
    let d = date;
    for (let left = n; left > 0; ) {
      d = addDays(d, 1);
      if (this.isBusinessDay(d)) left--;
    }
    return d;
  }

  /** The first business day after date (date itself never counts). */
  nextBusinessDay(date: Ymd): Ymd {
    return this.addBusinessDays(date, 1);
  }

  /** Number of business days from .. to, both included; 0 when from is after to. */
  businessDaysInRange(from: Ymd, to: Ymd): number {
    partsOf(to); // validates: an invalid bound must not loop until year 9999
    let count = 0;
    for (let d = from; d <= to; d = addDays(d, 1)) if (this.isBusinessDay(d)) count++;
    return count;
  }
}
