import { ymdInTimeZone } from '../domain/clock';

/** Today as the programme counts it: the calendar date in Asia/Tokyo, whatever the machine's TZ. */
export const todayInTokyo = (now: Date = new Date()): string => ymdInTimeZone(now);
