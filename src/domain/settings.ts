/**
 * 設定: one setting per row (項目, 値). Known items are parsed by their contract type; a missing or
 * unreadable item falls back to the contract's default and an unreadable one is reported.
 */
import { contract } from '../../sheets-templates/contract';
import { isBlank, normalizeHeader, parseCount, parseDate, parseDateList, parseHours, parseList, parseText } from './cellParsers';
import type { Ymd } from './dates';
import { type Finding, fail, ok, type Parsed } from './findings';
import { type Cell, isSerialDate } from './rawTable';
import type { Row } from './schema';

type SettingSpec = (typeof contract.settings)[number];

export interface Settings {
  readonly programmeStart: Ymd | null;
  readonly programmeEnd: Ymd;
  readonly pdDispatchStart: Ymd | null;
  readonly pdBudgetDays: number;
  readonly pdStandardHours: number;
  readonly expertMonthlyCap: number;
  readonly expertBudgetUses: number;
  readonly liaisonTarget: number;
  readonly supportedTarget: number;
  readonly extraHolidays: readonly Ymd[];
  readonly allowedDomains: readonly string[];
  readonly ismapApprovedOn: Ymd | null;
  readonly ismapApprover: string | null;
  readonly reminderHour: number;
  readonly reportFolderId: string | null;
  /** Row of each setting in 設定, for messages that point at it. */
  readonly rowOf: Readonly<Partial<Record<keyof Omit<Settings, 'rowOf'>, number>>>;
}

function parseHour(cell: Cell): Parsed<number> {
  // 8:00 typed into a time-formatted cell arrives as a fraction of a day.
  if (isSerialDate(cell) && cell.serial >= 0 && cell.serial < 1) return ok(Math.round(cell.serial * 24));
  const n = parseCount(cell);
  if (!n.ok) return n;
  return n.value <= 23 ? ok(n.value) : fail('invalid-number', `時刻は0〜23の整数（時）で入力してください（入力: ${String(n.value)}）。`);
}

function parseSetting(spec: SettingSpec, cell: Cell): Parsed<unknown> {
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
    case 'text':
      return parseText(cell);
  }
}

export const defaultSettings = (): Settings => {
  const values: Record<string, unknown> = { rowOf: {} };
  for (const s of contract.settings) values[s.key] = s.default;
  return values as unknown as Settings;
};

export function readSettings(rows: readonly Row<'settings'>[], findings: Finding[]): Settings {
  const values: Record<string, unknown> = {};
  const rowOf: Record<string, number> = {};
  for (const s of contract.settings) values[s.key] = s.default;
  for (const row of rows) {
    const spec = contract.settings.find(s => normalizeHeader(s.name) === normalizeHeader(row.name));
    if (!spec) continue; // other rows are notes people keep; ignored like extra columns
    rowOf[spec.key] = row.rowNumber;
    if (isBlank(row.value)) continue;
    const parsed = parseSetting(spec, row.value);
    if (parsed.ok) values[spec.key] = parsed.value;
    else
      findings.push({
        sheet: '設定',
        row: row.rowNumber,
        column: '値',
        severity: 'error',
        code: 'invalid-setting',
        message: `設定「${spec.name}」を読み取れません: ${parsed.message}${spec.default === null ? '' : `（既定値 ${String(spec.default)} を使います）`}`,
      });
  }
  return { ...(values as unknown as Omit<Settings, 'rowOf'>), rowOf };
}
