import { checkBook, dateCell, expertRow, findingsOf, meetingRow, pdRow } from './book';

// 設定 in book.ts: 事業開始日 2024-06-03, 事業終了日 2025-03-31.
describe('outside-programme-period: entries dated outside 事業開始日..事業終了日 are warned (§14)', () => {
  test('a meeting before 事業開始日 is a warning at its 開催日 (a wrong year is the usual typo)', () => {
    const result = checkBook({ 会議登録簿: [meetingRow('M-001', '月次連絡会', '2023-07-10')] });
    expect(findingsOf(result, 'outside-programme-period')).toEqual([
      { sheet: '会議登録簿', row: 2, column: '開催日', severity: 'warning' },
    ]);
  });

  test('a PD day after 事業終了日 is a warning at its 日付', () => {
    const result = checkBook({ PD稼働記録: [pdRow('2025-04-01', 2)] });
    expect(findingsOf(result, 'outside-programme-period')).toEqual([{ sheet: 'PD稼働記録', row: 2, column: '日付', severity: 'warning' }]);
  });

  test('an expert use outside the period is a warning at its 実施日', () => {
    const result = checkBook({ 専門家活用記録: [expertRow('2024-05-31', '実施済', { 事前協議日: dateCell('2024-05-20') })] });
    expect(findingsOf(result, 'outside-programme-period')).toEqual([
      { sheet: '専門家活用記録', row: 2, column: '実施日', severity: 'warning' },
    ]);
  });

  test('the first and the last day of the programme are inside it', () => {
    const result = checkBook({ PD稼働記録: [pdRow('2024-06-03', 2), pdRow('2025-03-31', 2)] });
    expect(findingsOf(result, 'outside-programme-period')).toEqual([]);
  });

  test('the period comes from 設定: with 事業終了日 2026-03-31 a date in FY2025 is inside', () => {
    const result = checkBook({ 設定: { 事業終了日: '2026/3/31' }, PD稼働記録: [pdRow('2025-07-03', 2)] });
    expect(findingsOf(result, 'outside-programme-period')).toEqual([]);
  });

  test('without 事業開始日 only the end is checked (事業終了日 defaults to 2025-03-31)', () => {
    const result = checkBook({
      設定: { 事業開始日: null, 事業終了日: null },
      PD稼働記録: [pdRow('2020-04-01', 2), pdRow('2025-04-01', 2)],
    });
    expect(findingsOf(result, 'outside-programme-period').map(f => f.row)).toEqual([3]);
  });
});
