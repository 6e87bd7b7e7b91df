/**
 * Next fiscal year's workbook from this one (`chizai-desk rollover`), driven by the contract as data: each
 * tab's `rollover` says whether its rows are carried, carried while the case is open, or left empty; each
 * setting's `rollover` whether its value moves to the next fiscal year, takes the new period, is emptied with
 * a note (what is granted per contract, such as the cloud-use approval) or advances by the years moved.
 * Carried cells are the cells as typed (values are never re-typed); computed columns start blank, for the
 * system to fill. Tabs the contract does not know are carried as they are: nothing a person kept is lost.
 */
import { isBlank, normalizeHeader } from './cellParsers';
import { serialFromYmd, type Ymd } from './dates';
import { fiscalYearEnd, fiscalYearOf, fiscalYearStart, shiftYears } from './fiscalYear';
import { type ReadResult, rowsOf, SETTINGS_KEY } from './ledgerReader';
import { mergeNote } from './marks';
import type { Cell, RawRow, RawTable } from './rawTable';
import { type ContractSpec, isComputed, type SettingSpecOf, type TabRollover, type TabSpecOf } from './schema';
import type { Settings } from './settings';
import { SETTINGS_HELP_HEADER } from './template';

export interface RolloverOptions {
  /** The new 事業開始日 and 事業終了日; without them both move by a year. */
  readonly start?: Ymd;
  readonly end?: Ymd;
  /** A cell's note in the workbook (0-based column of the tab as typed), when the adapter can read notes. */
  readonly noteOf?: (tabName: string, rowNumber: number, column: number) => string | null;
}

type NoteOf = NonNullable<RolloverOptions['noteOf']>;

export interface RolledRow {
  readonly cells: readonly Cell[];
  /** Column index → the note the cell gets (why a value was emptied). */
  readonly notes: ReadonlyMap<number, string>;
}

export interface RolledTab {
  readonly name: string;
  /** The contract's tab, or null for a tab the contract does not know (carried as it is). */
  readonly tab: TabSpecOf | null;
  /** The contract's headers in its order, then the workbook's own extra columns. */
  readonly header: readonly string[];
  readonly rows: readonly RolledRow[];
}

export interface Rollover {
  readonly fromFiscalYear: number;
  readonly toFiscalYear: number;
  readonly tabs: readonly RolledTab[];
  /** What was carried, moved and emptied, in Japanese, for the terminal. */
  readonly changes: readonly string[];
  /** What a person must still do or check, in Japanese. */
  readonly cautions: readonly string[];
}

/** Why rollover cannot proceed (a user's mistake in the period asked for). */
export class RolloverRefused extends Error {}

const rolloverOf = (tab: TabSpecOf): TabRollover => tab.rollover ?? 'empty';

/** The headers next year's tab has: the contract's, and for 設定 the description column the template adds. */
const contractHeaders = (tab: TabSpecOf): string[] => [
  ...tab.columns.map(c => c.header),
  ...(tab.key === SETTINGS_KEY ? [SETTINGS_HELP_HEADER] : []),
];

/** Where each output header's cell comes from in the input, and the input's extra columns. */
function columnMap(tab: TabSpecOf | null, table: RawTable | undefined): { header: string[]; from: (number | null)[]; computed: boolean[] } {
  const input = (table?.header ?? []).map(h => (isBlank(h) ? '' : normalizeHeader(h)));
  const used = new Set<number>();
  const header = tab ? contractHeaders(tab) : [];
  const from: (number | null)[] = header.map(h => {
    const i = input.findIndex((x, j) => x === normalizeHeader(h) && !used.has(j));
    if (i < 0) return null;
    used.add(i);
    return i;
  });
  const computed = header.map(h => tab?.columns.some(c => c.header === h && isComputed(c)) ?? false);
  input.forEach((h, i) => {
    if (h === '' || used.has(i)) return;
    header.push(String(table?.header[i] ?? h));
    from.push(i);
    computed.push(false);
  });
  return { header, from, computed };
}

/** A row's cells (and a person's notes on them; the system's own marks are not carried) under next year's headers. */
function carry(
  table: RawTable,
  row: RawRow,
  from: readonly (number | null)[],
  computed: readonly boolean[],
  noteOf: NoteOf | undefined
): RolledRow {
  const notes = new Map<number, string>();
  from.forEach((i, k) => {
    if (i === null || computed[k] || !noteOf) return;
    const own = mergeNote(noteOf(table.name, row.rowNumber, i) ?? '', null);
    if (own !== '') notes.set(k, own);
  });
  return { cells: from.map((i, k) => (i === null || computed[k] ? null : (row.cells[i] ?? null))), notes };
}

/** Rows whose 段階 (the tab's stage column) is one of the contract's closed stages. */
function closedRows(read: ReadResult, tab: TabSpecOf): Set<number> {
  const stage = tab.columns.find(c => c.type === 'choice' && c.choices === '段階');
  if (!stage) return new Set();
  const closed = new Set(read.contract.closedStages);
  return new Set(
    rowsOf(read, tab.key)
      .filter(r => typeof r[stage.key] === 'string' && closed.has(r[stage.key] as string))
      .map(r => r.rowNumber)
  );
}

const dateCell = (d: Ymd): Cell => ({ serial: serialFromYmd(d) });
const shown = (c: Cell): string => (c === null ? '' : typeof c === 'object' ? ('serial' in c ? String(c.serial) : c.error) : String(c));

interface SettingChange {
  readonly value: Cell;
  readonly note: string | null;
  readonly change: string | null;
  readonly caution: string | null;
}

/** One 設定 row's 値 next year, by its setting's `rollover`. */
function rollSetting(
  spec: SettingSpecOf,
  typed: Cell,
  unreadable: boolean,
  settings: Settings,
  years: number,
  options: RolloverOptions,
  settingsName: string
): SettingChange {
  const label = `${settingsName}「${spec.name}」`;
  const current = (settings as unknown as Record<string, unknown>)[spec.key];
  const blank = isBlank(typed);
  const keep: SettingChange = { value: typed, note: null, change: null, caution: null };
  const given = spec.rollover === 'period-start' ? options.start : spec.rollover === 'period-end' ? options.end : undefined;
  if (given !== undefined)
    return { ...keep, value: dateCell(given), change: `${label}: ${blank ? '（空）' : shown(current as Cell)} → ${given}` };
  switch (spec.rollover) {
    case undefined:
      return keep;
    case 'clear': {
      if (blank) return keep;
      const last = typeof current === 'string' ? current : shown(typed);
      const why = spec.rolloverNote ?? '年度ごとに改めて入力するものです。';
      return {
        value: null,
        note: `前年度の値（${last}）は引き継いでいません。${why}今年度の${spec.help}を入力してください。`,
        change: `${label}: 空にしました（前年度 ${last}）`,
        caution: `${label}を今年度の値で入力してください。${why}`,
      };
    }
    case 'advance':
      if (blank) return keep;
      if (typeof current !== 'number' || unreadable)
        return {
          ...keep,
          caution: `${label}（${shown(typed)}）は読み取れないため、そのまま引き継ぎました。新しい年度を入力してください。`,
        };
      return { ...keep, value: current + years, change: `${label}: ${current} → ${current + years}` };
    default: {
      // next-year, and period-start / period-end without a new period given: the date(s) a year on.
      if (unreadable)
        return {
          ...keep,
          caution: `${label}（${shown(typed)}）は日付として読み取れないため、そのまま引き継ぎました。新しい年度の日付を入力してください。`,
        };
      if (blank && (spec.default === null || (Array.isArray(spec.default) && spec.default.length === 0)))
        return spec.rollover === 'period-start'
          ? { ...keep, caution: `${label}が空です。新しい事業期間の開始日を入力してください。` }
          : keep;
      // A blank cell with a default (事業終了日: the end of 事業開始日's fiscal year) would mean last year's date again:
      // write the moved date.
      const value = blank ? (current ?? spec.default) : current;
      if (Array.isArray(value)) {
        const moved = (value as Ymd[]).map(d => shiftYears(d, years));
        return { ...keep, value: moved.join(', '), change: `${label}: ${(value as Ymd[]).join(', ')} → ${moved.join(', ')}` };
      }
      if (typeof value !== 'string') return keep;
      const moved = shiftYears(value, years);
      const change = `${label}: ${blank ? `（空: 既定 ${value}）` : value} → ${moved}`;
      // A date of the year that must fall in the period, moved out of a shorter new one: said now, not only by check.
      const outside =
        spec.withinProgramme === true &&
        options.start !== undefined &&
        options.end !== undefined &&
        (moved < options.start || moved > options.end);
      return {
        ...keep,
        value: dateCell(moved),
        change,
        caution: outside
          ? `${label}（${moved}）が新しい事業期間（${options.start}〜${options.end}）の外です。期間内の日付を入力してください。`
          : null,
      };
    }
  }
}

function rollSettings(
  read: ReadResult,
  tab: TabSpecOf,
  table: RawTable | undefined,
  years: number,
  options: RolloverOptions,
  changes: string[],
  cautions: string[]
): RolledTab {
  const { header, from, computed } = columnMap(tab, table);
  const nameAt = header.indexOf(tab.columns.find(c => c.key === 'name')?.header ?? '');
  const valueAt = header.indexOf(tab.columns.find(c => c.key === 'value')?.header ?? '');
  const helpAt = header.indexOf(SETTINGS_HELP_HEADER);
  const specs = read.contract.settings;
  const unreadable = new Set(
    read.findings.filter(f => f.sheet === tab.name && f.code === 'invalid-setting' && f.severity === 'error').map(f => f.row)
  );
  const seen = new Set<string>();
  const rows: RolledRow[] = (table?.rows ?? []).map(raw => {
    const row = carry(table as RawTable, raw, from, computed, options.noteOf);
    const name = row.cells[nameAt];
    const spec = isBlank(name ?? null) ? undefined : specs.find(s => normalizeHeader(s.name) === normalizeHeader(name ?? null));
    if (!spec || seen.has(spec.key)) return row;
    seen.add(spec.key);
    const rolled = rollSetting(
      spec,
      row.cells[valueAt] ?? null,
      unreadable.has(raw.rowNumber),
      read.ledger.settings,
      years,
      options,
      tab.name
    );
    if (rolled.change) changes.push(rolled.change);
    if (rolled.caution) cautions.push(rolled.caution);
    const cells = [...row.cells];
    cells[valueAt] = rolled.value;
    const notes = new Map(row.notes);
    if (rolled.note) notes.set(valueAt, [row.notes.get(valueAt), rolled.note].filter(Boolean).join('\n'));
    return { cells, notes };
  });
  // Items the workbook lacks (added to the contract since it was made) come in with their defaults, as init writes them.
  for (const spec of specs.filter(s => !seen.has(s.key))) {
    const cells: Cell[] = header.map(() => null);
    cells[nameAt] = spec.name;
    const rolled = rollSetting(spec, null, false, read.ledger.settings, years, options, tab.name);
    const d = spec.default;
    cells[valueAt] =
      rolled.value ?? (d === null || (Array.isArray(d) && d.length === 0) ? null : Array.isArray(d) ? d.join(', ') : (d as Cell));
    if (helpAt >= 0) cells[helpAt] = spec.help;
    changes.push(`${tab.name}「${spec.name}」: 項目を追加しました`);
    rows.push({ cells, notes: new Map() });
  }
  return { name: tab.name, tab, header, rows };
}

/** The fiscal year the workbook is of: 事業開始日's, else 事業終了日's. */
const fiscalYearOfBook = (settings: Settings): number => fiscalYearOf(settings.programmeStart ?? settings.programmeEnd);

export function rollover(tables: ReadonlyMap<string, RawTable>, read: ReadResult, options: RolloverOptions = {}): Rollover {
  const contract: ContractSpec = read.contract;
  const { settings } = read.ledger;
  if ((options.start === undefined) !== (options.end === undefined))
    throw new RolloverRefused('--start と --end は両方指定してください（新しい事業期間の開始日と終了日）。');
  if (options.start !== undefined && options.end !== undefined && options.start > options.end)
    throw new RolloverRefused(`--start（${options.start}）が --end（${options.end}）より後になっています。`);
  const fromFiscalYear = fiscalYearOfBook(settings);
  const toFiscalYear = options.start === undefined ? fromFiscalYear + 1 : fiscalYearOf(options.start);
  if (toFiscalYear <= fromFiscalYear)
    throw new RolloverRefused(
      `新しい事業期間（${options.start}〜）は${fromFiscalYear}年度です。このブックの年度（${fromFiscalYear}年度）より後の期間を指定してください。`
    );
  // The programme runs within one fiscal year (§14): a period into the next one is a typo in --end.
  if (options.end !== undefined && fiscalYearOf(options.end) !== toFiscalYear)
    throw new RolloverRefused(
      `新しい事業期間（${options.start}〜${options.end}）が${toFiscalYear}年度（${fiscalYearStart(toFiscalYear)}〜${fiscalYearEnd(toFiscalYear)}）に収まっていません。事業期間は1つの年度の中で指定してください。`
    );
  // More than a year on skips a year: allowed (a programme may pause), but said.
  const skipped =
    toFiscalYear > fromFiscalYear + 1
      ? `${fromFiscalYear}年度のブックから${toFiscalYear}年度のブックを作ります（${fromFiscalYear + 1}年度を飛ばしています）。期間が正しいか確認してください。`
      : null;
  const years = toFiscalYear - fromFiscalYear;
  const byName = new Map<string, RawTable>();
  for (const [name, table] of tables) if (!byName.has(normalizeHeader(name))) byName.set(normalizeHeader(name), table);
  const changes: string[] = [];
  const cautions: string[] = skipped === null ? [] : [skipped];
  const emptied: string[] = [];
  const tabs: RolledTab[] = contract.tabs.map(tab => {
    const table = byName.get(normalizeHeader(tab.name));
    byName.delete(normalizeHeader(tab.name));
    if (tab.key === SETTINGS_KEY) return rollSettings(read, tab, table, years, options, changes, cautions);
    const { header, from, computed } = columnMap(tab, table);
    const input = table?.rows ?? [];
    const policy = rolloverOf(tab);
    if (policy === 'empty') {
      if (input.length > 0) emptied.push(`${tab.name}（${input.length}行）`);
      return { name: tab.name, tab, header, rows: [] };
    }
    const closed = policy === 'carry-open' ? closedRows(read, tab) : new Set<number>();
    const kept = input.filter(r => !closed.has(r.rowNumber));
    changes.push(
      `${tab.name}: ${kept.length}行を引き継ぎました${closed.size > 0 ? `（${contract.closedStages.join('・')}の${closed.size}行は引き継いでいません）` : ''}`
    );
    return { name: tab.name, tab, header, rows: kept.map(r => carry(table as RawTable, r, from, computed, options.noteOf)) };
  });
  if (emptied.length > 0) changes.push(`空で始めるタブ: ${emptied.join('、')}`);
  for (const table of byName.values()) {
    const { header, from, computed } = columnMap(null, table);
    tabs.push({ name: table.name, tab: null, header, rows: table.rows.map(r => carry(table, r, from, computed, options.noteOf)) });
    changes.push(`${table.name}: 契約にないタブなので、そのまま引き継ぎました（不要なら削除してください）`);
  }
  return { fromFiscalYear, toFiscalYear, tabs, changes, cautions };
}
