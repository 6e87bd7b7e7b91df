/**
 * check on the sample workbook (sheets-templates/sample.json) as of its day, 2024-12-02, against the
 * hand-computed table and the planted conditions of sheets-templates/SAMPLE.md.
 */
import { contract } from '../../sheets-templates/contract';
import sample from '../../sheets-templates/sample.json';
import { check, errorCount } from '../../src/domain/check';
import { serialFromYmd } from '../../src/domain/dates';
import { readLedger } from '../../src/domain/ledgerReader';
import type { Cell, RawTable } from '../../src/domain/rawTable';
import { workbookTemplate } from '../../src/domain/template';

type SampleRow = Readonly<Record<string, string | number | boolean>>;

/** The sample as `chizai-desk demo` writes it: template headers, date columns (and date settings) as date cells. */
function sampleTables(): Map<string, RawTable> {
  const tabs = sample.tabs as unknown as Record<string, readonly SampleRow[]>;
  const dateSettings = new Set<string>(contract.settings.filter(s => s.type === 'date').map(s => s.name));
  const tables = new Map<string, RawTable>();
  for (const tab of workbookTemplate) {
    const header = tab.columns.map(c => c.header);
    const rows = (tabs[tab.name] ?? []).map((row, i) => ({
      rowNumber: i + 2,
      cells: tab.columns.map((c): Cell => {
        const v = row[c.header];
        if (v === undefined) return null;
        const isDate = c.kind === 'date' || (tab.name === '設定' && c.header === '値' && dateSettings.has(String(row.項目)));
        return isDate && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? { serial: serialFromYmd(v) } : v;
      }),
    }));
    tables.set(tab.name, { name: tab.name, header, rows });
  }
  return tables;
}

const result = check(readLedger(sampleTables()), sample.asOf);

describe('check on the sample workbook at asOf 2024-12-02 (SAMPLE.md)', () => {
  // SAMPLE.md "Meetings (会議登録簿): minutes due date and status at asOf".
  test.each([
    [2, 'M-001', 'PDチーム内会議', '2024-07-08', '2024-07-16', 'shared'],
    [3, 'M-002', '月次連絡会', '2024-07-10', '2024-07-22', 'shared'],
    [4, 'M-003', '地域連携会議', '2024-07-24', '2024-08-07', 'shared'],
    [5, 'M-004', '支援検討会', '2024-08-07', '2024-08-19', 'shared'],
    [6, 'M-005', '月次連絡会', '2024-08-21', '2024-08-30', 'shared'],
    [7, 'M-006', '研修会', '2024-09-11', '2024-09-19', 'shared'],
    [8, 'M-007', '月次連絡会', '2024-09-20', '2024-10-02', 'shared-late'],
    [9, 'M-008', '支援検討会', '2024-10-11', '2024-10-21', 'shared'],
    [10, 'M-009', '月次連絡会', '2024-10-16', '2024-10-25', 'shared'],
    [11, 'M-010', '地域連携会議', '2024-10-23', '2024-11-07', 'shared'],
    [12, 'M-011', '研修会', '2024-11-01', '2024-11-11', 'shared'],
    [13, 'M-012', 'PDチーム内会議', '2024-11-06', '2024-11-13', 'shared'],
    [14, 'M-013', 'その他', '2024-11-13', null, 'no-deadline'],
    [15, 'M-014', '支援検討会', '2024-11-20', '2024-11-27', 'overdue'],
    [16, 'M-015', '月次連絡会', '2024-11-22', '2024-12-03', 'due-soon'],
    [17, 'M-016', 'PDチーム内会議', '2024-11-29', '2024-12-06', 'pending'],
    [18, 'M-017', '月次連絡会', '2024-12-11', '2024-12-20', 'scheduled'],
    [19, 'M-018', '支援検討会', '2024-12-25', '2025-01-08', 'scheduled'],
    [20, 'M-019', '地域連携会議', '2025-01-29', '2025-02-13', 'scheduled'],
    [21, 'M-020', '成果発表会', '2025-02-21', '2025-03-10', 'scheduled'],
  ])('row %i %s (%s, %s): due %s, %s', (row, id, type, date, due, status) => {
    const m = result.meetings.find(x => x.id === id);
    expect(m).toMatchObject({ rowNumber: row, type, date, minutesDue: due, status });
  });

  test('every meeting of 会議登録簿 is listed, in sheet order', () => {
    expect(result.meetings.map(m => m.id)).toEqual(sample.tabs.会議登録簿.map(r => r.会議ID));
  });

  test('status totals: shared 11, shared-late 1, overdue 1, due-soon 1, pending 1, no-deadline 1, scheduled 4', () => {
    const totals: Record<string, number> = {};
    for (const m of result.meetings) totals[m.status] = (totals[m.status] ?? 0) + 1;
    expect(totals).toEqual({ shared: 11, 'shared-late': 1, overdue: 1, 'due-soon': 1, pending: 1, 'no-deadline': 1, scheduled: 4 });
  });

  test('the findings are exactly the planted conditions, at their tab, row and column', () => {
    expect(result.findings.map(({ sheet, row, column, severity, code }) => ({ sheet, row, column, severity, code }))).toEqual([
      { sheet: '案件台帳', row: 5, column: '事前検証日', severity: 'error', code: 'missing-prevalidation' },
      { sheet: '案件台帳', row: 8, column: '担当', severity: 'error', code: 'recipient-not-authorized' },
      { sheet: 'PD稼働記録', row: 36, column: '時間', severity: 'warning', code: 'pd-day-over-standard' },
      { sheet: 'PD稼働記録', row: 44, column: '案件ID', severity: 'error', code: 'unknown-case' },
      { sheet: '専門家活用記録', row: 4, column: '事前協議日', severity: 'error', code: 'expert-no-prior-consultation' },
      { sheet: '専門家活用記録', row: 7, column: '実施日', severity: 'error', code: 'expert-cap-exceeded' },
      { sheet: '専門家活用記録', row: 11, column: '事前協議日', severity: 'warning', code: 'expert-no-prior-consultation' },
    ]);
  });

  test('five errors in all: no error anywhere else', () => {
    expect(errorCount(result)).toBe(5);
  });

  test('the cancelled use of 2024-11-15 (row 9) leaves November at two uses: no cap finding in November', () => {
    expect(result.findings.filter(f => f.code === 'expert-cap-exceeded').map(f => f.row)).toEqual([7]);
  });

  test('the day over PD標準時間 names both rows of 2024-10-23 and its total of 8.5 h', () => {
    expect(result.findings.find(f => f.code === 'pd-day-over-standard')?.message).toMatch(/2024-10-23.*8\.5時間.*35行目・36行目/);
  });

  test('every message is Japanese', () => {
    for (const f of result.findings) expect(f.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  test('check is the same in every run: the result depends only on the workbook and the day', () => {
    expect(check(readLedger(sampleTables()), sample.asOf)).toEqual(result);
  });
});
