import { caseRow, checkBook, dateCell, findingsOf } from './book';

describe('missing-prevalidation: support content is verified in advance (§5.4(2))', () => {
  test.each(['支援中', '出口戦略', '完了'])('a case at 段階 %s without 事前検証日 is an error at its 事前検証日 cell (§5.4(2))', stage => {
    const result = checkBook({
      案件台帳: [caseRow('C-001', { 段階: stage, 事前検証日: dateCell('2024-08-07') }), caseRow('C-004', { 段階: stage })],
    });
    expect(findingsOf(result, 'missing-prevalidation')).toEqual([{ sheet: '案件台帳', row: 3, column: '事前検証日', severity: 'error' }]);
  });

  test.each(['候補', '選定済', '中止'])('a case at 段階 %s needs no 事前検証日 yet (§5.4(2) applies to supported cases)', stage => {
    expect(findingsOf(checkBook({ 案件台帳: [caseRow('C-006', { 段階: stage })] }), 'missing-prevalidation')).toEqual([]);
  });

  test('a 事前検証日 typed as text satisfies the rule (令和6年8月7日)', () => {
    const result = checkBook({ 案件台帳: [caseRow('C-001', { 段階: '支援中', 支援開始日: '2024-08-07', 事前検証日: '令和6年8月7日' })] });
    expect(result.findings).toEqual([]);
  });

  test('the message quotes the stage and the clause, and says what to enter', () => {
    const [f] = checkBook({ 案件台帳: [caseRow('C-004', { 段階: '支援中' })] }).findings;
    expect(f?.message).toMatch(/支援中.*5\.4\(2\).*入力してください/);
  });
});

test('an unreadable 事前検証日 is reported once, as invalid-date, not again as missing (one finding per cell)', () => {
  const result = checkBook({ 案件台帳: [caseRow('C-001', { 段階: '支援中', 支援開始日: '2024-08-07', 事前検証日: '令和6年13月7日' })] });
  expect(result.findings.map(f => [f.row, f.column, f.code])).toEqual([[2, '事前検証日', 'invalid-date']]);
});
