/**
 * What an empty workbook looks like, derived from the contract: used by setupWorkbook (Apps Script)
 * and `chizai-desk init` (.xlsx) alike, so both lay out the same tabs.
 */
import { contract } from '../../sheets-templates/contract';
import { normalizeHeader } from './cellParsers';
import type { Cell } from './rawTable';
import { choicesOf, isComputed, TAB_NAME, type TabSpec } from './schema';

export interface ColumnTemplate {
  readonly header: string;
  readonly width: number;
  /** Dropdown choices, or 'checkbox' for TRUE/FALSE columns. */
  readonly validation: readonly string[] | 'checkbox' | null;
  readonly computed: boolean;
  readonly kind: string;
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
  }));
  const isSettings = tab.key === 'settings';
  if (isSettings) columns.push({ header: SETTINGS_HELP_HEADER, width: 44, validation: null, computed: false, kind: 'text' });
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

/** The template's columns a tab's header row lacks, in template order: they go after its last used column. */
export function columnsToAdd(tab: TabTemplate, header: readonly Cell[]): ColumnTemplate[] {
  const have = new Set(header.map(h => normalizeHeader(h)).filter(h => h !== ''));
  return tab.columns.filter(c => !have.has(normalizeHeader(c.header)));
}

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
