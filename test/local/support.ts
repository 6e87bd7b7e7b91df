/**
 * End-to-end support: the built CLI run as a user runs it (a child process), and a realistic workbook
 * written with SheetJS (`xlsx`), a different library from the exceljs the project reads with.
 *
 * `npm test` builds before jest. Run alone, these tests build dist/cli.js themselves when it is missing or
 * older than the sources it is built from (one build at a time across jest workers, under a lock).
 */
import { execFileSync, type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as XLSX from 'xlsx';
import { contract } from '../../sheets-templates/contract';
import sample from '../../sheets-templates/sample.json';
import { defaultContract, TAB_NAME } from '../../src/domain/schema';

export const ROOT = resolve(__dirname, '../..');
export const CLI = join(ROOT, 'bin/chizai-desk.js');
const BUNDLE = join(ROOT, 'dist/cli.js');

// ---- the built CLI --------------------------------------------------------------------------------

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const isStale = (): boolean =>
  !existsSync(BUNDLE) ||
  statSync(BUNDLE).mtimeMs < Math.max(...['src/domain', 'src/local', 'sheets-templates'].map(d => newestSource(join(ROOT, d))));

const sleep = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Builds dist/cli.js if it is missing or stale. */
export function ensureBuilt(): void {
  if (!isStale()) return;
  const lock = join(tmpdir(), `chizai-desk-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  for (const deadline = Date.now() + 180_000; ; ) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`waited too long for ${lock}; remove it if no build is running`);
      sleep(250);
      if (!isStale()) return;
    }
  }
  try {
    if (isStale()) execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'pipe' });
  } finally {
    rmdirSync(lock);
  }
}

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `chizai-desk ARGS` in a child process, as a user would. */
export function runCli(args: readonly string[], env: Readonly<Record<string, string>> = {}, cwd = ROOT): CliRun {
  const run: SpawnSyncReturns<string> = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CHIZAI_DEBUG: '', ...env },
    timeout: 60_000,
  });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A message a person reads: Japanese, and no stack trace. */
export const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
export const STACK_TRACE = /^\s+at\s|\b(?:Error|TypeError|RangeError):/m;

// ---- files ----------------------------------------------------------------------------------------

/** A fresh temporary directory; removeTempDirs() in afterAll removes all of them. */
const made: string[] = [];
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chizai-desk-test-'));
  made.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

// ---- the realistic workbook -----------------------------------------------------------------------

type SampleValue = string | number | boolean;
type SampleRow = Readonly<Record<string, SampleValue>>;

/** The column of the secretariat's own in each later tab (kept, ignored). */
export const EXTRA_HEADER = '事務局メモ';

/**
 * The contract's headers of a later tab in another order, as one more secretariat might lay them out: every
 * third header first, then the rest reversed, with a column of the secretariat's own in the middle.
 */
const shuffledHeaders = (tab: (typeof contract.tabs)[number]): string[] => {
  const headers: string[] = tab.columns.map(c => c.header);
  const picked = headers.filter((_, i) => i % 3 === 1);
  const rest = headers.filter((_, i) => i % 3 !== 1).reverse();
  const order = [...picked, ...rest];
  order.splice(Math.ceil(order.length / 2), 0, EXTRA_HEADER);
  return order;
};

/**
 * Columns in another order than the template, each of the first tabs with an extra column somewhere; a tab
 * the contract gains later is laid out in reverse order, so every tab is read by its headers.
 */
const HAND_LAID_HEADERS: Readonly<Record<string, readonly string[]>> = {
  会議登録簿: [
    '開催日',
    '会議ID',
    '種別',
    '事務局メモ',
    '議事録共有日',
    '議事録担当',
    '形式',
    '共有先',
    '関連案件',
    '状態',
    '期限',
    '議事録URL',
    '資料URL',
    '意見・提言',
  ],
  案件台帳: [
    '成果',
    '支援メニュー',
    '課題',
    '次回アクション',
    '次回期日',
    '事前検証日',
    '支援開始日',
    '担当',
    '段階',
    '業種',
    '企業名',
    '案件ID',
    '更新者',
  ],
  PD稼働記録: ['案件ID', '会議ID', '日付', '区分', '活動内容', '時間', '旅費', '備考'],
  専門家活用記録: ['状態', '実施日', '事前協議日', '専門家名', '専門分野', '時間', '案件ID', '謝金', '旅費', '依頼メモ'],
  情報取扱者名簿: ['メール', '氏名', '有効', '役割', '所属'],
  設定: ['項目', '値', '説明'],
  実行ログ: ['日時', '種類', 'キー', '宛先', '結果', '詳細', '実行者'],
};
export const FIXTURE_HEADERS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  contract.tabs.map(t => [t.name, HAND_LAID_HEADERS[t.name] ?? shuffledHeaders(t)])
);
/** The tabs in the file's own order (not the template's), one tab of the secretariat's own, then later tabs. */
const TAB_ORDER = [
  ...['会議登録簿', '案件台帳', 'PD稼働記録', '専門家活用記録', 'メモ', '情報取扱者名簿', '設定', '実行ログ'],
  ...contract.tabs.map(t => t.name).filter(n => !(n in HAND_LAID_HEADERS)),
];

const DATE_COLUMNS = new Set<string>(contract.tabs.flatMap(t => t.columns.filter(c => c.type === 'date').map(c => c.header)));
const MONTH_COLUMNS = new Set<string>(contract.tabs.flatMap(t => t.columns.filter(c => c.type === 'month').map(c => c.header)));
const DATE_SETTINGS = new Set<string>(contract.settings.filter(s => s.type === 'date').map(s => s.name));

const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
export const serialOf = (ymd: string): number => (Date.parse(`${ymd}T00:00:00Z`) - SERIAL_EPOCH_MS) / 86_400_000;

const parts = (ymd: string): [number, number, number] => ymd.split('-').map(Number) as [number, number, number];

/** How people type a date: a real date cell, or text in one of the forms the contract accepts. */
const DATE_STYLES: readonly ((ymd: string) => XLSX.CellObject)[] = [
  ymd => ({ t: 'n', v: serialOf(ymd), z: 'yyyy/m/d' }),
  ymd => ({ t: 's', v: ymd.replace(/-/g, '/') }), // 2024/10/11
  ymd => ({ t: 's', v: `令和${parts(ymd)[0] - 2018}年${parts(ymd)[1]}月${parts(ymd)[2]}日` }),
  ymd => ({ t: 's', v: `R${parts(ymd)[0] - 2018}.${parts(ymd)[1]}.${parts(ymd)[2]}` }),
  ymd => ({ t: 's', v: ymd }), // 2024-10-11 as text
];

/** How people type hours: a number, 3:30 as text, a duration cell, full-width digits. */
const HOUR_STYLES: readonly ((h: number) => XLSX.CellObject)[] = [
  h => ({ t: 'n', v: h }),
  h => ({ t: 's', v: `${Math.floor(h)}:${String(Math.round((h % 1) * 60)).padStart(2, '0')}` }),
  h => ({ t: 'n', v: h / 24, z: '[h]:mm' }),
  h => ({ t: 's', v: String(h).replace(/[0-9.]/g, c => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) }),
];

/** How people type a month: as the sample has it, a date cell in the month, or 令和 text. */
const MONTH_STYLES: readonly ((ym: string) => XLSX.CellObject)[] = [
  ym => ({ t: 's', v: ym }),
  ym => ({ t: 'n', v: serialOf(`${ym}-01`), z: 'yyyy/m' }),
  ym => ({ t: 's', v: `令和${Number(ym.slice(0, 4)) - 2018}年${Number(ym.slice(5, 7))}月` }),
];

function cellOf(tab: string, header: string, value: SampleValue, row: SampleRow, index: number): XLSX.CellObject {
  if (MONTH_COLUMNS.has(header) && typeof value === 'string' && /^\d{4}-\d{2}$/.test(value)) {
    const style = MONTH_STYLES[index % MONTH_STYLES.length];
    return style ? style(value) : { t: 's', v: value };
  }
  const isDate = DATE_COLUMNS.has(header) || (tab === '設定' && header === '値' && DATE_SETTINGS.has(String(row.項目)));
  if (isDate && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const style = DATE_STYLES[(index + header.length) % DATE_STYLES.length];
    return style ? style(value) : { t: 's', v: value };
  }
  if (tab === 'PD稼働記録' && header === '時間' && typeof value === 'number') {
    const style = HOUR_STYLES[index % HOUR_STYLES.length];
    return style ? style(value) : { t: 'n', v: value };
  }
  if (typeof value === 'number') return { t: 'n', v: value };
  if (typeof value === 'boolean') return { t: 'b', v: value };
  return { t: 's', v: value };
}

/** A cell typed as given, bypassing the styles above (for planted values). */
export type Typed = { readonly typed: XLSX.CellObject };
type FixtureRow = Readonly<Record<string, SampleValue | Typed>>;

export interface Finding {
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
  readonly code: string;
}

export interface Fixture {
  readonly rows: Readonly<Record<string, readonly FixtureRow[]>>;
  readonly errors: readonly Finding[];
  readonly warnings: readonly Finding[];
}

const FORMULA_LOOKALIKE = '=HYPERLINK("http://x","y")';
export const FORMULA_TEXT_AT = { sheet: '会議登録簿', row: 2, column: '事務局メモ', text: FORMULA_LOOKALIKE } as const;

/**
 * The sample workbook (SAMPLE.md) with its planted conditions, plus rows of typing mistakes appended after
 * the sample's rows. `clean` instead fixes every error the sample plants (its two warnings remain).
 */
export function fixture(clean = false): Fixture {
  const tabs = sample.tabs as unknown as Record<string, SampleRow[]>;
  const rows: Record<string, FixtureRow[]> = {};
  for (const tab of Object.keys(FIXTURE_HEADERS)) rows[tab] = (tabs[tab] ?? []).map(r => ({ ...r }));
  const set = (tab: string, row: number, values: FixtureRow) => {
    const list = rows[tab] ?? [];
    list[row - 2] = { ...list[row - 2], ...values };
  };
  set('会議登録簿', 2, { 事務局メモ: FORMULA_LOOKALIKE });
  set('会議登録簿', 5, { 事務局メモ: 'お盆休み（追加休日）をはさむ' });
  set('案件台帳', 2, { 更新者: '成田' });
  set('専門家活用記録', 2, { 依頼メモ: '候補3名を提示' });
  set('専門家活用記録', 3, { 謝金: { typed: { t: 'n', v: 30000, f: '15000*2' } } }); // a real formula, with its cached result
  set('情報取扱者名簿', 10, { 有効: 'FALSE' }); // typed as text, not a checkbox
  set('PD稼働記録', 7, { 旅費: '24,160円' });

  const sampleErrors: Finding[] = [
    { sheet: '案件台帳', row: 5, column: '事前検証日', code: 'missing-prevalidation' },
    { sheet: '案件台帳', row: 8, column: '担当', code: 'recipient-not-authorized' },
    { sheet: 'PD稼働記録', row: 44, column: '案件ID', code: 'unknown-case' },
    { sheet: '専門家活用記録', row: 4, column: '事前協議日', code: 'expert-no-prior-consultation' },
    { sheet: '専門家活用記録', row: 7, column: '実施日', code: 'expert-cap-exceeded' },
  ];
  const warnings: Finding[] = [
    { sheet: 'PD稼働記録', row: 36, column: '時間', code: 'pd-day-over-standard' },
    { sheet: '専門家活用記録', row: 11, column: '事前協議日', code: 'expert-no-prior-consultation' },
  ];
  if (clean) {
    set('案件台帳', 5, { 事前検証日: '2024-08-21' });
    set('案件台帳', 8, { 担当: '三上 奈緒' });
    set('PD稼働記録', 44, { 案件ID: 'C-003' });
    set('専門家活用記録', 4, { 事前協議日: '2024-09-10' });
    set('専門家活用記録', 7, { 状態: '中止' });
    return { rows, errors: [], warnings };
  }
  // Typing mistakes, each on its own appended row.
  const append = (tab: string, row: FixtureRow): number => (rows[tab] ?? []).push(row) + 1;
  const planted: Finding[] = [
    {
      sheet: '会議登録簿',
      row: append('会議登録簿', { 会議ID: 'M-021', 種別: '定例会', 開催日: '2024-12-16', 議事録担当: '三上 奈緒' }),
      column: '種別',
      code: 'invalid-choice',
    },
    {
      sheet: '会議登録簿',
      row: append('会議登録簿', { 会議ID: 'M-022', 種別: '研修会', 開催日: { typed: { t: 's', v: '12/20' } } }),
      column: '開催日',
      code: 'invalid-date',
    },
    {
      sheet: '案件台帳',
      row: append('案件台帳', { 案件ID: 'C-010', 段階: '候補', 担当: '三上 奈緒' }),
      column: '企業名',
      code: 'required',
    },
    {
      sheet: 'PD稼働記録',
      row: append('PD稼働記録', {
        日付: '2024-11-29',
        時間: { typed: { t: 's', v: 'たくさん' } },
        区分: 'オンライン',
        活動内容: '準備・報告',
      }),
      column: '時間',
      code: 'invalid-number',
    },
    {
      sheet: 'PD稼働記録',
      row: append('PD稼働記録', { 日付: '2024-11-29', 時間: 1, 区分: '出張', 活動内容: '伴走支援', 案件ID: 'C-001' }),
      column: '区分',
      code: 'invalid-choice',
    },
    {
      sheet: '専門家活用記録',
      row: append('専門家活用記録', {
        実施日: { typed: { t: 's', v: '2024/02/30' } },
        専門家名: '相馬 恵',
        専門分野: '海外展開',
        状態: '予定',
      }),
      column: '実施日',
      code: 'invalid-date',
    },
  ];
  return { rows, errors: [...sampleErrors, ...planted], warnings };
}

/** The fixture's rows, editable by a test before they are written (tab name → rows in sheet order from row 2). */
export type EditableRows = Record<string, Record<string, SampleValue | Typed | undefined>[]>;

export interface FixtureOptions {
  /**
   * Lay the workbook out as a version of the tool before this contract version made it: tabs, columns and
   * 設定 items the contract marks `since` this version or later are left out.
   */
  readonly madeBefore?: number;
  /** Changes the fixture's rows before they are written, as a person would edit the file. */
  readonly edit?: (rows: EditableRows) => void;
  /** Changes each written sheet (merges, formulas) before the file is saved. */
  readonly sheetEdit?: (tab: string, ws: XLSX.WorkSheet, header: readonly string[]) => void;
}

const addedSince = (x: { readonly since?: number }, version: number | undefined): boolean =>
  version !== undefined && x.since !== undefined && x.since >= version;

/** The tab names a workbook made before `version` has (all of them when version is undefined). */
export const tabsMadeBefore = (version: number | undefined): string[] =>
  TAB_ORDER.filter(name => !defaultContract.tabs.some(t => t.name === name && addedSince(t, version)));

/** Writes the fixture with SheetJS; returns the fixture it wrote. */
export function writeFixture(path: string, clean = false, options: FixtureOptions = {}): Fixture {
  const { edit } = options;
  const fx = fixture(clean);
  edit?.(fx.rows as unknown as EditableRows);
  writeRows(path, fx.rows, options);
  return fx;
}

/** Writes rows by tab with SheetJS, in the file's own tab order and headers (FIXTURE_HEADERS), dates as people type them. */
export function writeRows(path: string, rows: Readonly<Record<string, readonly FixtureRow[]>>, options: FixtureOptions = {}): void {
  const { sheetEdit } = options;
  const fx = { rows };
  const wb = XLSX.utils.book_new();
  const version = options.madeBefore;
  const later = new Set(
    defaultContract.tabs.flatMap(t => [
      ...(addedSince(t, version) ? [t.name] : []),
      ...t.columns.filter(c => addedSince(c, version)).map(c => `${t.name}\u0000${c.header}`),
    ])
  );
  const laterSettings = new Set<string>(defaultContract.settings.filter(s => addedSince(s, version)).map(s => s.name));
  for (const tab of tabsMadeBefore(version)) {
    const ws: XLSX.WorkSheet = {};
    if (tab === 'メモ') {
      ws.A1 = { t: 's', v: '事務局の覚え書き（チェック対象外）' };
      ws['!ref'] = 'A1:A1';
      XLSX.utils.book_append_sheet(wb, ws, tab);
      continue;
    }
    const header = (FIXTURE_HEADERS[tab] ?? []).filter(h => !later.has(`${tab}\u0000${h}`));
    header.forEach((h, c) => {
      ws[XLSX.utils.encode_cell({ r: 0, c })] = { t: 's', v: h };
    });
    const list = (fx.rows[tab] ?? []).filter(r => !(tab === TAB_NAME.settings && laterSettings.has(String(r.項目))));
    list.forEach((row, i) => {
      header.forEach((h, c) => {
        const v = row[h];
        if (v === undefined || v === '') return;
        ws[XLSX.utils.encode_cell({ r: i + 1, c })] = typeof v === 'object' ? v.typed : cellOf(tab, h, v, row as SampleRow, i);
      });
    });
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(list.length, 1), c: header.length - 1 } });
    sheetEdit?.(tab, ws, header);
    XLSX.utils.book_append_sheet(wb, ws, tab);
  }
  XLSX.writeFile(wb, path);
}

/** The sample's rows by tab; with the year-end rows appended (SAMPLE.md "The year-end workbook") when asked. */
export function sampleRowsOf(yearEnd = false): Record<string, Record<string, SampleValue>[]> {
  const tabs = sample.tabs as unknown as Record<string, SampleRow[]>;
  const append = (yearEnd ? sample.yearEnd.append : {}) as unknown as Record<string, SampleRow[]>;
  return Object.fromEntries(Object.keys(FIXTURE_HEADERS).map(t => [t, [...(tabs[t] ?? []), ...(append[t] ?? [])].map(r => ({ ...r }))]));
}
export const YEAR_END_AS_OF = sample.yearEnd.asOf;

/** SAMPLE.md "Meetings (会議登録簿): minutes due date and status at asOf" — [row, id, due, status]. */
export const SAMPLE_MEETINGS: readonly (readonly [number, string, string | null, string])[] = [
  [2, 'M-001', '2024-07-16', 'shared'],
  [3, 'M-002', '2024-07-22', 'shared'],
  [4, 'M-003', '2024-08-07', 'shared'],
  [5, 'M-004', '2024-08-19', 'shared'],
  [6, 'M-005', '2024-08-30', 'shared'],
  [7, 'M-006', '2024-09-19', 'shared'],
  [8, 'M-007', '2024-10-02', 'shared-late'],
  [9, 'M-008', '2024-10-21', 'shared'],
  [10, 'M-009', '2024-10-25', 'shared'],
  [11, 'M-010', '2024-11-07', 'shared'],
  [12, 'M-011', '2024-11-11', 'shared'],
  [13, 'M-012', '2024-11-13', 'shared'],
  [14, 'M-013', null, 'no-deadline'],
  [15, 'M-014', '2024-11-27', 'overdue'],
  [16, 'M-015', '2024-12-03', 'due-soon'],
  [17, 'M-016', '2024-12-06', 'pending'],
  [18, 'M-017', '2024-12-20', 'scheduled'],
  [19, 'M-018', '2025-01-08', 'scheduled'],
  [20, 'M-019', '2025-02-13', 'scheduled'],
  [21, 'M-020', '2025-03-10', 'scheduled'],
];
export const AS_OF = sample.asOf;
