/** The sample workbook (sheets-templates/sample.json) as RawTables, as an adapter hands them over: dates as date cells. */
import { contract } from '../../sheets-templates/contract';
import sample from '../../sheets-templates/sample.json';
import { serialFromYmd } from '../../src/domain/dates';
import type { Cell, RawTable } from '../../src/domain/rawTable';

export type SampleValue = string | number | boolean;
export type SampleRow = Readonly<Record<string, SampleValue>>;

const DATE_SETTINGS = new Set<string>(contract.settings.filter(s => s.type === 'date').map(s => s.name));
const isDateText = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** Every contract tab with the sample's rows, or the rows given per tab name instead; 設定 also takes extra items. */
export function sampleTables(
  rows: Readonly<Record<string, readonly SampleRow[]>> = sample.tabs as unknown as Record<string, SampleRow[]>
): Map<string, RawTable> {
  const tables = new Map<string, RawTable>();
  for (const tab of contract.tabs) {
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
