/** The sample workbook (sheets-templates/sample.json) as RawTables, dates as real date cells, as an adapter hands it over. */
import { contract } from '../../sheets-templates/contract';
import sample from '../../sheets-templates/sample.json';
import type { RawTable } from '../../src/domain/rawTable';
import { dateCell, rawTable, type TypedRow } from './rules/book';

export function sampleTables(): Map<string, RawTable> {
  const dateSettings = new Set<string>(contract.settings.filter(s => s.type === 'date').map(s => s.name));
  const tabs = sample.tabs as unknown as Record<string, Record<string, string | number | boolean>[]>;
  return new Map(
    contract.tabs.map(tab => {
      const dateColumns = new Set<string>(tab.columns.filter(c => c.type === 'date').map(c => c.header));
      const isDate = (h: string, v: unknown, row: Record<string, unknown>): v is string =>
        (dateColumns.has(h) || (h === '値' && dateSettings.has(String(row.項目)))) &&
        typeof v === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(v);
      const rows = (tabs[tab.name] ?? []).map(
        row => Object.fromEntries(Object.entries(row).map(([h, v]) => [h, isDate(h, v, row) ? dateCell(v) : v])) as TypedRow
      );
      return [tab.name, rawTable(tab.name, rows)] as const;
    })
  );
}
