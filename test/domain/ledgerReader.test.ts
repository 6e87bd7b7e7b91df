import { type ReadResult, readLedger } from '../../src/domain/ledgerReader';
import type { Cell, RawTable } from '../../src/domain/rawTable';
import { type Book, caseRow, dateCell, findingsOf, headersOf, meetingRow, pdRow, rawTable, type TypedRow, tablesOf } from './rules/book';

/** The book.ts workbook with one tab replaced by a table typed by hand. */
function readWith(table: RawTable, book: Book = {}): ReadResult {
  const tables = tablesOf(book);
  for (const name of [...tables.keys()]) if (name.normalize('NFKC').trim() === table.name.normalize('NFKC').trim()) tables.delete(name);
  tables.set(table.name, table);
  return readLedger(tables);
}

const MEETING: TypedRow = meetingRow('M-010', '地域連携会議', '2024-10-23', {
  形式: 'ハイブリッド',
  議事録担当: '成田 健太',
  議事録共有日: dateCell('2024-11-06'),
  共有先: '地域連携会議構成員',
  関連案件: 'C-001,C-002',
});
const MEETING_READ = {
  rowNumber: 2,
  id: 'M-010',
  type: '地域連携会議',
  date: '2024-10-23',
  format: 'ハイブリッド',
  minutesOwner: '成田 健太',
  minutesSharedOn: '2024-11-06',
  sharedWith: '地域連携会議構成員',
  caseIds: ['C-001', 'C-002'],
  materialsUrl: null,
  minutesUrl: null,
  opinions: null,
};
const CASES = [caseRow('C-001'), caseRow('C-002')];

describe('columns are found by header text in row 1 (DESIGN "The workbook contract")', () => {
  test('columns in another order than the template are read by their headers', () => {
    const header = [...headersOf('会議登録簿')].reverse();
    const read = readWith(rawTable('会議登録簿', [MEETING], header), { 案件台帳: CASES });
    expect(read.ledger.meetings).toEqual([MEETING_READ]);
    expect(read.findings).toEqual([]);
  });

  test('an extra column is ignored: no finding, and the columns after it are still read', () => {
    const header = ['会議ID', '事務局メモ', ...headersOf('会議登録簿').slice(1)];
    const read = readWith(rawTable('会議登録簿', [{ ...MEETING, 事務局メモ: '会場は県庁' }], header), { 案件台帳: CASES });
    expect(read.ledger.meetings).toEqual([MEETING_READ]);
    expect(read.findings).toEqual([]);
  });

  test('a row with something only in a column of the secretariat’s own (labeled or not) is blank, not an entry missing its cells', () => {
    const header = ['会議ID', '事務局メモ', ...headersOf('会議登録簿').slice(1), ''];
    const notes: TypedRow[] = [MEETING, { 事務局メモ: '12月に追加予定' }];
    const table = rawTable('会議登録簿', notes, header);
    const withUnlabeled = { ...table, rows: [...table.rows, { rowNumber: 4, cells: [...header.map(() => null), '覚え書き'] }] };
    const read = readWith(withUnlabeled, { 案件台帳: CASES });
    expect(read.ledger.meetings).toEqual([MEETING_READ]);
    expect(read.findings).toEqual([]);
    expect(read.entryRows.meetings).toEqual([2]);
  });

  test('headers are compared after NFKC and trimming: stray full-width spaces and full-width letters match', () => {
    const header = headersOf('会議登録簿').map(h =>
      h === '開催日' ? '　開催日　' : h === '会議ID' ? ' 会議ＩＤ' : h === '議事録担当' ? '議事録担当\u3000' : h
    );
    const rows = [
      Object.fromEntries(Object.entries(MEETING).map(([k, v]) => [header.find(h => h.normalize('NFKC').trim() === k) ?? k, v])),
    ];
    const read = readWith(rawTable('会議登録簿', rows, header), { 案件台帳: CASES });
    expect(read.ledger.meetings).toEqual([MEETING_READ]);
    expect(read.findings).toEqual([]);
  });

  test('a renamed header is a missing-header error at row 1 naming the contract column', () => {
    const header = headersOf('会議登録簿').map(h => (h === '開催日' ? '日程' : h));
    const read = readWith(rawTable('会議登録簿', [], header));
    expect(findingsOf(read, 'missing-header')).toEqual([{ sheet: '会議登録簿', row: 1, column: '開催日', severity: 'error' }]);
    expect(read.findings[0]?.message).toContain('開催日');
  });

  test('a missing header is reported once, not once per row; rows that need it are left out', () => {
    const header = headersOf('会議登録簿').filter(h => h !== '開催日');
    const read = readWith(
      rawTable(
        '会議登録簿',
        [
          { 会議ID: 'M-001', 種別: '研修会' },
          { 会議ID: 'M-002', 種別: '研修会' },
        ],
        header
      )
    );
    expect(read.findings.map(f => [f.code, f.row, f.column])).toEqual([['missing-header', 1, '開催日']]);
    expect(read.ledger.meetings).toEqual([]);
    expect([...(read.ledger.ids.meetings ?? [])]).toEqual(['M-001', 'M-002']);
  });

  test('a missing optional column is reported but the rows are still read without it', () => {
    const header = headersOf('会議登録簿').filter(h => h !== '共有先');
    const { 共有先: _dropped, ...row } = MEETING;
    const read = readWith(rawTable('会議登録簿', [row], header), { 案件台帳: CASES });
    expect(findingsOf(read, 'missing-header')).toEqual([{ sheet: '会議登録簿', row: 1, column: '共有先', severity: 'error' }]);
    expect(read.ledger.meetings).toEqual([{ ...MEETING_READ, sharedWith: null }]);
  });

  test('a duplicated header is a duplicate-header error at row 1, and the leftmost column is used', () => {
    const header: Cell[] = [...headersOf('PD稼働記録'), '時間'];
    const table = rawTable('PD稼働記録', [], header);
    const cells = header.map(() => null as Cell);
    const put = (h: string, v: Cell) => (cells[header.indexOf(h)] = v);
    put('日付', dateCell('2024-10-23'));
    put('時間', 2); // leftmost 時間
    put('区分', '現地');
    put('活動内容', '連携強化');
    cells[header.length - 1] = 5;
    const read = readWith({ ...table, rows: [{ rowNumber: 2, cells }] });
    expect(findingsOf(read, 'duplicate-header')).toEqual([{ sheet: 'PD稼働記録', row: 1, column: '時間', severity: 'error' }]);
    expect(read.ledger.pdHours.map(r => r.hours)).toEqual([2]);
  });

  test('a tab name with stray spaces is still the tab (NFKC and trimming)', () => {
    const read = readWith(rawTable('　会議登録簿 ', [MEETING], headersOf('会議登録簿')), { 案件台帳: CASES });
    expect(read.ledger.meetings).toEqual([MEETING_READ]);
    expect(read.findings).toEqual([]);
  });

  test('a missing tab is a missing-tab error naming it, without row or column', () => {
    const read = readLedger(tablesOf({ without: ['専門家活用記録'] }));
    expect(findingsOf(read, 'missing-tab')).toEqual([{ sheet: '専門家活用記録', row: null, column: null, severity: 'error' }]);
    expect(read.findings[0]?.message).toContain('専門家活用記録');
  });

  test("a missing 実行ログ (the system's own tab) is only a warning", () => {
    const read = readLedger(tablesOf({ without: ['実行ログ'] }));
    expect(findingsOf(read, 'missing-tab')).toEqual([{ sheet: '実行ログ', row: null, column: null, severity: 'warning' }]);
  });
});

describe('rows (DESIGN "The workbook contract": blank rows skipped, row numbers are the sheet\'s own)', () => {
  test('blank rows are skipped: empty cells, empty strings and full-width spaces', () => {
    const rows: TypedRow[] = [pdRow('2024-10-02', 3.5), {}, { 日付: '', 備考: '　' }, pdRow('2024-10-02', 3.5)];
    const read = readWith(rawTable('PD稼働記録', rows));
    expect(read.findings).toEqual([]);
    expect(read.ledger.pdHours.map(r => r.rowNumber)).toEqual([2, 5]);
  });

  test("findings carry the sheet's own row number, wherever the data starts", () => {
    const read = readWith(rawTable('PD稼働記録', [pdRow('2024-10-02', 'たくさん')], headersOf('PD稼働記録'), 7));
    expect(findingsOf(read, 'invalid-number')).toEqual([{ sheet: 'PD稼働記録', row: 7, column: '時間', severity: 'error' }]);
  });

  test('a blank required cell that only describes the row is a required error, and the row still counts with the value null', () => {
    const read = readWith(rawTable('案件台帳', [{ ...caseRow('C-001'), 企業名: '' }, caseRow('C-002')]));
    expect(findingsOf(read, 'required')).toEqual([{ sheet: '案件台帳', row: 2, column: '企業名', severity: 'error' }]);
    expect(read.ledger.cases.map(c => [c.id, c.company])).toEqual([
      ['C-001', null],
      ['C-002', expect.any(String)],
    ]);
  });

  test('a row whose essential cell is blank or unreadable is reported and left out: a case without 段階 cannot be counted', () => {
    const read = readWith(
      rawTable('案件台帳', [{ ...caseRow('C-001'), 段階: '' }, { ...caseRow('C-003'), 段階: '検討中' }, caseRow('C-002')])
    );
    expect(findingsOf(read, 'required')).toEqual([{ sheet: '案件台帳', row: 2, column: '段階', severity: 'error' }]);
    expect(findingsOf(read, 'invalid-choice')).toEqual([{ sheet: '案件台帳', row: 3, column: '段階', severity: 'error' }]);
    expect(read.ledger.cases.map(c => c.id)).toEqual(['C-002']);
  });

  test('a blank optional cell is fine and reads as null', () => {
    const read = readWith(rawTable('案件台帳', [caseRow('C-001')]));
    expect(read.findings).toEqual([]);
    expect(read.ledger.cases[0]).toMatchObject({ id: 'C-001', owner: null, prevalidatedOn: null, nextDue: null });
  });
});

describe('cells as people type them (DESIGN "The workbook contract": understood or rejected, never guessed)', () => {
  const pdHours = (row: TypedRow) => readWith(rawTable('PD稼働記録', [row]));

  test('full-width digits in dates, hours and money are read', () => {
    const read = pdHours({ 日付: '２０２４/１０/０２', 時間: '３．５', 区分: '現地', 活動内容: '伴走支援', 旅費: '２４，１６０円' });
    expect(read.findings).toEqual([]);
    expect(read.ledger.pdHours[0]).toMatchObject({ date: '2024-10-02', hours: 3.5, travelCost: 24160 });
  });

  test.each([
    ['2024/10/1', '2024-10-01'],
    ['2024-10-01', '2024-10-01'],
    ['令和6年10月1日', '2024-10-01'],
    ['R6.10.1', '2024-10-01'],
    ['r6/10/1', '2024-10-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['H31.4.30', '2019-04-30'],
  ])('the date %s is read as %s', (typed, ymd) => {
    const read = readWith(rawTable('会議登録簿', [{ ...meetingRow('M-001', '研修会', '2024-01-01'), 開催日: typed }]), {
      設定: { 事業開始日: null },
    });
    expect(read.findings).toEqual([]);
    expect(read.ledger.meetings[0]?.date).toBe(ymd);
  });

  test('a real date cell (serial) is read as its calendar date', () => {
    const read = pdHours(pdRow('2024-10-02', 2));
    expect(read.ledger.pdHours[0]?.date).toBe('2024-10-02');
  });

  test('hours typed as 3:30 are 3.5 hours', () => {
    expect(pdHours(pdRow('2024-10-02', '3:30')).ledger.pdHours[0]?.hours).toBe(3.5);
  });

  test('a duration cell is a fraction of a day: 0.145833 (3:30) is 3.5 hours, not 0.146', () => {
    expect(pdHours(pdRow('2024-10-02', { serial: 0.145833 })).ledger.pdHours[0]?.hours).toBe(3.5);
  });

  test('text in a number column is invalid-number at its row and column', () => {
    const read = pdHours(pdRow('2024-10-02', 2, { 旅費: 'なし' }));
    expect(findingsOf(read, 'invalid-number')).toEqual([{ sheet: 'PD稼働記録', row: 2, column: '旅費', severity: 'error' }]);
    expect(read.findings[0]?.message).toContain('なし');
  });

  test('text in the hours column is invalid-number and the row is left out (時間 is required)', () => {
    const read = pdHours(pdRow('2024-10-02', 'たくさん'));
    expect(findingsOf(read, 'invalid-number')).toEqual([{ sheet: 'PD稼働記録', row: 2, column: '時間', severity: 'error' }]);
    expect(read.ledger.pdHours).toEqual([]);
  });

  test('a value outside a choice list is invalid-choice at its row and column, and the message lists the choices', () => {
    const read = pdHours(pdRow('2024-10-02', 2, { 区分: '出張' }));
    expect(findingsOf(read, 'invalid-choice')).toEqual([{ sheet: 'PD稼働記録', row: 2, column: '区分', severity: 'error' }]);
    expect(read.findings[0]?.message).toMatch(/出張.*現地、オンライン、オフサイト/);
  });

  test('a choice typed with full-width letters or spaces is the choice (ＰＤチーム内会議)', () => {
    const read = readWith(rawTable('会議登録簿', [{ ...meetingRow('M-001', '研修会', '2024-11-06'), 種別: ' ＰＤチーム内会議　' }]));
    expect(read.ledger.meetings[0]?.type).toBe('PDチーム内会議');
  });

  test('a date that cannot be understood is invalid-date at its row and column, never guessed', () => {
    const read = readWith(
      rawTable('会議登録簿', [
        { ...meetingRow('M-001', '研修会', '2024-11-06'), 開催日: '11/6' },
        { ...meetingRow('M-002', '研修会', '2024-11-06'), 開催日: '2024/2/30' },
      ])
    );
    expect(findingsOf(read, 'invalid-date')).toEqual([
      { sheet: '会議登録簿', row: 2, column: '開催日', severity: 'error' },
      { sheet: '会議登録簿', row: 3, column: '開催日', severity: 'error' },
    ]);
    expect(read.ledger.meetings).toEqual([]);
  });

  test('an optional date that cannot be understood is invalid-date and the rest of the row is still read', () => {
    const read = readWith(rawTable('会議登録簿', [{ ...meetingRow('M-001', '研修会', '2024-11-06'), 議事録共有日: '来週' }]));
    expect(findingsOf(read, 'invalid-date')).toEqual([{ sheet: '会議登録簿', row: 2, column: '議事録共有日', severity: 'error' }]);
    expect(read.ledger.meetings.map(m => m.id)).toEqual(['M-001']);
  });

  test('a formula error value (#REF!) is reported, not read as text', () => {
    const read = pdHours(pdRow('2024-10-02', { error: '#REF!' }));
    expect(findingsOf(read, 'invalid-number')).toEqual([{ sheet: 'PD稼働記録', row: 2, column: '時間', severity: 'error' }]);
    expect(read.findings[0]?.message).toContain('#REF!');
  });
});

describe('merged cells (a merged area keeps its value in its top-left cell only)', () => {
  test('each covered data cell is merged-cells, read as unknown; a row whose essential cell is covered is left out', () => {
    const headers = headersOf('PD稼働記録');
    const hoursAt = headers.indexOf('時間') + 1;
    const table = rawTable('PD稼働記録', [pdRow('2024-10-01', 3), { ...pdRow('2024-10-02', 2), 時間: '' }]);
    const read = readWith({ ...table, merges: [{ top: 2, left: hoursAt, bottom: 3, right: hoursAt }] });
    expect(findingsOf(read, 'merged-cells')).toEqual([{ sheet: 'PD稼働記録', row: 3, column: '時間', severity: 'error' }]);
    expect(findingsOf(read, 'required')).toEqual([]);
    expect(read.ledger.pdHours.map(r => r.date)).toEqual(['2024-10-01']);
  });

  test('a covered cell in a row that reads blank is still reported: the merge may have hidden its only entry', () => {
    const headers = headersOf('案件台帳');
    const idAt = headers.indexOf('案件ID') + 1;
    const table = rawTable('案件台帳', [caseRow('C-001')]);
    const read = readWith({ ...table, merges: [{ top: 2, left: idAt, bottom: 3, right: idAt }] });
    expect(findingsOf(read, 'merged-cells')).toEqual([{ sheet: '案件台帳', row: 3, column: '案件ID', severity: 'error' }]);
  });
});
