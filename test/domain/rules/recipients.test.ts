import { check } from '../../../src/domain/check';
import { readLedger } from '../../../src/domain/ledgerReader';
import { caseRow, checkBook, findingsOf, meetingRow, rawTable, tablesOf } from './book';

// book.ts PEOPLE: 成田 健太 and 三上 奈緒 active, 福士 亮 有効 FALSE.
describe('recipient-not-authorized: only active members of 情報取扱者名簿 may receive the information (§20(1))', () => {
  test('a case whose 担当 is listed but inactive is an error at its 担当 cell (§20(1))', () => {
    const result = checkBook({ 案件台帳: [caseRow('C-001', { 担当: '成田 健太' }), caseRow('C-007', { 担当: '福士 亮' })] });
    expect(findingsOf(result, 'recipient-not-authorized')).toEqual([{ sheet: '案件台帳', row: 3, column: '担当', severity: 'error' }]);
    expect(result.findings[0]?.message).toMatch(/福士 亮.*無効.*20\(1\)/);
  });

  test('a case whose 担当 is not on the list at all is an error, and the message says so (§20(1))', () => {
    const result = checkBook({ 案件台帳: [caseRow('C-001', { 担当: '山田 太郎' })] });
    expect(findingsOf(result, 'recipient-not-authorized')).toEqual([{ sheet: '案件台帳', row: 2, column: '担当', severity: 'error' }]);
    expect(result.findings[0]?.message).toContain('載っていません');
  });

  test('a meeting whose 議事録担当 is inactive is an error at its 議事録担当 cell (§20(1))', () => {
    const result = checkBook({ 会議登録簿: [meetingRow('M-001', '研修会', '2024-09-11', { 議事録担当: '福士 亮' })] });
    expect(findingsOf(result, 'recipient-not-authorized')).toEqual([
      { sheet: '会議登録簿', row: 2, column: '議事録担当', severity: 'error' },
    ]);
  });

  test('a meeting whose 議事録担当 is not on the list is an error (§20(1))', () => {
    const result = checkBook({ 会議登録簿: [meetingRow('M-001', '研修会', '2024-09-11', { 議事録担当: '外部 委託先' })] });
    expect(findingsOf(result, 'recipient-not-authorized').map(f => f.column)).toEqual(['議事録担当']);
  });

  test('a person is recognised however the space between the names is typed (full-width, none)', () => {
    const result = checkBook({
      案件台帳: [caseRow('C-001', { 担当: '成田　健太' }), caseRow('C-002', { 担当: '成田健太' })],
      会議登録簿: [meetingRow('M-001', '研修会', '2024-09-11', { 議事録担当: ' 三上 奈緒 ' })],
    });
    expect(findingsOf(result, 'recipient-not-authorized')).toEqual([]);
  });

  test('a person may be named by their mail address', () => {
    const result = checkBook({ 案件台帳: [caseRow('C-001', { 担当: 'Kenta.Narita@Example.co.jp' })] });
    expect(findingsOf(result, 'recipient-not-authorized')).toEqual([]);
  });

  test('the address of an inactive member does not authorise either', () => {
    const result = checkBook({ 案件台帳: [caseRow('C-001', { 担当: 'ryo.fukushi@example.co.jp' })] });
    expect(findingsOf(result, 'recipient-not-authorized')).toHaveLength(1);
  });

  test('a blank 担当 or 議事録担当 is not checked (both are optional)', () => {
    const result = checkBook({ 案件台帳: [caseRow('C-001')], 会議登録簿: [meetingRow('M-001', '研修会', '2024-09-11')] });
    expect(result.findings).toEqual([]);
  });

  test('有効 typed as text is read: "FALSE" and "無効" are inactive, "TRUE" is active', () => {
    const result = checkBook({
      情報取扱者名簿: [
        { 氏名: 'A 一', メール: 'a@example.co.jp', 有効: 'FALSE' },
        { 氏名: 'B 二', メール: 'b@example.co.jp', 有効: '無効' },
        { 氏名: 'C 三', メール: 'c@example.co.jp', 有効: 'TRUE' },
      ],
      案件台帳: [caseRow('C-001', { 担当: 'A 一' }), caseRow('C-002', { 担当: 'B 二' }), caseRow('C-003', { 担当: 'C 三' })],
    });
    expect(findingsOf(result, 'recipient-not-authorized').map(f => f.row)).toEqual([2, 3]);
  });

  test('without a 情報取扱者名簿 tab only the missing tab is reported, not every person', () => {
    const result = checkBook({ without: ['情報取扱者名簿'], 案件台帳: [caseRow('C-001', { 担当: '成田 健太' })] });
    expect(findingsOf(result, 'missing-tab').map(f => f.sheet)).toEqual(['情報取扱者名簿']);
    expect(findingsOf(result, 'recipient-not-authorized')).toEqual([]);
  });
});

test('a 情報取扱者名簿 whose headers cannot be found reports the headers, not every person as unauthorised', () => {
  const tables = tablesOf({ 案件台帳: [caseRow('C-001', { 担当: '成田 健太' })] });
  tables.set(
    '情報取扱者名簿',
    rawTable('情報取扱者名簿', [{ 名前: '成田 健太', アドレス: 'kenta.narita@example.co.jp' }], ['名前', 'アドレス'])
  );
  const result = check(readLedger(tables), '2024-12-02');
  expect(findingsOf(result, 'recipient-not-authorized')).toEqual([]);
  expect(findingsOf(result, 'missing-header').map(f => f.column)).toEqual(expect.arrayContaining(['氏名', 'メール', '有効']));
});
