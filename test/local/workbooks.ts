/**
 * Secretariat workbooks other than the sample, written with SheetJS (not the exceljs the tool uses): the
 * sample's rows with other settings and other progress, and moved to another fiscal year.
 */
import * as XLSX from 'xlsx';
import { contract } from '../../sheets-templates/contract';
import sample from '../../sheets-templates/sample.json';
import { shiftYears } from '../../src/domain/fiscalYear';
import { workbookTemplate } from '../../src/domain/template';
import { serialOf } from './support';

export type Value = string | number | boolean;
export type Row = Readonly<Record<string, Value>>;
export type Tabs = Readonly<Record<string, readonly Row[]>>;

export const SAMPLE_ROWS = sample.tabs as unknown as Tabs;

const DATE_SETTINGS = new Set<string>(contract.settings.filter(s => s.type === 'date').map(s => s.name));
const isDateText = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * Every tab of the template, its rows placed under their headers; dates in date columns as real date cells.
 * `notes`: cell notes (comments) by tab name and A1 address.
 */
export function writeBook(path: string, tabs: Tabs, notes: Readonly<Record<string, Readonly<Record<string, string>>>> = {}): void {
  const wb = XLSX.utils.book_new();
  for (const t of workbookTemplate) {
    const dates = new Set(t.columns.filter(c => c.kind === 'date').map(c => c.header));
    const header = t.columns.map(c => c.header);
    const rows = (tabs[t.name] ?? []).map(row =>
      header.map(h => {
        const v = row[h];
        if (v === undefined || v === '') return null;
        const isDate = dates.has(h) || (h === '値' && DATE_SETTINGS.has(String(row.項目)));
        return isDate && isDateText(v) ? { t: 'n', v: serialOf(v), z: 'yyyy-mm-dd' } : v;
      })
    );
    const ws = XLSX.utils.aoa_to_sheet([header]);
    rows.forEach((cells, r) => {
      cells.forEach((v, c) => {
        if (v === null) return;
        ws[XLSX.utils.encode_cell({ r: r + 1, c })] =
          typeof v === 'object' ? v : typeof v === 'number' ? { t: 'n', v } : typeof v === 'boolean' ? { t: 'b', v } : { t: 's', v };
      });
    });
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(rows.length, 1), c: header.length - 1 } });
    for (const [address, text] of Object.entries(notes[t.name] ?? {})) {
      const cell = (ws[address] ?? { t: 'z' }) as XLSX.CellObject;
      cell.c = [{ a: '事務局', t: text }];
      ws[address] = cell;
    }
    XLSX.utils.book_append_sheet(wb, ws, t.name);
  }
  XLSX.writeFile(wb, path);
}

/** 設定 with items laid over the sample's (an empty string leaves the 値 blank). */
export const withSettings = (tabs: Tabs, items: Readonly<Record<string, Value>>): Tabs => {
  const own = (tabs.設定 ?? []).filter(r => !(String(r.項目) in items));
  return { ...tabs, 設定: [...own, ...Object.entries(items).map(([項目, 値]) => ({ 項目, 値 }))] };
};

/** Every date (also inside text such as 追加休日) `years` later: the same programme in another fiscal year. */
export const movedYears = (tabs: Tabs, years: number): Tabs =>
  Object.fromEntries(
    Object.entries(tabs).map(([name, rows]) => [
      name,
      rows.map(row =>
        Object.fromEntries(
          Object.entries(row).map(([h, v]) => [h, typeof v === 'string' ? v.replace(/\d{4}-\d{2}-\d{2}/g, d => shiftYears(d, years)) : v])
        )
      ),
    ])
  );
