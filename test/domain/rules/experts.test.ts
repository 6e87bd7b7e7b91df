import { checkBook, dateCell, expertRow, findingsOf } from './book';

/** A use with its 事前協議日 a week ahead, so only the cap is in question. */
const use = (date: string, status = '実施済') => expertRow(date, status, { 事前協議日: '2024-07-01' });

describe('expert-cap-exceeded: at most 専門家月上限 uses in a calendar month (§12(1))', () => {
  test('the 3rd use in a month with the cap at 2 is an error at its 実施日 (§12(1))', () => {
    const result = checkBook({ 専門家活用記録: [use('2024-10-04'), use('2024-10-18'), use('2024-10-29')] });
    expect(findingsOf(result, 'expert-cap-exceeded')).toEqual([{ sheet: '専門家活用記録', row: 4, column: '実施日', severity: 'error' }]);
  });

  test('two uses in a month are within the cap (§12(1))', () => {
    expect(findingsOf(checkBook({ 専門家活用記録: [use('2024-10-04'), use('2024-10-18')] }), 'expert-cap-exceeded')).toEqual([]);
  });

  test('every use past the cap is an error, not only the first one (§12(1))', () => {
    const result = checkBook({ 専門家活用記録: [use('2024-10-01'), use('2024-10-02'), use('2024-10-03'), use('2024-10-04')] });
    expect(findingsOf(result, 'expert-cap-exceeded').map(f => f.row)).toEqual([4, 5]);
  });

  test('the message says which month, the cap and which use it is', () => {
    const result = checkBook({ 専門家活用記録: [use('2024-10-04'), use('2024-10-18'), use('2024-10-29')] });
    expect(result.findings.find(f => f.code === 'expert-cap-exceeded')?.message).toMatch(/2024年10月.*上限2回.*3回目/);
  });

  test('中止 does not count: two uses and a cancelled one are within the cap, and the cancelled one is never flagged (§12(1))', () => {
    const result = checkBook({ 専門家活用記録: [use('2024-11-08'), use('2024-11-15', '中止'), use('2024-11-26')] });
    expect(findingsOf(result, 'expert-cap-exceeded')).toEqual([]);
  });

  test('予定 counts against the cap like 実施済 (§12(1))', () => {
    const result = checkBook(
      { 専門家活用記録: [use('2024-12-06', '予定'), use('2024-12-13', '予定'), use('2024-12-18', '予定')] },
      '2024-12-02'
    );
    expect(findingsOf(result, 'expert-cap-exceeded').map(f => f.row)).toEqual([4]);
  });

  test('uses are ordered by 実施日, not by sheet row: the latest use is the one past the cap', () => {
    // Typed out of order: the 10-29 use is on row 2 but is the 3rd of the month.
    const result = checkBook({ 専門家活用記録: [use('2024-10-29'), use('2024-10-04'), use('2024-10-18')] });
    expect(findingsOf(result, 'expert-cap-exceeded').map(f => f.row)).toEqual([2]);
  });

  test('uses on the same day are ordered by row', () => {
    const result = checkBook({ 専門家活用記録: [use('2024-10-18'), use('2024-10-04'), use('2024-10-18')] });
    expect(findingsOf(result, 'expert-cap-exceeded').map(f => f.row)).toEqual([4]);
  });

  test('the cap is per calendar month: two at the end of October and two at the start of November are fine', () => {
    const result = checkBook({ 専門家活用記録: [use('2024-10-30'), use('2024-10-31'), use('2024-11-01'), use('2024-11-05')] });
    expect(findingsOf(result, 'expert-cap-exceeded')).toEqual([]);
  });

  test('the cap comes from 設定 専門家月上限: at 1, the 2nd use of a month is past it', () => {
    const result = checkBook({ 設定: { 専門家月上限: 1 }, 専門家活用記録: [use('2024-10-04'), use('2024-10-18')] });
    expect(findingsOf(result, 'expert-cap-exceeded').map(f => f.row)).toEqual([3]);
  });
});

describe('expert-no-prior-consultation: candidates are agreed with the Office and the PD before dispatch (§5.3(2))', () => {
  test('a held use (実施済) without 事前協議日 is an error at its 事前協議日 cell (§5.3(2))', () => {
    const result = checkBook({ 専門家活用記録: [expertRow('2024-09-19', '実施済')] });
    expect(findingsOf(result, 'expert-no-prior-consultation')).toEqual([
      { sheet: '専門家活用記録', row: 2, column: '事前協議日', severity: 'error' },
    ]);
  });

  test('a 事前協議日 after 実施日 is an error, and the message names both dates (§5.3(2))', () => {
    const result = checkBook({ 専門家活用記録: [expertRow('2024-09-19', '実施済', { 事前協議日: dateCell('2024-09-20') })] });
    expect(findingsOf(result, 'expert-no-prior-consultation')).toEqual([
      { sheet: '専門家活用記録', row: 2, column: '事前協議日', severity: 'error' },
    ]);
    expect(result.findings[0]?.message).toMatch(/2024-09-20.*2024-09-19/);
  });

  test('a 事前協議日 on 実施日 itself is in time (on or before)', () => {
    expect(checkBook({ 専門家活用記録: [expertRow('2024-09-19', '実施済', { 事前協議日: '2024/9/19' })] }).findings).toEqual([]);
  });

  test('a planned use (予定) still ahead without 事前協議日 is a warning: there is still time', () => {
    const result = checkBook({ 専門家活用記録: [expertRow('2024-12-06', '予定')] }, '2024-12-02');
    expect(findingsOf(result, 'expert-no-prior-consultation')).toEqual([
      { sheet: '専門家活用記録', row: 2, column: '事前協議日', severity: 'warning' },
    ]);
  });

  test('a planned use (予定) dated today without 事前協議日 is an error: the dispatch is happening', () => {
    const result = checkBook({ 専門家活用記録: [expertRow('2024-12-02', '予定')] }, '2024-12-02');
    expect(findingsOf(result, 'expert-no-prior-consultation').map(f => f.severity)).toEqual(['error']);
  });

  test('a cancelled use (中止) needs no 事前協議日', () => {
    expect(checkBook({ 専門家活用記録: [expertRow('2024-11-15', '中止')] }).findings).toEqual([]);
  });
});
