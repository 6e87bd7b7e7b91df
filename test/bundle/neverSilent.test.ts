/**
 * Never silently wrong, in Sheets: build/Code.js on the fakes, with the edits of test/local/neverSilent.test.ts
 * that apply to a live workbook (merged cells, a row with a bad descriptive cell, contradictory dates, digests).
 */
import { SAMPLE_AS_OF, sampleSheets } from '../support/sampleSheets';
import { loadBundle, setClock } from './loadBundle';

const NOTE_PREFIX = '【チェック】';
const norm = (s: unknown): string => String(s).normalize('NFKC').trim();

function open(sheets = sampleSheets()) {
  const { fake, app } = loadBundle({ sheets, userEmail: 'nao.mikami@example.co.jp', uiAvailable: false });
  setClock(app, `${SAMPLE_AS_OF}T08:05:00+09:00`);
  return { fake, app };
}

const columnOf = (fake: ReturnType<typeof loadBundle>['fake'], tab: string, header: string): number =>
  (fake.sheetValues(tab)?.[0] ?? []).map(norm).indexOf(header) + 1;
const noteAt = (fake: ReturnType<typeof open>['fake'], tab: string, row: number, header: string): string =>
  fake.sheet(tab)?._cell(row, columnOf(fake, tab, header)).note ?? '';

test('checkAllEntries marks a merged data cell with a note saying it is merged (Range.getMergedRanges), not as blank', () => {
  const { fake, app } = open();
  const col = columnOf(fake, '会議登録簿', '議事録共有日');
  fake.sheet('会議登録簿')?.getRange(2, col, 2, 1).merge();
  app.checkAllEntries();
  expect(noteAt(fake, '会議登録簿', 3, '議事録共有日')).toContain(NOTE_PREFIX);
  expect(noteAt(fake, '会議登録簿', 3, '議事録共有日')).toMatch(/結合/);
});

test('reading merged areas costs one call per tab and one per area, never one per row', () => {
  const { fake, app } = open();
  fake
    .sheet('PD稼働記録')
    ?.getRange(40, columnOf(fake, 'PD稼働記録', '時間'), 3, 1)
    .merge();
  fake.calls.reset();
  app.checkAllEntries();
  expect(fake.calls.get('Range.getMergedRanges')).toBeLessThanOrEqual(fake.spreadsheet._sheets.length);
  expect(fake.calls.get('Range.getA1Notation')).toBeLessThanOrEqual(fake.spreadsheet._sheets.length + 1);
});

test('a case with a blank 企業名 still gets its next-due reminder (the row counts for its good cells)', () => {
  const { fake, app } = open();
  const sheet = fake.sheet('案件台帳');
  sheet?.getRange(2, columnOf(fake, '案件台帳', '企業名')).setValues([['']]);
  fake.simulateTimeTrigger(app.sendReminders as never);
  expect(fake.sentMail.map(m => m.body).join('\n')).toContain('C-001');
});

test('a 議事録共有日 before 開催日 is marked on the cell', () => {
  const { fake, app } = open();
  fake
    .sheet('会議登録簿')
    ?.getRange(11, columnOf(fake, '会議登録簿', '議事録共有日'))
    .setValues([['2024-10-01']]);
  app.checkAllEntries();
  expect(noteAt(fake, '会議登録簿', 11, '議事録共有日')).toMatch(/開催日/);
});

test('a new item the same day is mailed on its own; what was mailed in the morning is not mailed again', () => {
  const { fake, app } = open();
  fake.simulateTimeTrigger(app.sendReminders as never);
  const morning = fake.sentMail.length;
  const toKasai = () => fake.sentMail.filter(m => String(m.to).includes('misaki.kasai'));
  expect(toKasai()).toHaveLength(1);
  fake
    .sheet('案件台帳')
    ?.getRange(5, columnOf(fake, '案件台帳', '次回期日'))
    .setValues([['2024-12-03']]);
  fake.simulateTimeTrigger(app.sendReminders as never);
  expect(fake.sentMail.length).toBe(morning + 1);
  const second = toKasai()[1]?.body ?? '';
  expect(second).toContain('C-004');
  expect(second).not.toContain('C-002');
});

test('generateMonthlyReport refuses a month years away from the programme (9999-11) with a message, and makes no Doc', () => {
  const { fake, app } = loadBundle({ sheets: sampleSheets(), userEmail: 'nao.mikami@example.co.jp' });
  setClock(app, `${SAMPLE_AS_OF}T10:00:00+09:00`);
  fake.ui.queuePrompt('9999-11');
  app.generateMonthlyReport();
  expect(fake.documents).toEqual([]);
  expect(fake.ui.alerts.filter(a => a.kind === 'alert').map(a => a.prompt)).toEqual([expect.stringMatching(/事業期間/)]);
});

test('generateMonthlyReport with 時間 renamed writes 不明 with the reason in the Doc, not 0時間', () => {
  const { fake, app } = loadBundle({ sheets: sampleSheets(), userEmail: 'nao.mikami@example.co.jp' });
  setClock(app, `${SAMPLE_AS_OF}T10:00:00+09:00`);
  fake
    .sheet('PD稼働記録')
    ?.getRange(1, columnOf(fake, 'PD稼働記録', '時間'))
    .setValues([['稼働時間']]);
  fake.ui.queuePrompt('2024-11');
  app.generateMonthlyReport();
  const text = JSON.stringify(fake.documents.find(d => !d.trashed)?.content ?? []);
  expect(text).toContain('PD稼働記録の列「時間」がないため不明です');
  expect(text).not.toContain('今月は0日・0時間稼働しました');
});
