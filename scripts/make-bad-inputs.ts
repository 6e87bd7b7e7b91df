/**
 * The bad-input corpus: the sample workbook as people really leave it after a year of editing,
 * one case per kind of trouble, each with what `check` must say about it.
 *
 * A case is data: edits to a clean copy of the sample (its planted problems fixed, so it checks clean),
 * and the findings the edits add or take away (tab, row, column, code). Two renderings share the cases:
 * - writeBadInputs(dir) writes each case as a file: .xlsx written by SheetJS (the CLI reads with exceljs,
 *   so a file is read by a library other than its writer), by exceljs where SheetJS refuses (cells over
 *   32,767 characters), or the bytes of something that is not a workbook at all.
 * - sheetsOf(case) gives the same workbook as Google Sheets' getValues would (dates as Date, durations as
 *   1899-12-30 times, merged cells blank but the first) for the bundle tests on the fakes.
 *
 * test/local/badInputs.test.ts runs writeBadInputs into test/fixtures/bad-inputs/ in its beforeAll (the
 * files are regenerated on every run and git-ignored by the .gitignore written beside them).
 */

import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { contract } from '../sheets-templates/contract';
import sample from '../sheets-templates/sample.json';
import { columnLetter } from '../src/domain/ledgerReader';
// The project's exceljs fixes (an emoji split across JSZip's 16K slices comes out as two U+FFFD otherwise).
import '../src/local/xlsxWorkbook';

// ---- the workbook model ------------------------------------------------------------------------

/** A cell as a person left it. */
export type CellSpec =
  | string
  | number
  | boolean
  | null
  | { readonly date: string }
  /** A time/duration cell ('3:30' typed into a time-formatted cell: a fraction of a day). */
  | { readonly duration: string; readonly format?: string }
  /** A formula; `cached` is its last computed value, absent when the file has none. */
  | { readonly formula: string; readonly cached?: string | number | { readonly date: string } }
  | { readonly error: string };

export interface TabModel {
  name: string;
  rows: CellSpec[][];
  /** A1 ranges of merged areas. */
  merges: string[];
}

export interface BookModel {
  tabs: TabModel[];
  /** The Mac 1904 date system (serials count from 1904-01-01). */
  date1904?: boolean;
}

export interface FindingKey {
  readonly sheet: string;
  readonly row: number | null;
  readonly column: string | null;
  readonly code: string;
}

export interface WorkbookCase {
  readonly kind: 'workbook';
  readonly name: string;
  readonly about: string;
  readonly writer: 'sheetjs' | 'exceljs';
  readonly edit: (book: BookModel) => void;
  /** Findings the case adds to the clean sample's (which has none). */
  readonly adds: readonly FindingKey[];
  /** Whether Google Sheets can hold this workbook as written (the bundle tests skip the others). */
  readonly inSheets: boolean;
  /** Meetings whose 状態 the edits change, by ID: the rest must keep the clean sample's. */
  readonly changesMeetings?: readonly string[];
}

export interface FileCase {
  readonly kind: 'file';
  readonly name: string;
  readonly about: string;
  /** The file's bytes; 'directory' makes a folder of that name; 'absent' leaves the path free. */
  readonly content: (clean: Buffer) => Buffer | 'directory' | 'absent';
}

export type BadInputCase = WorkbookCase | FileCase;

export const AS_OF: string = sample.asOf;
export const REPORT_MONTH: string = sample.reportMonth;

type SampleRow = Record<string, string | number | boolean>;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;

const tabSpecOf = (name: string) => contract.tabs.find(t => t.name === name);

/** The sample (sheets-templates/sample.json) as a person's workbook: contract headers, dates as date cells. */
function sampleBook(): BookModel {
  const tabs = sample.tabs as unknown as Record<string, SampleRow[]>;
  const dateSettings = new Set<string>(contract.settings.filter(s => s.type === 'date').map(s => s.name));
  return {
    tabs: contract.tabs.map(tab => {
      const headers: string[] = tab.columns.map(c => c.header);
      if (tab.key === 'settings') headers.push('説明');
      const rows: CellSpec[][] = [headers];
      for (const r of tabs[tab.name] ?? []) {
        rows.push(
          headers.map(h => {
            const v = r[h];
            if (v === undefined) return null;
            const column = tab.columns.find(c => c.header === h);
            const isDate = column?.type === 'date' || (h === '値' && dateSettings.has(String(r.項目)));
            return isDate && typeof v === 'string' && DATE_TEXT.test(v) ? { date: v } : v;
          })
        );
      }
      return { name: tab.name, rows, merges: [] };
    }),
  };
}

// ---- editing helpers (rows are the sheet's own numbers, header = 1) ----------------------------

export function tab(book: BookModel, name: string): TabModel {
  const t = book.tabs.find(x => x.name === name);
  if (!t) throw new Error(`no tab ${name}`);
  return t;
}

function columnOf(t: TabModel, header: string): number {
  const c = (t.rows[0] ?? []).indexOf(header);
  if (c < 0) throw new Error(`no header ${header} in ${t.name}`);
  return c;
}

export function set(book: BookModel, tabName: string, row: number, header: string, value: CellSpec): void {
  const t = tab(book, tabName);
  const c = columnOf(t, header);
  const r = t.rows[row - 1];
  if (!r) throw new Error(`no row ${row} in ${tabName}`);
  while (r.length <= c) r.push(null);
  r[c] = value;
}

export function get(book: BookModel, tabName: string, row: number, header: string): CellSpec {
  const t = tab(book, tabName);
  return t.rows[row - 1]?.[columnOf(t, header)] ?? null;
}

function renameHeader(book: BookModel, tabName: string, from: string, to: string): void {
  const t = tab(book, tabName);
  (t.rows[0] as CellSpec[])[columnOf(t, from)] = to;
}

function dropTab(book: BookModel, name: string): void {
  book.tabs = book.tabs.filter(t => t.name !== name);
}

/** Inserts rows before sheet row `before` (later rows move down). */
function insertRows(book: BookModel, tabName: string, before: number, rows: CellSpec[][]): void {
  tab(book, tabName).rows.splice(before - 1, 0, ...rows);
}

/** Column letter of a 0-based index (the domain's own, so messages and fixtures agree). */
export const letter = columnLetter;

/** Merges a range as Excel and Sheets do: the top-left cell keeps its value, the others are emptied. */
function merge(book: BookModel, tabName: string, fromRow: number, fromHeader: string, toRow: number, toHeader: string): void {
  const t = tab(book, tabName);
  const [c1, c2] = [columnOf(t, fromHeader), columnOf(t, toHeader)];
  for (let r = fromRow; r <= toRow; r++) for (let c = c1; c <= c2; c++) if (r !== fromRow || c !== c1) (t.rows[r - 1] ?? [])[c] = null;
  t.merges.push(`${letter(c1)}${fromRow}:${letter(c2)}${toRow}`);
}

/** The sample with its planted problems fixed (SAMPLE.md): `check` finds nothing in it. */
export function cleanBook(): BookModel {
  const book = sampleBook();
  set(book, '案件台帳', 5, '事前検証日', { date: '2024-08-20' }); // C-004 支援中 needs advance verification
  set(book, '案件台帳', 8, '担当', '成田 健太'); // 福士 亮 is inactive in 情報取扱者名簿
  set(book, 'PD稼働記録', 36, '時間', 2.5); // 2024-10-23 would total 8.5 h (> 7)
  set(book, 'PD稼働記録', 44, '案件ID', 'C-006'); // C-009 is not in 案件台帳
  set(book, '専門家活用記録', 4, '事前協議日', { date: '2024-09-12' });
  set(book, '専門家活用記録', 7, '状態', '中止'); // the 3rd expert use of October
  set(book, '専門家活用記録', 11, '事前協議日', { date: '2024-11-28' });
  return book;
}

// ---- the cases ---------------------------------------------------------------------------------

const PD = 'PD稼働記録';
const MEETINGS = '会議登録簿';
const CASES = '案件台帳';
const EXPERTS = '専門家活用記録';
const SETTINGS = '設定';
const LOG = '実行ログ';

const at = (sheet: string, row: number | null, column: string | null, code: string): FindingKey => ({ sheet, row, column, code });
const allHeaders = (name: string, code: string, row: number | null = 1): FindingKey[] =>
  (tabSpecOf(name)?.columns ?? []).map(c => at(name, row, c.header, code));

/** 50,000 characters (Google Sheets' limit per cell) of text with emoji, ZWJ sequences and flags. */
export function longEmojiText(seed: string): string {
  const unit = `${seed}🍎👩‍👩‍👧🏔️🇯🇵りんご😀 `;
  let s = '';
  while (s.length < 50_000) s += unit;
  // Cut on a code point boundary: never half a surrogate pair.
  const points = Array.from(s);
  let out = '';
  for (const p of points) {
    if (out.length + p.length > 50_000) break;
    out += p;
  }
  return out;
}

const MINIMAL_PDF = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;

export const cases: readonly BadInputCase[] = [
  {
    kind: 'workbook',
    name: 'clean-sample',
    about: 'the sample with its planted problems fixed, written by SheetJS: the baseline every other case is compared with',
    writer: 'sheetjs',
    edit: () => {},
    adds: [],
    inSheets: true,
  },
  {
    kind: 'workbook',
    name: 'full-width-digits',
    about: 'full-width digits, slashes, commas, hyphens and letters in dates, hours, money, IDs and settings',
    writer: 'sheetjs',
    edit: b => {
      set(b, PD, 2, '日付', '２０２４／０７／０３');
      set(b, PD, 2, '時間', '４');
      set(b, PD, 7, '旅費', '２４，１６０円');
      set(b, PD, 4, '会議ID', 'Ｍ－００１');
      set(b, MEETINGS, 2, '会議ID', 'Ｍ－００１');
      set(b, CASES, 2, '支援開始日', '２０２４年８月７日');
      set(b, SETTINGS, 5, '値', '４０');
    },
    adds: [],
    inSheets: true,
  },
  {
    kind: 'workbook',
    name: 'era-dates',
    about: 'dates typed in the Japanese era (令和6年7月8日, R6.7.10, r6/7/24, 令和元年 forms) and one outside its era',
    writer: 'sheetjs',
    edit: b => {
      set(b, MEETINGS, 2, '開催日', '令和6年7月8日');
      set(b, MEETINGS, 3, '開催日', 'R6.7.10');
      set(b, MEETINGS, 4, '開催日', 'r6/7/24');
      set(b, MEETINGS, 5, '議事録共有日', '令和６年８月１６日');
      set(b, SETTINGS, 2, '値', '令和6年6月3日');
      set(b, EXPERTS, 2, '実施日', 'R6.8.9');
      set(b, PD, 3, '日付', '平成36年7月3日'); // Heisei ended in 2019 (平成31年4月30日)
    },
    adds: [at(PD, 3, '日付', 'invalid-date')],
    inSheets: true,
  },
  {
    kind: 'workbook',
    name: 'durations-as-text',
    about: 'hours typed as 3:30, 2時間30分, 90分, 1時間半 and full-width ３：３０',
    writer: 'sheetjs',
    edit: b => {
      set(b, PD, 5, '時間', '1:30');
      set(b, PD, 6, '時間', '3:30');
      set(b, PD, 12, '時間', '2時間30分');
      set(b, PD, 14, '時間', '90分');
      set(b, PD, 25, '時間', '1時間半');
      set(b, PD, 17, '時間', '３：３０');
      set(b, EXPERTS, 8, '時間', '1:30');
    },
    adds: [],
    inSheets: true,
  },
  {
    kind: 'workbook',
    name: 'durations-as-time-cells',
    about: 'hours typed as 3:30 into time-formatted cells (h:mm, [h]:mm, h:mm:ss): a fraction of a day; リマインダー時刻 as 8:00',
    writer: 'sheetjs',
    edit: b => {
      set(b, PD, 6, '時間', { duration: '3:30', format: 'h:mm' });
      set(b, PD, 17, '時間', { duration: '3:30', format: '[h]:mm' });
      set(b, PD, 12, '時間', { duration: '2:30', format: 'h:mm:ss' });
      set(b, EXPERTS, 8, '時間', { duration: '1:30', format: 'h:mm' });
      set(b, SETTINGS, 15, '値', { duration: '8:00', format: 'h:mm' });
    },
    adds: [],
    inSheets: true,
  },
  {
    kind: 'workbook',
    name: 'text-in-number-columns',
    about: 'words where numbers belong: 三時間, 二万四千円, 3万円, 四十日 (a setting)',
    writer: 'sheetjs',
    edit: b => {
      set(b, PD, 8, '時間', '三時間');
      set(b, PD, 7, '旅費', '二万四千円');
      set(b, EXPERTS, 2, '謝金', '3万円');
      set(b, SETTINGS, 5, '値', '四十日');
    },
    adds: [
      at(PD, 7, '旅費', 'invalid-number'),
      at(PD, 8, '時間', 'invalid-number'),
      at(EXPERTS, 2, '謝金', 'invalid-number'),
      at(SETTINGS, 5, '値', 'invalid-setting'),
    ],
    inSheets: true,
  },
  {
    kind: 'workbook',
    name: 'negative-hours',
    about: 'negative hours and money: -3, "-4", "−3:00" (minus sign), a negative 旅費',
    writer: 'sheetjs',
    edit: b => {
      set(b, PD, 9, '時間', -3);
      set(b, PD, 10, '時間', '-4');
      set(b, PD, 10, '旅費', '-16800');
      set(b, PD, 11, '時間', '−3:00');
      set(b, EXPERTS, 3, '時間', -2);
    },
    adds: [
      at(PD, 9, '時間', 'invalid-number'),
      at(PD, 10, '時間', 'invalid-number'),
      at(PD, 10, '旅費', 'invalid-number'),
      at(PD, 11, '時間', 'invalid-number'),
      at(EXPERTS, 3, '時間', 'invalid-number'),
    ],
    inSheets: true,
  },
  {
    kind: 'workbook',
    name: 'formulas-without-cached-values',
    about:
      'formulas saved without a computed value (as some tools write them), an error value, and formulas with a cached value (read as that value)',
    writer: 'sheetjs',
    edit: b => {
      set(b, PD, 13, '時間', { formula: 'B12+2' });
      set(b, MEETINGS, 5, '議事録共有日', { formula: 'C5+9' });
      set(b, EXPERTS, 5, '謝金', { error: '#REF!' });
      set(b, CASES, 3, '企業名', { formula: '"有限会社"&"八戸マリンフーズ"', cached: '有限会社八戸マリンフーズ' });
      set(b, PD, 15, '日付', { formula: 'DATE(2024,8,21)', cached: { date: '2024-08-21' } });
    },
    // A formula without its value is formula-without-result locally; Sheets shows #REF! there (the same cells).
    adds: [
      at(PD, 13, '時間', 'formula-without-result'),
      at(MEETINGS, 5, '議事録共有日', 'formula-without-result'),
      at(EXPERTS, 5, '謝金', 'invalid-number'),
    ],
    changesMeetings: ['M-004'], // its minutes' sharing date cannot be read: overdue
    inSheets: true,
  },
  {
    kind: 'workbook',
    name: 'merged-cells-and-blank-rows',
    about: 'a 区分 merged over two rows (the second reads blank), a merged header, blank and whitespace-only rows between the data',
    writer: 'sheetjs',
    edit: b => {
      merge(b, PD, 2, '区分', 3, '区分');
      merge(b, CASES, 2, '課題', 2, '支援メニュー');
      insertRows(b, PD, 22, [[], [null, null, '　', ' '], []]);
      const meetings = tab(b, MEETINGS);
      const header = meetings.rows[0] as CellSpec[];
      header.push('メモ', null); // a header merged over two columns
      meetings.merges.push(`${letter(header.length - 2)}1:${letter(header.length - 1)}1`);
    },
    // A merged data cell is reported as merged, not as a blank required cell (both runtimes).
    adds: [at(PD, 3, '区分', 'merged-cells'), at(CASES, 2, '支援メニュー', 'merged-cells')],
    inSheets: true,
  },
  {
    kind: 'workbook',
    name: 'long-cells-with-emoji',
    about: '50,000-character cells full of emoji (ZWJ sequences, flags) in free-text columns, a shared-with column and a date column',
    writer: 'exceljs', // SheetJS refuses cells over Excel's 32,767 characters; Sheets holds 50,000
    edit: b => {
      set(b, PD, 2, '備考', longEmojiText('備考'));
      set(b, CASES, 2, '課題', longEmojiText('課題'));
      set(b, MEETINGS, 3, '共有先', longEmojiText('共有先'));
      set(b, PD, 4, '日付', longEmojiText('日付'));
    },
    adds: [at(PD, 4, '日付', 'invalid-date')],
    inSheets: true,
  },
  {
    kind: 'workbook',
    name: 'renamed-headers',
    about: 'headers people renamed: 時間 → 稼働時間, 開催日 → 開催日付, 活動内容 → 活動　内容 (a space inside)',
    writer: 'sheetjs',
    edit: b => {
      renameHeader(b, PD, '時間', '稼働時間');
      renameHeader(b, PD, '活動内容', '活動　内容');
      renameHeader(b, MEETINGS, '開催日', '開催日付');
    },
    adds: [at(PD, 1, '時間', 'missing-header'), at(PD, 1, '活動内容', 'missing-header'), at(MEETINGS, 1, '開催日', 'missing-header')],
    changesMeetings: sample.tabs.会議登録簿.map(m => m.会議ID), // no meeting can be read without 開催日
    inSheets: true,
  },
  {
    kind: 'workbook',
    name: 'headers-with-full-width-spaces',
    about: 'stray full-width and ASCII spaces around headers and a tab name (「　日付　」, 「PD稼働記録　」): understood',
    writer: 'sheetjs',
    edit: b => {
      renameHeader(b, PD, '日付', '　日付　');
      renameHeader(b, PD, '時間', '時間　');
      renameHeader(b, MEETINGS, '種別', ' 種別');
      renameHeader(b, CASES, '段階', '段階 ');
      tab(b, PD).name = 'PD稼働記録　';
    },
    adds: [],
    inSheets: true,
  },
  {
    kind: 'workbook',
    name: 'duplicate-headers',
    about: 'a header twice in one tab (時間 in PD稼働記録, 担当 in 案件台帳): the left one is used and the duplicate reported',
    writer: 'sheetjs',
    edit: b => {
      const pd = tab(b, PD);
      pd.rows.forEach((r, i) => {
        r.push(i === 0 ? '時間' : i % 2 === 0 ? 0.5 : null);
      });
      const cases = tab(b, CASES);
      cases.rows.forEach((r, i) => {
        while (r.length < 12) r.push(null);
        r.push(i === 0 ? '担当' : '山田 太郎');
      });
    },
    adds: [at(PD, 1, '時間', 'duplicate-header'), at(CASES, 1, '担当', 'duplicate-header')],
    inSheets: true,
  },
  {
    kind: 'workbook',
    name: 'missing-tabs',
    about: 'tabs deleted: 設定, 専門家活用記録 and the system-only 実行ログ',
    writer: 'sheetjs',
    edit: b => {
      dropTab(b, SETTINGS);
      dropTab(b, EXPERTS);
      dropTab(b, LOG);
    },
    adds: [at(SETTINGS, null, null, 'missing-tab'), at(EXPERTS, null, null, 'missing-tab'), at(LOG, null, null, 'missing-tab')],
    changesMeetings: ['M-004'], // without 設定 its 追加休日 (2024-08-13, 14) are business days: due earlier, shared late
    inSheets: true,
  },
  {
    kind: 'workbook',
    name: 'empty-tabs',
    about: 'tabs left completely empty (no header): 専門家活用記録 and 実行ログ; 情報取扱者名簿 with headers only is not a case here',
    writer: 'sheetjs',
    edit: b => {
      tab(b, EXPERTS).rows = [];
      tab(b, LOG).rows = [];
    },
    adds: [...allHeaders(EXPERTS, 'missing-header'), ...allHeaders(LOG, 'missing-header')],
    inSheets: true,
  },
  {
    kind: 'workbook',
    name: 'date-1904-system',
    about: 'a workbook saved in the Mac 1904 date system: date serials count from 1904-01-01, durations are still fractions of a day',
    writer: 'sheetjs',
    edit: b => {
      b.date1904 = true;
      set(b, PD, 6, '時間', { duration: '3:30', format: 'h:mm' });
      set(b, EXPERTS, 8, '時間', { duration: '1:30', format: '[h]:mm' });
    },
    adds: [],
    inSheets: false,
  },
  { kind: 'file', name: 'csv-renamed', about: 'a CSV export renamed to .xlsx', content: () => csvOf(cleanBook()) },
  { kind: 'file', name: 'pdf-renamed', about: 'a PDF renamed to .xlsx', content: () => Buffer.from(MINIMAL_PDF, 'latin1') },
  {
    kind: 'file',
    name: 'corrupt-zip',
    about: 'an .xlsx cut off half-way (an interrupted download)',
    content: clean => clean.subarray(0, Math.floor(clean.length * 0.6)),
  },
  {
    kind: 'file',
    name: 'zip-without-workbook',
    about: 'a valid zip archive that holds no workbook',
    content: () => zipOf({ 'readme.txt': 'これはブックではありません' }),
  },
  {
    kind: 'file',
    name: 'legacy-xls',
    about: 'an Excel 97-2003 (.xls, BIFF8) workbook renamed to .xlsx',
    content: () => legacyXls(cleanBook()),
  },
  { kind: 'file', name: 'empty-file', about: 'a file of zero bytes', content: () => Buffer.alloc(0) },
  { kind: 'file', name: 'directory', about: 'a folder whose name ends in .xlsx', content: () => 'directory' },
  { kind: 'file', name: 'does-not-exist', about: 'a path where there is no file', content: () => 'absent' },
];

// ---- rendering: .xlsx --------------------------------------------------------------------------

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const EPOCH_1904_OFFSET = 1462; // days from 1899-12-30 to 1904-01-01

export function serialOfYmd(ymd: string, date1904 = false): number {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return (Date.UTC(y, m - 1, d) - EXCEL_EPOCH_MS) / 86_400_000 - (date1904 ? EPOCH_1904_OFFSET : 0);
}

export function dayFraction(hm: string): number {
  const [h, m, s] = hm.split(':').map(Number) as [number, number, number | undefined];
  return (h * 3600 + m * 60 + (s ?? 0)) / 86_400;
}

const isObject = (v: CellSpec): v is Exclude<CellSpec, string | number | boolean | null> => typeof v === 'object' && v !== null;

function sheetjsCell(v: CellSpec, date1904: boolean): XLSX.CellObject | undefined {
  if (v === null || v === '') return undefined;
  if (typeof v === 'string') return { t: 's', v };
  if (typeof v === 'number') return { t: 'n', v };
  if (typeof v === 'boolean') return { t: 'b', v };
  if ('date' in v) return { t: 'n', v: serialOfYmd(v.date, date1904), z: 'yyyy-mm-dd' };
  if ('duration' in v) return { t: 'n', v: dayFraction(v.duration), z: v.format ?? 'h:mm' };
  if ('error' in v) return { t: 'e', v: 0x17 /* #REF! */, w: v.error };
  const c = v.cached;
  if (c === undefined) return { t: 'n', f: v.formula };
  if (typeof c === 'string') return { t: 's', v: c, f: v.formula };
  if (typeof c === 'number') return { t: 'n', v: c, f: v.formula };
  return { t: 'n', v: serialOfYmd(c.date, date1904), z: 'yyyy-mm-dd', f: v.formula };
}

function writeWithSheetJs(book: BookModel, bookType: XLSX.BookType = 'xlsx'): Buffer {
  const wb = XLSX.utils.book_new();
  const date1904 = book.date1904 === true;
  for (const t of book.tabs) {
    const ws: XLSX.WorkSheet = {};
    let maxC = 0;
    t.rows.forEach((row, r) => {
      row.forEach((v, c) => {
        const cell = sheetjsCell(v, date1904);
        if (!cell) return;
        ws[XLSX.utils.encode_cell({ r, c })] = cell;
        maxC = Math.max(maxC, c);
      });
    });
    ws['!ref'] = t.rows.length === 0 ? 'A1' : XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: t.rows.length - 1, c: maxC } });
    if (t.merges.length) ws['!merges'] = t.merges.map(m => XLSX.utils.decode_range(m));
    XLSX.utils.book_append_sheet(wb, ws, t.name);
  }
  if (date1904) wb.Workbook = { ...(wb.Workbook ?? {}), WBProps: { date1904: true } };
  return XLSX.write(wb, { type: 'buffer', bookType }) as Buffer;
}

const utcDate = (ymd: string): Date => {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
};

function exceljsValue(v: CellSpec): { value: ExcelJS.CellValue; numFmt?: string } {
  if (!isObject(v)) return { value: v };
  if ('date' in v) return { value: utcDate(v.date), numFmt: 'yyyy-mm-dd' };
  if ('duration' in v) return { value: new Date(EXCEL_EPOCH_MS + dayFraction(v.duration) * 86_400_000), numFmt: v.format ?? 'h:mm' };
  if ('error' in v) return { value: { error: v.error } as ExcelJS.CellErrorValue };
  const c = v.cached;
  const result = c === undefined ? undefined : typeof c === 'object' ? utcDate(c.date) : c;
  return { value: { formula: v.formula, result } as ExcelJS.CellFormulaValue };
}

async function writeWithExceljs(book: BookModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const t of book.tabs) {
    const ws = wb.addWorksheet(t.name);
    t.rows.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v === null) return;
        const { value, numFmt } = exceljsValue(v);
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = value;
        if (numFmt) cell.numFmt = numFmt;
      });
    });
    for (const m of t.merges) ws.mergeCells(m);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvOf(book: BookModel): Buffer {
  const t = tab(book, PD);
  const text = t.rows
    .map(r =>
      r
        .map(v => (v === null ? '' : isObject(v) ? ('date' in v ? v.date : '') : String(v)))
        .map(s => `"${s.replace(/"/g, '""')}"`)
        .join(',')
    )
    .join('\r\n');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

function zipOf(files: Record<string, string>): Buffer {
  const cfb = XLSX.CFB.utils.cfb_new();
  for (const [name, text] of Object.entries(files)) XLSX.CFB.utils.cfb_add(cfb, name, Buffer.from(text, 'utf8'));
  return Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer', fileType: 'zip' }) as Buffer);
}

function legacyXls(book: BookModel): Buffer {
  return writeWithSheetJs(book, 'biff8');
}

export function bookOf(c: WorkbookCase): BookModel {
  const book = cleanBook();
  c.edit(book);
  return book;
}

export async function workbookBytes(c: WorkbookCase): Promise<Buffer> {
  const book = bookOf(c);
  return c.writer === 'exceljs' ? writeWithExceljs(book) : writeWithSheetJs(book);
}

export const fileName = (c: BadInputCase): string => `${c.name}.xlsx`;

/** Writes every case into dir (emptied first), with a .gitignore: the corpus is regenerated, not committed. */
export async function writeBadInputs(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
  writeFileSync(join(dir, '.gitignore'), '# Generated by scripts/make-bad-inputs.ts (test/local/badInputs.test.ts runs it).\n*\n');
  const clean = await workbookBytes(cases[0] as WorkbookCase);
  for (const c of cases) {
    const path = join(dir, fileName(c));
    if (c.kind === 'workbook') {
      writeFileSync(path, await workbookBytes(c));
      continue;
    }
    const content = c.content(clean);
    if (content === 'directory') mkdirSync(path);
    else if (content !== 'absent') writeFileSync(path, content);
  }
}

// ---- rendering: what Google Sheets' getValues returns --------------------------------------------

/** The case as Sheets holds it, for the fakes: date cells as Dates in the script's zone, merged cells blank but the first. */
/** Each tab's merged areas (A1 ranges), for laying the case out in Sheets with Range.merge. */
export function mergesOf(c: WorkbookCase): Record<string, readonly string[]> {
  return Object.fromEntries(
    bookOf(c)
      .tabs.filter(t => t.merges.length > 0)
      .map(t => [t.name, [...t.merges]])
  );
}

export function sheetsOf(c: WorkbookCase): Record<string, unknown[][]> {
  const book = bookOf(c);
  const out: Record<string, unknown[][]> = {};
  for (const t of book.tabs) {
    const rows: unknown[][] = t.rows.map(r => r.map(sheetsValue));
    for (const m of t.merges) {
      const range = XLSX.utils.decode_range(m);
      for (let r = range.s.r; r <= range.e.r; r++)
        for (let col = range.s.c; col <= range.e.c; col++) if (r !== range.s.r || col !== range.s.c) (rows[r] ?? [])[col] = '';
    }
    out[t.name] = rows;
  }
  return out;
}

function localDate(ymd: string): Date {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

function sheetsValue(v: CellSpec): unknown {
  if (v === null) return '';
  if (!isObject(v)) return v;
  if ('date' in v) return localDate(v.date);
  if ('duration' in v) {
    const [h, m] = v.duration.split(':').map(Number) as [number, number];
    return new Date(1899, 11, 30, h, m);
  }
  if ('error' in v) return v.error;
  const c = v.cached;
  // Sheets always has a formula's value: a formula it cannot compute shows an error value.
  if (c === undefined) return '#REF!';
  return typeof c === 'object' ? localDate(c.date) : c;
}
