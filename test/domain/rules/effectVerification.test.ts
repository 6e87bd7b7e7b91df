import { type Book, caseRow, checkBook, findingsOf, type TypedRow } from './book';

const effect = (caseId: string | null, aspect: string, extra: TypedRow = {}): TypedRow => ({
  ...(caseId ? { 案件ID: caseId } : {}),
  観点: aspect,
  指標: '商談件数',
  ...extra,
});
const book = (effects: readonly TypedRow[]): Book => ({
  案件台帳: [
    caseRow('C-001', { 段階: '支援中', 事前検証日: '2024/8/7' }),
    caseRow('C-002', { 段階: '完了', 事前検証日: '2024/8/7' }),
    caseRow('C-003', { 段階: '候補' }),
  ],
  効果検証: effects,
});
const gaps = (b: Book, today = '2025-03-03') => findingsOf(checkBook(b, today), 'effect-verification-missing');

describe('effect-verification-missing: each supported company verified quantitatively and qualitatively (§5.7)', () => {
  const verified = [
    effect('C-001', '定量', { 実績値: 1 }),
    effect('C-001', '定性'),
    effect('C-002', '定量', { 実績値: '1,200' }),
    effect('C-002', '定性'),
  ];

  test('every supported case with a 定量 row with 実績値 and a 定性 row: nothing; a 候補 case is not asked', () => {
    expect(gaps(book(verified))).toEqual([]);
  });

  test('nothing before 30 days ahead of 納入期限 (2025-03-01 for 2025-03-31)', () => {
    expect(gaps(book([]), '2025-02-28')).toEqual([]);
    expect(gaps(book([]), '2025-03-01')).toHaveLength(2);
  });

  test('a case without a 定性 row, or without any row, is flagged on its 案件台帳 row', () => {
    expect(gaps(book([effect('C-001', '定量', { 実績値: 1 }), effect('C-002', '定性')]))).toEqual([
      { sheet: '案件台帳', row: 2, column: '案件ID', severity: 'error' },
      { sheet: '案件台帳', row: 3, column: '案件ID', severity: 'error' },
    ]);
  });

  test('a case whose only gap is a 定量 row awaiting 実績値 is flagged at that row', () => {
    expect(gaps(book([...verified.slice(0, 2), effect('C-002', '定量'), effect('C-002', '定性')]))).toEqual([
      { sheet: '効果検証', row: 4, column: '実績値', severity: 'error' },
    ]);
  });

  test('a row for the PD activity as a whole (案件ID blank) belongs to no case', () => {
    expect(gaps(book([effect(null, '定量', { 実績値: 5 }), effect(null, '定性'), ...verified]))).toEqual([]);
  });

  test('numbers as people type them: 1,200 / １，２００ / ４ / -3.5 are read; 約1,200 and 1,200件 are findings, never guessed', () => {
    const typed = ['1,200', '１，２００', '４', '-3.5', ' 12 '];
    const result = checkBook(book(typed.map(v => effect('C-001', '定量', { 基準値: v, 目標値: v, 実績値: v }))));
    expect(findingsOf(result, 'invalid-number')).toEqual([]);
    const bad = checkBook(book([effect('C-001', '定量', { 基準値: '約1,200', 実績値: '1,200件' })]));
    expect(findingsOf(bad, 'invalid-number')).toEqual([
      { sheet: '効果検証', row: 2, column: '基準値', severity: 'error' },
      { sheet: '効果検証', row: 2, column: '実績値', severity: 'error' },
    ]);
    expect(bad.findings.find(f => f.column === '実績値')?.message).toContain('「1,200件」');
  });
});
