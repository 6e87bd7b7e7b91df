/**
 * Understanding what people type into a cell (DESIGN "The workbook contract": understood or rejected with
 * a clear message, never guessed silently). Every parser reads a Cell and returns Parsed<T>; failure
 * messages are Japanese, quote what was typed and say how to fix it. Text is compared after NFKC
 * (full-width digits, letters, spaces and punctuation → ASCII) and trimming; the cell itself is never changed.
 *
 * Blank cells are the caller's business (required/optional), but every parser accepts one without crashing:
 * single-value parsers answer `required`, list parsers an empty list.
 */

import {
  daysInMonth,
  formatYmdJa,
  isValidDate,
  monthOf,
  serialFromYmd,
  WEEKDAY_JA,
  weekday,
  type YearMonth,
  type Ymd,
  ymd,
  ymdFromSerial,
} from './dates';
import { type FindingCode, fail, ok, type Parsed } from './findings';
import { type Cell, type CellError, isCellError, isSerialDate } from './rawTable';

/** A cell as read; undefined stands for a cell past the end of a short row. */
export type CellInput = Cell | undefined;

export const normalizeText = (s: string): string => s.normalize('NFKC').trim();

/** Header (and tab/setting name) text for matching: NFKC + trim; non-text headers never match a name. */
export function normalizeHeader(cell: CellInput): string {
  if (typeof cell === 'string') return normalizeText(cell);
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  return '';
}

/** Null, missing, '' or only whitespace (full-width space included). */
export function isBlank(cell: CellInput): boolean {
  // trim() alone: NFKC maps no character that trim() keeps to whitespace alone, so the result is the same
  // as normalizeText(cell) === '' without normalising every cell of the workbook.
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

// ---- shared helpers -------------------------------------------------------------------------------

/** Dashes NFKC leaves alone but people (or an IME) type for '-': ‐ ‑ ‒ – — ― − ー ｰ. */
const unifyDashes = (s: string): string => s.replace(/[\u2010-\u2015\u2212\u30fc\uff70]/g, '-');

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** How a date/time cell shows: 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM' or 'H:MM' (a pure time or duration). */
function serialText(serial: number): string {
  if (!Number.isFinite(serial)) return String(serial);
  const totalMinutes = Math.round(serial * 1440);
  const day = Math.floor(totalMinutes / 1440);
  const minutes = totalMinutes - day * 1440;
  const time = `${Math.floor(minutes / 60)}:${pad2(minutes % 60)}`;
  if (day < 1) return time;
  if (day < MIN_TEXT_SERIAL || day > MAX_TEXT_SERIAL) return String(serial);
  const date = ymdFromSerial(day);
  return minutes === 0 ? date : `${date} ${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}
const MIN_TEXT_SERIAL = serialFromYmd('1000-01-01');
const MAX_TEXT_SERIAL = serialFromYmd('9999-12-31');

/** The most characters of typed text a message quotes: a 50,000-character cell must not become a 50,000-character note. */
export const QUOTE_LIMIT = 40;

/** Typed text for a message: trimmed, in 「」, cut after QUOTE_LIMIT characters (never inside a surrogate pair). */
export function quoteText(text: string): string {
  const t = text.trim();
  if (t.length <= QUOTE_LIMIT) return `「${t}」`;
  const points = Array.from(t);
  if (points.length <= QUOTE_LIMIT) return `「${t}」`;
  return `「${points.slice(0, QUOTE_LIMIT).join('')}…」（${points.length}文字）`;
}

/** A formula as a message names it: '=SUM(1,2)', cut after QUOTE_LIMIT characters. */
const formulaText = (formula: string): string => {
  const points = Array.from(formula.trim());
  return `=${points.length <= QUOTE_LIMIT ? points.join('') : `${points.slice(0, QUOTE_LIMIT).join('')}…`}`;
};

/** What was typed, quoted, for messages. */
function quoted(cell: CellInput): string {
  if (typeof cell === 'string') return quoteText(cell);
  if (typeof cell === 'number') return `「${String(cell)}」`;
  if (typeof cell === 'boolean') return `「${cell ? 'TRUE' : 'FALSE'}」`;
  if (cell && isSerialDate(cell)) return `日付・時刻セル「${serialText(cell.serial)}」`;
  if (cell && isCellError(cell))
    return cell.formula === undefined
      ? `エラー値「${cell.error}」`
      : `計算結果のない数式${cell.formula === '' ? '' : `「${formulaText(cell.formula)}」`}`;
  return '空欄';
}

const blankFail = <T>(what: string): Parsed<T> => fail('required', `${what}が入力されていません。`);

/**
 * An error value, or a formula saved without its result (the same message whatever the column's type): the cell is
 * unknown, and the row is used as any row with an unreadable cell is.
 */
const errorFail = <T>(code: FindingCode, cell: CellError, what: string): Parsed<T> =>
  cell.formula !== undefined
    ? fail(
        'formula-without-result',
        `${cell.formula === '' ? '数式' : `数式 ${formulaText(cell.formula)} `}の計算結果が保存されていません。Excel か LibreOffice で開いて保存し直すか、値を入力してください。`
      )
    : fail(code, `数式の結果がエラー値（${cell.error}）か値なしのため、${what}として読めません。数式を直すか、値を直接入力してください。`);

/** Plain decimal with optional sign and correctly grouped thousands ('1,200'), else null. */
function numberFromText(s: string): number | null {
  if (!/^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/.test(s) || !/\d/.test(s)) return null;
  const n = Number(s.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

// ---- dates ----------------------------------------------------------------------------------------

/** Dates outside this range are typos in this programme (e.g. 2924, or a year typed as 24). */
export const DATE_RANGE = { first: '1950-01-01', last: '2100-12-31' } as const;
const MIN_DATE_SERIAL = serialFromYmd(DATE_RANGE.first);
const MAX_DATE_SERIAL = serialFromYmd(DATE_RANGE.last);

const HOW_DATE = '日付は 2024/10/1、2024-10-01、2024年10月1日、令和6年10月1日、R6.10.1 のように入力してください。';

const dateFail = (message: string): Parsed<Ymd> => fail('invalid-date', message);

interface Era {
  readonly name: string;
  readonly letter: string;
  readonly first: Ymd;
  readonly last: Ymd | null;
}
const ERAS: readonly Era[] = [
  { name: '令和', letter: 'R', first: '2019-05-01', last: null },
  { name: '平成', letter: 'H', first: '1989-01-08', last: '2019-04-30' },
  { name: '昭和', letter: 'S', first: '1926-12-25', last: '1989-01-07' },
];
const eraContaining = (d: Ymd): Era | undefined => ERAS.find(e => d >= e.first && (e.last === null || d <= e.last));
const eraStartYear = (e: Era): number => Number(e.first.slice(0, 4));

function eraText(e: Era, d: Ymd): string {
  const eraYear = Number(d.slice(0, 4)) - eraStartYear(e) + 1;
  return `${e.name}${eraYear === 1 ? '元' : eraYear}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

const WESTERN_SEP = /^(\d{4})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{1,2})$/;
const WESTERN_JA = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const ERA_SEP = /^(令和|平成|昭和|[rhs])\s*(元|\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\3\s*(\d{1,2})$/i;
const ERA_JA = /^(令和|平成|昭和|[rhs])\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/i;
const SHORT_YEAR = /^\d{2}\s*(?:([/.-])\s*\d{1,2}\s*\1\s*\d{1,2}|年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$/;
const NO_YEAR = /^\d{1,2}\s*(?:[/.-]\s*\d{1,2}|月\s*\d{1,2}\s*日)$/;
/** Splits off what may follow a date: a weekday '(火)' / '（火曜日）' and a time ' 10:00' or 'T10:00:00'. */
const DATE_TAIL = /^(.*?)(?:\s*\(\s*([日月火水木金土])(?:曜日?)?\s*\))?(?:(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** A Gregorian y-m-d as typed in q, checked for existence and for the programme's range. */
function dateFromParts(y: number, m: number, d: number, q: string): Parsed<Ymd> {
  if (y < 1950 || y > 2100) return dateFail(`${q}の年（${y}年）は扱える範囲（1950年〜2100年）の外です。年を確かめてください。`);
  if (m < 1 || m > 12) return dateFail(`${q}の月（${m}月）はありません。月は1〜12で入力してください。`);
  if (!isValidDate(y, m, d))
    return dateFail(`${q}は存在しない日付です（${y}年${m}月は${daysInMonth(y, m)}日まで）。日付を確かめてください。`);
  return ok(ymd(y, m, d));
}

function dateFromEra(token: string, eraYearText: string, m: number, d: number, q: string): Parsed<Ymd> {
  const era = ERAS.find(e => e.name === token || e.letter === token.toUpperCase());
  if (!era) return dateFail(`${q}の元号が読めません。${HOW_DATE}`);
  const eraYear = eraYearText === '元' ? 1 : Number(eraYearText);
  if (eraYear < 1) return dateFail(`${q}: 元号の年は1年（元年）から数えます。${HOW_DATE}`);
  const parsed = dateFromParts(eraStartYear(era) + eraYear - 1, m, d, q);
  if (!parsed.ok) return parsed;
  const date = parsed.value;
  if (date >= era.first && (era.last === null || date <= era.last)) return parsed;
  const span = `${formatYmdJa(era.first)}〜${era.last === null ? '' : formatYmdJa(era.last)}`;
  const right = eraContaining(date);
  const fix = right ? `${formatYmdJa(date)}のことなら「${eraText(right, date)}」と入力してください。` : HOW_DATE;
  return dateFail(`${q}は${era.name}の期間（${span}）の外です。${fix}`);
}

function dateFromSerial(serial: number, quote: () => string): Parsed<Ymd> {
  if (Number.isFinite(serial) && serial >= MIN_DATE_SERIAL && serial < MAX_DATE_SERIAL + 1) return ok(ymdFromSerial(serial));
  const q = quote();
  if (!Number.isFinite(serial)) return dateFail(`${q}は日付として読めません。${HOW_DATE}`);
  if (serial >= 0 && serial < 1) return dateFail(`${q}は時刻だけで、日付がありません。${HOW_DATE}`);
  return dateFail(`${q}は扱える日付（1950年〜2100年）の範囲外です。年を確かめてください。`);
}

/** The date part of typed text (what DATE_TAIL leaves), read by the first form that matches. */
function dateFromHead(head: string, q: string): Parsed<Ymd> {
  const western = WESTERN_SEP.exec(head);
  if (western) return dateFromParts(Number(western[1]), Number(western[3]), Number(western[4]), q);
  const westernJa = WESTERN_JA.exec(head);
  if (westernJa) return dateFromParts(Number(westernJa[1]), Number(westernJa[2]), Number(westernJa[3]), q);
  const era = ERA_SEP.exec(head);
  if (era) return dateFromEra(era[1] ?? '', era[2] ?? '', Number(era[4]), Number(era[5]), q);
  const eraJa = ERA_JA.exec(head);
  if (eraJa) return dateFromEra(eraJa[1] ?? '', eraJa[2] ?? '', Number(eraJa[3]), Number(eraJa[4]), q);
  if (SHORT_YEAR.test(head))
    return dateFail(
      `${q}は年が2桁で、西暦か和暦か分かりません。2024/10/1 のように西暦4桁か、R6.10.1 のように元号を付けて入力してください。`
    );
  if (NO_YEAR.test(head)) return dateFail(`${q}には年がありません。2024/10/1 のように年から入力してください。`);
  if (/^\d{8}$/.test(head)) return dateFail(`${q}は区切りがなく日付として読めません。2024/10/01 のように「/」で区切って入力してください。`);
  return dateFail(`${q}は日付として読めません。${HOW_DATE}`);
}

function dateFromText(raw: string): Parsed<Ymd> {
  const q = quoteText(raw);
  const s = unifyDashes(normalizeText(raw));
  const tail = DATE_TAIL.exec(s);
  const parsed = dateFromHead(tail?.[1] ?? s, q);
  if (!parsed.ok || !tail) return parsed;
  const [, , dow, hh, mm, ss] = tail;
  if (hh !== undefined && (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59))
    return dateFail(`${q}の時刻が読めません。日付だけを入力してください（${HOW_DATE}）`);
  const actual = WEEKDAY_JA[weekday(parsed.value)];
  if (dow !== undefined && dow !== actual)
    return dateFail(`${q}の曜日が合いません。${formatYmdJa(parsed.value)}は${actual ?? ''}曜日です。日付か曜日を確かめてください。`);
  return parsed;
}

/**
 * A calendar date from a date cell, a serial number (1950..2100), or text: 2024/10/1, 2024-10-01,
 * 2024.10.1, 2024年10月1日, 令和6年10月1日, 令和元年5月1日, R6.10.1, R6/10/1, H31.4.30 (letters any case).
 * Also accepted, and checked: a weekday after the date ('2024/10/1(火)' must be a Tuesday) and a time
 * after it ('2024/10/1 10:00', the date part counts) — what a date-time cell looks like as text.
 * Rejected with a reason: 2-digit years, missing years, impossible dates, era years outside their era.
 */
export function parseDate(cell: CellInput): Parsed<Ymd> {
  if (cell === null || cell === undefined || isBlank(cell)) return blankFail('日付');
  if (typeof cell === 'string') return dateFromText(cell);
  if (typeof cell === 'number') {
    const hint = /^\d{8}$/.test(String(cell)) ? '2024/10/01 のように「/」で区切って入力してください。' : HOW_DATE;
    if (!Number.isFinite(cell) || cell < MIN_DATE_SERIAL || cell >= MAX_DATE_SERIAL + 1)
      return dateFail(`「${String(cell)}」は数値で、日付として読めません。${hint}`);
    return ok(ymdFromSerial(cell));
  }
  if (typeof cell === 'boolean') return dateFail(`${quoted(cell)}は日付ではありません。${HOW_DATE}`);
  if (isCellError(cell)) return errorFail('invalid-date', cell, '日付');
  return dateFromSerial(cell.serial, () => quoted(cell));
}

// ---- months ---------------------------------------------------------------------------------------

const HOW_MONTH = '月は 2024-10、2024/10、2024年10月、令和6年10月、R6.10 のように入力してください。';

const WESTERN_MONTH = /^(\d{4})\s*(?:[/.-]\s*(\d{1,2})|年\s*(\d{1,2})\s*月)$/;
const ERA_MONTH = /^(令和|平成|[rh])\s*(元|\d{1,2})\s*(?:[/.-]\s*(\d{1,2})|年\s*(\d{1,2})\s*月)$/i;

/**
 * A calendar month 'YYYY-MM' from text (2024-10, 2024/10, 2024.10, 2024年10月, 令和6年10月, R6.10, R6/10) or a
 * date cell or typed date (its month). Anything else is rejected: a month without a year, 2-digit years.
 */
const FISCAL_YEAR_WESTERN = /^(\d{4})\s*(?:年度?)?$/;
const FISCAL_YEAR_ERA = /^(令和|平成|[rh])\s*(元|\d{1,2})\s*(?:年度?)?$/i;
const HOW_FISCAL_YEAR = '年度は 2024、2024年度、令和6年度、R6 のように入力してください';

/** A fiscal year (年度) as its starting year: 2024, '2024年度', '令和6年度', 'R6', '令和６年度'. */
export function parseFiscalYear(cell: CellInput): Parsed<number> {
  const fail = (q: string): Parsed<number> => numberFail(`${q}は年度として読めません。${HOW_FISCAL_YEAR}。`);
  if (typeof cell === 'number') return Number.isInteger(cell) && cell >= 1950 && cell <= 2100 ? ok(cell) : fail(quoted(cell));
  if (typeof cell !== 'string' || isBlank(cell)) return notANumber(cell, HOW_FISCAL_YEAR);
  const s = normalizeText(cell);
  const western = FISCAL_YEAR_WESTERN.exec(s);
  if (western) {
    const year = Number(western[1]);
    return year >= 1950 && year <= 2100 ? ok(year) : fail(quoted(cell));
  }
  const era = FISCAL_YEAR_ERA.exec(s);
  const known = era ? ERAS.find(e => e.name === era[1] || e.letter === era[1]?.toUpperCase()) : undefined;
  if (!era || !known) return fail(quoted(cell));
  return ok(eraStartYear(known) + (era[2] === '元' ? 1 : Number(era[2])) - 1);
}

export function parseMonth(cell: CellInput): Parsed<YearMonth> {
  if (cell === null || cell === undefined || isBlank(cell)) return blankFail('月');
  if (typeof cell === 'object' && isCellError(cell)) return errorFail('invalid-date', cell, '月');
  if (typeof cell === 'object' || typeof cell === 'number') {
    const date = parseDate(cell);
    return date.ok ? ok(monthOf(date.value)) : fail('invalid-date', `${quoted(cell)}は月として読めません。${HOW_MONTH}`);
  }
  if (typeof cell === 'boolean') return fail('invalid-date', `${quoted(cell)}は月ではありません。${HOW_MONTH}`);
  const q = quoteText(cell);
  const s = unifyDashes(normalizeText(cell));
  const western = WESTERN_MONTH.exec(s);
  const era = western ? null : ERA_MONTH.exec(s);
  if (western || era) {
    const month = Number((western ? (western[2] ?? western[3]) : (era?.[3] ?? era?.[4])) ?? 0);
    // Day 1 of the month, through the date parser: the same range and era checks, the same messages.
    const first = western ? dateFromParts(Number(western[1]), month, 1, q) : dateFromEra(era?.[1] ?? '', era?.[2] ?? '', month, 1, q);
    return first.ok ? ok(monthOf(first.value)) : fail('invalid-date', first.message);
  }
  const date = dateFromText(cell);
  if (date.ok) return ok(monthOf(date.value));
  if (/^\d{1,2}\s*月$/.test(s)) return fail('invalid-date', `${q}には年がありません。2024年10月 のように年から入力してください。`);
  return fail('invalid-date', `${q}は月として読めません。${HOW_MONTH}`);
}

// ---- hours ----------------------------------------------------------------------------------------

const HOURS_EXAMPLES = '3:30、3.5、3時間30分、90分';

const hoursFail = (message: string): Parsed<number> => fail('invalid-number', message);

function hoursInRange(hours: number, quote: string | (() => string)): Parsed<number> {
  const v = Math.round(hours * 10_000) / 10_000;
  if (v > 0 && v <= 24) return ok(v);
  const q = typeof quote === 'string' ? quote : quote();
  if (v < 0) return hoursFail(`${q}はマイナスです。時間は ${HOURS_EXAMPLES} のように入力してください。`);
  if (v === 0) return hoursFail(`${q}は0時間です。活動した時間を入力してください（例: ${HOURS_EXAMPLES}）。`);
  if (v > 24) return hoursFail(`${q}は24時間を超えています。1件は24時間以内で入力し、日をまたぐときは日ごとに分けて記録してください。`);
  return ok(v);
}

const H_COLON = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const H_DECIMAL = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(?:h|hr|hrs|hour|hours|時間)?$/i;
const H_JA = /^(\d+)\s*時間\s*(?:(半)|(\d{1,2})\s*分)$/;
const H_HM = /^(\d+)\s*h\s*(\d{1,2})\s*m(?:in)?$/i;
const H_MINUTES = /^(\d+(?:\.\d+)?)\s*(?:分|m|min|mins|minutes)$/i;

function hoursFromText(raw: string): Parsed<number> {
  const q = quoteText(raw);
  const s = unifyDashes(normalizeText(raw));
  const colon = H_COLON.exec(s);
  if (colon) {
    const [min, sec] = [Number(colon[2]), Number(colon[3] ?? 0)];
    if (min > 59 || sec > 59) return hoursFail(`${q}の分・秒が60以上です。時間は ${HOURS_EXAMPLES} のように入力してください。`);
    return hoursInRange(Number(colon[1]) + min / 60 + sec / 3600, q);
  }
  const decimal = H_DECIMAL.exec(s);
  if (decimal) return hoursInRange(Number(decimal[1]), q);
  const ja = H_JA.exec(s);
  if (ja) {
    const min = ja[2] ? 30 : Number(ja[3]);
    if (min > 59) return hoursFail(`${q}の分が60以上です。時間は ${HOURS_EXAMPLES} のように入力してください。`);
    return hoursInRange(Number(ja[1]) + min / 60, q);
  }
  const hm = H_HM.exec(s);
  if (hm) {
    if (Number(hm[2]) > 59) return hoursFail(`${q}の分が60以上です。時間は ${HOURS_EXAMPLES} のように入力してください。`);
    return hoursInRange(Number(hm[1]) + Number(hm[2]) / 60, q);
  }
  const minutes = H_MINUTES.exec(s);
  if (minutes) return hoursInRange(Number(minutes[1]) / 60, q);
  return hoursFail(`${q}は時間として読めません。${HOURS_EXAMPLES} のように入力してください。`);
}

/**
 * Hours (> 0, ≤ 24, rounded to 4 decimals) from a number (hours), a time/duration cell (a fraction of a
 * day: 3:30 arrives as 0.14583 → 3.5 h) or text: 3:30, 3.5, 3h, 3.5h, 3時間, 3時間30分, 1時間半, 90分.
 */
export function parseHours(cell: CellInput): Parsed<number> {
  if (cell === null || cell === undefined || isBlank(cell)) return blankFail('時間');
  if (typeof cell === 'string') return hoursFromText(cell);
  if (typeof cell === 'number')
    return Number.isFinite(cell) ? hoursInRange(cell, () => quoted(cell)) : hoursFail(`${quoted(cell)}は時間として読めません。`);
  if (typeof cell === 'boolean')
    return hoursFail(`${quoted(cell)}は時間ではありません。時間は ${HOURS_EXAMPLES} のように入力してください。`);
  if (isCellError(cell)) return errorFail('invalid-number', cell, '時間');
  const hours = cell.serial * 24;
  // A duration past 24 h is still a small serial; a real calendar date is tens of thousands.
  if (!Number.isFinite(hours) || cell.serial >= 366)
    return hoursFail(
      `${quoted(cell)}は日付です。時間は ${HOURS_EXAMPLES} のように入力してください（セルの書式が日付になっていないかも確かめてください）。`
    );
  const totalMinutes = Math.round(hours * 60);
  const asTyped = `「${Math.floor(totalMinutes / 60)}:${pad2(totalMinutes % 60)}」`;
  return hoursInRange(hours, asTyped);
}

// ---- numbers --------------------------------------------------------------------------------------

const numberFail = (message: string): Parsed<number> => fail('invalid-number', message);

/** Common handling of the non-text, non-number cells for the numeric parsers. */
function notANumber(cell: CellInput, how: string): Parsed<number> {
  if (cell === null || cell === undefined || isBlank(cell)) return blankFail('数値');
  if (typeof cell === 'object' && isCellError(cell)) return errorFail('invalid-number', cell, '数値');
  if (typeof cell === 'object')
    return numberFail(`${quoted(cell)}は日付・時刻の書式になっています。${how}（セルの書式を「数値」にしてください）。`);
  return numberFail(`${quoted(cell)}は数値として読めません。${how}。`);
}

/**
 * A non-negative integer (settings such as PD予算日数 40). `units` lists counters the caller accepts
 * after the number ('日' → '40日'); without it a unit is rejected rather than guessed.
 */
export function parseCount(cell: CellInput, units: readonly string[] = []): Parsed<number> {
  const how = '0以上の整数を数字だけで入力してください（例: 40）';
  let n: number | null = null;
  if (typeof cell === 'number') n = Number.isFinite(cell) ? cell : null;
  else if (typeof cell === 'string' && !isBlank(cell)) {
    let s = unifyDashes(normalizeText(cell));
    const unit = units.find(u => s.endsWith(normalizeText(u)));
    if (unit !== undefined) s = s.slice(0, s.length - normalizeText(unit).length).trim();
    n = numberFromText(s);
  } else return notANumber(cell, how);
  if (n !== null && n >= 0 && Number.isSafeInteger(n)) return ok(n);
  const q = quoted(cell);
  if (n === null) return numberFail(`${q}は数として読めません。${how}。`);
  if (n < 0) return numberFail(`${q}はマイナスです。${how}。`);
  if (!Number.isSafeInteger(n)) return numberFail(`${q}は整数ではありません。${how}。`);
  return ok(n);
}

/** Yen as a non-negative integer: 1200, '1,200', '¥1,200', '１２００円'. Fractions of a yen are rejected. */
export function parseMoney(cell: CellInput): Parsed<number> {
  const how = '円単位の整数で入力してください（例: 1200、1,200、¥1,200、1,200円）';
  let n: number | null = null;
  if (typeof cell === 'number') n = Number.isFinite(cell) ? cell : null;
  else if (typeof cell === 'string' && !isBlank(cell)) {
    // NFKC turns ￥ into ¥ and ＼ into \ (a yen sign on Japanese keyboards).
    const s = unifyDashes(normalizeText(cell))
      .replace(/^[¥\\]\s*/, '')
      .replace(/\s*円$/, '');
    n = numberFromText(s);
  } else return notANumber(cell, how);
  if (n !== null && n >= 0 && Number.isSafeInteger(n)) return ok(n);
  const q = quoted(cell);
  if (n === null) return numberFail(`${q}は金額として読めません。${how}。`);
  if (n < 0) return numberFail(`${q}はマイナスです。${how}。`);
  if (!Number.isSafeInteger(n)) return numberFail(`${q}に1円未満の端数があります。${how}。`);
  return ok(n);
}

/** Any finite number: a number cell or text such as '-1.5', '1,200.5', '３'. */
export function parseNumber(cell: CellInput): Parsed<number> {
  const how = '数字で入力してください（例: 1.5、1,200）';
  if (typeof cell === 'number') return Number.isFinite(cell) ? ok(cell) : numberFail(`${quoted(cell)}は数値として読めません。${how}。`);
  if (typeof cell !== 'string' || isBlank(cell)) return notANumber(cell, how);
  const text = unifyDashes(normalizeText(cell));
  const n = numberFromText(text);
  if (n !== null) return ok(n);
  // '1,200件', '約1,200', '120万': a number with words around it is not guessed; say what to leave out.
  const around = /^(\D*?)\s*[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(\D*)$/.exec(text);
  const extra = around ? [around[1], around[2]].filter(Boolean).map(w => `「${w}」`) : [];
  return numberFail(
    `${quoteText(cell)}は数値として読めません。${how}${extra.length > 0 ? `。${extra.join('と')}は入れず、数字だけにしてください（単位は別の列に）` : ''}。`
  );
}

// ---- booleans, choices, e-mail, text --------------------------------------------------------------

const TRUE_WORDS: readonly string[] = ['true', '有効', 'はい', 'yes', '1'];
const FALSE_WORDS: readonly string[] = ['false', '無効', 'いいえ', 'no', '0'];

/** TRUE/FALSE (checkbox or text in any case), 有効/無効, はい/いいえ, yes/no, 1/0. */
export function parseBoolean(cell: CellInput): Parsed<boolean> {
  if (cell === null || cell === undefined || isBlank(cell)) return blankFail('TRUE/FALSE');
  if (typeof cell === 'boolean') return ok(cell);
  if (typeof cell === 'object' && isCellError(cell)) return errorFail('invalid-value', cell, 'TRUE/FALSE');
  if (typeof cell === 'string' || typeof cell === 'number') {
    const t = normalizeText(String(cell)).toLowerCase();
    if (TRUE_WORDS.includes(t)) return ok(true);
    if (FALSE_WORDS.includes(t)) return ok(false);
  }
  return fail(
    'invalid-value',
    `${quoted(cell)}は TRUE / FALSE として読めません。TRUE（有効）か FALSE（無効）を入力するか、チェックボックスを使ってください。`
  );
}

interface ChoiceIndex {
  readonly exact: ReadonlyMap<string, string>;
  readonly caseless: ReadonlyMap<string, string>;
}
const choiceIndexes = new WeakMap<readonly string[], ChoiceIndex>();

/** Each choice by its normalised text (and lower-cased), the first in list order winning, built once per list. */
function choiceIndex(choices: readonly string[]): ChoiceIndex {
  let index = choiceIndexes.get(choices);
  if (!index) {
    const exact = new Map<string, string>();
    const caseless = new Map<string, string>();
    for (const c of choices) {
      const n = normalizeText(c);
      if (!exact.has(n)) exact.set(n, c);
      if (!caseless.has(n.toLowerCase())) caseless.set(n.toLowerCase(), c);
    }
    index = { exact, caseless };
    choiceIndexes.set(choices, index);
  }
  return index;
}

/**
 * One of `choices`, compared after NFKC + trim (then, if still unmatched, ignoring letter case);
 * returns the choice as the contract spells it.
 */
export function parseChoice(cell: CellInput, choices: readonly string[]): Parsed<string> {
  if (cell === null || cell === undefined || isBlank(cell)) return blankFail('選択肢');
  if (typeof cell === 'object' && isCellError(cell)) return errorFail('invalid-choice', cell, '選択肢');
  if (typeof cell === 'string' || typeof cell === 'number') {
    const t = normalizeText(String(cell));
    const { exact, caseless } = choiceIndex(choices);
    const found = exact.get(t) ?? caseless.get(t.toLowerCase());
    if (found !== undefined) return ok(found);
  }
  return fail('invalid-choice', `${quoted(cell)}は選択肢にありません。次のいずれかを入力してください: ${choices.join('、')}`);
}

const EMAIL_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const EMAIL_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;

/** One address, NFKC + trimmed (full-width ＠ and letters are fine), domain lower-cased. */
export function parseEmail(cell: CellInput): Parsed<string> {
  if (cell === null || cell === undefined || isBlank(cell)) return blankFail('メールアドレス');
  if (typeof cell === 'object' && isCellError(cell)) return errorFail('invalid-value', cell, 'メールアドレス');
  const how = 'name@example.jp のように入力してください';
  if (typeof cell !== 'string') return fail('invalid-value', `${quoted(cell)}はメールアドレスではありません。${how}。`);
  const s = normalizeText(cell).replace(/^mailto:/i, '');
  if ((s.match(/@/g) ?? []).length > 1 || /[\s,;、]/.test(s))
    return fail('invalid-value', `${quoteText(cell)}には複数のアドレスか空白が含まれています。1つのセルに1つのアドレスを、${how}。`);
  const at = s.indexOf('@');
  const local = s.slice(0, at);
  const domain = s.slice(at + 1).toLowerCase();
  if (at < 1 || !EMAIL_LOCAL.test(local) || !EMAIL_DOMAIN.test(domain))
    return fail('invalid-value', `${quoteText(cell)}はメールアドレスとして読めません。${how}。`);
  return ok(`${local}@${domain}`);
}

/**
 * Text exactly as typed (not trimmed, not normalised: compare with normalizeText). A number as its
 * digits, a boolean as TRUE/FALSE, a date/time cell as 'YYYY-MM-DD' ('YYYY-MM-DD HH:MM', 'H:MM').
 */
export function parseText(cell: CellInput): Parsed<string> {
  if (cell === null || cell === undefined || isBlank(cell)) return blankFail('値');
  if (typeof cell === 'string') return ok(cell);
  if (typeof cell === 'number') return ok(String(cell));
  if (typeof cell === 'boolean') return ok(cell ? 'TRUE' : 'FALSE');
  if (isCellError(cell)) return errorFail('invalid-value', cell, '値');
  return ok(serialText(cell.serial));
}

const URL_PATTERN = /^https?:\/\/[^\s/?#]+\.[^\s/?#]+[^\s]*$/i;

/** A web link (https://… or http://…), NFKC + trimmed: a document in Drive, a page, a recording. */
export function parseUrl(cell: CellInput): Parsed<string> {
  if (cell === null || cell === undefined || isBlank(cell)) return blankFail('URL');
  if (typeof cell === 'object' && isCellError(cell)) return errorFail('invalid-value', cell, 'URL');
  const how = 'https:// で始まるリンク（ドライブの共有リンクなど）を入力してください';
  if (typeof cell !== 'string') return fail('invalid-value', `${quoted(cell)}はURLではありません。${how}。`);
  const s = normalizeText(cell);
  if (URL_PATTERN.test(s)) return ok(s);
  return fail('invalid-value', `${quoteText(cell)}はURLとして読めません。${how}。`);
}

// ---- lists ----------------------------------------------------------------------------------------

/** Items separated by ',' '、' ';' or line breaks (full-width forms included via NFKC). */
const splitItems = (s: string): string[] =>
  s
    .normalize('NFKC')
    .split(/[,、;\r\n]+/)
    .map(x => x.trim())
    .filter(x => x !== '');

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** Dates separated by commas or 、 (設定 追加休日); each as parseDate reads it. Blank → []. */
export function parseDateList(cell: CellInput): Parsed<Ymd[]> {
  const { dates, problem } = parseDateItems(cell);
  return problem === null ? ok(dates) : fail('invalid-date', problem);
}

/** The dates of a list that can be read, and what is wrong with the others (null when nothing is). */
export function parseDateItems(cell: CellInput): { readonly dates: Ymd[]; readonly problem: string | null } {
  if (cell === null || cell === undefined || isBlank(cell)) return { dates: [], problem: null };
  if (typeof cell !== 'string') {
    const one = parseDate(cell);
    return one.ok ? { dates: [one.value], problem: null } : { dates: [], problem: one.message };
  }
  const items = splitItems(cell);
  const dates: Ymd[] = [];
  const problems: string[] = [];
  items.forEach((item, i) => {
    const d = parseDate(item);
    if (d.ok) dates.push(d.value);
    else problems.push(items.length > 1 ? `${i + 1}番目: ${d.message}` : d.message);
  });
  if (problems.length === 0) return { dates: unique(dates), problem: null };
  const spaced = items.some(x => /\s/.test(x)) ? '複数の日付は「,」か「、」で区切ってください。' : '';
  return { dates: unique(dates), problem: problems.join('') + spaced };
}

/** Words separated by commas or 、, each NFKC + trimmed, duplicates dropped (許可ドメイン, 関連案件). Blank → []. */
export function parseList(cell: CellInput): Parsed<string[]> {
  if (cell === null || cell === undefined || isBlank(cell)) return ok([]);
  if (typeof cell === 'string') return ok(unique(splitItems(cell)));
  const one = parseText(cell);
  return one.ok ? ok([one.value]) : one;
}
