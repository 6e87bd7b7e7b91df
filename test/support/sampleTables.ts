/**
 * The sample workbook (sheets-templates/sample.json) as RawTables, as an adapter hands them over: headers from the
 * contract, dates in date columns (and date settings) as real date cells, other values as typed. Also the year-end
 * workbook (`yearEnd`: the sample with the rows typed up to 2025-03-03 appended) and the sample with a change applied
 * to its rows first (for the variants of SAMPLE.md).
 */
import { contract } from '../../sheets-templates/contract';
import sample from '../../sheets-templates/sample.json';
import { serialFromYmd } from '../../src/domain/dates';
import { type ReadResult, readLedger } from '../../src/domain/ledgerReader';
import type { Cell, RawTable } from '../../src/domain/rawTable';

export type SampleValue = string | number | boolean;
export type SampleRow = Readonly<Record<string, SampleValue>>;
/** Rows by tab name that a variant may change. */
export type SampleTabs = Record<string, Record<string, SampleValue>[]>;

const DATE_SETTINGS = new Set<string>(contract.settings.filter(s => s.type === 'date').map(s => s.name));
const isDateText = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * Every contract tab with the sample's rows, or the rows given per tab name instead; 設定 also takes extra items.
 * Tabs named in `without` are left out of the workbook altogether (one made before they existed).
 */
export function sampleTables(
  rows: Readonly<Record<string, readonly SampleRow[]>> = sample.tabs as unknown as Record<string, SampleRow[]>,
  without: readonly string[] = []
): Map<string, RawTable> {
  const tables = new Map<string, RawTable>();
  for (const tab of contract.tabs) {
    if (without.includes(tab.name)) continue;
    const header = tab.columns.map(c => c.header);
    const dateColumns = new Set<string>(tab.columns.filter(c => c.type === 'date').map(c => c.header));
    const list = rows[tab.name] ?? [];
    tables.set(tab.name, {
      name: tab.name,
      header,
      rows: list.map((row, i) => ({
        rowNumber: i + 2,
        cells: header.map((h): Cell => {
          const v = row[h];
          if (v === undefined || v === '') return null;
          const isDate = dateColumns.has(h) || (h === '値' && DATE_SETTINGS.has(String(row.項目)));
          return isDate && isDateText(v) ? { serial: serialFromYmd(v) } : v;
        }),
      })),
    });
  }
  return tables;
}

export const SAMPLE_AS_OF = sample.asOf;
export const YEAR_END_AS_OF = sample.yearEnd.asOf;

/** A deep copy of the sample's rows by tab name, with the year-end rows appended when asked. */
export function sampleRows(yearEnd = false): SampleTabs {
  const tabs = JSON.parse(JSON.stringify(sample.tabs)) as SampleTabs;
  if (yearEnd)
    for (const [tab, rows] of Object.entries(sample.yearEnd.append as unknown as SampleTabs)) tabs[tab] = [...(tabs[tab] ?? []), ...rows];
  return tabs;
}

/** The sample (or the year-end workbook) read by the domain, after an optional change to its rows. */
export function readSampleBook(
  options: { yearEnd?: boolean; change?: (tabs: SampleTabs) => void; without?: readonly string[] } = {}
): ReadResult {
  const tabs = sampleRows(options.yearEnd ?? false);
  options.change?.(tabs);
  return readLedger(sampleTables(tabs, options.without));
}

/** The row of a tab at a sheet row number (header = 1), to change it in a variant. */
export function rowAt(tabs: SampleTabs, tab: string, rowNumber: number): Record<string, SampleValue> {
  const row = tabs[tab]?.[rowNumber - 2];
  if (!row) throw new Error(`${tab} has no row ${rowNumber}`);
  return row;
}

/** SAMPLE.md variant "Early presentation, no evaluation": M-020 on 2024-11-29, PD評価 emptied. */
export function earlyPresentationNoEvaluation(tabs: SampleTabs): void {
  const m020 = rowAt(tabs, '会議登録簿', 21);
  if (m020.会議ID !== 'M-020') throw new Error('row 21 of 会議登録簿 is not M-020');
  m020.開催日 = '2024-11-29';
  tabs.PD評価 = [];
}

/**
 * A company's name typed into an ID of each kind that is mailed, on the year-end rows: 案件台帳 C-001 (次回期日
 * 2024-12-03), 会議登録簿 M-015 (minutes due 2024-12-03), PD評価 E-03 (not reported to the Office).
 */
export function withFreeTextIds(tabs: Record<string, Record<string, SampleValue>[] | undefined>): void {
  const set = (tab: string, index: number, header: string, value: string): void => {
    const row = tabs[tab]?.[index];
    if (!row) throw new Error(`no row ${index + 2} in ${tab}`);
    row[header] = value;
  };
  set('案件台帳', 0, '案件ID', '青森水産 案件');
  set('会議登録簿', 14, '会議ID', '青森水産 定例');
  set('PD評価', 2, '評価ID', '青森水産 臨時');
}
