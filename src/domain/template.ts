/**
 * What an empty workbook looks like, derived from the contract: used by setupWorkbook (Apps Script)
 * and `chizai-desk init` (.xlsx) alike, so both lay out the same tabs.
 */
import { contract } from '../../sheets-templates/contract';
import { normalizeHeader } from './cellParsers';
import type { Cell } from './rawTable';
import { choicesOf, isComputed, isLater, TAB_NAME, type TabSpec } from './schema';

export interface ColumnTemplate {
  readonly header: string;
  readonly width: number;
  /** Dropdown choices, or 'checkbox' for TRUE/FALSE columns. */
  readonly validation: readonly string[] | 'checkbox' | null;
  readonly computed: boolean;
  readonly kind: string;
  /** Added to the contract after its first version (an older workbook may lack it). */
  readonly later: boolean;
}

export interface TabTemplate {
  readonly name: string;
  readonly columns: readonly ColumnTemplate[];
  /** The whole tab is the system's (実行ログ): protect it entirely. */
  readonly systemOnly: boolean;
  /** Rows a new tab starts with (設定's items with their defaults and help). */
  readonly initialRows: readonly (readonly (string | number)[])[];
}

/** 設定 gets a third, descriptive column: extra columns are allowed and ignored when reading. */
export const SETTINGS_HELP_HEADER = '説明';

const formatDefault = (v: unknown): string | number => (v === null ? '' : Array.isArray(v) ? v.join(', ') : (v as string | number));

function templateOf(tab: TabSpec): TabTemplate {
  const columns: ColumnTemplate[] = tab.columns.map(c => ({
    header: c.header,
    width: c.width,
    validation: c.type === 'boolean' ? 'checkbox' : choicesOf(c),
    computed: isComputed(c),
    kind: c.type,
    later: isLater(c),
  }));
  const isSettings = tab.key === 'settings';
  if (isSettings) columns.push({ header: SETTINGS_HELP_HEADER, width: 44, validation: null, computed: false, kind: 'text', later: false });
  return {
    name: tab.name,
    columns,
    systemOnly: 'systemOnly' in tab && tab.systemOnly === true,
    initialRows: isSettings ? contract.settings.map(s => [s.name, formatDefault(s.default), s.help]) : [],
  };
}

export const workbookTemplate: readonly TabTemplate[] = contract.tabs.map(templateOf);

// ---- upgrading a workbook made by an older version ------------------------------------------------

/** A tab's template by its name as a workbook spells it (compared after NFKC and trimming, as the reader does). */
export const templateNamed = (name: string, templates: readonly TabTemplate[] = workbookTemplate): TabTemplate | undefined =>
  templates.find(t => normalizeHeader(t.name) === normalizeHeader(name));

/** Levenshtein distance at most one (one character added, dropped or changed). */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const tail = (x: string, y: string): boolean =>
    x.slice(i + 1) === y.slice(i + 1) || x.slice(i + 1) === y.slice(i) || x.slice(i) === y.slice(i + 1);
  return i >= Math.min(a.length, b.length) || tail(a, b);
}

/**
 * A header a person probably meant as `want` (renamed or mistyped): one contains the other (旅費（円） for 旅費), or
 * they differ in one character (議事録の担当 for 議事録担当). Compared after NFKC; the header as typed, or null.
 */
export function resemblingHeader(want: string, headers: readonly Cell[]): string | null {
  const w = normalizeHeader(want);
  for (const h of headers) {
    const t = normalizeHeader(h);
    if (t === '' || t === w) continue;
    const shorter = t.length < w.length ? t : w;
    const typed = typeof h === 'string' ? h.trim() : t;
    if (shorter.length >= 2 && (t.includes(w) || w.includes(t))) return typed;
    if (Math.min(t.length, w.length) >= 3 && withinOneEdit(t, w)) return typed;
  }
  return null;
}

export interface ColumnsPlan {
  /** The template's columns the header row lacks, in template order: they go after the tab's last used column. */
  readonly add: readonly ColumnTemplate[];
  /**
   * Columns the tab had from the start that are missing: renamed (with the header that resembles it) or deleted
   * (header null). Adding an empty one would leave the person's data in a column nobody reads and make its rows
   * read as blank, so they are not added; the person is asked to put the header back.
   */
  readonly renamed: readonly { readonly column: string; readonly header: string | null }[];
}

/** What a tab's header row lacks, as シートを準備 and `chizai-desk upgrade` add it. */
export function columnsToAdd(tab: TabTemplate, header: readonly Cell[]): ColumnsPlan {
  const have = new Set(header.map(h => normalizeHeader(h)).filter(h => h !== ''));
  const known = new Set(tab.columns.map(c => normalizeHeader(c.header)));
  const unknown = header.filter(h => !known.has(normalizeHeader(h)));
  const add: ColumnTemplate[] = [];
  const renamed: { column: string; header: string | null }[] = [];
  // A tab with none of its columns yet (made by hand, or blank) is laid out whole.
  const laidOut = tab.columns.some(c => have.has(normalizeHeader(c.header)));
  for (const c of tab.columns) {
    if (have.has(normalizeHeader(c.header))) continue;
    // Added by a later version than the tab's: what an upgrade is for.
    if (c.later || !laidOut) add.push(c);
    // The tab always had it: renamed or deleted. An empty one would hide that (and read as "not done").
    else renamed.push({ column: c.header, header: resemblingHeader(c.header, unknown) });
  }
  return { add, renamed };
}

/** A column not added, as the summary says it: 「今の見出し」→「正しい見出し」, or the column the tab lacks. */
export const renamedText = (tabName: string, r: { readonly column: string; readonly header: string | null }): string =>
  r.header === null ? `${tabName}「（見出しなし）」→「${r.column}」` : `${tabName}「${r.header}」→「${r.column}」`;

/** 設定 items the tab does not list yet, as [項目, 値 (the default), 説明] rows to go after its last row. */
export function settingsToAdd(listed: readonly Cell[]): (readonly (string | number)[])[] {
  const have = new Set(listed.map(n => normalizeHeader(n)).filter(n => n !== ''));
  return contract.settings.filter(s => !have.has(normalizeHeader(s.name))).map(s => [s.name, formatDefault(s.default), s.help]);
}

/** Where a setting row's three values go, given the 設定 tab's header row: 0-based columns of 項目, 値 and 説明 (-1: none). */
export function settingsColumns(header: readonly Cell[]): readonly [number, number, number] {
  const at = (h: string): number => header.findIndex(x => normalizeHeader(x) === normalizeHeader(h));
  const settings = workbookTemplate.find(t => t.name === TAB_NAME.settings);
  const [name, value] = settings?.columns.map(c => c.header) ?? [];
  return [at(name ?? ''), at(value ?? ''), at(SETTINGS_HELP_HEADER)];
}
