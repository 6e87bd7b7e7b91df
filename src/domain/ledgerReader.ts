/**
 * Reading the workbook: raw tabs (as any adapter hands them over) into typed rows, settings and
 * findings. Columns are found by header text (NFKC, trimmed) in any order; extra columns are ignored;
 * blank rows are skipped. What cannot be understood becomes a finding naming tab, row and column.
 */
import { contract } from '../../sheets-templates/contract';
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
  parseText,
} from './cellParsers';
import { type Finding, ok, type Parsed } from './findings';
import type { Cell, RawTable } from './rawTable';
import type { IdCell } from './rules/ids';
import { type ColumnSpec, choicesOf, isComputed, isRequired, type Row, rowSchema, type TabKey, type TabSpec, tabSpec } from './schema';
import { readSettings, type Settings } from './settings';

/** Where each contract column sits in one tab as the workbook has it (0-based), or undefined if absent. */
export interface TabLayout {
  readonly tab: TabSpec;
  readonly present: boolean;
  readonly columnIndex: Readonly<Record<string, number | undefined>>;
  /** Number of header cells the tab has (its width as typed). */
  readonly width: number;
}

export interface Ledger {
  readonly cases: readonly Row<'cases'>[];
  readonly meetings: readonly Row<'meetings'>[];
  readonly pdHours: readonly Row<'pdHours'>[];
  readonly experts: readonly Row<'experts'>[];
  readonly handlers: readonly Row<'handlers'>[];
  readonly settings: Settings;
  /** Every ID typed in an ID column, also on rows that could not be fully read (no cascade of unknown-* findings). */
  readonly caseIds: ReadonlySet<string>;
  readonly meetingIds: ReadonlySet<string>;
  /** Each typed ID with its row, in sheet order (for duplicate-id). */
  readonly idCells: { readonly cases: readonly IdCell[]; readonly meetings: readonly IdCell[] };
}

export interface ReadResult {
  readonly ledger: Ledger;
  readonly findings: readonly Finding[];
  readonly layouts: Readonly<Record<TabKey, TabLayout>>;
}

/** Parses one cell by its column's type. Blank cells never reach here. */
function parseCell(c: ColumnSpec, cell: Cell): Parsed<unknown> {
  switch (c.type) {
    case 'date':
      return parseDate(cell);
    case 'hours':
      return parseHours(cell);
    case 'money':
      return parseMoney(cell);
    case 'boolean':
      return parseBoolean(cell);
    case 'email':
      return parseEmail(cell);
    case 'choice':
      return parseChoice(cell, choicesOf(c) ?? []);
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
    default:
      return parseText(cell);
  }
}

export function layoutOf(tab: TabSpec, table: RawTable | undefined, findings: Finding[]): TabLayout {
  const columnIndex: Record<string, number | undefined> = {};
  if (!table) {
    findings.push({
      sheet: tab.name,
      row: null,
      column: null,
      // 実行ログ is the system's own: setupWorkbook makes it, its absence blocks nobody's entries.
      severity: 'systemOnly' in tab ? 'warning' : 'error',
      code: 'missing-tab',
      message: `タブ「${tab.name}」がありません。メニュー「知財経営支援 > シートを準備」で作成するか、タブ名を「${tab.name}」に直してください。`,
    });
    return { tab, present: false, columnIndex, width: 0 };
  }
  const headers = table.header.map(h => normalizeHeader(h));
  // As with a missing tab: 実行ログ's headers are the system's to restore, and people's entries do not depend on them.
  const severity = 'systemOnly' in tab ? 'warning' : 'error';
  for (const c of tab.columns) {
    const want = normalizeHeader(c.header);
    const at = headers.flatMap((h, i) => (h === want ? [i] : []));
    columnIndex[c.key] = at[0];
    if (at.length === 0) {
      findings.push({
        sheet: tab.name,
        row: 1,
        column: c.header,
        severity,
        code: 'missing-header',
        message: `列「${c.header}」が見つかりません。1行目の見出しを「${c.header}」にしてください（列は見出しの名前で探します）。`,
      });
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

interface TabRead<K extends TabKey> {
  readonly rows: Row<K>[];
  readonly ids: IdCell[];
}

/** Reads the data rows of one tab; rows whose required cells cannot be read are reported and left out. */
export function readRows<K extends TabKey>(key: K, table: RawTable | undefined, layout: TabLayout, findings: Finding[]): TabRead<K> {
  const tab = tabSpec(key);
  const rows: Row<K>[] = [];
  const ids: IdCell[] = [];
  if (!table || !layout.present) return { rows, ids };
  const schema = rowSchema(key);
  for (const raw of table.rows) {
    if (raw.cells.every(isBlank)) continue;
    const values: Record<string, unknown> = { rowNumber: raw.rowNumber };
    let complete = true;
    for (const c of tab.columns) {
      if (isComputed(c)) continue;
      const at = layout.columnIndex[c.key];
      const cell: Cell = at === undefined ? null : (raw.cells[at] ?? null);
      if (isBlank(cell)) {
        values[c.key] = null;
        if (isRequired(c)) {
          complete = false;
          if (at !== undefined) {
            findings.push({
              sheet: tab.name,
              row: raw.rowNumber,
              column: c.header,
              severity: 'error',
              code: 'required',
              message: `「${c.header}」が空です。この列は必須です。値を入力してください。`,
            });
          }
        }
        continue;
      }
      const parsed = parseCell(c, cell);
      if (parsed.ok) {
        values[c.key] = parsed.value;
        if (c.type === 'id') ids.push({ id: parsed.value as string, rowNumber: raw.rowNumber });
      } else {
        values[c.key] = null;
        if (isRequired(c)) complete = false;
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
    const checked = schema.safeParse(values);
    if (checked.success) rows.push(checked.data);
    else
      findings.push({
        sheet: tab.name,
        row: raw.rowNumber,
        column: null,
        severity: 'error',
        code: 'invalid-value',
        message: `この行を読み取れませんでした（${checked.error.issues.map(i => i.path.join('.')).join(', ')}）。入力を確認してください。`,
      });
  }
  return { rows, ids };
}

/** Reads every tab of the contract from the raw tables an adapter found (keyed by tab name as typed). */
export function readLedger(tables: ReadonlyMap<string, RawTable>): ReadResult {
  const findings: Finding[] = [];
  const byName = new Map<string, RawTable>();
  for (const [name, table] of tables) byName.set(normalizeHeader(name), table);
  const layouts = {} as Record<TabKey, TabLayout>;
  const tableOf = (key: TabKey): RawTable | undefined => byName.get(normalizeHeader(tabSpec(key).name));
  for (const tab of contract.tabs) layouts[tab.key] = layoutOf(tab, tableOf(tab.key), findings);

  const settingsRead = readRows('settings', tableOf('settings'), layouts.settings, findings);
  const settings = readSettings(settingsRead.rows, findings);
  const cases = readRows('cases', tableOf('cases'), layouts.cases, findings);
  const meetings = readRows('meetings', tableOf('meetings'), layouts.meetings, findings);
  const pdHours = readRows('pdHours', tableOf('pdHours'), layouts.pdHours, findings);
  const experts = readRows('experts', tableOf('experts'), layouts.experts, findings);
  const handlers = readRows('handlers', tableOf('handlers'), layouts.handlers, findings);

  return {
    ledger: {
      cases: cases.rows,
      meetings: meetings.rows,
      pdHours: pdHours.rows,
      experts: experts.rows,
      handlers: handlers.rows,
      settings,
      caseIds: new Set(cases.ids.map(i => i.id)),
      meetingIds: new Set(meetings.ids.map(i => i.id)),
      idCells: { cases: cases.ids, meetings: meetings.ids },
    },
    findings,
    layouts,
  };
}
