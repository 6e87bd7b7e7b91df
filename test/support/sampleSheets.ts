/**
 * The sample workbook (sheets-templates/sample.json) as a spreadsheet holds it: header row from the
 * contract, dates as Date cells (local time = Asia/Tokyo in the gas and bundle layers), other values as typed.
 */
import { contract } from '../../sheets-templates/contract';
import sample from '../../sheets-templates/sample.json';
import { workbookTemplate } from '../../src/domain/template';

type SampleRow = Record<string, string | number | boolean>;

const isDateText = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const dateCell = (v: string): Date => {
  const [y, m, d] = v.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
};

export function sheetRows(tabName: string, rows: readonly SampleRow[]): unknown[][] {
  const template = workbookTemplate.find(t => t.name === tabName);
  if (!template) throw new Error(`no tab ${tabName}`);
  const dateHeaders = new Set(template.columns.filter(c => c.kind === 'date').map(c => c.header));
  const dateSettings = new Set<string>(contract.settings.filter(s => s.type === 'date').map(s => s.name));
  return [
    template.columns.map(c => c.header),
    ...rows.map(row =>
      template.columns.map(c => {
        const v = row[c.header];
        if (v === undefined) return '';
        const isDate = dateHeaders.has(c.header) || (c.header === '値' && dateSettings.has(String(row.項目)));
        return isDate && isDateText(v) ? dateCell(v) : v;
      })
    ),
  ];
}

/** All tabs of the sample, optionally with more rows per tab (for call-count tests). */
export function sampleSheets(extra: Partial<Record<string, SampleRow[]>> = {}): Record<string, unknown[][]> {
  const tabs = sample.tabs as unknown as Record<string, SampleRow[]>;
  const sheets: Record<string, unknown[][]> = {};
  for (const t of workbookTemplate) sheets[t.name] = sheetRows(t.name, [...(tabs[t.name] ?? []), ...(extra[t.name] ?? [])]);
  return sheets;
}

export const SAMPLE_AS_OF = sample.asOf;
export const SAMPLE_REPORT_MONTH = sample.reportMonth;

/** n more PD timesheet rows spread over the sample's period, to grow a workbook without new findings. */
export function morePdRows(n: number): SampleRow[] {
  const rows: SampleRow[] = [];
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(2024, 6, 1 + (i % 150)));
    rows.push({ 日付: day.toISOString().slice(0, 10), 時間: 0.01, 区分: 'オンライン', 活動内容: '準備・報告' });
  }
  return rows;
}
