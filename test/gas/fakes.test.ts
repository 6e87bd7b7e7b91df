/**
 * Fidelity tests of the Apps Script fakes: each documented behaviour the
 * product relies on has its own test, named after the behaviour.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createFakeGoogle, type FakeEditEvent, type FakeGoogle } from '../fakes';

type Grid = unknown[][];

function fakeWith(sheets: Record<string, Grid>, extra: Parameters<typeof createFakeGoogle>[0] = {}): FakeGoogle {
  return createFakeGoogle({ sheets, ...extra });
}

function sheetOf(fake: FakeGoogle, name: string) {
  const s = fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

const isDateValue = (v: unknown): boolean => Object.prototype.toString.call(v) === '[object Date]';

describe('Apps Script fidelity', () => {
  test('Range.getValues returns exactly rows × columns, with "" for empty cells and Date objects for date cells', () => {
    const d = new Date(Date.UTC(2024, 9, 1, 15, 0, 0)); // 2024-10-02 00:00 in Tokyo
    const fake = fakeWith({ 台帳: [['ID', '日付'], ['C-1', d], ['C-2']] });
    const values = sheetOf(fake, '台帳').getRange(1, 1, 4, 3).getValues();
    expect(values).toHaveLength(4);
    for (const row of values) expect(row).toHaveLength(3);
    expect(values).toEqual([
      ['ID', '日付', ''],
      ['C-1', d, ''],
      ['C-2', '', ''],
      ['', '', ''],
    ]);
    const cell = values[1]?.[1];
    expect(isDateValue(cell)).toBe(true);
    expect((cell as Date).getTime()).toBe(d.getTime());
    // A fresh Date each read: mutating it does not change the cell.
    (cell as Date).setTime(0);
    expect((sheetOf(fake, '台帳').getRange(2, 2).getValue() as Date).getTime()).toBe(d.getTime());
  });

  test('Sheet.getRange rejects zero rows/columns and a start row/column below 1 with Apps Script messages', () => {
    const sheet = sheetOf(fakeWith({ S: [['a']] }), 'S');
    expect(() => sheet.getRange(2, 1, 0, 3)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow('The number of columns in the range must be at least 1.');
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    // The classic empty-tab bug: getLastRow() - 1 rows on a header-only sheet.
    expect(() => sheet.getRange(2, 1, sheet.getLastRow() - 1, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(undefined as unknown as number, 1)).toThrow(
      /don't match the method signature for SpreadsheetApp.Sheet.getRange/
    );
  });

  test('Range.setValues/setNotes/setBackgrounds throw when the data shape does not match the range', () => {
    const fake = fakeWith({ S: [] });
    const range = sheetOf(fake, 'S').getRange(1, 1, 2, 3);
    expect(() => range.setValues([['a', 'b', 'c']])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.'
    );
    expect(() =>
      range.setValues([
        ['a', 'b', 'c'],
        ['d', 'e'],
      ])
    ).toThrow('The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.');
    expect(() => range.setNotes([['n', 'n']])).toThrow(/number of rows in the data does not match/);
    expect(() =>
      range.setBackgrounds([
        ['#fff', '#fff'],
        ['#fff', '#fff'],
      ])
    ).toThrow(/number of columns in the data does not match.*data has 2 but the range has 3/);
    // Nothing was written by the failed calls.
    expect(range.getValues()).toEqual([
      ['', '', ''],
      ['', '', ''],
    ]);
  });

  test('Range.merge keeps only the top-left value; getValues reads the other cells as ""; getMergedRanges lists every merged area touching the range', () => {
    const fake = fakeWith({
      台帳: [
        ['ID', '時間'],
        ['C-1', 3],
        ['C-2', 2],
        ['C-3', 1],
      ],
    });
    const sheet = sheetOf(fake, '台帳');
    sheet.getRange('B2:B3').merge();
    expect(sheet.getDataRange().getValues()).toEqual([
      ['ID', '時間'],
      ['C-1', 3],
      ['C-2', ''],
      ['C-3', 1],
    ]);
    expect(
      sheet
        .getDataRange()
        .getMergedRanges()
        .map(r => r.getA1Notation())
    ).toEqual(['B2:B3']);
    // A range that holds one cell of the area still returns the whole area.
    expect(
      sheet
        .getRange('A3:B4')
        .getMergedRanges()
        .map(r => r.getA1Notation())
    ).toEqual(['B2:B3']);
    expect(sheet.getRange('A2:A4').getMergedRanges()).toEqual([]);
    expect(() => sheet.getRange('B3:B4').merge()).toThrow('You must select all cells in a merged range to merge or unmerge them.');
  });

  test('Sheet.getLastRow/getLastColumn are 0 on an empty sheet, else the last row/column with content', () => {
    const fake = fakeWith({ Empty: [], Data: [['h1', 'h2'], ['', '', 'x'], []] });
    const empty = sheetOf(fake, 'Empty');
    expect(empty.getLastRow()).toBe(0);
    expect(empty.getLastColumn()).toBe(0);
    empty.getRange(5, 2).setNotes([['a note is not content']]);
    empty.getRange(6, 3).setBackgrounds([['#ff0000']]);
    expect(empty.getLastRow()).toBe(0);
    const data = sheetOf(fake, 'Data');
    expect(data.getLastRow()).toBe(2);
    expect(data.getLastColumn()).toBe(3);
    data.getRange(7, 1).setValues([['=1+1']]);
    expect(data.getLastRow()).toBe(7);
    data.getRange(7, 1).setValues([['']]);
    expect(data.getLastRow()).toBe(2);
  });

  test('Spreadsheet.getSheetByName returns null for a missing sheet', () => {
    const ss = fakeWith({ 案件台帳: [] }).globals.SpreadsheetApp.getActiveSpreadsheet();
    expect(ss.getSheetByName('nope')).toBeNull();
    expect(ss.getSheetByName('案件台帳')?.getName()).toBe('案件台帳');
  });

  test("a script's own writes (setValues) do not fire onEdit; simulateUserEdit does", () => {
    const fake = fakeWith({ S: [['a', 'b']] });
    const seen: FakeEditEvent[] = [];
    fake.setOnEdit(e => seen.push(e));
    const sheet = sheetOf(fake, 'S');
    sheet.getRange(2, 1).setValues([['by script']]);
    sheet.getRange(3, 1, 1, 2).setValues([['x', 'y']]);
    expect(seen).toHaveLength(0);
    fake.simulateUserEdit('S', 2, 2, [['by user']]);
    expect(seen).toHaveLength(1);
    expect([seen[0]?.range.getRow(), seen[0]?.range.getValue()]).toEqual([2, 'by user']);
    const explicit = jest.fn();
    fake.simulateUserEdit('S', 5, 1, [['again']], explicit);
    expect(explicit).toHaveBeenCalledTimes(1);
    expect(seen).toHaveLength(1);
  });

  test('the edit event has value/oldValue only for a single-cell edit; a multi-cell paste has neither', () => {
    const fake = fakeWith({ S: [['h'], ['old']] }, { activeUserEmail: 'staff@example.com' });
    const events: FakeEditEvent[] = [];
    const handler = (e: FakeEditEvent): void => {
      events.push(e);
    };
    fake.simulateUserEdit('S', 2, 1, [['new']], handler);
    fake.simulateUserEdit('S', 3, 1, [['first']], handler);
    fake.simulateUserEdit(
      'S',
      4,
      1,
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
      handler
    );
    fake.simulateUserEdit('S', 2, 1, [[42]], handler);
    const [edit, fresh, paste, num] = events;
    expect(edit?.value).toBe('new');
    expect(edit?.oldValue).toBe('old');
    expect(fresh?.value).toBe('first');
    expect(fresh && 'oldValue' in fresh).toBe(false);
    expect(paste && ('value' in paste || 'oldValue' in paste)).toBe(false);
    expect([paste?.range.getRow(), paste?.range.getLastRow(), paste?.range.getValues()]).toEqual([
      4,
      5,
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ]);
    expect(num?.value).toBe('42'); // event values are strings
    expect(edit?.source.getId()).toBe(fake.spreadsheet.getId());
    expect(edit?.user.getEmail()).toBe('staff@example.com');
    expect(edit?.authMode).toBe(fake.globals.ScriptApp.AuthMode.LIMITED);
    expect(edit && 'triggerUid' in edit).toBe(false);
    const inst = fake.simulateUserEdit('S', 9, 1, [['x']], () => undefined, { installable: true });
    expect(inst.event?.authMode).toBe('FULL');
    expect(inst.event?.triggerUid).toMatch(/^\d+$/);
  });

  test('MailApp.getRemainingDailyQuota falls by one per recipient (to, cc, bcc, comma-separated) per sendEmail', () => {
    const fake = createFakeGoogle();
    const mail = fake.globals.MailApp;
    expect(mail.getRemainingDailyQuota()).toBe(100);
    mail.sendEmail('a@example.com', 'S1', 'B1');
    expect(mail.getRemainingDailyQuota()).toBe(99);
    mail.sendEmail('a@example.com, b@example.com', 'S2', 'B2', { cc: 'c@example.com', bcc: 'd@example.com,e@example.com' });
    expect(mail.getRemainingDailyQuota()).toBe(94);
    expect(fake.sentMail[1]?.recipients).toEqual(['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com', 'e@example.com']);
  });

  test('MailApp.sendEmail past the quota throws "Service invoked too many times for one day: email." and sends nothing', () => {
    const fake = createFakeGoogle({ mailQuota: 2 });
    const mail = fake.globals.MailApp;
    expect(() => mail.sendEmail('a@example.com,b@example.com,c@example.com', 'S', 'B')).toThrow(
      'Service invoked too many times for one day: email.'
    );
    expect(fake.sentMail).toHaveLength(0);
    expect(mail.getRemainingDailyQuota()).toBe(2);
    mail.sendEmail('a@example.com,b@example.com', 'S', 'B');
    expect(() => mail.sendEmail('a@example.com', 'S', 'B')).toThrow('Service invoked too many times for one day: email.');
    expect(fake.sentMail).toHaveLength(1);
    fake.setMailQuota(1);
    mail.sendEmail('a@example.com', 'S', 'B');
    expect(mail.getRemainingDailyQuota()).toBe(0);
  });

  test('MailApp.sendEmail accepts (to, subject, body, options?) and ({to, subject, body, …})', () => {
    const fake = createFakeGoogle();
    fake.globals.MailApp.sendEmail('a@example.com', '件名', '本文');
    fake.globals.MailApp.sendEmail('b@example.com', '件名2', '本文2', { name: '知財事務局', replyTo: 'r@example.com' });
    fake.globals.MailApp.sendEmail({ to: 'c@example.com', subject: '件名3', body: '本文3', htmlBody: '<p>本文3</p>' });
    expect(fake.sentMail.map(({ to, subject, body, options }) => ({ to, subject, body, options }))).toEqual([
      { to: 'a@example.com', subject: '件名', body: '本文', options: {} },
      { to: 'b@example.com', subject: '件名2', body: '本文2', options: { name: '知財事務局', replyTo: 'r@example.com' } },
      { to: 'c@example.com', subject: '件名3', body: '本文3', options: { htmlBody: '<p>本文3</p>' } },
    ]);
    expect(() => fake.globals.MailApp.sendEmail({ to: '', subject: 's', body: 'b' })).toThrow('Failed to send email: no recipient');
    expect(() => fake.globals.MailApp.sendEmail('not-an-address', 's', 'b')).toThrow('Invalid email: not-an-address');
  });

  test('LockService: tryLock is false while another execution holds the lock; one script lock shared across getScriptLock calls; the document lock is another', () => {
    const fake = createFakeGoogle();
    const svc = fake.globals.LockService;
    fake.lock.holdScriptLockElsewhere(true);
    const lock = svc.getScriptLock();
    expect(lock.tryLock(1000)).toBe(false);
    expect(fake.lock.scriptLockHeld()).toBe(false);
    expect(svc.getDocumentLock().tryLock(1000)).toBe(true);
    fake.lock.holdScriptLockElsewhere(false);
    expect(lock.tryLock(30000)).toBe(true);
    expect(fake.lock.scriptLockHeld()).toBe(true);
    svc.getScriptLock().releaseLock(); // same script lock
    expect(fake.lock.scriptLockHeld()).toBe(false);
    expect(fake.lock.attempts.map(a => [a.kind, a.acquired])).toEqual([
      ['script', false],
      ['document', true],
      ['script', true],
    ]);
    expect(() => lock.tryLock(undefined as unknown as number)).toThrow(/method signature for LockService.Lock.tryLock/);
  });

  test('PropertiesService stores strings, rejects values over 9 KB and returns null for missing keys', () => {
    const fake = createFakeGoogle({ documentProperties: { seeded: 'yes' } });
    const props = fake.globals.PropertiesService.getScriptProperties();
    props.setProperty('n', 5 as unknown as string);
    expect(props.getProperty('n')).toBe('5');
    expect(props.getProperty('missing')).toBeNull();
    expect(() => props.setProperty('big', 'あ'.repeat(3073))).toThrow('Argument too large: value'); // 9219 bytes
    props.setProperty('edge', 'x'.repeat(9216));
    expect(props.getProperty('big')).toBeNull();
    expect(props.getProperties()).toEqual({ n: '5', edge: 'x'.repeat(9216) });
    props.deleteProperty('n');
    expect(props.getProperties()).toEqual({ edge: 'x'.repeat(9216) });
    expect(fake.globals.PropertiesService.getDocumentProperties().getProperty('seeded')).toBe('yes');
    // One store per kind, shared across calls.
    fake.globals.PropertiesService.getDocumentProperties().setProperty('k', 'v');
    expect(fake.globals.PropertiesService.getDocumentProperties().getProperty('k')).toBe('v');
    expect(fake.properties('document')).toEqual({ seeded: 'yes', k: 'v' });
    expect(fake.properties('script')).toEqual({ edge: 'x'.repeat(9216) });
  });

  test('ScriptApp.getProjectTriggers lists installed time-driven triggers; deleteTrigger removes them; atHour outside 0..23 throws', () => {
    const fake = createFakeGoogle();
    const app = fake.globals.ScriptApp;
    app.newTrigger('sendReminders').timeBased().atHour(8).everyDays(1).inTimezone('Asia/Tokyo').create();
    app.newTrigger('onEditInstalled').forSpreadsheet(fake.globals.SpreadsheetApp.getActiveSpreadsheet()).onEdit().create();
    const listed = app.getProjectTriggers();
    expect(listed.map(x => x.getHandlerFunction())).toEqual(['sendReminders', 'onEditInstalled']);
    expect(fake.triggers.map(t => [t.eventType, t.triggerSource])).toEqual([
      ['CLOCK', 'CLOCK'],
      ['ON_EDIT', 'SPREADSHEETS'],
    ]);
    expect(fake.triggers[0]?.uniqueId).not.toBe(fake.triggers[1]?.uniqueId);
    expect(fake.triggers[0]?.schedule).toEqual({ atHour: 8, everyDays: 1, timezone: 'Asia/Tokyo' });
    app.deleteTrigger(listed[0]!);
    expect(app.getProjectTriggers().map(x => x.getHandlerFunction())).toEqual(['onEditInstalled']);
    expect(() => app.newTrigger('f').timeBased().atHour(24)).toThrow();
    expect(() => app.newTrigger('f').timeBased().atHour(-1)).toThrow();
    expect(app.AuthMode.FULL).toBe('FULL');
  });

  test('typed-input rules: a string starting with "=" becomes a formula, one starting with an apostrophe is stored as literal text without it', () => {
    const fake = fakeWith({ S: [] });
    const range = sheetOf(fake, 'S').getRange(1, 1, 1, 4);
    range.setValues([['=SUM(1,2)', "'=not a formula", "'0123", '123']]);
    // Formulas are not evaluated: their value reads as '#ERROR!' (documented choice).
    expect(range.getValues()).toEqual([['#ERROR!', '=not a formula', '0123', '123']]);
    sheetOf(fake, 'S')
      .getRange('E1')
      .setValues([['=HYPERLINK("http://x")']]);
    expect(fake.formulasCreated).toEqual([
      { sheet: 'S', a1: 'A1', formula: '=SUM(1,2)', by: 'script' },
      { sheet: 'S', a1: 'E1', formula: '=HYPERLINK("http://x")', by: 'script' },
    ]);
    fake.simulateUserEdit('S', 2, 1, [['=A1']]);
    expect(fake.formulasCreated[2]).toEqual({ sheet: 'S', a1: 'A2', formula: '=A1', by: 'user' });
    sheetOf(fake, 'S')
      .getRange('F1')
      .setValues([['=']]);
    expect(sheetOf(fake, 'S').getRange('F1').getValue()).toBe('='); // a lone '=' is text
    expect(fake.formulasCreated).toHaveLength(3);
  });
});

describe('call counting and fault injection', () => {
  test('every public method call is counted as Class.method; calls made inside the fakes are not', () => {
    const fake = fakeWith({
      S: [
        ['a', 'b'],
        ['c', 'd'],
      ],
    });
    const { SpreadsheetApp, MailApp, DocumentApp } = fake.globals;
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!;
    sheet.getDataRange().getValues();
    sheet.getRange(1, 1).getValue();
    MailApp.sendEmail('a@example.com', 's', 'b');
    DocumentApp.create('doc')
      .getBody()
      .appendTable([['x']]);
    expect(fake.calls.snapshot()).toEqual({
      'Body.appendTable': 1,
      'Document.getBody': 1,
      'DocumentApp.create': 1,
      'MailApp.sendEmail': 1,
      'Range.getValue': 1,
      'Range.getValues': 1,
      'Sheet.getDataRange': 1,
      'Sheet.getRange': 1,
      'Spreadsheet.getSheetByName': 1,
      'SpreadsheetApp.getActiveSpreadsheet': 1,
    });
    expect(fake.calls.get('Range.getValues')).toBe(1);
    expect(fake.calls.total('Range')).toBe(2);
    expect(fake.calls.total('Range.')).toBe(2);
    expect(fake.calls.total()).toBe(10);
    fake.calls.reset();
    expect(fake.calls.total()).toBe(0);
    // Test helpers do not count.
    fake.sheetValues('S');
    fake.sheet('S')?._cell(1, 1);
    expect(fake.calls.total()).toBe(0);
  });

  test('faults.failNext makes the next call(s) of Class.method throw, and the failing calls still count', () => {
    const fake = fakeWith({ S: [['a']] }, { spreadsheetId: 'XYZ' });
    const sheet = sheetOf(fake, 'S');
    fake.calls.reset();
    fake.faults.failNext('Range.getValues');
    const range = sheet.getRange(1, 1);
    expect(() => range.getValues()).toThrow('Service Spreadsheets failed while accessing document with id XYZ.');
    expect(range.getValues()).toEqual([['a']]);
    expect(fake.calls.get('Range.getValues')).toBe(2);
    fake.faults.failNext('MailApp.sendEmail', new Error('boom'), 2);
    expect(() => fake.globals.MailApp.sendEmail('a@example.com', 's', 'b')).toThrow('boom');
    expect(() => fake.globals.MailApp.sendEmail('a@example.com', 's', 'b')).toThrow('boom');
    fake.globals.MailApp.sendEmail('a@example.com', 's', 'b');
    expect(fake.sentMail).toHaveLength(1);
    expect(fake.calls.get('MailApp.sendEmail')).toBe(3);
    fake.faults.failNext('Body.appendParagraph');
    const doc = fake.globals.DocumentApp.create('r');
    expect(() => doc.getBody().appendParagraph('x')).toThrow(`Service Documents failed while accessing document with id ${doc.getId()}.`);
    expect(fake.faults.pendingCount()).toBe(0);
  });
});

describe('SpreadsheetApp surface', () => {
  test('Spreadsheet: id/url/name/time zone, sheets, insertSheet refuses a taken name', () => {
    const fake = fakeWith({ A: [], B: [] }, { spreadsheetId: 'ss1', spreadsheetName: '知財ブック' });
    const ss = fake.globals.SpreadsheetApp.getActiveSpreadsheet();
    expect(ss.getId()).toBe('ss1');
    expect(ss.getUrl()).toBe('https://docs.google.com/spreadsheets/d/ss1/edit');
    expect(ss.getName()).toBe('知財ブック');
    expect(ss.getSpreadsheetTimeZone()).toBe('Asia/Tokyo');
    expect(ss.getSheets().map(s => s.getName())).toEqual(['A', 'B']);
    const c = ss.insertSheet('C');
    expect(c.getMaxRows()).toBe(1000);
    expect(() => ss.insertSheet('C')).toThrow('A sheet with the name "C" already exists. Please enter another name.');
    expect(new Set(ss.getSheets().map(s => s.getSheetId())).size).toBe(3);
  });

  test('Sheet: A1 ranges, getDataRange, frozen rows, distinct sheet ids', () => {
    const fake = fakeWith({
      S: [
        ['h1', 'h2', 'h3'],
        [1, 2, 3],
      ],
    });
    const sheet = sheetOf(fake, 'S');
    const r = sheet.getRange('A1:C3');
    expect([r.getRow(), r.getLastRow(), r.getValues()[0]]).toEqual([1, 3, ['h1', 'h2', 'h3']]);
    expect(sheet.getRange('B2').getValue()).toBe(2);
    expect(sheet.getRange('B:C').getLastRow()).toBe(1000);
    expect(() => sheet.getRange('not a range')).toThrow('Range not found');
    const data = sheet.getDataRange();
    expect([data.getRow(), data.getLastRow(), data.getValues()]).toEqual([
      1,
      2,
      [
        ['h1', 'h2', 'h3'],
        [1, 2, 3],
      ],
    ]);
    const empty = fake.globals.SpreadsheetApp.getActiveSpreadsheet().insertSheet('E');
    expect(empty.getDataRange().getValues()).toEqual([['']]);
    sheet.setFrozenRows(1);
    expect(sheet.getFrozenRows()).toBe(1);
    sheet.setColumnWidth(2, 240);
    expect(sheet.getSheetId()).not.toBe(empty.getSheetId());
  });

  test('Range: notes, backgrounds (#ffffff by default), data validations; a rejecting list refuses what a person types', () => {
    const fake = fakeWith({ S: [[1.5, true, new Date(Date.UTC(2024, 9, 1, 15))]] });
    const { SpreadsheetApp } = fake.globals;
    const sheet = sheetOf(fake, 'S');
    const row = sheet.getRange(1, 1, 1, 3);
    expect(row.getNotes()).toEqual([['', '', '']]);
    row.setNotes([['n1', null, 'n3']]);
    sheet.getRange('B1').setNotes([['n2']]);
    expect(row.getNotes()).toEqual([['n1', 'n2', 'n3']]);
    expect(sheet.getRange('C1').getNote()).toBe('n3');
    expect(row.getBackgrounds()).toEqual([['#ffffff', '#ffffff', '#ffffff']]);
    row.setBackgrounds([['#FFEEEE', null, 'red']]);
    expect(row.getBackgrounds()).toEqual([['#ffeeee', '#ffffff', '#ff0000']]);
    sheet.getRange('A1').setBackgrounds([[null]]);
    expect(sheet.getRange('A1').getBackground()).toBe('#ffffff');
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInList(['候補', '支援中'], true)
      .setAllowInvalid(false)
      .setHelpText('選んでください')
      .build();
    sheet.getRange('A1').setDataValidation(rule);
    sheet.getRange('C1').setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
    expect(sheet.getRange('A1').getDataValidation()?.getCriteriaValues()).toEqual([['候補', '支援中'], true]);
    expect(sheet.getRange('B1').getDataValidation()).toBeNull();
    expect(sheet.getRange('C1').getDataValidation()?.getCriteriaValues()).toEqual([]);
    // A user typing a value outside a rejecting list is refused; nothing fires.
    const handler = jest.fn();
    expect(fake.simulateUserEdit('S', 1, 1, [['完了']], handler)).toEqual({ applied: false, rejected: { a1: 'A1', value: '完了' } });
    expect(handler).not.toHaveBeenCalled();
    expect(fake.simulateUserEdit('S', 1, 1, [['支援中']], handler).applied).toBe(true);
    expect(() => row.setDataValidation({} as never)).toThrow(/method signature/);
  });

  test('Protection: one per sheet, description, warning-only; range protections listed by the sheet', () => {
    const fake = fakeWith({ 実行ログ: [['日時']] }, { userEmail: 'owner@example.com' });
    const { SpreadsheetApp } = fake.globals;
    const sheet = sheetOf(fake, '実行ログ');
    const p = sheet.protect().setDescription('system only').setWarningOnly(true);
    expect(sheet.protect()).toBe(p);
    expect(p.getDescription()).toBe('system only');
    expect(p.isWarningOnly()).toBe(true);
    sheet.getRange('B2:C3').protect().setDescription('computed');
    expect(sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).map(x => x.getDescription())).toEqual(['system only']);
    expect(sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).map(x => x.getDescription())).toEqual(['computed']);
  });

  test('Ui: menus are recorded, alerts answer OK (YES for a yes/no), prompts answer from a queue, getUi() throws in a trigger context', () => {
    const fake = createFakeGoogle();
    const ui = fake.globals.SpreadsheetApp.getUi();
    ui.createMenu('知財経営支援')
      .addItem('Generate monthly report', 'generateMonthlyReport')
      .addSeparator()
      .addItem('Check all entries', 'checkAllEntries')
      .addToUi();
    expect(fake.ui.menu('知財経営支援')?.items).toEqual([
      ['Generate monthly report', 'generateMonthlyReport'],
      ['Check all entries', 'checkAllEntries'],
    ]);
    expect(fake.ui.menu('知財経営支援')?.entries[1]).toEqual({ kind: 'separator' });
    expect(ui.alert('done')).toBe(ui.Button.OK);
    expect(ui.alert('確認', '送信しますか?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    fake.ui.queuePrompt('2024-10', 'OK');
    const resp = ui.prompt('月次報告', '対象月 (YYYY-MM)', ui.ButtonSet.OK_CANCEL);
    expect(resp.getResponseText()).toBe('2024-10');
    expect(resp.getSelectedButton()).toBe(ui.Button.OK);
    expect(() => ui.prompt('again')).toThrow(/queued no answer/);
    expect(fake.ui.alerts.map(a => [a.title, a.prompt, a.buttons, a.answer.button])).toEqual([
      [null, 'done', null, 'OK'],
      ['確認', '送信しますか?', 'YES_NO', 'YES'],
    ]);
    expect(fake.ui.prompts.map(p => p.answer)).toEqual([{ text: '2024-10', button: 'OK' }]);
    const noUi = createFakeGoogle({ uiAvailable: false });
    expect(() => noUi.globals.SpreadsheetApp.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    noUi.simulateOpen(() => noUi.globals.SpreadsheetApp.getUi().createMenu('m').addToUi());
    expect(noUi.ui.menu('m')).toBeDefined();
  });
});

describe('DocumentApp and DriveApp surface', () => {
  test('DocumentApp: create, body paragraphs/tables/lists/page breaks, headings, openById, saveAndClose, fake.documents', () => {
    const fake = createFakeGoogle();
    const { DocumentApp, DriveApp } = fake.globals;
    const doc = DocumentApp.create('月次報告 2024-10');
    expect(doc.getUrl()).toContain(doc.getId());
    const body = doc.getBody();
    expect(fake.documents[0]?.content).toEqual([{ type: 'paragraph', text: '', heading: 'NORMAL' }]); // a new doc holds one empty paragraph
    body.appendParagraph('月次報告').setHeading(DocumentApp.ParagraphHeading.TITLE);
    body.appendParagraph('PD稼働').setHeading(DocumentApp.ParagraphHeading.HEADING1);
    const table = body.appendTable([
      ['項目', '値'],
      ['時間', String(12.5)],
    ]);
    table
      .getCell(0, 1)
      .setBackgroundColor('#d9e2f3')
      .setAttributes({ [DocumentApp.Attribute.BOLD]: true });
    expect(table.getRow(1).getCell(1)._text()).toBe('12.5');
    expect(() => table.getRow(5)).toThrow('Child index (5) must be less than the number of child elements (2).');
    body.appendListItem('議事録が遅延').setGlyphType(DocumentApp.GlyphType.BULLET);
    body.appendPageBreak();
    expect(fake.documents[0]?.text).toBe('\n月次報告\nPD稼働\n項目\t値\n時間\t12.5\n議事録が遅延\n');
    doc.setName('月次報告 2024年10月');
    doc.saveAndClose();
    expect(() => body.appendParagraph('late')).toThrow('Document is closed, its contents cannot be updated.');
    const reopened = DocumentApp.openById(doc.getId());
    reopened.getBody().appendParagraph('追記');
    expect(fake.documents).toHaveLength(1);
    expect(fake.documents[0]).toMatchObject({ id: doc.getId(), name: '月次報告 2024年10月', trashed: false });
    expect(fake.documents[0]?.content).toEqual([
      { type: 'paragraph', text: '', heading: 'NORMAL' },
      { type: 'paragraph', text: '月次報告', heading: 'TITLE' },
      { type: 'paragraph', text: 'PD稼働', heading: 'HEADING1' },
      {
        type: 'table',
        rows: [
          ['項目', '値'],
          ['時間', '12.5'],
        ],
      },
      { type: 'listItem', text: '議事録が遅延', nestingLevel: 0, glyphType: 'BULLET' },
      { type: 'pageBreak' },
      { type: 'paragraph', text: '追記', heading: 'NORMAL' },
    ]);
    expect(() => DocumentApp.openById('nope')).toThrow("Document is missing (perhaps it was deleted, or you don't have read access?)");
    DriveApp.getFileById(doc.getId()).setTrashed(true);
    expect(() => DocumentApp.openById(doc.getId())).toThrow(/Document is missing/);
    const b2 = reopened.getBody();
    b2.clear();
    expect(fake.documents[0]?.content).toEqual([{ type: 'paragraph', text: '', heading: 'NORMAL' }]);
    expect(() => b2.removeChild(b2.getChild(0))).toThrow("Can't remove the last paragraph in a document section.");
    b2.appendParagraph('本文');
    b2.removeChild(b2.getChild(0));
    expect(fake.documents[0]?.content).toEqual([{ type: 'paragraph', text: '本文', heading: 'NORMAL' }]);
  });

  test('DriveApp: files and folders by id, unknown ids throw, moveTo a folder, trash; docs land in the root', () => {
    const fake = createFakeGoogle({ folders: [{ id: 'reports', name: '報告書' }] });
    const { DriveApp, DocumentApp } = fake.globals;
    expect(() => DriveApp.getFileById('missing')).toThrow(
      'No item with the given ID could be found. Or perhaps you do not have permission to access it.'
    );
    expect(() => DriveApp.getFolderById('missing')).toThrow(
      'No item with the given ID could be found. Or perhaps you do not have permission to access it.'
    );
    const doc = DocumentApp.create('月次報告 2024-10');
    expect(fake.documents[0]?.folderIds).toEqual(['fake-root-folder']);
    const file = DriveApp.getFileById(doc.getId());
    file.moveTo(DriveApp.getFolderById('reports'));
    expect(fake.documents[0]?.folderIds).toEqual(['reports']);
    expect(file.isTrashed()).toBe(false);
    file.setTrashed(true);
    expect(DriveApp.getFileById(doc.getId()).isTrashed()).toBe(true);
    expect(fake.documents[0]?.trashed).toBe(true);
  });
});

describe('Session, Utilities, console, auth modes', () => {
  test('Session effective user and time zone; Utilities.formatDate in the given zone; console is recorded', () => {
    const fake = createFakeGoogle({ userEmail: 'owner@example.com' });
    const { Session, Utilities, console: con } = fake.globals;
    expect(Session.getEffectiveUser().getEmail()).toBe('owner@example.com');
    expect(Session.getScriptTimeZone()).toBe('Asia/Tokyo');
    const d = new Date(Date.UTC(2024, 11, 31, 15, 4, 5)); // 2025-01-01 00:04:05 JST
    expect(Utilities.formatDate(d, 'Asia/Tokyo', 'yyyy-MM-dd HH:mm:ss')).toBe('2025-01-01 00:04:05');
    expect(Utilities.formatDate(d, 'UTC', 'yyyy/MM/dd HH:mm')).toBe('2024/12/31 15:04');
    expect(Utilities.formatDate(d, 'GMT+9', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe('2025-01-01T00:04:05+09:00');
    expect(Utilities.formatDate(d, 'Asia/Tokyo', 'yyyyMMdd E')).toBe('20250101 Wed');
    expect(() => Utilities.formatDate('2024-01-01' as unknown as Date, 'Asia/Tokyo', 'yyyy')).toThrow(
      /method signature for Utilities.formatDate/
    );
    expect(() => Utilities.formatDate(d, 'Asia/Tokyo', 'yyyy-QQ')).toThrow(/Illegal pattern character 'Q'/);
    con.error('careful', { a: 1 });
    expect(fake.consoleEntries).toEqual([{ level: 'error', message: 'careful {"a":1}', args: ['careful', { a: 1 }] }]);
  });

  test('a simple trigger (AuthMode.LIMITED) cannot send mail, touch Drive/Docs or triggers; an installable one can', () => {
    const fake = fakeWith({ S: [] });
    const attempts: string[] = [];
    const onEdit = (): void => {
      for (const [name, f] of [
        ['mail', () => fake.globals.MailApp.sendEmail('a@example.com', 's', 'b')],
        ['doc', () => fake.globals.DocumentApp.create('x')],
        ['drive', () => fake.globals.DriveApp.getFileById(fake.spreadsheet.getId())],
        ['trigger', () => fake.globals.ScriptApp.getProjectTriggers()],
        ['props', () => fake.globals.PropertiesService.getScriptProperties().setProperty('k', 'v')],
        [
          'sheet',
          () =>
            fake.globals.SpreadsheetApp.getActiveSpreadsheet()
              .getSheetByName('S')!
              .getRange('B1')
              .setValues([['ok']]),
        ],
      ] as const) {
        try {
          f();
          attempts.push(`${name}:ok`);
        } catch (e) {
          attempts.push(`${name}:${(e as Error).message}`);
        }
      }
    };
    fake.simulateUserEdit('S', 1, 1, [['x']], onEdit);
    expect(attempts).toEqual([
      'mail:You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
      'doc:You do not have permission to call DocumentApp.create. Required permissions: https://www.googleapis.com/auth/documents',
      'drive:You do not have permission to call DriveApp.getFileById. Required permissions: https://www.googleapis.com/auth/drive',
      'trigger:You do not have permission to call ScriptApp.getProjectTriggers. Required permissions: https://www.googleapis.com/auth/script.scriptapp',
      'props:ok',
      'sheet:ok',
    ]);
    expect(fake.sentMail).toHaveLength(0);
    attempts.length = 0;
    fake.simulateUserEdit('S', 2, 1, [['y']], onEdit, { installable: true });
    expect(attempts.every(a => a.endsWith(':ok'))).toBe(true);
    expect(fake.sentMail).toHaveLength(1);
  });

  test('a time-driven trigger runs with AuthMode.FULL, no UI, and its locks are released when it ends', () => {
    const fake = createFakeGoogle();
    let uiError = '';
    const event = fake.simulateTimeTrigger(
      e => {
        expect(e.authMode).toBe('FULL');
        expect(fake.globals.LockService.getScriptLock().tryLock(10000)).toBe(true);
        fake.globals.MailApp.sendEmail('a@example.com', 's', 'b');
        try {
          fake.globals.SpreadsheetApp.getUi();
        } catch (err) {
          uiError = (err as Error).message;
        }
      },
      { at: new Date(Date.UTC(2024, 9, 1, 23, 30)) }
    );
    expect(uiError).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(event).toMatchObject({ year: 2024, month: 10, 'day-of-month': 1, hour: 23, minute: 30, timezone: 'UTC' });
    expect(fake.lock.scriptLockHeld()).toBe(false);
    expect(fake.ui.available).toBe(true);
  });
});

describe('gas-local (bundle) usage', () => {
  test('the globals work inside a gas-local vm context, and adoptRealm gives the bundle its own Date and Error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fakes-gas-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'Code.js'),
        `
        function readDates() {
          var v = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S').getRange(1, 1, 1, 2).getValues();
          return { isDate: v[0][0] instanceof Date, tag: Object.prototype.toString.call(v[0][0]), text: v[0][1] };
        }
        function failing() {
          try { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S').getRange(0, 1); } catch (e) { return { isError: e instanceof Error, message: e.message }; }
        }
        function onOpen() { SpreadsheetApp.getUi().createMenu('知財経営支援').addItem('Generate monthly report', 'generateMonthlyReport').addToUi(); }
        function mail() { MailApp.sendEmail({ to: 'a@example.com', subject: 's', body: 'b' }); return MailApp.getRemainingDailyQuota(); }
        `
      );
      const fake = fakeWith({ S: [[new Date(Date.UTC(2024, 0, 1)), 'x']] });
      const gas = require('gas-local') as {
        require: (dir: string, globals: object) => Record<string, (...a: unknown[]) => unknown>;
        globalMockDefault: object;
      };
      const ctx = gas.require(dir, { ...fake.globals, __proto__: gas.globalMockDefault });
      const before = ctx.readDates!() as { isDate: boolean; tag: string; text: string };
      expect(before).toEqual({ isDate: false, tag: '[object Date]', text: 'x' }); // Node-realm Date: instanceof fails in the vm
      fake.adoptRealm(ctx);
      expect((ctx.readDates!() as { isDate: boolean }).isDate).toBe(true);
      expect(ctx.failing!()).toEqual({ isError: true, message: 'The starting row of the range is too small.' });
      fake.simulateOpen(ctx.onOpen as () => void);
      expect(fake.ui.menu('知財経営支援')?.items).toEqual([['Generate monthly report', 'generateMonthlyReport']]);
      expect(ctx.mail!()).toBe(99);
      expect(fake.calls.get('MailApp.sendEmail')).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('use from TypeScript adapter tests', () => {
  test('installGlobals puts the fakes on globalThis and the returned function restores it', () => {
    const fake = fakeWith({ S: [['a']] });
    const g = globalThis as unknown as { SpreadsheetApp?: unknown; console: Console };
    const realConsole = g.console;
    const restore = fake.installGlobals();
    try {
      expect(g.SpreadsheetApp).toBe(fake.globals.SpreadsheetApp);
      const ss: GoogleAppsScript.Spreadsheet.Spreadsheet = fake.gasSpreadsheet;
      expect(SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')?.getRange('A1').getValue()).toBe('a');
      expect(ss.getSheets()).toHaveLength(1);
      console.log('recorded, not printed');
      expect(fake.consoleEntries.map(e => e.message)).toEqual(['recorded, not printed']);
    } finally {
      restore();
    }
    expect(g.SpreadsheetApp).toBeUndefined();
    expect(g.console).toBe(realConsole);
  });
});

describe('Charts: embedded charts in Sheets and the Charts service', () => {
  const sheetWithTable = () => {
    const fake = fakeWith({
      表: [
        ['月', '回数'],
        ['4月', 1],
        ['5月', 3],
      ],
    });
    return { fake, sheet: fake.gasSpreadsheet.getSheetByName('表') as GoogleAppsScript.Spreadsheet.Sheet };
  };

  test('a built chart is in no sheet until insertChart: getChartId is null, getCharts is empty (EmbeddedChart.getChartId)', () => {
    const { sheet } = sheetWithTable();
    const chart = sheet.newChart().asColumnChart().addRange(sheet.getRange('A1:B3')).setPosition(5, 1, 0, 0).build();
    expect(chart.getChartId()).toBeNull();
    expect(sheet.getCharts()).toHaveLength(0);
    sheet.insertChart(chart);
    expect(sheet.getCharts()).toHaveLength(1);
    expect(typeof sheet.getCharts()[0]?.getChartId()).toBe('number');
  });

  test('the chart keeps its ranges, headers and options; the as*Chart methods set the type', () => {
    const { sheet } = sheetWithTable();
    const chart = sheet
      .newChart()
      .asComboChart()
      .addRange(sheet.getRange('A1:B3'))
      .setNumHeaders(1)
      .setPosition(6, 2, 3, 4)
      .setOption('title', '回数')
      .setOption('vAxis', { title: '回', viewWindow: { min: 0 } })
      .build();
    sheet.insertChart(chart);
    const [c] = sheet.getCharts();
    expect(c?.getRanges().map(r => r.getA1Notation())).toEqual(['A1:B3']);
    expect(c?.getNumHeaders()).toBe(1);
    expect(c?.getOptions().get('title')).toBe('回数');
    expect(c?.getOptions().get('vAxis.viewWindow.min')).toBe(0);
    expect(c?.getOptions().get('type')).toBe('COMBO');
  });

  test('removeChart takes a chart out of its sheet', () => {
    const { sheet } = sheetWithTable();
    sheet.insertChart(sheet.newChart().asLineChart().addRange(sheet.getRange('A1:B3')).build());
    sheet.removeChart(sheet.getCharts()[0] as GoogleAppsScript.Spreadsheet.EmbeddedChart);
    expect(sheet.getCharts()).toHaveLength(0);
  });

  test('a chart draws the current values of its ranges: getAs("image/png") after setValues shows the new data', () => {
    const { fake, sheet } = sheetWithTable();
    sheet.insertChart(sheet.newChart().asColumnChart().addRange(sheet.getRange('A1:B3')).build());
    sheet.getRange('B3').setValues([[7]]);
    const blob = sheet.getCharts()[0]?.getAs('image/png');
    expect(blob?.getContentType()).toBe('image/png');
    expect(blob?.getBytes().slice(0, 4)).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect((blob as unknown as { _chart: { data: unknown[][] } })._chart.data).toEqual([
      ['月', '回数'],
      ['4月', 1],
      ['5月', 7],
    ]);
    expect(fake.calls.get('EmbeddedChart.getAs')).toBe(1);
    expect(() => sheet.getCharts()[0]?.getAs('text/plain')).toThrow(/not supported/);
  });

  test('the Charts service builds a chart from a DataTable and renders it; a NUMBER column takes numbers or null', () => {
    const fake = fakeWith({});
    const Charts = fake.gas.Charts;
    const table = Charts.newDataTable().addColumn(Charts.ColumnType.STRING, '月').addColumn(Charts.ColumnType.NUMBER, '時間');
    table.addRow(['4月', 3]).addRow(['5月', null]);
    expect(() => table.addRow(['6月', '三'])).toThrow();
    const chart = Charts.newColumnChart().setDataTable(table).setTitle('稼働').setStacked().setRange(0, 10).build();
    expect(chart.getOptions().get('title')).toBe('稼働');
    const blob = chart.getAs('image/png');
    expect((blob as unknown as { _chart: { data: unknown[][]; type: string } })._chart).toMatchObject({
      type: 'COLUMN',
      data: [
        ['月', '時間'],
        ['4月', 3],
        ['5月', null],
      ],
    });
    expect(() => Charts.newLineChart().build()).toThrow(/data table/);
  });

  test('Body.appendImage puts the image in a new paragraph of its own; a blob that is no image is refused', () => {
    const fake = fakeWith({});
    const doc = fake.gas.DocumentApp.create('画像');
    const Charts = fake.gas.Charts;
    const table = Charts.newDataTable().addColumn(Charts.ColumnType.STRING, 'x').addColumn(Charts.ColumnType.NUMBER, 'y').addRow(['a', 1]);
    const image = doc.getBody().appendImage(Charts.newLineChart().setDataTable(table).setDimensions(400, 200).build().getAs('image/png'));
    image.setAltTitle('グラフ');
    const snapshot = fake.documents.find(d => d.id === doc.getId());
    const last = snapshot?.content.at(-1);
    expect(last).toMatchObject({
      type: 'paragraph',
      text: '',
      images: [{ contentType: 'image/png', altTitle: 'グラフ', width: 400, height: 200 }],
    });
    expect(() => doc.getBody().appendImage(Charts.newLineChart().setDataTable(table).build().getAs('application/pdf'))).toThrow(
      /Invalid image/
    );
  });
});
