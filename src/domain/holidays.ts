/**
 * Japanese national holidays (国民の祝日, 振替休日, 国民の休日) from the bundled @holiday-jp/holiday_jp
 * data, never from Google's calendar (DESIGN "Business days").
 *
 * This is the only file that imports the package, and the import below must stay one plain statement:
 * the build may swap the module for a compacted copy. Only `name` of each entry is read, keyed by
 * 'YYYY-MM-DD'; the covered range is derived from the keys, so a copy trimmed to fewer years still works.
 */
import holidays from '@holiday-jp/holiday_jp/lib/holidays';
import type { Ymd } from './dates';

const table: Readonly<Record<string, { readonly name: string } | undefined>> = holidays;

/** The package names a 国民の休日 (a day between two holidays) just '休日'. */
const displayName = (name: string): string => (name === '休日' ? '国民の休日' : name);

/** The holiday's Japanese name ('スポーツの日', '文化の日 振替休日', '国民の休日'), or null. */
export function nationalHolidayName(date: Ymd): string | null {
  if (!Object.hasOwn(table, date)) return null;
  const entry = table[date];
  return entry ? displayName(entry.name) : null;
}

const keys = Object.keys(table).sort();

/** Whole years the data covers: January 1 of the first year .. December 31 of the last. */
export const holidayDataRange: { readonly first: Ymd; readonly last: Ymd } = {
  first: `${(keys[0] ?? '0000').slice(0, 4)}-01-01`,
  last: `${(keys[keys.length - 1] ?? '0000').slice(0, 4)}-12-31`,
};
