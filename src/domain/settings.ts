/**
 * 設定: one setting per row (項目, 値). Known items are parsed by their contract type; a missing or
 * unreadable item falls back to the contract's default and an unreadable one is reported. The Settings
 * type is derived from the contract's settings list, so a new item there is a new field here.
 */
import { contract } from '../../sheets-templates/contract';
import { isBlank, normalizeHeader, parseCount, parseDate, parseDateList, parseHours, parseList, parseText } from './cellParsers';
import type { Ymd } from './dates';
import { type Finding, fail, ok, type Parsed } from './findings';
import { type Cell, isSerialDate } from './rawTable';
import { columnOf, type Row, type SettingSpecOf, type TabSpecOf } from './schema';

type SettingSpec = (typeof contract.settings)[number];

type SettingValue<S extends SettingSpec> = S['type'] extends 'date'
  ? Ymd
  : S['type'] extends 'dates'
    ? readonly Ymd[]
    : S['type'] extends 'list'
      ? readonly string[]
      : S['type'] extends 'text'
        ? string
        : number;

type SettingValues = { readonly [S in SettingSpec as S['key']]: S['default'] extends null ? SettingValue<S> | null : SettingValue<S> };
export type SettingKey = SettingSpec['key'];

export type Settings = SettingValues & {
  /** Row of each setting in 設定, for messages that point at it. */
  readonly rowOf: Readonly<Partial<Record<SettingKey, number>>>;
};

function parseHour(cell: Cell): Parsed<number> {
  // 8:00 typed into a time-formatted cell arrives as a fraction of a day.
  if (isSerialDate(cell) && cell.serial >= 0 && cell.serial < 1) return ok(Math.round(cell.serial * 24));
  const n = parseCount(cell);
  if (!n.ok) return n;
  return n.value <= 23 ? ok(n.value) : fail('invalid-number', `時刻は0〜23の整数（時）で入力してください（入力: ${String(n.value)}）。`);
}

function parseSetting(spec: SettingSpecOf, cell: Cell): Parsed<unknown> {
  switch (spec.type) {
    case 'date':
      return parseDate(cell);
    case 'count':
      return parseCount(cell);
    case 'hours':
      return parseHours(cell);
    case 'hour':
      return parseHour(cell);
    case 'dates':
      return parseDateList(cell);
    case 'list':
      return parseList(cell);
    default:
      return parseText(cell);
  }
}

export const defaultSettings = (specs: readonly SettingSpecOf[] = contract.settings): Settings => {
  const values: Record<string, unknown> = { rowOf: {} };
  for (const s of specs) values[s.key] = s.default;
  return values as unknown as Settings;
};

/** The settings the 設定 tab's rows give (none when the workbook lacks the tab: every item is its default). */
export function readSettings(
  rows: readonly Row<'settings'>[],
  findings: Finding[],
  tab: TabSpecOf,
  specs: readonly SettingSpecOf[] = contract.settings
): Settings {
  const values: Record<string, unknown> = {};
  const rowOf: Record<string, number> = {};
  for (const s of specs) values[s.key] = s.default;
  for (const row of rows) {
    const spec = specs.find(s => normalizeHeader(s.name) === normalizeHeader(row.name));
    if (!spec) continue; // other rows are notes people keep; ignored like extra columns
    rowOf[spec.key] = row.rowNumber;
    if (isBlank(row.value)) continue;
    const parsed = parseSetting(spec, row.value);
    if (parsed.ok) values[spec.key] = parsed.value;
    else
      findings.push({
        sheet: tab.name,
        row: row.rowNumber,
        column: columnOf(tab, 'value').header,
        severity: 'error',
        code: 'invalid-setting',
        message: `${tab.name}「${spec.name}」を読み取れません: ${parsed.message}${spec.default === null ? '' : `（既定値 ${String(spec.default)} を使います）`}`,
      });
  }
  return { ...(values as unknown as SettingValues), rowOf };
}
