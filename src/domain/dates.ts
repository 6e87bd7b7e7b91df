/**
 * Calendar dates as 'YYYY-MM-DD' strings. Arithmetic goes through UTC epoch days (Date.UTC / getUTC*),
 * so no result ever depends on the machine's TZ.
 */

/** A calendar date, always 'YYYY-MM-DD' (years 1000..9999). */
export type Ymd = string;
/** A calendar month, always 'YYYY-MM'. */
export type YearMonth = string;

const DAY_MS = 86_400_000;
/** Spreadsheet serial of 1970-01-01 (serials count days from 1899-12-30, as Sheets and Excel do). */
const SERIAL_OF_UNIX_EPOCH = 25_569;

const pad2 = (n: number): string => String(n).padStart(2, '0');

export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days in month m (1..12) of year y. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** True when y-m-d is a real calendar date (years 1000..9999, so Date.UTC never applies its 19xx rule). */
export function isValidDate(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    y >= 1000 &&
    y <= 9999 &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

/** Formats a date; throws RangeError for an impossible one (a programming error, not a user's). */
export function ymd(y: number, m: number, d: number): Ymd {
  if (!isValidDate(y, m, d)) throw new RangeError(`not a calendar date: ${y}-${m}-${d}`);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

const YMD_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidYmd(s: unknown): s is Ymd {
  if (typeof s !== 'string') return false;
  const m = YMD_RE.exec(s);
  return m !== null && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export interface YmdParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Splits a date; throws RangeError when it is not a valid 'YYYY-MM-DD'. */
export function partsOf(date: Ymd): YmdParts {
  const m = YMD_RE.exec(date);
  const parts = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
  if (!parts || !isValidDate(parts.year, parts.month, parts.day)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return parts;
}

/** Days since 1970-01-01. */
function epochDay(date: Ymd): number {
  const { year, month, day } = partsOf(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromEpochDay(n: number): Ymd {
  const d = new Date(n * DAY_MS);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * The calendar date of a spreadsheet serial (days since 1899-12-30; the fraction is the time of day).
 * A hair of tolerance keeps a midnight that arrived as 45566.9999999999 (float noise from a conversion)
 * on its own day; it is far below the 1 ms resolution of a real time value.
 */
export function ymdFromSerial(serial: number): Ymd {
  if (!Number.isFinite(serial)) throw new RangeError(`not a serial: ${serial}`);
  return fromEpochDay(Math.floor(serial + 1e-9) - SERIAL_OF_UNIX_EPOCH);
}

export const serialFromYmd = (date: Ymd): number => epochDay(date) + SERIAL_OF_UNIX_EPOCH;

export const addDays = (date: Ymd, n: number): Ymd => fromEpochDay(epochDay(date) + n);

/** Day of the week, 0 = Sunday .. 6 = Saturday. */
export const weekday = (date: Ymd): number => new Date(epochDay(date) * DAY_MS).getUTCDay();

export const WEEKDAY_JA = ['日', '月', '火', '水', '木', '金', '土'] as const;

/** b − a in days (positive when b is later). */
export const daysBetween = (a: Ymd, b: Ymd): number => epochDay(b) - epochDay(a);

/** Valid 'YYYY-MM-DD' strings order like their dates. */
export const compareYmd = (a: Ymd, b: Ymd): number => (a < b ? -1 : a > b ? 1 : 0);
export const minYmd = (a: Ymd, b: Ymd): Ymd => (a <= b ? a : b);

/**
 * A date of something done counts once it has come: a receipt, a report or a permission dated after asOf has not
 * happened yet (the cell is recorded-in-future), so it does not close what it would close.
 */
export const happenedBy = (date: Ymd | null, asOf: Ymd): boolean => date !== null && date <= asOf;
export const maxYmd = (a: Ymd, b: Ymd): Ymd => (a >= b ? a : b);
/** a ≤ d ≤ b. */
export const isBetween = (d: Ymd, a: Ymd, b: Ymd): boolean => a <= d && d <= b;

/** Monday of the (Monday-to-Sunday) week containing date. */
export const mondayOfWeek = (date: Ymd): Ymd => addDays(date, -((weekday(date) + 6) % 7));

/** '2024年10月1日' — for messages. */
export function formatYmdJa(date: Ymd): string {
  const { year, month, day } = partsOf(date);
  return `${year}年${month}月${day}日`;
}

// ---- months ---------------------------------------------------------------------------------------

const MONTH_RE = /^(\d{4})-(\d{2})$/;

export function isValidMonth(s: unknown): s is YearMonth {
  if (typeof s !== 'string') return false;
  const m = MONTH_RE.exec(s);
  return m !== null && isValidDate(Number(m[1]), Number(m[2]), 1);
}

function monthParts(month: YearMonth): { year: number; month: number } {
  if (!isValidMonth(month)) throw new RangeError(`not a YYYY-MM month: ${month}`);
  return { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) };
}

export const monthOf = (date: Ymd): YearMonth => {
  partsOf(date);
  return date.slice(0, 7);
};

export const firstDayOfMonth = (month: YearMonth): Ymd => {
  const p = monthParts(month);
  return ymd(p.year, p.month, 1);
};

export const lastDayOfMonth = (month: YearMonth): Ymd => {
  const p = monthParts(month);
  return ymd(p.year, p.month, daysInMonth(p.year, p.month));
};

export const previousMonth = (month: YearMonth): YearMonth => monthOf(addDays(firstDayOfMonth(month), -1));

export const nextMonth = (month: YearMonth): YearMonth => monthOf(addDays(lastDayOfMonth(month), 1));
