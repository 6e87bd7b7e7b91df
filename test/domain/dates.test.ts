import {
  addDays,
  compareYmd,
  daysBetween,
  daysInMonth,
  firstDayOfMonth,
  formatYmdJa,
  isBetween,
  isValidDate,
  isValidMonth,
  isValidYmd,
  lastDayOfMonth,
  maxYmd,
  minYmd,
  mondayOfWeek,
  monthOf,
  nextMonth,
  partsOf,
  previousMonth,
  serialFromYmd,
  weekday,
  ymd,
  ymdFromSerial,
} from '../../src/domain/dates';

describe('Ymd basics (DESIGN: every date is a calendar date YYYY-MM-DD)', () => {
  test('ymd pads and validates', () => {
    expect(ymd(2024, 10, 1)).toBe('2024-10-01');
    expect(() => ymd(2023, 2, 29)).toThrow(RangeError);
    expect(() => ymd(2024, 13, 1)).toThrow(RangeError);
    expect(() => ymd(24, 1, 1)).toThrow(RangeError);
  });

  test('isValidYmd accepts only real YYYY-MM-DD dates', () => {
    expect(isValidYmd('2024-02-29')).toBe(true);
    expect(isValidYmd('2023-02-29')).toBe(false);
    expect(isValidYmd('1900-02-29')).toBe(false);
    expect(isValidYmd('2000-02-29')).toBe(true);
    expect(isValidYmd('2024-2-29')).toBe(false);
    expect(isValidYmd('2024/02/29')).toBe(false);
    expect(isValidYmd(' 2024-02-29')).toBe(false);
    expect(isValidYmd(20240229)).toBe(false);
    expect(isValidYmd(null)).toBe(false);
  });

  test('isValidDate and daysInMonth', () => {
    expect(isValidDate(2024, 4, 30)).toBe(true);
    expect(isValidDate(2024, 4, 31)).toBe(false);
    expect(isValidDate(2024, 1.5, 1)).toBe(false);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2024, 12)).toBe(31);
  });

  test('partsOf splits and rejects garbage', () => {
    expect(partsOf('2024-10-01')).toEqual({ year: 2024, month: 10, day: 1 });
    expect(() => partsOf('2024-10-32')).toThrow(RangeError);
    expect(() => partsOf('yesterday')).toThrow(RangeError);
  });

  test('formatYmdJa', () => {
    expect(formatYmdJa('2024-10-01')).toBe('2024年10月1日');
  });
});

describe('spreadsheet serials (rawTable.ts: days since 1899-12-30, fraction = time of day)', () => {
  test.each([
    ['1899-12-30', 0],
    ['1900-03-01', 61],
    ['1970-01-01', 25569],
    ['2024-10-01', 45566],
    ['2025-03-31', 45747],
    ['2100-12-31', 73415],
  ])('%s ↔ %i', (d, serial) => {
    expect(serialFromYmd(d)).toBe(serial);
    expect(ymdFromSerial(serial)).toBe(d);
  });

  test('the time of day is dropped (floor), float noise at midnight is not', () => {
    expect(ymdFromSerial(45566.999)).toBe('2024-10-01');
    expect(ymdFromSerial(45566.5)).toBe('2024-10-01');
    expect(ymdFromSerial(45566.99999999999)).toBe('2024-10-02');
    expect(() => ymdFromSerial(Number.NaN)).toThrow(RangeError);
  });

  test('every day 1950..2100 round-trips and steps by one', () => {
    let d = '1950-01-01';
    for (let s = serialFromYmd(d); d <= '2100-12-31'; s++, d = addDays(d, 1)) {
      if (ymdFromSerial(s) !== d || serialFromYmd(d) !== s) throw new Error(`mismatch at ${d}`);
    }
    expect(d).toBe('2101-01-01');
  });
});

describe('day arithmetic', () => {
  test('addDays across month, year and leap day', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2024-10-01', 0)).toBe('2024-10-01');
    expect(addDays('2024-10-01', 365)).toBe('2025-10-01');
  });

  test('addDays keeps a DST change day whole (dates never pass through local time)', () => {
    expect(addDays('2024-03-09', 1)).toBe('2024-03-10');
    expect(addDays('2024-03-10', 1)).toBe('2024-03-11');
    expect(addDays('2024-11-03', 1)).toBe('2024-11-04');
  });

  test('weekday: 0 = Sunday', () => {
    expect(weekday('2024-10-11')).toBe(5); // Friday (REQUIREMENTS example)
    expect(weekday('2024-10-14')).toBe(1);
    expect(weekday('2024-10-13')).toBe(0);
    expect(weekday('2024-10-12')).toBe(6);
    expect(weekday('1970-01-01')).toBe(4);
  });

  test('daysBetween is b − a', () => {
    expect(daysBetween('2024-10-01', '2024-10-31')).toBe(30);
    expect(daysBetween('2024-10-31', '2024-10-01')).toBe(-30);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  test('compare, min, max, between', () => {
    expect(compareYmd('2024-09-30', '2024-10-01')).toBe(-1);
    expect(compareYmd('2024-10-01', '2024-10-01')).toBe(0);
    expect(compareYmd('2025-01-01', '2024-12-31')).toBe(1);
    expect(['2025-01-01', '2024-10-01', '2024-12-31'].sort(compareYmd)).toEqual(['2024-10-01', '2024-12-31', '2025-01-01']);
    expect(minYmd('2024-10-01', '2024-09-30')).toBe('2024-09-30');
    expect(maxYmd('2024-10-01', '2024-09-30')).toBe('2024-10-01');
    expect(isBetween('2024-10-01', '2024-10-01', '2024-10-31')).toBe(true);
    expect(isBetween('2024-11-01', '2024-10-01', '2024-10-31')).toBe(false);
  });

  test('mondayOfWeek (weeks run Monday to Sunday)', () => {
    expect(mondayOfWeek('2024-10-14')).toBe('2024-10-14');
    expect(mondayOfWeek('2024-10-11')).toBe('2024-10-07');
    expect(mondayOfWeek('2024-10-13')).toBe('2024-10-07');
    expect(mondayOfWeek('2025-01-01')).toBe('2024-12-30');
  });
});

describe('months (report --month YYYY-MM)', () => {
  test('isValidMonth', () => {
    expect(isValidMonth('2024-10')).toBe(true);
    expect(isValidMonth('2024-13')).toBe(false);
    expect(isValidMonth('2024-1')).toBe(false);
    expect(isValidMonth('2024-10-01')).toBe(false);
    expect(isValidMonth(202410)).toBe(false);
  });

  test('monthOf, first and last day', () => {
    expect(monthOf('2024-10-15')).toBe('2024-10');
    expect(firstDayOfMonth('2024-02')).toBe('2024-02-01');
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2025-02')).toBe('2025-02-28');
    expect(lastDayOfMonth('2024-09')).toBe('2024-09-30');
    expect(() => lastDayOfMonth('2024-00')).toThrow(RangeError);
  });

  test('previousMonth and nextMonth cross years', () => {
    expect(previousMonth('2025-01')).toBe('2024-12');
    expect(previousMonth('2024-10')).toBe('2024-09');
    expect(nextMonth('2024-12')).toBe('2025-01');
    expect(nextMonth('2025-03')).toBe('2025-04');
  });
});
