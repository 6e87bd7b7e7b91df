import { type Book, checkBook, dateCell, findingsOf, type TypedRow } from './book';

/** PD from 2024-07-01; every month to 2024-10 received unless a test says otherwise. */
const book = (reports: Book['PD月次報告'], extra: Book['設定'] = {}): Book => ({
  設定: { PD派遣開始日: dateCell('2024-07-01'), ...extra },
  PD月次報告: reports,
});
const received: TypedRow[] = [
  { 対象月: '2024-07', 受領日: dateCell('2024-08-05') },
  { 対象月: '2024年8月', 受領日: '2024/9/4' },
  { 対象月: 'R6.9', 受領日: dateCell('2024-10-07') },
];

describe('pd-monthly-report-missing: the PD hands in a monthly report, due 5 business days after the month ends (§5.4(1))', () => {
  test('October (due 11-08: 11-04 振替休日 does not count) is not flagged on its deadline, and is the day after', () => {
    const reports = [...received, { 対象月: '2024-10' }];
    expect(findingsOf(checkBook(book(reports), '2024-11-08'), 'pd-monthly-report-missing')).toEqual([]);
    expect(findingsOf(checkBook(book(reports), '2024-11-09'), 'pd-monthly-report-missing')).toEqual([
      { sheet: 'PD月次報告', row: 5, column: '受領日', severity: 'error' },
    ]);
  });

  test('a month with no row at all is flagged on the tab, in 対象月, naming the month and its deadline', () => {
    const result = checkBook(book(received), '2024-11-11');
    expect(findingsOf(result, 'pd-monthly-report-missing')).toEqual([
      { sheet: 'PD月次報告', row: null, column: '対象月', severity: 'error' },
    ]);
    const message = result.findings.find(f => f.code === 'pd-monthly-report-missing')?.message ?? '';
    expect(message).toContain('2024年10月分');
    expect(message).toContain('2024-11-08');
    expect(message).toContain('仕様書5.4(1)');
  });

  test('PD月次報告期限 moves the deadline: at 3, October is due 11-06', () => {
    const reports = [...received, { 対象月: '2024-10' }];
    expect(findingsOf(checkBook(book(reports, { PD月次報告期限: 3 }), '2024-11-07'), 'pd-monthly-report-missing')).toHaveLength(1);
    expect(findingsOf(checkBook(book(reports, { PD月次報告期限: 3 }), '2024-11-06'), 'pd-monthly-report-missing')).toHaveLength(0);
  });

  test('a second row for the month with 受領日 satisfies it; months before PD派遣開始日 are not asked', () => {
    const reports = [...received, { 対象月: '2024-10' }, { 対象月: dateCell('2024-10-31'), 受領日: dateCell('2024-11-12') }];
    expect(findingsOf(checkBook(book(reports), '2024-11-29'), 'pd-monthly-report-missing')).toEqual([]);
  });

  test('silent without PD派遣開始日, and in a workbook without the tab', () => {
    expect(findingsOf(checkBook({ PD月次報告: [] }, '2025-03-31'), 'pd-monthly-report-missing')).toEqual([]);
    const result = checkBook({ ...book([]), without: ['PD月次報告'] }, '2025-03-31');
    expect(findingsOf(result, 'pd-monthly-report-missing')).toEqual([]);
    expect(findingsOf(result, 'missing-tab')).toEqual([{ sheet: 'PD月次報告', row: null, column: null, severity: 'warning' }]);
  });

  test('対象月 typed as people type it: 2024-10, 2024年10月, R6.10, a date cell; 10月 alone is a finding', () => {
    for (const month of ['2024-10', '2024年10月', 'R6.10', '令和6年10月', dateCell('2024-10-15'), '２０２４－１０'])
      expect(
        findingsOf(
          checkBook(book([...received, { 対象月: month, 受領日: dateCell('2024-11-08') }]), '2024-11-29'),
          'pd-monthly-report-missing'
        )
      ).toEqual([]);
    expect(findingsOf(checkBook(book([{ 対象月: '10月' }]), '2024-08-01'), 'invalid-date')).toEqual([
      { sheet: 'PD月次報告', row: 2, column: '対象月', severity: 'error' },
    ]);
  });
});
