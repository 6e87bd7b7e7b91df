/**
 * 設定: one setting per row (項目, 値). Known items are parsed by their contract type; a missing or
 * unreadable item falls back to the contract's default and an unreadable one is reported. The Settings
 * type is derived from the contract's settings list, so a new item there is a new field here.
 */
import { contract } from '../../sheets-templates/contract';
import {
  isBlank,
  normalizeHeader,
  parseCount,
  parseDate,
  parseDateItems,
  parseDateList,
  parseFiscalYear,
  parseHours,
  parseList,
  parseText,
} from './cellParsers';
import type { Ymd } from './dates';
import { type Finding, fail, ok, type Parsed } from './findings';
import { fiscalYearEnd, fiscalYearOf } from './fiscalYear';
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
    case 'fiscalYear':
      return parseFiscalYear(cell);
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

/** How a setting's default reads in a message; null when there is nothing to show (no default, an empty list). */
function defaultText(spec: SettingSpecOf): string | null {
  const d = spec.default;
  if (d === null || d === undefined) return null;
  if (Array.isArray(d)) return d.length === 0 ? null : d.join(',');
  return String(d);
}

/** What the tool does instead of the value it could not use. */
const fallbackText = (spec: SettingSpecOf): string => {
  const d = defaultText(spec);
  if (d !== null) return `既定値 ${d} を使います`;
  return spec.type === 'dates' || spec.type === 'list' ? '空として扱います' : '未設定として扱います';
};

/** Edit distance (insertions, deletions, substitutions) between two short strings. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}

const compact = (s: string): string => normalizeHeader(s).replace(/\s+/g, '').toLowerCase();

/** The known setting an unknown 項目 was probably meant to be (a typo, a space, a missing character), or null. */
export function nearestSetting(name: string, specs: readonly SettingSpecOf[]): SettingSpecOf | null {
  const typed = compact(name);
  if (typed === '') return null;
  let best: { spec: SettingSpecOf; d: number } | null = null;
  for (const spec of specs) {
    const known = compact(spec.name);
    const d = known === typed ? 0 : distance(typed, known);
    const near = d <= Math.max(1, Math.floor(known.length / 3)) || (typed.length >= 2 && (known.includes(typed) || typed.includes(known)));
    if (near && (best === null || d < best.d)) best = { spec, d };
  }
  return best?.spec ?? null;
}

/**
 * The settings the 設定 tab's rows give (none when the workbook lacks the tab: every item is its default).
 * Nothing falls back silently: a duplicated or misspelt 項目, an unreadable value, a partly bad
 * 追加休日 list (its good dates are kept) and a period that ends before it starts are each a finding at the row.
 */
export function readSettings(
  rows: readonly Row<'settings'>[],
  findings: Finding[],
  tab: TabSpecOf,
  specs: readonly SettingSpecOf[] = contract.settings
): Settings {
  const values: Record<string, unknown> = {};
  const rowOf: Record<string, number> = {};
  for (const s of specs) values[s.key] = s.default;
  const valueColumn = columnOf(tab, 'value').header;
  const nameColumn = columnOf(tab, 'name').header;
  const at = (row: number, column: string, severity: Finding['severity'], code: Finding['code'], message: string): void => {
    findings.push({ sheet: tab.name, row, column, severity, code, message });
  };
  const known = (row: Row<'settings'>) => specs.find(s => normalizeHeader(s.name) === normalizeHeader(row.name));
  const given = new Set(rows.flatMap(r => known(r)?.key ?? []));
  const blank = new Set<string>();
  for (const row of rows) {
    const spec = known(row);
    if (!spec) {
      // Other rows are notes people keep, ignored like extra columns; one that is nearly a setting's name is a typo.
      const meant = nearestSetting(row.name, specs);
      if (meant)
        at(
          row.rowNumber,
          nameColumn,
          given.has(meant.key) ? 'warning' : 'error',
          'unknown-setting',
          `「${row.name}」という項目はありません。「${meant.name}」のことですか？${given.has(meant.key) ? '' : `「${meant.name}」は${fallbackText(meant)}。`}項目名を直してください。`
        );
      continue;
    }
    const first = rowOf[spec.key];
    if (first !== undefined) {
      at(
        row.rowNumber,
        nameColumn,
        'error',
        'duplicate-setting',
        `「${spec.name}」は${first}行目にもあります（${first}行目の値を使います）。どちらかの行を消してください。`
      );
      continue;
    }
    rowOf[spec.key] = row.rowNumber;
    // A blank value is the contract's default (or not set), as the report's overview shows: not a mistake.
    if (isBlank(row.value)) {
      blank.add(spec.key);
      continue;
    }
    if (spec.type === 'dates') {
      // A list keeps every date that can be read: one typo must not drop the others (and move deadlines).
      const { dates, problem } = parseDateItems(row.value);
      values[spec.key] = dates;
      if (problem !== null)
        at(
          row.rowNumber,
          valueColumn,
          'error',
          'invalid-setting',
          `「${spec.name}」の一部を読み取れません: ${problem}${dates.length > 0 ? `（読み取れた${dates.length}日は使います）` : `（${fallbackText(spec)}）`}`
        );
      continue;
    }
    const parsed = parseSetting(spec, row.value);
    if (parsed.ok) values[spec.key] = parsed.value;
    else
      at(
        row.rowNumber,
        valueColumn,
        'error',
        'invalid-setting',
        `${tab.name}「${spec.name}」を読み取れません: ${parsed.message}（${fallbackText(spec)}）`
      );
  }
  programmeEndOfStart(values, rowOf, blank, specs, tab, findings);
  periodFindings(values, rowOf, specs, tab, at);
  return { ...(values as unknown as SettingValues), rowOf };
}

/**
 * 事業終了日 left blank, or its row missing: the contract's default is one fiscal year's end, which would put a
 * later year's workbook out of its own period. With 事業開始日 known, the end of its fiscal year is meant; it is used
 * and said (a warning at the cell, or on the tab when the row is missing).
 */
function programmeEndOfStart(
  values: Record<string, unknown>,
  rowOf: Record<string, number>,
  blank: ReadonlySet<string>,
  specs: readonly SettingSpecOf[],
  tab: TabSpecOf,
  findings: Finding[]
): void {
  const start = values.programmeStart;
  const spec = specs.find(s => s.key === 'programmeEnd');
  if (!spec || typeof start !== 'string' || (rowOf.programmeEnd !== undefined && !blank.has('programmeEnd'))) return;
  const end = fiscalYearEnd(fiscalYearOf(start));
  values.programmeEnd = end;
  findings.push({
    sheet: tab.name,
    row: rowOf.programmeEnd ?? null,
    column: rowOf.programmeEnd === undefined ? null : columnOf(tab, 'value').header,
    severity: 'warning',
    code: 'invalid-setting',
    message: `「${spec.name}」が${rowOf.programmeEnd === undefined ? 'ありません' : '空です'}。事業開始日（${start}）の年度末の${end}を使います。${spec.name}を入力してください。`,
  });
}

/**
 * 事業開始日 after 事業終了日 makes every "to date" figure empty; a date of the year flagged `withinProgramme`
 * (PD評価期限, 成果発表会開始日, 納入期限) outside the period puts a deadline where nothing can meet it; 年度 other than 事業開始日's fiscal year
 * puts the wrong year on the 事業報告書; PD派遣開始日 outside the period is a typo.
 */
function periodFindings(
  values: Record<string, unknown>,
  rowOf: Record<string, number>,
  specs: readonly SettingSpecOf[],
  tab: TabSpecOf,
  at: (row: number, column: string, severity: Finding['severity'], code: Finding['code'], message: string) => void
): void {
  const valueColumn = columnOf(tab, 'value').header;
  const start = values.programmeStart as Ymd | null;
  const end = values.programmeEnd as Ymd;
  const dispatch = values.pdDispatchStart as Ymd | null;
  if (start !== null && end < start)
    at(
      rowOf.programmeStart ?? rowOf.programmeEnd ?? 1,
      valueColumn,
      'error',
      'invalid-setting',
      `事業開始日（${start}）が事業終了日（${end}）より後です。累計はすべて0になります。日付を直してください。`
    );
  const periodOk = start === null || end >= start;
  for (const { key, name } of specs.filter(s => s.withinProgramme === true)) {
    const date = values[key];
    const row = rowOf[key];
    if (!periodOk || typeof date !== 'string' || row === undefined) continue;
    if ((start !== null && date < start) || date > end)
      at(
        row,
        valueColumn,
        'error',
        'invalid-setting',
        `${name}（${date}）が事業期間（${start ?? '開始日未設定'}〜${end}）の外です。期間内の日付を入力するか、空にして既定の日付を使ってください。`
      );
  }
  const fiscalYear = values.fiscalYear;
  if (typeof fiscalYear === 'number' && start !== null && rowOf.fiscalYear !== undefined && fiscalYear !== fiscalYearOf(start))
    at(
      rowOf.fiscalYear,
      valueColumn,
      'error',
      'invalid-setting',
      `年度（${fiscalYear}）が事業開始日（${start}）の年度（${fiscalYearOf(start)}年度）と違います。事業報告書の表紙と名前がこの年度になります。どちらかを直すか、年度を空にしてください（事業開始日の年度を使います）。`
    );
  if (dispatch !== null && rowOf.pdDispatchStart !== undefined && ((start !== null && dispatch < start) || dispatch > end))
    at(
      rowOf.pdDispatchStart,
      valueColumn,
      'warning',
      'invalid-setting',
      `PD派遣開始日（${dispatch}）が事業期間の外です。日付を確認してください。`
    );
}
