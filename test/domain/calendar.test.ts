import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BusinessCalendar } from '../../src/domain/calendar';
import { addDays } from '../../src/domain/dates';
import { holidayDataRange, nationalHolidayName } from '../../src/domain/holidays';

/**
 * 内閣府「国民の祝日について」 as published for 2024, 2025 and 2026, written out independently of the
 * bundled package so a wrong or stale package fails here.
 */
const OFFICIAL: Record<number, readonly string[]> = {
  2024: [
    '01-01',
    '01-08',
    '02-11',
    '02-12',
    '02-23',
    '03-20',
    '04-29',
    '05-03',
    '05-04',
    '05-05',
    '05-06',
    '07-15',
    '08-11',
    '08-12',
    '09-16',
    '09-22',
    '09-23',
    '10-14',
    '11-03',
    '11-04',
    '11-23',
  ],
  2025: [
    '01-01',
    '01-13',
    '02-11',
    '02-23',
    '02-24',
    '03-20',
    '04-29',
    '05-03',
    '05-04',
    '05-05',
    '05-06',
    '07-21',
    '08-11',
    '09-15',
    '09-23',
    '10-13',
    '11-03',
    '11-23',
    '11-24',
  ],
  2026: [
    '01-01',
    '01-12',
    '02-11',
    '02-23',
    '03-20',
    '04-29',
    '05-03',
    '05-04',
    '05-05',
    '05-06',
    '07-20',
    '08-11',
    '09-21',
    '09-22',
    '09-23',
    '10-12',
    '11-03',
    '11-23',
  ],
};

const daysOf = (year: number): string[] => {
  const out: string[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) out.push(d);
  return out;
};

describe('national holidays (REQUIREMENTS Business days: 国民の祝日, 振替休日, 国民の休日)', () => {
  test.each([2024, 2025, 2026])('bundled data matches the Cabinet Office list for %i exactly', year => {
    const official = new Set((OFFICIAL[year] ?? []).map(md => `${year}-${md}`));
    const fromData = daysOf(year).filter(d => nationalHolidayName(d) !== null);
    expect(fromData).toEqual([...official].sort());
  });

  test('names, including 振替休日 and 国民の休日', () => {
    expect(nationalHolidayName('2024-10-14')).toBe('スポーツの日');
    expect(nationalHolidayName('2024-01-01')).toBe('元日');
    expect(nationalHolidayName('2024-11-04')).toBe('文化の日 振替休日');
    expect(nationalHolidayName('2025-11-24')).toBe('勤労感謝の日 振替休日');
    expect(nationalHolidayName('2026-09-22')).toBe('国民の休日');
    expect(nationalHolidayName('2024-10-15')).toBeNull();
    expect(nationalHolidayName('2024-12-30')).toBeNull(); // 年末年始 is not a national holiday
  });

  test('the data covers whole years well past the programme', () => {
    expect(holidayDataRange.first <= '2019-01-01').toBe(true);
    expect(holidayDataRange.last >= '2030-12-31').toBe(true);
    expect(holidayDataRange.first.endsWith('-01-01')).toBe(true);
    expect(holidayDataRange.last.endsWith('-12-31')).toBe(true);
  });

  test('holidays.ts is the only module that imports the package (the build swaps it for a compact copy)', () => {
    const dir = join(__dirname, '../../src');
    const importers: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && readFileSync(p, 'utf8').includes('@holiday-jp/')) importers.push(p);
      }
    };
    walk(dir);
    expect(importers.map(p => p.slice(dir.length + 1).replace(/\\/g, '/'))).toEqual(['domain/holidays.ts']);
  });
});

describe('BusinessCalendar (REQUIREMENTS Business days, DESIGN Business days)', () => {
  const cal = new BusinessCalendar();

  test('minutes due in business days: 2024-10-11 + 5 → 2024-10-21 (REQUIREMENTS Business days example)', () => {
    expect(cal.addBusinessDays('2024-10-11', 5)).toBe('2024-10-21');
  });

  test.each([2024, 2025, 2026])('%i: a day is a business day iff weekday, not a holiday, not Dec 29..Jan 3', year => {
    const official = new Set((OFFICIAL[year] ?? []).map(md => `${year}-${md}`));
    for (const d of daysOf(year)) {
      const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
      const md = d.slice(5);
      const yearEnd = md >= '12-29' || md <= '01-03';
      const expected = dow !== 0 && dow !== 6 && !official.has(d) && !yearEnd;
      if (cal.isBusinessDay(d) !== expected) throw new Error(`${d}: expected isBusinessDay ${String(expected)}`);
    }
  });

  test('whyNotBusinessDay gives the Japanese reason, most specific first', () => {
    expect(cal.whyNotBusinessDay('2024-10-15')).toBeNull();
    expect(cal.whyNotBusinessDay('2024-10-12')).toBe('土曜日');
    expect(cal.whyNotBusinessDay('2024-10-13')).toBe('日曜日');
    expect(cal.whyNotBusinessDay('2024-10-14')).toBe('祝日（スポーツの日）');
    expect(cal.whyNotBusinessDay('2024-11-04')).toBe('祝日（文化の日 振替休日）');
    expect(cal.whyNotBusinessDay('2026-09-22')).toBe('祝日（国民の休日）');
    expect(cal.whyNotBusinessDay('2024-11-23')).toBe('祝日（勤労感謝の日）'); // a Saturday holiday
    expect(cal.whyNotBusinessDay('2025-01-01')).toBe('祝日（元日）');
    expect(cal.whyNotBusinessDay('2024-12-30')).toBe('年末年始');
    expect(cal.whyNotBusinessDay('2024-12-29')).toBe('年末年始'); // also a Sunday
    expect(cal.whyNotBusinessDay('2025-01-03')).toBe('年末年始');
  });

  test('year end: Dec 29 .. Jan 3 are closed even on weekdays (行政機関の休日)', () => {
    for (const d of ['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-02']) expect(cal.isBusinessDay(d)).toBe(false);
    expect(cal.isBusinessDay('2025-12-26')).toBe(true);
    expect(cal.isBusinessDay('2026-01-05')).toBe(true);
    expect(cal.isBusinessDay('2024-12-27')).toBe(true);
    expect(cal.isBusinessDay('2025-01-06')).toBe(true);
  });

  test('minutes due across the year end: 2024-12-25 + 5 → 2025-01-08 (12/26, 12/27, 1/6, 1/7, 1/8)', () => {
    expect(cal.addBusinessDays('2024-12-25', 5)).toBe('2025-01-08');
    expect(cal.addBusinessDays('2024-12-27', 1)).toBe('2025-01-06');
    expect(cal.addBusinessDays('2025-12-26', 10)).toBe('2026-01-19'); // 1/5..1/9, 1/13..1/16 (1/12 成人の日), 1/19
  });

  test('the meeting day itself never counts, even when it is a business day', () => {
    expect(cal.addBusinessDays('2024-10-15', 1)).toBe('2024-10-16');
    expect(cal.nextBusinessDay('2024-10-15')).toBe('2024-10-16');
    expect(cal.addBusinessDays('2024-10-12', 1)).toBe('2024-10-15'); // Saturday meeting
    expect(cal.nextBusinessDay('2024-10-11')).toBe('2024-10-15');
    expect(cal.addBusinessDays('2024-10-15', 0)).toBe('2024-10-15');
    expect(cal.addBusinessDays('2024-10-13', 0)).toBe('2024-10-13');
  });

  test('deadlines by meeting type (DESIGN 種別: 10, 5, 7 business days)', () => {
    expect(cal.addBusinessDays('2024-07-12', 10)).toBe('2024-07-29'); // 7/15 海の日
    expect(cal.addBusinessDays('2024-04-26', 7)).toBe('2024-05-10'); // Golden Week: 4/29, 5/3-5/6
    expect(cal.addBusinessDays('2025-09-19', 5)).toBe('2025-09-29'); // 9/23 秋分の日
    expect(cal.addBusinessDays('2026-09-18', 5)).toBe('2026-09-30'); // 9/21 敬老, 9/22 国民の休日, 9/23 秋分: 24, 25, 28, 29, 30
  });

  test('negative or fractional counts are programming errors', () => {
    expect(() => cal.addBusinessDays('2024-10-11', -1)).toThrow(RangeError);
    expect(() => cal.addBusinessDays('2024-10-11', 1.5)).toThrow(RangeError);
  });

  test('businessDaysInRange counts both ends', () => {
    expect(cal.businessDaysInRange('2024-10-01', '2024-10-31')).toBe(22); // 23 weekdays − スポーツの日
    expect(cal.businessDaysInRange('2024-10-11', '2024-10-21')).toBe(6);
    expect(cal.businessDaysInRange('2024-10-12', '2024-10-14')).toBe(0);
    expect(cal.businessDaysInRange('2024-10-15', '2024-10-15')).toBe(1);
    expect(cal.businessDaysInRange('2024-10-31', '2024-10-01')).toBe(0);
    expect(cal.businessDaysInRange('2024-12-28', '2025-01-05')).toBe(0);
    expect(() => cal.businessDaysInRange('2024-10-01', 'end')).toThrow(RangeError);
  });
});

describe('追加休日 (設定: extra non-business days)', () => {
  const cal = new BusinessCalendar(['2024-10-15', '2024-10-19']);

  test('an extra holiday is skipped and explained', () => {
    expect(cal.isBusinessDay('2024-10-15')).toBe(false);
    expect(cal.whyNotBusinessDay('2024-10-15')).toBe('追加休日');
    expect(cal.whyNotBusinessDay('2024-10-19')).toBe('土曜日'); // already closed
    expect(cal.addBusinessDays('2024-10-11', 5)).toBe('2024-10-22');
    expect(cal.businessDaysInRange('2024-10-01', '2024-10-31')).toBe(21);
  });

  test('calendars do not share extra holidays', () => {
    expect(new BusinessCalendar().isBusinessDay('2024-10-15')).toBe(true);
  });
});
