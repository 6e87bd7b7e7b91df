/**
 * Time-zone arithmetic for the fakes (Utilities.formatDate, display values,
 * edit-event date serials). Uses Intl with the named zone, so results never
 * depend on the machine's TZ.
 */

export interface ZonedFields {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number; // 0..23
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
  /** Offset from UTC in minutes (e.g. +540 for Asia/Tokyo). */
  offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  if (formatters.has(zone)) return formatters.get(zone) ?? null;
  let f: Intl.DateTimeFormat | null;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
  } catch {
    f = null;
  }
  formatters.set(zone, f);
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `GMT+9`, `GMT+09:00`, `UTC-0330` style fixed offsets, in minutes; null if not one. */
function fixedOffset(zone: string): number | null {
  const m = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/i.exec(zone.trim());
  if (!m) return null;
  if (m[1] === undefined) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * Calendar fields of an instant in a zone. Like Java's TimeZone (which Apps
 * Script uses), an unknown zone id silently means GMT.
 */
export function zonedFields(ms: number, zone: string): ZonedFields {
  const f = fixedOffset(zone) === null ? formatterFor(zone) : null;
  if (f) {
    const parts: Record<string, string> = {};
    for (const p of f.formatToParts(new Date(ms))) parts[p.type] = p.value;
    const year = Number(parts.year);
    const month = Number(parts.month);
    const day = Number(parts.day);
    const hour = Number(parts.hour);
    const minute = Number(parts.minute);
    const second = Number(parts.second);
    const millisecond = ((ms % 1000) + 1000) % 1000;
    const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
    return {
      year,
      month,
      day,
      hour,
      minute,
      second,
      millisecond,
      weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Sun'),
      offsetMinutes: Math.round((asUtc - ms) / 60000),
    };
  }
  const offset = fixedOffset(zone) ?? 0;
  const d = new Date(ms + offset * 60000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
    offsetMinutes: offset,
  };
}

const pad = (n: number, width: number): string => String(Math.abs(n)).padStart(width, '0');
const DAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function offsetText(minutes: number, withColon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const h = pad(Math.trunc(Math.abs(minutes) / 60), 2);
  const m = pad(Math.abs(minutes) % 60, 2);
  return withColon ? `${sign}${h}:${m}` : `${sign}${h}${m}`;
}

/**
 * java.text.SimpleDateFormat subset: y, M, d, H, h, a, m, s, S, E, Z, X and
 * 'quoted text'. Any other letter throws, as SimpleDateFormat does
 * ("Illegal pattern character 'x'").
 */
export function formatPattern(ms: number, zone: string, pattern: string): string {
  const f = zonedFields(ms, zone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern.charAt(i);
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      if (end < 0) throw new Error('Unterminated quote');
      out += pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i += 1;
      continue;
    }
    let n = 1;
    while (pattern.charAt(i + n) === ch) n += 1;
    i += n;
    switch (ch) {
      case 'y':
        out += n === 2 ? pad(f.year % 100, 2) : pad(f.year, Math.max(n, 1));
        break;
      case 'M':
        out += n >= 4 ? MONTH_LONG[f.month - 1] : n === 3 ? MONTH_SHORT[f.month - 1] : pad(f.month, n);
        break;
      case 'd':
        out += pad(f.day, n);
        break;
      case 'H':
        out += pad(f.hour, n);
        break;
      case 'h':
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n);
        break;
      case 'a':
        out += f.hour < 12 ? 'AM' : 'PM';
        break;
      case 'm':
        out += pad(f.minute, n);
        break;
      case 's':
        out += pad(f.second, n);
        break;
      case 'S':
        out += pad(f.millisecond, Math.max(n, 3)).slice(0, Math.max(n, 3));
        break;
      case 'E':
        out += n >= 4 ? DAY_LONG[f.weekday] : DAY_SHORT[f.weekday];
        break;
      case 'u':
        out += String(f.weekday === 0 ? 7 : f.weekday);
        break;
      case 'Z':
        out += offsetText(f.offsetMinutes, false);
        break;
      case 'X':
        out += f.offsetMinutes === 0 ? 'Z' : n >= 3 ? offsetText(f.offsetMinutes, true) : offsetText(f.offsetMinutes, false);
        break;
      default:
        throw new Error(`Illegal pattern character '${ch}'`);
    }
  }
  return out;
}

/** Sheets' date serial number (days since 1899-12-30) of an instant, in a zone. */
export function sheetsSerial(ms: number, zone: string): number {
  const f = zonedFields(ms, zone);
  const local = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.millisecond);
  return (local - Date.UTC(1899, 11, 30)) / 86400000;
}
