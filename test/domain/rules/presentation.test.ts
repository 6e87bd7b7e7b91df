import { type Book, checkBook, dateCell, meetingRow, type TypedRow } from './book';

const presentation = (date: string): TypedRow => meetingRow('M-020', '成果発表会', date);
const publicity = (date: string, kind: string, medium: string, extra: TypedRow = {}): TypedRow => ({
  掲載日: dateCell(date),
  種類: kind,
  媒体区分: medium,
  ...extra,
});
const book = (date: string, records: readonly TypedRow[] = []): Book => ({
  設定: { 成果発表会開始日: dateCell('2024-12-01') },
  会議登録簿: [presentation(date)],
  広報記録: records,
});
const codesAt = (b: Book, today: string) =>
  checkBook(b, today)
    .findings.filter(f => f.code.startsWith('presentation-'))
    .map(f => `${f.code} ${f.sheet}${f.row}「${f.column}」 ${f.severity}`);

describe('presentation-too-early: the results presentation is held on or after 成果発表会開始日 (§7)', () => {
  test('2024-11-29 is before 2024-12-01: flagged in 開催日, held or not', () => {
    expect(
      codesAt(book('2024-11-29', [publicity('2024-11-15', '開催案内', '新聞'), publicity('2024-11-30', '採録記事', '新聞')]), '2024-11-01')
    ).toEqual(['presentation-too-early 会議登録簿2「開催日」 error']);
  });

  test('on 2024-12-01 itself, and without 成果発表会開始日, it is fine', () => {
    expect(codesAt(book('2024-12-01'), '2024-11-01')).toEqual([]);
    expect(codesAt({ ...book('2024-11-29'), 設定: {} }, '2024-11-01')).toEqual([]);
  });
});

describe('presentation-no-announcement: announced in a newspaper or on TV before it (§7⑦)', () => {
  test('held without any 開催案内: an error on the meeting, in 会議ID', () => {
    expect(codesAt(book('2025-02-21', [publicity('2025-02-21', '採録記事', '新聞')]), '2025-02-21')).toEqual([
      'presentation-no-announcement 会議登録簿2「会議ID」 error',
    ]);
  });

  test('Web and SNS announcements, or one on the day itself, do not count; 新聞 or テレビ the day before does', () => {
    const coverage = publicity('2025-02-22', '採録記事', 'Web');
    const web = [
      publicity('2025-02-07', '開催案内', 'Web'),
      publicity('2025-02-10', '開催案内', 'SNS'),
      publicity('2025-02-21', '開催案内', '新聞'),
    ];
    expect(codesAt(book('2025-02-21', [...web, coverage]), '2025-02-24')).toEqual([
      'presentation-no-announcement 会議登録簿2「会議ID」 error',
    ]);
    expect(codesAt(book('2025-02-21', [publicity('2025-02-20', '開催案内', 'テレビ'), coverage]), '2025-02-24')).toEqual([]);
  });

  test('an announcement for another meeting does not count; one with 会議ID blank does', () => {
    const coverage = publicity('2025-02-22', '採録記事', '新聞');
    const other = publicity('2024-07-17', '開催案内', '新聞', { 会議ID: 'M-003' });
    const b = (records: readonly TypedRow[]): Book => ({
      ...book('2025-02-21', records),
      会議登録簿: [presentation('2025-02-21'), meetingRow('M-003', '地域連携会議', '2024-07-24')],
    });
    expect(codesAt(b([other, coverage]), '2025-02-24')).toEqual(['presentation-no-announcement 会議登録簿2「会議ID」 error']);
    expect(codesAt(b([publicity('2025-02-05', '開催案内', '新聞'), coverage]), '2025-02-24')).toEqual([]);
  });

  test('not before it is held', () => {
    expect(codesAt(book('2025-02-21'), '2025-02-20')).toEqual([]);
  });
});

describe('presentation-no-coverage: at least one write-up after it (§7⑧)', () => {
  const announced = publicity('2025-02-05', '開催案内', '新聞', { 会議ID: 'M-020' });
  test('held without 採録記事: a warning, an error from 30 days before 納入期限 (2025-03-01)', () => {
    expect(codesAt(book('2025-02-21', [announced]), '2025-02-28')).toEqual(['presentation-no-coverage 会議登録簿2「会議ID」 warning']);
    expect(codesAt(book('2025-02-21', [announced]), '2025-03-03')).toEqual(['presentation-no-coverage 会議登録簿2「会議ID」 error']);
  });

  test('a 採録記事 on the day or after satisfies it; one before it does not', () => {
    expect(codesAt(book('2025-02-21', [announced, publicity('2025-02-21', '採録記事', '新聞')]), '2025-03-03')).toEqual([]);
    expect(codesAt(book('2025-02-21', [announced, publicity('2025-02-20', '採録記事', '新聞')]), '2025-03-03')).toHaveLength(1);
  });
});
