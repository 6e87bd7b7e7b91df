/**
 * Reading the workbook: raw tabs (as any adapter hands them over) into typed rows, settings and findings,
 * for every tab of the contract by its columns' declared types; no tab is named here. Columns are found by
 * header text (NFKC, trimmed) in any order; extra columns are ignored; blank rows are skipped. What cannot be
 * understood becomes a finding naming tab, row and column.
 */
import {
  isBlank,
  normalizeHeader,
  parseBoolean,
  parseChoice,
  parseDate,
  parseEmail,
  parseHours,
  parseList,
  parseMoney,
  parseMonth,
  parseNumber,
  parseText,
  parseUrl,
} from './cellParsers';
import { type Finding, ok, type Parsed } from './findings';
import type { Cell, MergedArea, RawTable } from './rawTable';
import {
  type AnyRow,
  type ColumnSpecOf,
  type ContractSpec,
  choicesOf,
  columnOf,
  defaultContract,
  isComputed,
  isEssential,
  isLater,
  isRequired,
  isSystemOnly,
  type LedgerTabKey,
  type Row,
  rowCheckOf,
  type TabSpecOf,
  tabOf,
} from './schema';
import { readSettings, type Settings } from './settings';

/** Where each contract column sits in one tab as the workbook has it (0-based), or undefined if absent. */
export interface TabLayout {
  readonly tab: TabSpecOf;
  readonly present: boolean;
  readonly columnIndex: Readonly<Record<string, number | undefined>>;
  /** Number of header cells the tab has (its width as typed). */
  readonly width: number;
}

/** An ID typed in a tab's ID column, with its row (for duplicate-id and references). */
export interface IdCell {
  readonly id: string;
  readonly rowNumber: number;
}

/** The rows of every tab of contract.ts, typed column by column. */
export type LedgerRows = { readonly [K in LedgerTabKey]: readonly Row<K>[] };

export interface Ledger extends LedgerRows {
  readonly settings: Settings;
  /** Every ID typed in each tab's ID column, also on rows that could not be fully read (no cascade of unknown-* findings). */
  readonly ids: Readonly<Record<string, ReadonlySet<string>>>;
  /** Each typed ID with its row, in sheet order, by tab key. */
  readonly idCells: Readonly<Record<string, readonly IdCell[]>>;
}

export interface ReadResult {
  /** The contract the workbook was read against (contract.ts unless a caller gave another). */
  readonly contract: ContractSpec;
  readonly ledger: Ledger;
  readonly findings: readonly Finding[];
  readonly layouts: Readonly<Record<string, TabLayout>>;
  /** Rows with anything typed (computed columns aside), by tab key: read or not, they are people's entries. */
  readonly entryRows: Readonly<Record<string, readonly number[]>>;
  /**
   * Cells of rows read whose value is unknown, not blank: unreadable (their finding says why) or covered by a merged
   * area. Keys `tabKey:row:columnKey` (isUnknownCell). Their value in the row is null; a status or a figure that
   * would read that null as "not done" is not given instead.
   */
  readonly unknownCells: ReadonlySet<string>;
}

/** Is this cell's null value unknown (unreadable or merged) rather than blank? */
export const isUnknownCell = (read: Pick<ReadResult, 'unknownCells'>, tabKey: string, row: number, columnKey: string): boolean =>
  read.unknownCells.has(`${tabKey}:${row}:${columnKey}`);

/** The rows of any tab of the contract the workbook was read against (a tab contract.ts lacks included). */
export const rowsOf = (read: ReadResult, tabKey: string): readonly AnyRow[] =>
  (read.ledger as unknown as Readonly<Record<string, readonly AnyRow[] | undefined>>)[tabKey] ?? [];

/** Is the tab there with every column listed? Rules that need a tab or column stay silent without it. */
export function hasColumns(read: ReadResult, tabKey: string, columnKeys: readonly string[] = []): boolean {
  const layout = read.layouts[tabKey];
  return layout?.present === true && columnKeys.every(k => layout.columnIndex[k] !== undefined);
}

/** Why the figures of a tab cannot be computed (the tab or a column missing), or null when they can. */
export function missingSource(read: ReadResult, tabKey: string, columnKeys: readonly string[]): string | null {
  const tab = tabOf(read.contract, tabKey);
  const layout = read.layouts[tabKey];
  if (!layout?.present) return `タブ「${tab.name}」がないため不明です`;
  const missing = columnKeys.filter(k => !hasColumns(read, tabKey, [k])).map(k => `「${columnOf(tab, k).header}」`);
  return missing.length === 0 ? null : `${tab.name}の列${missing.join('・')}がないため不明です`;
}

/** Parses one cell by its column's declared type. Blank cells never reach here. */
function parseCell(col: ColumnSpecOf, cell: Cell, contract: ContractSpec): Parsed<unknown> {
  switch (col.type) {
    case 'date':
      return parseDate(cell);
    case 'month':
      return parseMonth(cell);
    case 'hours':
      return parseHours(cell);
    case 'money':
      return parseMoney(cell);
    case 'number':
      return parseNumber(cell);
    case 'boolean':
      return parseBoolean(cell);
    case 'email':
      return parseEmail(cell);
    case 'url':
      return parseUrl(cell);
    case 'choice':
      return parseChoice(cell, choicesOf(col, contract) ?? []);
    case 'caseRefs':
      return parseList(cell);
    case 'any':
      return ok(cell);
    case 'id':
    case 'caseRef':
    case 'meetingRef':
    case 'person': {
      const text = parseText(cell);
      return text.ok ? ok(normalizeHeader(text.value)) : text;
    }
    case 'text':
      return parseText(cell);
  }
}

export const UPGRADE_HOW = 'メニュー「知財経営支援 > シートを準備」（ローカルでは chizai-desk upgrade）で追加できます';

export function layoutOf(tab: TabSpecOf, table: RawTable | undefined, findings: Finding[]): TabLayout {
  const columnIndex: Record<string, number | undefined> = {};
  // 実行ログ is the system's own: setupWorkbook makes it and restores its headers, and nobody's entries depend on it.
  const severity = isSystemOnly(tab) ? 'warning' : 'error';
  if (!table) {
    findings.push(
      isLater(tab)
        ? {
            sheet: tab.name,
            row: null,
            column: null,
            severity: 'warning',
            code: 'missing-tab',
            message: `タブ「${tab.name}」がありません（このブックを作った後に追加されたタブです）。${UPGRADE_HOW}。追加するまで、このタブを使うチェックは行いません。`,
          }
        : {
            sheet: tab.name,
            row: null,
            column: null,
            severity,
            code: 'missing-tab',
            message: `タブ「${tab.name}」がありません。メニュー「知財経営支援 > シートを準備」で作成するか、タブ名を「${tab.name}」に直してください。`,
          }
    );
    return { tab, present: false, columnIndex, width: 0 };
  }
  const headers = table.header.map(h => normalizeHeader(h));
  for (const c of tab.columns) {
    const want = normalizeHeader(c.header);
    const at = headers.flatMap((h, i) => (h === want ? [i] : []));
    columnIndex[c.key] = at[0];
    if (at.length === 0) {
      findings.push(
        isLater(c)
          ? {
              sheet: tab.name,
              row: 1,
              column: c.header,
              severity: 'warning',
              code: 'missing-header',
              message: `列「${c.header}」がありません（このブックを作った後に追加された列です）。${UPGRADE_HOW}。追加するまで、この列を使うチェックは行いません。`,
            }
          : {
              sheet: tab.name,
              row: 1,
              column: c.header,
              severity,
              code: 'missing-header',
              message: `列「${c.header}」が見つかりません。1行目の見出しを「${c.header}」にしてください（列は見出しの名前で探します）。`,
            }
      );
    } else if (at.length > 1) {
      findings.push({
        sheet: tab.name,
        row: 1,
        column: c.header,
        severity,
        code: 'duplicate-header',
        message: `見出し「${c.header}」が${at.length}列（${at.map(columnLetter).join('・')}列）にあります。左の${columnLetter(at[0] ?? 0)}列を使います。もう一方の見出しを変えてください。`,
      });
    }
  }
  return { tab, present: true, columnIndex, width: table.header.length };
}

/** Spreadsheet column letter of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

interface TabRead {
  readonly rows: AnyRow[];
  readonly ids: IdCell[];
  readonly entryRows: number[];
  /** `tabKey:row:columnKey` of cells read as unknown (see ReadResult.unknownCells). */
  readonly unknownCells: string[];
}

/**
 * Reads the data rows of one tab. A row whose essential cell (contract `essential`) is blank or unreadable is reported
 * and left out; any other bad cell is reported and read as null, and the row counts for its other cells.
 */
export function readRows(
  tab: TabSpecOf,
  table: RawTable | undefined,
  layout: TabLayout,
  findings: Finding[],
  contract: ContractSpec = defaultContract
): TabRead {
  const read: TabRead = { rows: [], ids: [], entryRows: [], unknownCells: [] };
  if (!table || !layout.present) return read;
  const rowCheck = rowCheckOf(tab, contract);
  const inputs = tab.columns.filter(c => !isComputed(c));
  const mergedAt = mergedCells(table);
  // Every covered cell of an input column is reported, in a row read or not: a merge can hide a whole row's entry.
  const inputAt = new Map(
    inputs.flatMap(c => (layout.columnIndex[c.key] === undefined ? [] : [[(layout.columnIndex[c.key] as number) + 1, c]]))
  );
  for (const [at, area] of mergedAt) {
    const [row, column] = at.split(':').map(Number) as [number, number];
    const c = inputAt.get(column);
    if (c)
      findings.push({
        sheet: tab.name,
        row,
        column: c.header,
        severity: 'error',
        code: 'merged-cells',
        message: `${areaText(area)}の結合セルです（値は${area.top}行目にだけあり、空とは読みません）。結合を解除し、各行に入力してください。`,
      });
  }
  for (const raw of table.rows) {
    // Only the contract's input columns make a row an entry: what the system wrote into 期限/状態, and notes in
    // columns of people's own (an unlabeled column, 事務局メモ), leave a row blank.
    if ([...inputAt.keys()].every(column => isBlank(raw.cells[column - 1] ?? null))) continue;
    read.entryRows.push(raw.rowNumber);
    const values: Record<string, unknown> = { rowNumber: raw.rowNumber };
    let complete = true;
    for (const c of inputs) {
      const at = layout.columnIndex[c.key];
      const cell: Cell = at === undefined ? null : (raw.cells[at] ?? null);
      const merged = at === undefined ? undefined : mergedAt.get(`${raw.rowNumber}:${at + 1}`);
      if (merged) {
        // Only the area's top-left cell holds a value: this cell is not blank, it is unknown (reported above).
        values[c.key] = null;
        read.unknownCells.push(`${tab.key}:${raw.rowNumber}:${c.key}`);
        if (isEssential(c)) complete = false;
        continue;
      }
      if (isBlank(cell)) {
        values[c.key] = null;
        if (isEssential(c)) complete = false;
        if (isRequired(c)) {
          if (at !== undefined)
            findings.push({
              sheet: tab.name,
              row: raw.rowNumber,
              column: c.header,
              severity: 'error',
              code: 'required',
              message: `「${c.header}」が空です。この列は必須です。値を入力してください。`,
            });
        }
        continue;
      }
      const parsed = parseCell(c, cell, contract);
      if (parsed.ok) {
        values[c.key] = parsed.value;
        if (c.type === 'id') read.ids.push({ id: parsed.value as string, rowNumber: raw.rowNumber });
      } else {
        values[c.key] = null;
        read.unknownCells.push(`${tab.key}:${raw.rowNumber}:${c.key}`);
        if (isEssential(c)) complete = false;
        findings.push({
          sheet: tab.name,
          row: raw.rowNumber,
          column: c.header,
          severity: 'error',
          code: parsed.code,
          message: parsed.message,
        });
      }
    }
    if (!complete) continue;
    const bad = rowCheck(values);
    if (bad.length === 0) read.rows.push(values as AnyRow);
    else
      findings.push({
        sheet: tab.name,
        row: raw.rowNumber,
        column: null,
        severity: 'error',
        code: 'invalid-value',
        message: `この行を読み取れませんでした（${bad.join('、')}）。入力を確認してください。`,
      });
  }
  return read;
}

/** Data cells (row:column, 1-based) covered by a merged area other than its top-left one, with their area. */
function mergedCells(table: RawTable): Map<string, MergedArea> {
  const covered = new Map<string, MergedArea>();
  for (const m of table.merges ?? [])
    for (let r = Math.max(m.top, 2); r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.set(`${r}:${c}`, m);
  return covered;
}

const areaText = (m: MergedArea): string => `${columnLetter(m.left - 1)}${m.top}:${columnLetter(m.right - 1)}${m.bottom}`;

/** The raw table an adapter found for a tab, matched by name after NFKC and trimming. */
function tableFinder(tables: ReadonlyMap<string, RawTable>): (tab: TabSpecOf) => RawTable | undefined {
  const byName = new Map<string, RawTable>();
  for (const [name, table] of tables) if (!byName.has(normalizeHeader(name))) byName.set(normalizeHeader(name), table);
  return tab => byName.get(normalizeHeader(tab.name));
}

/**
 * Reads every tab of the contract from the raw tables an adapter found (keyed by tab name as typed).
 * The contract defaults to sheets-templates/contract.ts; a test may pass one with more tabs.
 */
export function readLedger(tables: ReadonlyMap<string, RawTable>, contract: ContractSpec = defaultContract): ReadResult {
  const findings: Finding[] = [];
  const tableOf = tableFinder(tables);
  const layouts: Record<string, TabLayout> = {};
  for (const tab of contract.tabs) layouts[tab.key] = layoutOf(tab, tableOf(tab), findings);

  const rows: Record<string, readonly AnyRow[]> = {};
  const ids: Record<string, ReadonlySet<string>> = {};
  const idCells: Record<string, readonly IdCell[]> = {};
  const entryRows: Record<string, readonly number[]> = {};
  const unknownCells = new Set<string>();
  let settings: Settings | null = null;
  for (const tab of contract.tabs) {
    if (isSystemOnly(tab)) continue;
    const layout = layouts[tab.key] as TabLayout;
    const read = readRows(tab, tableOf(tab), layout, findings, contract);
    entryRows[tab.key] = read.entryRows;
    for (const k of read.unknownCells) unknownCells.add(k);
    if (tab.key === SETTINGS_KEY) {
      settings = readSettings(read.rows as unknown as readonly Row<'settings'>[], findings, tab, contract.settings);
      continue;
    }
    rows[tab.key] = read.rows;
    ids[tab.key] = new Set(read.ids.map(i => i.id));
    idCells[tab.key] = read.ids;
  }
  const ledger = {
    ...rows,
    settings: settings ?? readSettings([], findings, tabOf(contract, SETTINGS_KEY), contract.settings),
    ids,
    idCells,
  } as unknown as Ledger;
  return { contract, ledger, findings, layouts, entryRows, unknownCells };
}

/** The one tab read as settings rather than rows (項目 / 値). */
export const SETTINGS_KEY = 'settings';
