/** Calendar dates of instants in a named time zone (ECMA-402 Intl, in both runtimes). */
import type { Ymd } from './dates';

export const PROGRAMME_TIME_ZONE = 'Asia/Tokyo';

export function ymdInTimeZone(instant: Date, timeZone: string = PROGRAMME_TIME_ZONE): Ymd {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string): string => parts.find(p => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** "2024-12-02 08:00:05" in the zone: how 実行ログ records time. */
export function timestampInTimeZone(instant: Date, timeZone: string = PROGRAMME_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string): string => parts.find(p => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}
