/**
 * The row check behind the cell parsers: a parsed row whose value is not of its column's type is refused (with the
 * headers named), a blank non-essential value is allowed, a blank essential one is not.
 */
import { contract } from '../../sheets-templates/contract';
import { rowCheckOf, tabOf } from '../../src/domain/schema';

const pd = tabOf(contract, 'pdHours');
const check = rowCheckOf(pd, contract);
const good = {
  rowNumber: 2,
  date: '2024-07-01',
  hours: 7,
  mode: '現地',
  activity: '伴走支援',
  caseId: 'C-001',
  meetingId: null,
  travelCost: null,
  note: null,
};

test('a sound row passes; nulls in columns that are not essential are allowed', () => {
  expect(check(good)).toEqual([]);
});

test.each([
  ['date', '2024/07/01', '日付'],
  ['hours', 25, '時間'],
  ['hours', Number.NaN, '時間'],
  ['mode', '出張', '区分'],
  ['travelCost', -1, '旅費'],
  ['caseId', '', '案件ID'],
])('%s = %p is refused, naming %s', (key, value, header) => {
  expect(check({ ...good, [key]: value })).toEqual([header]);
});

test('a blank essential value and a header row number are refused', () => {
  expect(check({ ...good, hours: null })).toEqual(['時間']);
  expect(check({ ...good, rowNumber: 1 })).toEqual(['rowNumber']);
});

test('choices, dates, months, URLs and case lists of the other tabs', () => {
  /** Every input column of a tab null, then the values given. */
  const rowOf = (key: string, values: Record<string, unknown>) => ({
    ...Object.fromEntries(tabOf(contract, key).columns.map(c => [c.key, null])),
    rowNumber: 3,
    ...values,
  });
  const meetings = rowCheckOf(tabOf(contract, 'meetings'), contract);
  const meeting = { id: 'M-001', type: '地域連携会議', date: '2024-07-10', caseIds: ['C-001', ''], materialsUrl: 'ftp://x' };
  expect(meetings(rowOf('meetings', meeting))).toEqual(['関連案件', '資料URL']);
  expect(meetings(rowOf('meetings', { ...meeting, type: '懇親会', caseIds: null, materialsUrl: null }))).toEqual(['種別']);
  const reports = rowCheckOf(tabOf(contract, 'pdReports'), contract);
  expect(reports(rowOf('pdReports', { month: '2024-7' }))).toEqual(['対象月']);
  // A key the reader always sets but did not: a reader bug, refused rather than read as blank.
  expect(reports({ rowNumber: 3, month: '2024-07' })).toEqual(expect.arrayContaining(['受領日']));
});
