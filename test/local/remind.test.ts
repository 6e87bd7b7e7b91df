/**
 * `chizai-desk remind` (DESIGN "Local CLI contract"): one .eml per recipient in the outbox,
 * parsed back with an independent parser (mailparser); --state makes a second run add nothing; nothing on
 * a non-business day; --json prints only {"sent","skipped"}. Runs the command in-process on a workbook
 * written by SheetJS with the sample's rows typed the way people type them.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AddressObject, simpleParser } from 'mailparser';
import sample from '../../sheets-templates/sample.json';
import { type Io, UserError } from '../../src/local/cliSupport';
import { ALREADY_SENT_REASON, remind, reportsIn } from '../../src/local/commands/remind';
import { buildWorkbook, type SampleTabs } from '../../src/local/xlsxTemplate';
import { withFreeTextIds } from '../support/sampleTables';
import { AS_OF, removeTempDirs, sampleRowsOf, sha256, tempDir, writeFixture, writeRows, YEAR_END_AS_OF } from './support';

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The command as cli.ts runs it: a user's mistake is one message and exit code, no stack trace. */
async function runRemind(args: readonly string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: l => out.push(l), err: l => err.push(l) };
  let status: number;
  try {
    status = await remind.run(args, io);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    err.push(e.message);
    status = e.exitCode;
  }
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

const emlsIn = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter(f => f.endsWith('.eml'))
        .sort()
    : [];

interface RemindJson {
  sent: { to: string; items: { kind: string; ref: string; due: string | null }[] }[];
  skipped: { to: string; reason: string }[];
}

let book: string;

beforeAll(() => {
  book = join(tempDir(), 'ledger.xlsx');
  writeFixture(book);
});
afterAll(removeTempDirs);

describe('one .eml per recipient', () => {
  test('on the sample’s day, three digests are written: to 成田 健太, 葛西 美咲 and 三上 奈緒', async () => {
    const outbox = join(tempDir(), 'outbox');
    const run = await runRemind([book, '--outbox', outbox, '--today', AS_OF]);
    expect(run.status).toBe(0); // the workbook has error findings: remind still does its job and lists them
    expect(run.stdout).toContain('ブックに指摘が');
    expect(run.stdout).toContain('「福士 亮」は情報取扱者名簿で無効');
    const files = emlsIn(outbox);
    expect(files).toHaveLength(3);
    const to = await Promise.all(files.map(async f => ((await simpleParser(readFileSync(join(outbox, f)))).to as AddressObject).text));
    expect(to.sort()).toEqual(['kenta.narita@example.co.jp', 'misaki.kasai@example.co.jp', 'nao.mikami@example.co.jp']);
  });

  test('each file parses back with its Japanese subject intact, the items and the Date of the day', async () => {
    const outbox = join(tempDir(), 'outbox');
    await runRemind([book, '--outbox', outbox, '--today', AS_OF]);
    const nao = emlsIn(outbox).find(f => f.includes('nao.mikami'));
    const mail = await simpleParser(readFileSync(join(outbox, nao ?? '')));
    expect(mail.subject).toBe('[知財経営支援] 要対応 3件 (2024-12-02)');
    expect(mail.text).toContain('三上 奈緒 様');
    expect(mail.text).toContain('・M-015　期限 2024-12-03');
    expect(mail.text).toContain('ledger.xlsx「会議登録簿」16行目');
    expect(mail.text).toContain('・専門家活用記録!R11　期限 2024-12-06');
    expect(mail.text).toContain('chizai-desk report ledger.xlsx --month 2024-11');
    expect(mail.date?.toISOString()).toBe('2024-12-01T23:00:00.000Z'); // 08:00 Asia/Tokyo, 設定 リマインダー時刻
    expect((mail.from as AddressObject).value[0]?.address).toBe('noreply@localhost');
  });

  test('the subject is encoded per RFC 2047 and every header line is 7-bit', async () => {
    const outbox = join(tempDir(), 'outbox');
    await runRemind([book, '--outbox', outbox, '--today', AS_OF]);
    const raw = readFileSync(join(outbox, emlsIn(outbox)[0] ?? '')).toString('latin1');
    const headers = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(headers).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
    expect(headers).toMatch(/^Content-Type: text\/plain; charset=utf-8/m);
    expect(/[^\p{ASCII}]/u.test(headers)).toBe(false);
  });

  test('--from sets the sender', async () => {
    const outbox = join(tempDir(), 'outbox');
    await runRemind([book, '--outbox', outbox, '--today', AS_OF, '--from', '三上 奈緒 <nao.mikami@example.co.jp>']);
    const mail = await simpleParser(readFileSync(join(outbox, emlsIn(outbox)[0] ?? '')));
    expect((mail.from as AddressObject).value[0]).toEqual({ name: '三上 奈緒', address: 'nao.mikami@example.co.jp' });
  });

  test('no company name or ledger free text is in any file', async () => {
    const outbox = join(tempDir(), 'outbox');
    await runRemind([book, '--outbox', outbox, '--today', AS_OF]);
    const cases = sample.tabs.案件台帳 as Record<string, string>[];
    const secrets = cases.flatMap(c => [c.企業名, c.課題, c.次回アクション, c.支援メニュー, c.成果]).filter((s): s is string => !!s);
    for (const f of emlsIn(outbox)) {
      const mail = await simpleParser(readFileSync(join(outbox, f)));
      for (const s of secrets) expect(`${mail.subject}\n${mail.text}`).not.toContain(s.slice(0, 8));
    }
  });

  test('an ID typed as free text (評価ID 青森水産 臨時, 会議ID, 案件ID) is in no file: the item is named by tab and row', async () => {
    const freeIds = join(tempDir(), 'free-ids.xlsx');
    const rows = sampleRowsOf(true);
    withFreeTextIds(rows);
    writeRows(freeIds, rows);
    const texts: string[] = [];
    for (const today of [AS_OF, YEAR_END_AS_OF]) {
      const outbox = join(tempDir(), 'outbox');
      expect((await runRemind([freeIds, '--outbox', outbox, '--today', today])).status).toBe(0);
      for (const f of emlsIn(outbox)) {
        const raw = readFileSync(join(outbox, f));
        const mail = await simpleParser(raw);
        texts.push(`${f}\n${mail.subject}\n${mail.text}`);
      }
    }
    const all = texts.join('\n');
    expect(all).not.toContain('青森水産');
    expect(all).toContain('・案件台帳 2行目　期限 2024-12-03');
    expect(all).toContain('・会議登録簿 16行目　期限 2024-12-03');
    expect(all).toContain('・PD評価 4行目');
  });

  test('the input workbook is never modified', async () => {
    const before = sha256(book);
    await runRemind([book, '--outbox', join(tempDir(), 'outbox'), '--today', AS_OF, '--state', join(tempDir(), 's.json')]);
    expect(sha256(book)).toBe(before);
  });
});

describe('--state: a second run on the same day sends nothing new', () => {
  test('the second run writes no file and lists nothing as sent', async () => {
    const outbox = join(tempDir(), 'outbox');
    const state = join(tempDir(), 'state', 'remind-state.json');
    const first = await runRemind([book, '--outbox', outbox, '--today', AS_OF, '--state', state, '--json']);
    expect((JSON.parse(first.stdout) as RemindJson).sent).toHaveLength(3);
    const filesAfterFirst = emlsIn(outbox);
    const second = await runRemind([book, '--outbox', outbox, '--today', AS_OF, '--state', state, '--json']);
    expect(second.status).toBe(0);
    const json = JSON.parse(second.stdout) as RemindJson;
    expect(json.sent).toEqual([]);
    expect(json.skipped.map(s => s.reason)).toEqual([ALREADY_SENT_REASON, ALREADY_SENT_REASON, ALREADY_SENT_REASON]);
    expect(emlsIn(outbox)).toEqual(filesAfterFirst);
    expect(second.stderr).toContain('本日すでに送った内容と同じため、3 通は書き出しませんでした');
  });

  test('the next business day sends again (keys are per day)', async () => {
    const outbox = join(tempDir(), 'outbox');
    const state = join(tempDir(), 'remind-state.json');
    await runRemind([book, '--outbox', outbox, '--today', AS_OF, '--state', state]);
    const next = await runRemind([book, '--outbox', outbox, '--today', '2024-12-03', '--state', state, '--json']);
    expect((JSON.parse(next.stdout) as RemindJson).sent.length).toBeGreaterThan(0);
  });

  test('an unreadable state file is refused with a message naming it (exit 2), and nothing is written', async () => {
    const outbox = join(tempDir(), 'outbox');
    const state = join(tempDir(), 'broken.json');
    writeFileSync(state, '{not json');
    const run = await runRemind([book, '--outbox', outbox, '--today', AS_OF, '--state', state]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(state);
    expect(emlsIn(outbox)).toEqual([]);
  });
});

describe('nothing is sent on a non-business day', () => {
  test.each([
    ['2024-12-07', '土曜日'],
    ['2024-11-04', '祝日（文化の日 振替休日）'],
  ])('%s: no file, exit 0, and the reason is said', async (day, why) => {
    const outbox = join(tempDir(), 'outbox');
    const run = await runRemind([book, '--outbox', outbox, '--today', day, '--json']);
    expect(run.status).toBe(0);
    expect(emlsIn(outbox)).toEqual([]);
    expect(JSON.parse(run.stdout)).toEqual({ sent: [], skipped: [], unknown: [] });
    expect(run.stderr).toContain(`${day} は営業日ではありません（${why}）`);
  });
});

describe('--json', () => {
  test('stdout is only {"sent":[{"to","items":[{"kind","ref","due"}]}],"skipped":[{"to","reason"}]}', async () => {
    const run = await runRemind([book, '--outbox', join(tempDir(), 'outbox'), '--today', AS_OF, '--json']);
    const json = JSON.parse(run.stdout) as RemindJson;
    expect(Object.keys(json)).toEqual(['sent', 'skipped', 'unknown']);
    expect(json.sent.find(s => s.to === 'misaki.kasai@example.co.jp')).toEqual({
      to: 'misaki.kasai@example.co.jp',
      items: [
        { kind: 'minutes-overdue', ref: 'M-014', due: '2024-11-27' },
        { kind: 'case-action-due', ref: 'C-002', due: '2024-11-28' },
      ],
    });
    for (const s of json.sent) for (const i of s.items) expect(Object.keys(i)).toEqual(['kind', 'ref', 'due']);
    expect(run.stderr).toContain('3 通を');
  });

  test('an inactive 担当 is listed in skipped with the reason and gets no file', async () => {
    const tabs = JSON.parse(JSON.stringify(sample.tabs)) as Record<string, Record<string, unknown>[]>;
    const c007 = tabs.案件台帳?.find(c => c.案件ID === 'C-007');
    if (c007) c007.次回期日 = '2024-12-03';
    const changed = join(tempDir(), 'changed.xlsx');
    writeFileSync(changed, Buffer.from(await buildWorkbook(tabs as unknown as SampleTabs).xlsx.writeBuffer()));
    const outbox = join(tempDir(), 'outbox');
    const run = await runRemind([changed, '--outbox', outbox, '--today', AS_OF, '--json']);
    const json = JSON.parse(run.stdout) as RemindJson;
    expect(json.skipped).toEqual([{ to: '福士 亮', reason: expect.stringContaining('無効') }]);
    expect(json.sent.map(s => s.to)).not.toContain('ryo.fukushi@example.co.jp');
    expect(emlsIn(outbox).some(f => f.includes('fukushi'))).toBe(false);
    expect(run.stderr).toContain('送信しません: 福士 亮');
  });
});

describe('monthly report reminders and --reports', () => {
  test('a .docx for the month in --reports DIR means the report exists: no monthly-report-due', async () => {
    const reports = tempDir();
    writeFileSync(join(reports, '月次活動報告書_2024-11.docx'), '');
    expect([...reportsIn(reports)]).toEqual(['2024-11']);
    const run = await runRemind([book, '--outbox', join(tempDir(), 'outbox'), '--today', AS_OF, '--reports', reports, '--json']);
    const kinds = (JSON.parse(run.stdout) as RemindJson).sent.flatMap(s => s.items.map(i => i.kind));
    expect(kinds).not.toContain('monthly-report-due');
    expect(kinds).toContain('minutes-due-soon');
  });
});

describe('usage', () => {
  test('without --outbox: exit 2 and a Japanese message', async () => {
    const run = await runRemind([book, '--today', AS_OF]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--outbox');
  });

  test('an impossible --today date: exit 2', async () => {
    const run = await runRemind([book, '--outbox', join(tempDir(), 'o'), '--today', '2024-02-30']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('2024-02-30');
  });

  test('a missing workbook: exit 2 naming the file', async () => {
    const run = await runRemind([join(tempDir(), 'none.xlsx'), '--outbox', join(tempDir(), 'o')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('none.xlsx');
  });
});
