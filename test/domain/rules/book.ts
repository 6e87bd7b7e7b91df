/**
 * Small hand-made workbooks for the rule tests. Every ledger goes through readLedger from RawTables, as an
 * adapter hands them over, so each rule test also exercises header matching and cell parsing.
 */
import { contract } from '../../../sheets-templates/contract';
import { type CheckResult, check } from '../../../src/domain/check';
import { serialFromYmd } from '../../../src/domain/dates';
import type { Finding, FindingCode } from '../../../src/domain/findings';
import { type ReadResult, readLedger } from '../../../src/domain/ledgerReader';
import type { Cell, RawTable } from '../../../src/domain/rawTable';

/** One data row, keyed by header text; a missing key is an empty cell. */
export type TypedRow = Readonly<Record<string, Cell>>;

export type TabName = (typeof contract.tabs)[number]['name'];

/** The contract's headers of a tab, in the template's order. */
export const headersOf = (tab: TabName): string[] => {
  const spec = contract.tabs.find(t => t.name === tab);
  if (!spec) throw new Error(`no tab ${tab}`);
  return spec.columns.map(c => c.header);
};

/** A real date cell, as every adapter hands it over (a spreadsheet serial). */
export const dateCell = (ymd: string): Cell => ({ serial: serialFromYmd(ymd) });

/**
 * A tab as typed: header row (the contract's unless given) and rows placed under their header's column.
 * Sheet rows start at `firstRow` (2 = right under the header) and follow one another.
 */
export function rawTable(
  name: string,
  rows: readonly TypedRow[],
  header: readonly Cell[] = headersOf(name as TabName),
  firstRow = 2
): RawTable {
  const at = (h: string): number => {
    const i = header.indexOf(h);
    if (i < 0) throw new Error(`header ${h} is not in ${name}'s header row`);
    return i;
  };
  return {
    name,
    header,
    rows: rows.map((row, i) => {
      const cells: Cell[] = header.map(() => null);
      for (const [h, v] of Object.entries(row)) cells[at(h)] = v;
      return { rowNumber: firstRow + i, cells };
    }),
  };
}

/**
 * The secretariat's people: two active handlers and one who left (有効 FALSE), then the rest of a secretariat as
 * §5.1(3) staffs it (so secretariat-roles stays silent unless a test is about it).
 */
export const PEOPLE: readonly TypedRow[] = [
  { 氏名: '成田 健太', メール: 'kenta.narita@example.co.jp', 役割: '事業担当者', 有効: true },
  { 氏名: '三上 奈緒', メール: 'nao.mikami@example.co.jp', 役割: '事業担当リーダー', 有効: true },
  { 氏名: '福士 亮', メール: 'ryo.fukushi@example.co.jp', 役割: '事業担当者', 有効: false },
  { 氏名: '工藤 誠一', メール: 'seiichi.kudo@example.co.jp', 役割: '事業統括責任者', 有効: true },
  { 氏名: '葛西 美咲', メール: 'misaki.kasai@example.co.jp', 役割: '事業担当者', 有効: true },
  { 氏名: '佐々木 浩', メール: 'hiroshi.sasaki@example.jp', 役割: '事業PD', 有効: true },
];

const DEFAULT_SETTINGS: Readonly<Record<string, Cell>> = {
  事業開始日: dateCell('2024-06-03'),
  事業終了日: dateCell('2025-03-31'),
  PD標準時間: 7,
  専門家月上限: 2,
};

/** Rows per tab, by tab name; a tab not given is there with its header and no rows (情報取扱者名簿: PEOPLE). */
export type Book = { readonly [T in Exclude<TabName, '設定'>]?: readonly TypedRow[] } & {
  /** 項目 → 値, laid over the defaults above (null leaves the item out of 設定: not set). */
  readonly 設定?: Readonly<Record<string, Cell>>;
  /** Tabs left out of the workbook altogether. */
  readonly without?: readonly TabName[];
};

export function tablesOf(book: Book): Map<string, RawTable> {
  const settings = { ...DEFAULT_SETTINGS, ...(book.設定 ?? {}) };
  const rowsOf = (name: TabName): readonly TypedRow[] => {
    if (name === '設定') return Object.entries(settings).flatMap(([項目, 値]) => (値 === null ? [] : [{ 項目, 値 }]));
    return (book as Readonly<Record<string, readonly TypedRow[] | undefined>>)[name] ?? (name === '情報取扱者名簿' ? PEOPLE : []);
  };
  const tables = new Map<string, RawTable>();
  for (const tab of contract.tabs) {
    if (book.without?.includes(tab.name)) continue;
    tables.set(tab.name, rawTable(tab.name, rowsOf(tab.name)));
  }
  return tables;
}

export const readBook = (book: Book): ReadResult => readLedger(tablesOf(book));

export const checkBook = (book: Book, today = '2024-12-02'): CheckResult => check(readBook(book), today);

/** Where the findings of one code are, without the message (asserted separately where it matters). */
export const findingsOf = (result: { readonly findings: readonly Finding[] }, code: FindingCode) =>
  result.findings.filter(f => f.code === code).map(({ sheet, row, column, severity }) => ({ sheet, row, column, severity }));

// ---- rows with every required cell, so a test only writes what it is about ----------------------

export const caseRow = (id: string, extra: TypedRow = {}): TypedRow => ({
  案件ID: id,
  企業名: `株式会社${id}`,
  段階: '候補',
  ...extra,
});

export const meetingRow = (id: string, type: string, date: string, extra: TypedRow = {}): TypedRow => ({
  会議ID: id,
  種別: type,
  開催日: dateCell(date),
  ...extra,
});

export const pdRow = (date: string, hours: Cell, extra: TypedRow = {}): TypedRow => ({
  日付: dateCell(date),
  時間: hours,
  区分: 'オンライン',
  活動内容: '準備・報告',
  ...extra,
});

export const expertRow = (date: string, status: string, extra: TypedRow = {}): TypedRow => ({
  実施日: dateCell(date),
  専門家名: '石田 雅之',
  専門分野: '知財活用・契約',
  状態: status,
  ...extra,
});
