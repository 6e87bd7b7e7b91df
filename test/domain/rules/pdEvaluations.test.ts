import { type Book, checkBook, dateCell, findingsOf, type TypedRow } from './book';

const evaluation = (id: string, date: string, extra: TypedRow = {}): TypedRow => ({
  評価ID: id,
  評価日: dateCell(date),
  種類: '中間評価',
  ...extra,
});
const book = (rows: readonly TypedRow[], settings: Book['設定'] = { 評価基準承認日: dateCell('2024-10-15') }): Book => ({
  設定: settings,
  PD評価: rows,
});
const messageOf = (b: Book, code: string, today = '2024-12-02'): string =>
  checkBook(b, today).findings.find(f => f.code === code)?.message ?? '';

describe('pd-evaluation-criteria-unapproved: evaluations use criteria the Office approved (§5.6(1))', () => {
  test('an evaluation on or after 評価基準承認日 is fine; one before it is flagged in 評価日', () => {
    const result = checkBook(
      book([evaluation('E-01', '2024-10-15', { 総合評価: 'B' }), evaluation('E-02', '2024-10-04', { 総合評価: 'B' })])
    );
    expect(findingsOf(result, 'pd-evaluation-criteria-unapproved')).toEqual([
      { sheet: 'PD評価', row: 3, column: '評価日', severity: 'error' },
    ]);
  });

  test('with 評価基準承認日 blank, a held evaluation is flagged and the message points at 設定', () => {
    const b = book([evaluation('E-01', '2024-11-15', { 総合評価: 'B' })], {});
    expect(findingsOf(checkBook(b), 'pd-evaluation-criteria-unapproved')).toHaveLength(1);
    expect(messageOf(b, 'pd-evaluation-criteria-unapproved')).toContain('設定「評価基準承認日」');
  });

  test('a planned evaluation (評価日 after today) is not judged yet: the approval may still come', () => {
    expect(findingsOf(checkBook(book([evaluation('E-01', '2025-02-14')], {})), 'pd-evaluation-criteria-unapproved')).toEqual([]);
  });
});

describe('pd-evaluation-missing: the PD is evaluated at least once during dispatch, by PD評価期限 (§5.6(2))', () => {
  // 事業終了日 2025-03-31: PD評価期限 defaults to the last business day of February 2025, 02-28 (Fri).
  test('no evaluation: nothing before 01-29, a warning from 30 days before 02-28, an error after it', () => {
    expect(findingsOf(checkBook(book([]), '2025-01-28'), 'pd-evaluation-missing')).toEqual([]);
    expect(findingsOf(checkBook(book([]), '2025-01-29'), 'pd-evaluation-missing')).toEqual([
      { sheet: 'PD評価', row: null, column: null, severity: 'warning' },
    ]);
    expect(findingsOf(checkBook(book([]), '2025-02-28'), 'pd-evaluation-missing')).toEqual([
      { sheet: 'PD評価', row: null, column: null, severity: 'warning' },
    ]);
    expect(findingsOf(checkBook(book([]), '2025-03-03'), 'pd-evaluation-missing')).toEqual([
      { sheet: 'PD評価', row: null, column: null, severity: 'error' },
    ]);
    expect(messageOf(book([]), 'pd-evaluation-missing', '2025-03-03')).toContain('2025-02-28');
  });

  test('the last business day: with 事業終了日 2026-03-31, PD評価期限 is 2026-02-27 (the 28th is a Saturday)', () => {
    const b = book([], { 事業開始日: dateCell('2025-04-01'), 事業終了日: dateCell('2026-03-31') });
    expect(messageOf(b, 'pd-evaluation-missing', '2026-03-02')).toContain('2026-02-27');
  });

  test('PD評価期限 typed in 設定 is used as it is', () => {
    const b = book([], { PD評価期限: dateCell('2025-01-31') });
    expect(findingsOf(checkBook(b, '2025-01-01'), 'pd-evaluation-missing')).toHaveLength(1);
    expect(findingsOf(checkBook(b, '2024-12-31'), 'pd-evaluation-missing')).toHaveLength(0);
  });

  test('one done evaluation (held and graded) is enough; a planned one, or one without 総合評価, is not', () => {
    expect(
      findingsOf(checkBook(book([evaluation('E-01', '2024-11-15', { 総合評価: 'B' })]), '2025-03-03'), 'pd-evaluation-missing')
    ).toEqual([]);
    expect(findingsOf(checkBook(book([evaluation('E-01', '2024-11-15')]), '2025-03-03'), 'pd-evaluation-missing')).toHaveLength(1);
    expect(
      findingsOf(checkBook(book([evaluation('E-01', '2025-03-10', { 総合評価: 'A' })]), '2025-03-03'), 'pd-evaluation-missing')
    ).toHaveLength(1);
  });
});

describe('pd-evaluation-low-without-consultation: a low evaluation (C, D) is discussed with the Office (§5.6(2))', () => {
  test('C or D without 庁相談日 is flagged in 庁相談日, with the clause and what to type', () => {
    const b = book([
      evaluation('E-01', '2024-11-15', { 総合評価: 'A' }),
      evaluation('E-02', '2024-11-18', { 総合評価: 'C' }),
      evaluation('E-03', '2024-11-19', { 総合評価: 'Ｄ' }),
      evaluation('E-04', '2024-11-20', { 総合評価: 'C', 庁相談日: dateCell('2024-11-22') }),
    ]);
    expect(findingsOf(checkBook(b), 'pd-evaluation-low-without-consultation')).toEqual([
      { sheet: 'PD評価', row: 3, column: '庁相談日', severity: 'error' },
      { sheet: 'PD評価', row: 4, column: '庁相談日', severity: 'error' },
    ]);
    expect(messageOf(b, 'pd-evaluation-low-without-consultation')).toContain(
      '総合評価がCの評価（E-02）は庁担当者への相談が必要です（仕様書5.6(2)）。相談した日を庁相談日に入力してください。'
    );
  });

  test('総合評価 outside A-D is an invalid choice, not guessed', () => {
    expect(findingsOf(checkBook(book([evaluation('E-01', '2024-11-15', { 総合評価: 'B+' })])), 'invalid-choice')).toEqual([
      { sheet: 'PD評価', row: 2, column: '総合評価', severity: 'error' },
    ]);
  });
});

describe('pd-evaluation-not-reported: the result is reported to the Office (§5.6(2))', () => {
  test('a done evaluation without 庁報告日 is a warning in 庁報告日; a reported or planned one is not', () => {
    const b = book([
      evaluation('E-01', '2024-11-15', { 総合評価: 'B', 庁報告日: dateCell('2024-11-22') }),
      evaluation('E-02', '2024-11-29', { 総合評価: 'B' }),
      evaluation('E-03', '2025-02-14'),
    ]);
    expect(findingsOf(checkBook(b), 'pd-evaluation-not-reported')).toEqual([
      { sheet: 'PD評価', row: 3, column: '庁報告日', severity: 'warning' },
    ]);
  });
});
