import { caseRow, checkBook, findingsOf, meetingRow } from './book';

describe('duplicate-id: an ID names one case or one meeting (DESIGN "check --json" finding codes)', () => {
  test('the second case with the same 案件ID is an error at its own row, the first is not', () => {
    const result = checkBook({ 案件台帳: [caseRow('C-001'), caseRow('C-002'), caseRow('C-001')] });
    expect(findingsOf(result, 'duplicate-id')).toEqual([{ sheet: '案件台帳', row: 4, column: '案件ID', severity: 'error' }]);
  });

  test('the message names the row that already has the ID', () => {
    const result = checkBook({ 案件台帳: [caseRow('C-001'), caseRow('C-001')] });
    expect(result.findings.find(f => f.code === 'duplicate-id')?.message).toContain('2行目');
  });

  test('every further use is an error too (three uses, two findings)', () => {
    const result = checkBook({ 案件台帳: [caseRow('C-001'), caseRow('C-001'), caseRow('C-001')] });
    expect(findingsOf(result, 'duplicate-id').map(f => f.row)).toEqual([3, 4]);
  });

  test('a repeated 会議ID in 会議登録簿 is an error at the later row', () => {
    const result = checkBook({
      会議登録簿: [meetingRow('M-001', '月次連絡会', '2024-07-10'), meetingRow('M-001', '月次連絡会', '2024-08-21')],
    });
    expect(findingsOf(result, 'duplicate-id')).toEqual([{ sheet: '会議登録簿', row: 3, column: '会議ID', severity: 'error' }]);
  });

  test('IDs are compared as people mean them: full-width Ｃ－００１ and " C-001 " are C-001', () => {
    const result = checkBook({ 案件台帳: [caseRow('C-001'), caseRow('Ｃ－００１'), caseRow(' C-001 ')] });
    expect(findingsOf(result, 'duplicate-id').map(f => f.row)).toEqual([3, 4]);
  });

  test('an ID on a row that could not be read whole still counts (a broken row does not hide a duplicate)', () => {
    const broken = { ...caseRow('C-001'), 段階: '検討中' }; // invalid-choice: the row is left out of the ledger
    const result = checkBook({ 案件台帳: [broken, caseRow('C-001')] });
    expect(findingsOf(result, 'invalid-choice')).toHaveLength(1);
    expect(findingsOf(result, 'duplicate-id')).toEqual([{ sheet: '案件台帳', row: 3, column: '案件ID', severity: 'error' }]);
  });

  test('the same ID in 案件台帳 and 会議登録簿 is not a duplicate (each tab has its own IDs)', () => {
    const result = checkBook({ 案件台帳: [caseRow('X-1')], 会議登録簿: [meetingRow('X-1', '研修会', '2024-09-11')] });
    expect(findingsOf(result, 'duplicate-id')).toEqual([]);
  });
});
