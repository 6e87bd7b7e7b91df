import { check } from '../../../src/domain/check';
import { caseRow, checkBook, findingsOf, meetingRow, readBook } from './book';

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

describe('id-not-mail-safe: an ID that mail cannot carry is warned at its cell, and the row still counts', () => {
  test('a company name typed as 案件ID or 会議ID is a warning at the cell; the row is read', () => {
    const read = readBook({
      案件台帳: [caseRow('C-001'), caseRow('青森水産 臨時')],
      会議登録簿: [meetingRow('青森水産 定例', '月次連絡会', '2024-07-10')],
    });
    const result = check(read, '2024-12-02');
    expect(findingsOf(result, 'id-not-mail-safe')).toEqual([
      { sheet: '案件台帳', row: 3, column: '案件ID', severity: 'warning' },
      { sheet: '会議登録簿', row: 2, column: '会議ID', severity: 'warning' },
    ]);
    const message = result.findings.find(f => f.code === 'id-not-mail-safe' && f.row === 3)?.message ?? '';
    expect(message).toContain('「青森水産 臨時」');
    expect(message).toContain('案件台帳 3行目');
    expect(message).toContain('C-001'); // the tab's own IDs give the example
    expect(read.ledger.cases.map(c => c.id)).toEqual(['C-001', '青森水産 臨時']);
  });

  test('IDs of the safe shape, full-width typing included, are not warned', () => {
    const result = checkBook({ 案件台帳: [caseRow('C-001'), caseRow('Ｃ－００２'), caseRow('R6/C_003.a')] });
    expect(findingsOf(result, 'id-not-mail-safe')).toEqual([]);
  });
});
