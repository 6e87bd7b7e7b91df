import { checkBook, findingsOf, pdRow } from './book';

describe('pd-day-over-standard: a PD day above PD標準時間 is worth a second look (§10(3))', () => {
  test("4.5 h + 4.0 h on one day (8.5 h > 7) is a warning at the day's last row, 時間 column (§10(3))", () => {
    const result = checkBook({ PD稼働記録: [pdRow('2024-10-23', 4.5), pdRow('2024-10-23', 4)] });
    expect(findingsOf(result, 'pd-day-over-standard')).toEqual([{ sheet: 'PD稼働記録', row: 3, column: '時間', severity: 'warning' }]);
  });

  test('the message gives the date, the total, the standard and the rows', () => {
    const result = checkBook({ PD稼働記録: [pdRow('2024-10-23', 4.5), pdRow('2024-10-23', 4)] });
    expect(result.findings[0]?.message).toMatch(/2024-10-23.*8\.5時間.*7時間.*2行目・3行目/);
  });

  test('exactly PD標準時間 on one day is fine (above, not at)', () => {
    expect(checkBook({ PD稼働記録: [pdRow('2024-11-27', 3.5), pdRow('2024-11-27', 3.5)] }).findings).toEqual([]);
  });

  test('one finding per day, however many rows the day has', () => {
    const result = checkBook({ PD稼働記録: [pdRow('2024-09-04', 3), pdRow('2024-09-04', 3), pdRow('2024-09-04', 3)] });
    expect(findingsOf(result, 'pd-day-over-standard').map(f => f.row)).toEqual([4]);
  });

  test('hours of different days are not added up (hours may move between days, §10(3))', () => {
    expect(checkBook({ PD稼働記録: [pdRow('2024-10-23', 6), pdRow('2024-10-24', 6)] }).findings).toEqual([]);
  });

  test('rows of the same day need not be next to each other', () => {
    const result = checkBook({ PD稼働記録: [pdRow('2024-10-23', 4), pdRow('2024-10-24', 1), pdRow('2024-10-23', 4)] });
    expect(findingsOf(result, 'pd-day-over-standard').map(f => f.row)).toEqual([4]);
  });

  test('the standard comes from 設定 PD標準時間: at 8, 7.5 h is fine and 8.5 h is not', () => {
    expect(checkBook({ 設定: { PD標準時間: 8 }, PD稼働記録: [pdRow('2024-10-23', 7.5)] }).findings).toEqual([]);
    expect(findingsOf(checkBook({ 設定: { PD標準時間: 8 }, PD稼働記録: [pdRow('2024-10-23', 8.5)] }), 'pd-day-over-standard')).toHaveLength(
      1
    );
  });

  test('hours typed as 3:30 and as a duration cell add up as hours: 3:30 + 4:00 = 7.5 h > 7', () => {
    const result = checkBook({ PD稼働記録: [pdRow('2024-10-23', '3:30'), pdRow('2024-10-23', { serial: 4 / 24 })] });
    expect(result.findings[0]?.message).toContain('7.5時間');
  });

  test('a warning only: check still counts no error for a long day', () => {
    const result = checkBook({ PD稼働記録: [pdRow('2024-10-23', 10)] });
    expect(result.findings.filter(f => f.severity === 'error')).toEqual([]);
  });
});

describe('PD hours are above 0 and at most 24 (a day has 24 hours; 0 is no activity)', () => {
  test.each([
    [0, '0 h'],
    [-1, 'negative'],
    [24.5, 'over 24 h'],
    ['25:00', 'over 24 h typed as a time'],
  ])('%j is invalid-number at its 時間 cell (%s)', (hours, _why) => {
    const result = checkBook({ PD稼働記録: [pdRow('2024-10-23', hours)] });
    expect(findingsOf(result, 'invalid-number')).toEqual([{ sheet: 'PD稼働記録', row: 2, column: '時間', severity: 'error' }]);
  });

  test('24 h is the most a row may hold', () => {
    const result = checkBook({ 設定: { PD標準時間: 24 }, PD稼働記録: [pdRow('2024-10-23', 24)] });
    expect(result.findings).toEqual([]);
  });
});
