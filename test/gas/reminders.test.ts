/**
 * sendReminders and installTriggers on the Google fakes (mail as an export, §20(1), §21 12-14): mail only
 * to active handlers, only with approval, once per digest per day, within the quota, under the script lock.
 */
import { installTriggersCommand, logHistory, sendRemindersJob } from '../../src/gas/reminders';
import { type createFakeGoogle, type FakeGoogle, fakeGoogleForEachTest } from '../fakes';
import { morePdRows, SAMPLE_AS_OF, sampleSheets } from '../support/sampleSheets';

const AT = new Date(`${SAMPLE_AS_OF}T08:05:00+09:00`); // the sample's asOf (2024-12-02), at 設定 リマインダー時刻
const SAMPLE_RECIPIENTS = ['kenta.narita@example.co.jp', 'misaki.kasai@example.co.jp', 'nao.mikami@example.co.jp'];

const installFakes = fakeGoogleForEachTest();

function fakeWith(sheets = sampleSheets(), userEmail = 'nao.mikami@example.co.jp'): FakeGoogle {
  return installFakes({ sheets, userEmail });
}

/** One execution, as Apps Script runs it: locks are released at its end. */
function run(fake: FakeGoogle, at: Date = AT) {
  try {
    return sendRemindersJob(at);
  } finally {
    fake.endExecution();
  }
}

type LogRow = { 種類: string; キー: string; 宛先: string; 結果: string; 詳細: string; 実行者: string };
function logRows(fake: FakeGoogle): LogRow[] {
  const [header = [], ...rows] = fake.sheetValues('実行ログ') ?? [];
  return rows.map(r => Object.fromEntries(header.map((h, i) => [String(h), String(r[i] ?? '')])) as LogRow);
}

function setSetting(sheets: Record<string, unknown[][]>, name: string, value: unknown): void {
  const row = sheets.設定?.find(r => r[0] === name);
  if (!row) throw new Error(`no setting ${name}`);
  row[1] = value;
}

function setCell(sheets: Record<string, unknown[][]>, tab: string, match: (r: unknown[]) => boolean, header: string, value: unknown): void {
  const rows = sheets[tab] ?? [];
  const col = (rows[0] ?? []).indexOf(header);
  const row = rows.find((r, i) => i > 0 && match(r));
  if (!row || col < 0) throw new Error(`no ${tab} ${header}`);
  row[col] = value;
}

describe('sendReminders on a business day', () => {
  test('sends one digest per recipient by MailApp, each to an active handler', () => {
    const fake = fakeWith();
    const result = run(fake);
    expect(result.outcome).toBe('done');
    expect(fake.sentMail.map(m => m.to).sort()).toEqual(SAMPLE_RECIPIENTS);
    expect(fake.sentMail.find(m => m.to === 'nao.mikami@example.co.jp')?.subject).toBe('[知財経営支援] 要対応 3件 (2024-12-02)');
  });

  test('links point at the row in the spreadsheet: URL#gid=…&range=A{row}', () => {
    const fake = fakeWith();
    run(fake);
    const gid = fake.sheet('会議登録簿')?.getSheetId();
    const body = fake.sentMail.find(m => m.to === 'misaki.kasai@example.co.jp')?.body ?? '';
    expect(body).toContain(`https://docs.google.com/spreadsheets/d/fake-spreadsheet-id/edit#gid=${gid}&range=A15`);
  });

  test('refreshes statuses first (the checkAllEntries logic): 会議登録簿 状態 shows 期限超過 for M-014', () => {
    const fake = fakeWith();
    run(fake);
    const rows = fake.sheetValues('会議登録簿') ?? [];
    const status = (rows[0] ?? []).indexOf('状態');
    expect(rows[14]?.[status]).toBe('期限超過');
  });

  test('every send is logged in 実行ログ with its key, address, the effective user and 結果 sent', () => {
    const fake = fakeWith();
    run(fake);
    const sent = logRows(fake).filter(r => r.結果 === 'sent');
    expect(sent.map(r => r.宛先).sort()).toEqual(SAMPLE_RECIPIENTS);
    for (const r of sent) {
      expect(r.キー).toMatch(/^remind\/2024-12-02\/[0-9a-f]{16}$/);
      expect(r.種類).toBe('reminder');
      expect(r.実行者).toBe('nao.mikami@example.co.jp');
    }
  });

  test('uses MailApp with the quota check before each message, never GmailApp', () => {
    const fake = fakeWith();
    run(fake);
    expect(fake.calls.get('MailApp.sendEmail')).toBe(3);
    expect(fake.calls.get('MailApp.getRemainingDailyQuota')).toBe(3);
    expect(Object.keys(fake.calls.snapshot()).some(k => k.startsWith('GmailApp'))).toBe(false);
  });
});

describe('a retried or doubled trigger never sends twice', () => {
  test('two runs on the same day send one set', () => {
    const fake = fakeWith();
    run(fake);
    const second = run(fake);
    expect(fake.sentMail).toHaveLength(3);
    expect(second.alreadySent).toBe(3);
    expect(second.sent).toBe(0);
  });

  test('a digest of 1,200 items (past 9 KB of marks) is sent once and recorded across properties; a second run sends nothing', () => {
    // 1,200 meetings held in October whose minutes are overdue, all owned by one handler.
    const meetings = Array.from({ length: 1200 }, (_, i) => ({
      会議ID: `M-9${String(i).padStart(4, '0')}`,
      種別: '支援検討会',
      開催日: '2024-10-01',
      議事録担当: '成田 健太',
    }));
    const fake = fakeWith(sampleSheets({ 会議登録簿: meetings }));
    const first = run(fake);
    expect(first.failed).toBe(0);
    const toKenta = fake.sentMail.filter(m => m.to === 'kenta.narita@example.co.jp');
    expect(toKenta).toHaveLength(1);
    expect(toKenta[0]?.body).toContain('M-91199');
    const props = fake.gas.PropertiesService.getScriptProperties().getProperties();
    expect(Object.keys(props).filter(k => k.startsWith('reminder-sent:') && k.includes('#')).length).toBeGreaterThan(0);
    const second = run(fake);
    expect(second.sent).toBe(0);
    expect(fake.sentMail.filter(m => m.to === 'kenta.narita@example.co.jp')).toHaveLength(1);
  });

  test('the script lock held by another run: this run sends nothing and logs why', () => {
    const fake = fakeWith();
    fake.lock.holdScriptLockElsewhere(true);
    const result = run(fake);
    expect(result.outcome).toBe('locked');
    expect(fake.sentMail).toEqual([]);
    expect(logRows(fake).map(r => r.結果)).toEqual(['locked']);
    fake.lock.holdScriptLockElsewhere(false);
    run(fake);
    expect(fake.sentMail).toHaveLength(3);
  });

  test('the lock is released at the end of a run', () => {
    const fake = fakeWith();
    sendRemindersJob(AT);
    expect(fake.lock.scriptLockHeld()).toBe(false);
  });

  test('the next business day is a new day: the digests go out again', () => {
    const fake = fakeWith();
    run(fake);
    run(fake, new Date('2024-12-03T08:05:00+09:00'));
    expect(fake.sentMail.filter(m => m.subject.endsWith('(2024-12-03)')).length).toBeGreaterThan(0);
  });
});

describe('the daily quota (MailApp.getRemainingDailyQuota)', () => {
  test('quota running out mid-run: the rest are deferred and go on the next run, nobody twice', () => {
    const fake = fakeWith();
    fake.setMailQuota(1);
    const first = run(fake);
    expect(first.outcome).toBe('quota-exhausted');
    expect(fake.sentMail).toHaveLength(1);
    expect(first.deferred).toBe(2);
    expect(logRows(fake).filter(r => r.結果 === 'deferred')).toHaveLength(2);

    fake.setMailQuota(100);
    const second = run(fake);
    expect(second.sent).toBe(2);
    const to = fake.sentMail.map(m => m.to);
    expect(to.sort()).toEqual(SAMPLE_RECIPIENTS);
    expect(new Set(to).size).toBe(to.length);
  });

  test('a quota error thrown by sendEmail itself stops cleanly and defers the rest', () => {
    const fake = fakeWith();
    fake.faults.failNext('MailApp.sendEmail', new Error('Service invoked too many times for one day: email.'), Infinity);
    const result = run(fake);
    expect(result.outcome).toBe('quota-exhausted');
    expect(fake.calls.get('MailApp.sendEmail')).toBe(1);
    expect(logRows(fake).filter(r => r.結果 === 'deferred')).toHaveLength(3);
  });
});

describe('a failure for one recipient does not stop the others', () => {
  test('sendEmail throws once: that digest is logged as failed, the others are sent, the next run sends it', () => {
    const fake = fakeWith();
    fake.faults.failNext('MailApp.sendEmail', new Error('Invalid email: x'));
    const first = run(fake);
    expect(first.failed).toBe(1);
    expect(fake.sentMail).toHaveLength(2);
    const failed = logRows(fake).find(r => r.結果 === 'failed');
    expect(failed?.詳細).toContain('Invalid email');
    run(fake);
    expect(fake.sentMail.map(m => m.to).sort()).toEqual(SAMPLE_RECIPIENTS);
  });
});

describe('only active handlers receive (§20(1))', () => {
  test('an inactive 担当 never receives; the skip is logged with the reason', () => {
    const sheets = sampleSheets();
    setCell(sheets, '案件台帳', r => r[0] === 'C-007', '次回期日', new Date(2024, 11, 3));
    const fake = fakeWith(sheets);
    run(fake);
    expect(fake.sentMail.map(m => m.to)).not.toContain('ryo.fukushi@example.co.jp');
    const skipped = logRows(fake).filter(r => r.結果 === 'skipped');
    expect(skipped).toEqual([expect.objectContaining({ 宛先: '福士 亮', 詳細: expect.stringContaining('無効') })]);
    expect(skipped[0]?.詳細).toContain('C-007');
  });

  test('a handler switched to 有効 FALSE receives nothing, even for items planned to them', () => {
    const sheets = sampleSheets();
    setCell(sheets, '情報取扱者名簿', r => r[0] === '葛西 美咲', '有効', false);
    const fake = fakeWith(sheets);
    run(fake);
    expect(fake.sentMail.map(m => m.to)).not.toContain('misaki.kasai@example.co.jp');
    for (const m of fake.sentMail)
      for (const r of m.recipients) expect(['kenta.narita@example.co.jp', 'nao.mikami@example.co.jp']).toContain(r);
  });
});

describe('the approval gate (§21 12-14): mail is an export', () => {
  test('no ISMAP承認日: no mail, a log row saying what to fill in', () => {
    const sheets = sampleSheets();
    setSetting(sheets, 'ISMAP承認日', '');
    const fake = fakeWith(sheets);
    const result = run(fake);
    expect(result.outcome).toBe('refused');
    expect(fake.sentMail).toEqual([]);
    expect(logRows(fake)).toEqual([
      expect.objectContaining({ 種類: 'reminder', 結果: 'refused', 詳細: expect.stringContaining('ISMAP承認日') }),
    ]);
    expect(fake.calls.get('MailApp.sendEmail')).toBe(0);
  });

  test('an effective user outside 許可ドメイン: no mail, refusal logged', () => {
    const fake = fakeWith(sampleSheets(), 'someone@gmail.example');
    run(fake);
    expect(fake.sentMail).toEqual([]);
    expect(logRows(fake)[0]?.結果).toBe('refused');
  });
});

describe('nothing on a non-business day', () => {
  test.each([
    ['Saturday 2024-12-07', '2024-12-07T08:05:00+09:00'],
    ['national holiday 2024-11-04 (振替休日)', '2024-11-04T08:05:00+09:00'],
    ['追加休日 2024-08-13', '2024-08-13T08:05:00+09:00'],
  ])('%s: no mail, no lock, no log row', (_, at) => {
    const fake = fakeWith();
    const result = run(fake, new Date(at));
    expect(result.outcome).toBe('not-business-day');
    expect(fake.sentMail).toEqual([]);
    expect(fake.lock.attempts).toEqual([]);
    expect(logRows(fake)).toEqual([]);
  });

  test('the day is Tokyo’s: 2024-12-06 23:30 UTC is Saturday 08:30 in Tokyo', () => {
    const fake = fakeWith();
    expect(run(fake, new Date('2024-12-06T23:30:00Z')).outcome).toBe('not-business-day');
  });
});

describe('service calls do not grow with the workbook', () => {
  test('500 more PD rows: the same calls, the same mail', () => {
    const small = fakeWith();
    run(small);
    const smallCalls = small.calls.snapshot();
    const big = fakeWith(sampleSheets({ PD稼働記録: morePdRows(500) }));
    run(big);
    expect(big.calls.snapshot()).toEqual(smallCalls);
    expect(big.sentMail.map(m => m.to).sort()).toEqual(SAMPLE_RECIPIENTS);
  });

  test('実行ログ is written with one setValues per run, however many entries', () => {
    const sheets = sampleSheets();
    setCell(sheets, '案件台帳', r => r[0] === 'C-007', '次回期日', new Date(2024, 11, 3)); // one skip as well
    const fake = fakeWith(sheets);
    fake.setMailQuota(2); // two sends, one deferral
    run(fake);
    expect(
      logRows(fake)
        .map(r => r.結果)
        .sort()
    ).toEqual(['deferred', 'sent', 'sent', 'skipped']);
    // 会議登録簿 期限 and 状態 (the status refresh), then 実行ログ once.
    expect(fake.calls.get('Range.setValues')).toBe(3);
  });
});

describe('the trigger event object is not a date', () => {
  test('sendReminders(e) from a time-driven trigger ignores e and uses the current time', () => {
    const fake = fakeWith();
    expect(() => sendRemindersJob({ authMode: 'FULL', triggerUid: '1' })).not.toThrow();
    fake.endExecution();
  });
});

describe('installTriggers leaves exactly one daily trigger for sendReminders (Asia/Tokyo)', () => {
  test('run three times: one trigger, at 設定 リマインダー時刻, every day, in Asia/Tokyo', () => {
    const fake = fakeWith();
    installTriggersCommand();
    installTriggersCommand();
    const last = installTriggersCommand();
    const mine = fake.triggers.filter(t => t.handlerFunction === 'sendReminders');
    expect(mine).toHaveLength(1);
    expect(mine[0]?.eventType).toBe('CLOCK');
    expect(mine[0]?.schedule).toEqual({ atHour: 8, everyDays: 1, timezone: 'Asia/Tokyo' });
    expect(last.replaced).toBe(1);
  });

  test('a changed リマインダー時刻 moves the one trigger; other handlers’ triggers are kept', () => {
    const sheets = sampleSheets();
    setSetting(sheets, 'リマインダー時刻', 7);
    const fake = fakeWith(sheets);
    fake.gas.ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(fake.gasSpreadsheet).onEdit().create();
    fake.gas.ScriptApp.newTrigger('sendReminders').timeBased().everyHours(1).create();
    installTriggersCommand();
    expect(fake.triggers.map(t => t.handlerFunction).sort()).toEqual(['onEditInstalled', 'sendReminders']);
    expect(fake.triggers.find(t => t.handlerFunction === 'sendReminders')?.schedule.atHour).toBe(7);
  });

  test('each install is logged in 実行ログ', () => {
    const fake = fakeWith();
    installTriggersCommand();
    expect(logRows(fake)).toEqual([
      expect.objectContaining({ 種類: 'trigger', キー: 'sendReminders', 結果: 'installed', 詳細: expect.stringContaining('8時台') }),
    ]);
  });

  test('without approval the trigger is still installed, and the message says mail will be refused', () => {
    const sheets = sampleSheets();
    setSetting(sheets, 'ISMAP承認者', '');
    const fake = fakeWith(sheets);
    const result = installTriggersCommand();
    expect(fake.triggers).toHaveLength(1);
    expect(result.message).toContain('ISMAP承認者');
  });
});

describe('実行ログ as history', () => {
  test('keys logged as sent are known; a made report’s month is known; failed and refused ones are not', () => {
    const h = logHistory({
      values: [
        ['日時', '種類', 'キー', '宛先', '結果', '詳細', '実行者'],
        ['2024-12-02 08:00:01', 'reminder', 'remind/2024-12-02/0123456789abcdef', 'a@example.co.jp', 'sent', '', ''],
        ['2024-12-02 08:00:01', 'reminder', 'remind/2024-12-02/fedcba9876543210', 'b@example.co.jp', 'deferred', '', ''],
        ['2024-12-02 09:00:00', 'report', '2024-11', '', 'created', '', ''],
        ['2024-11-01 09:00:00', 'report', '2024-10', '', 'refused', '', ''],
      ],
    });
    expect([...h.sentKeys]).toEqual(['remind/2024-12-02/0123456789abcdef']);
    expect([...h.reportsDone]).toEqual(['2024-11']);
  });

  test('a report logged for last month stops the monthly-report reminder', () => {
    const sheets = sampleSheets();
    sheets.実行ログ?.push(['2024-12-02 07:00:00', 'report', '2024-11', '', 'created', '', '']);
    const fake = fakeWith(sheets);
    run(fake);
    expect(fake.sentMail.find(m => m.to === 'nao.mikami@example.co.jp')?.subject).toBe('[知財経営支援] 要対応 2件 (2024-12-02)');
  });
});
