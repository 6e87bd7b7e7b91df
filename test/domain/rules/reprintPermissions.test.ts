import { type Book, checkBook, dateCell, findingsOf } from './book';

describe('reprint-permission-pending: works reproduced with permission are delivered with the permissions (§15(2))', () => {
  const book: Book = {
    転載許可: [
      { 著作物: '工程写真', 申請日: dateCell('2024-11-05'), 許可日: dateCell('2024-11-19') },
      { 著作物: 'パネル討論の写真', 申請日: dateCell('2025-02-25') },
    ],
  };

  test('a row without 許可日 is a warning, an error from 30 days before 納入期限', () => {
    expect(findingsOf(checkBook(book, '2025-02-28'), 'reprint-permission-pending')).toEqual([
      { sheet: '転載許可', row: 3, column: '許可日', severity: 'warning' },
    ]);
    expect(findingsOf(checkBook(book, '2025-03-01'), 'reprint-permission-pending')).toEqual([
      { sheet: '転載許可', row: 3, column: '許可日', severity: 'error' },
    ]);
  });

  test('納入期限 in 設定 moves the window', () => {
    const early: Book = { ...book, 設定: { 納入期限: dateCell('2025-03-14') } };
    expect(findingsOf(checkBook(early, '2025-02-12'), 'reprint-permission-pending')[0]?.severity).toBe('error');
  });

  test('the message names the clause and what to type', () => {
    const message = checkBook(book, '2025-03-03').findings.find(f => f.code === 'reprint-permission-pending')?.message ?? '';
    expect(message).toContain('仕様書15(2)');
    expect(message).toContain('許可日');
  });
});
