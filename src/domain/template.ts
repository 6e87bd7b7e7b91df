/**
 * What an empty workbook looks like, derived from the contract: used by setupWorkbook (Apps Script)
 * and `chizai-desk init` (.xlsx) alike, so both lay out the same tabs.
 */
import { contract } from '../../sheets-templates/contract';
import { choicesOf, isComputed, type TabSpec } from './schema';

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
