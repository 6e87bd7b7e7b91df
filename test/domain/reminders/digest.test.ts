/**
 * Reminder mail content (§21 16⑥: what may leave the workbook): IDs, kinds, dates and links only.
 */
import sample from '../../../sheets-templates/sample.json';
import { calendarOf, check } from '../../../src/domain/check';
import { addDays } from '../../../src/domain/dates';
import { type ReadResult, readLedger } from '../../../src/domain/ledgerReader';
import type { RawTable } from '../../../src/domain/rawTable';
import { composeDigest, dayOfDigestKey, digestKey, MAIL_FIELDS, type MailItem, mailItem } from '../../../src/domain/reminders/digest';
import { type Digest, planReminders, type ReminderItem } from '../../../src/domain/reminders/plan';
import { workbookTemplate } from '../../../src/domain/template';

type Row = Record<string, string | number | boolean>;
type Tabs = Record<string, Row[]>;

const AS_OF = sample.asOf;
const linkOf = (item: MailItem): string => `book.xlsx「${item.sheet ?? ''}」${item.row ?? ''}`;

function readTabs(tabs: Tabs): ReadResult {
  const tables = new Map<string, RawTable>();
  for (const t of workbookTemplate) {
    const header = t.columns.map(c => c.header);
    const rows = (tabs[t.name] ?? []).map((row, i) => ({ rowNumber: i + 2, cells: header.map(h => row[h] ?? null) }));
    tables.set(t.name, { name: t.name, header, rows });
  }
  return readLedger(tables);
}

const sampleTabs = (): Tabs => JSON.parse(JSON.stringify(sample.tabs)) as Tabs;

/** Every mail the planner would compose for the workbook on each business day of the programme. */
function everyMail(read: ReadResult): { subject: string; body: string }[] {
  const calendar = calendarOf(read);
  const mails: { subject: string; body: string }[] = [];
  for (let day = '2024-06-03'; day <= '2025-04-10'; day = addDays(day, 1)) {
    const plan = planReminders(read, check(read, day), day, calendar);
    for (const d of plan.digests) mails.push(composeDigest(d, day, linkOf));
  }
  return mails;
}

const NAO_DIGEST: Digest = {
  to: 'nao.mikami@example.co.jp',
  name: '三上 奈緒',
  items: [
    { kind: 'minutes-due-soon', ref: 'M-015', due: '2024-12-03', sheet: '会議登録簿', row: 16 },
    { kind: 'expert-consultation-missing', ref: '専門家活用記録!R11', due: '2024-12-06', sheet: '専門家活用記録', row: 11 },
    { kind: 'monthly-report-due', ref: '2024-11', due: '2024-12-04', sheet: null, row: null },
  ],
};

describe('subject and body', () => {
  test('subject is "[知財経営支援] 要対応 N件 (YYYY-MM-DD)"', () => {
    expect(composeDigest(NAO_DIGEST, AS_OF, linkOf).subject).toBe('[知財経営支援] 要対応 3件 (2024-12-02)');
  });

  test('the mail goes to the digest’s address', () => {
    expect(composeDigest(NAO_DIGEST, AS_OF, linkOf).to).toBe('nao.mikami@example.co.jp');
  });

  test('the body lists each item’s ID, kind, due date and link', () => {
    const { body } = composeDigest(NAO_DIGEST, AS_OF, linkOf);
    expect(body).toContain('三上 奈緒 様');
    expect(body).toContain('■ 議事録の共有期限が近づいています（1件）');
    expect(body).toContain('・M-015　期限 2024-12-03');
    expect(body).toContain('book.xlsx「会議登録簿」16');
    expect(body).toContain('■ 専門家派遣の事前協議が記録されていません（1件）');
    expect(body).toContain('・専門家活用記録!R11　期限 2024-12-06');
    expect(body).toContain('■ 月次活動報告書の作成時期です（1件）');
    expect(body).toContain('・2024-11　期限 2024-12-04');
  });

  test('a past due date is marked as overdue, today’s as today', () => {
    const digest: Digest = {
      to: 'misaki.kasai@example.co.jp',
      name: '葛西 美咲',
      items: [
        { kind: 'minutes-overdue', ref: 'M-014', due: '2024-11-27', sheet: '会議登録簿', row: 15 },
        { kind: 'case-action-due', ref: 'C-009', due: AS_OF, sheet: '案件台帳', row: 10 },
      ],
    };
    const { body } = composeDigest(digest, AS_OF, linkOf);
    expect(body).toContain('・M-014　期限 2024-11-27（超過）');
    expect(body).toContain('・C-009　期限 2024-12-02（本日）');
  });

  test('a missing timesheet names its week', () => {
    const digest: Digest = {
      to: 'hiroshi.sasaki@example.jp',
      name: '佐々木 浩',
      items: [{ kind: 'timesheet-missing', ref: '2024-08-12/2024-08-18', due: null, sheet: 'PD稼働記録', row: null }],
    };
    expect(composeDigest(digest, '2024-08-19', linkOf).body).toContain('・2024-08-12/2024-08-18　対象週 2024-08-12〜2024-08-18');
  });
});

describe('what may leave the workbook (§21 16⑥: IDs, kinds, dates and links, never ledger text)', () => {
  test('the allow-list of item fields in mail is exactly kind, ref, due, sheet, row', () => {
    expect([...MAIL_FIELDS]).toEqual(['kind', 'ref', 'due', 'sheet', 'row']);
  });

  test('fields outside MAIL_FIELDS never reach the mail, even when an item object carries them', () => {
    const smuggled = {
      kind: 'case-action-due',
      ref: 'C-001',
      due: '2024-12-03',
      sheet: '案件台帳',
      row: 2,
      company: '株式会社津軽アップルラボ',
      nextAction: '先行商標調査の結果を社長に説明',
    } as ReminderItem;
    expect(Object.keys(mailItem(smuggled)).sort()).toEqual(['due', 'kind', 'ref', 'row', 'sheet']);
    const seen: MailItem[] = [];
    const { subject, body } = composeDigest({ to: 'kenta.narita@example.co.jp', name: '成田 健太', items: [smuggled] }, AS_OF, item => {
      seen.push(item);
      return 'link';
    });
    expect(`${subject}\n${body}`).not.toContain('津軽アップルラボ');
    expect(`${subject}\n${body}`).not.toContain('先行商標調査');
    expect(Object.keys(seen[0] ?? {}).sort()).toEqual(['due', 'kind', 'ref', 'row', 'sheet']);
  });

  test('a reference is one short line: a long or multi-line ID typed into an ID cell is cut, not mailed whole', () => {
    const item = mailItem({
      kind: 'case-action-due',
      ref: 'C-1\n株式会社とても長い名前の会社で本当は企業名を書いてはいけない欄',
      due: null,
      sheet: '案件台帳',
      row: 2,
    });
    expect(item.ref).not.toContain('\n');
    expect(item.ref.length).toBeLessThanOrEqual(32);
  });

  test('an ID that is not of the mail-safe shape is never mailed: the item is named by tab and row instead', () => {
    const typed = (ref: string, kind: ReminderItem['kind'] = 'pd-evaluation-unreported'): ReminderItem => ({
      kind,
      ref,
      due: null,
      sheet: 'PD評価',
      row: 4,
    });
    for (const ref of ['青森水産 臨時', 'E 03', 'E-03（青森水産）', 'E-0123456789012345678', 'E-03;x', '<b>E</b>']) {
      const { body } = composeDigest({ to: 'seiichi.kudo@example.co.jp', name: '工藤 誠一', items: [typed(ref)] }, AS_OF, linkOf);
      expect(body).not.toContain(ref);
      expect(body).toContain('・PD評価 4行目');
    }
    // IDs of the safe shape stay, after NFKC (full-width typing is the same ID).
    for (const [ref, shown] of [
      ['E-03', 'E-03'],
      ['Ｅ－０３', 'E-03'],
      ['2024/E_03.v2', '2024/E_03.v2'],
    ] as const)
      expect(mailItem(typed(ref)).ref).toBe(shown);
    // References the planner makes itself (a tab's row, a week, a month, the tab) stay as they are.
    for (const item of [
      { kind: 'expert-consultation-missing', ref: '専門家活用記録!R11', due: null, sheet: '専門家活用記録', row: 11 },
      { kind: 'timesheet-missing', ref: '2024-08-12/2024-08-18', due: null, sheet: 'PD稼働記録', row: null },
      { kind: 'monthly-report-due', ref: '2024-11', due: null, sheet: null, row: null },
      { kind: 'pd-evaluation-due', ref: 'PD評価', due: null, sheet: 'PD評価', row: null },
    ] as const)
      expect(mailItem(item).ref).toBe(item.ref);
  });

  test('no ledger free text (企業名, 業種, 課題, 成果, 支援メニュー, 次回アクション, 専門家名, 備考) appears in any mail of the sample, any day', () => {
    const tabs = sample.tabs as unknown as Tabs;
    const freeText = [
      ...(tabs.案件台帳 ?? []).flatMap(r => ['企業名', '業種', '課題', '成果', '支援メニュー', '次回アクション'].map(h => r[h])),
      ...(tabs.専門家活用記録 ?? []).map(r => r.専門家名),
      ...(tabs.PD稼働記録 ?? []).map(r => r.備考),
    ].filter((v): v is string => typeof v === 'string' && v.length > 0);
    // Any 8 consecutive characters of a long text would betray it; a short one must not appear at all.
    const probes = new Set(
      freeText.flatMap(t => (t.length <= 8 ? [t] : Array.from({ length: t.length - 7 }, (_, i) => t.slice(i, i + 8))))
    );
    const mails = everyMail(readTabs(sampleTabs()));
    expect(mails.length).toBeGreaterThan(50);
    const leaks = mails.flatMap(m => [...probes].filter(p => m.subject.includes(p) || m.body.includes(p)));
    expect(leaks).toEqual([]);
  });

  test('a marker typed into every free-text and extra cell of the ledger never reaches a mail', () => {
    const MARK = 'LEAK-確認用-7f3a';
    const tabs = sampleTabs();
    const freeHeaders = ['企業名', '業種', '課題', '成果', '支援メニュー', '次回アクション', '専門家名', '備考', '共有先', '活動内容メモ'];
    for (const name of ['案件台帳', '会議登録簿', 'PD稼働記録', '専門家活用記録'])
      for (const row of tabs[name] ?? [])
        for (const h of freeHeaders) if (h in row || h === '活動内容メモ') row[h] = `${MARK} ${String(row[h] ?? '')}`;
    const mails = everyMail(readTabs(tabs));
    expect(mails.length).toBeGreaterThan(50);
    expect(mails.filter(m => m.body.includes(MARK) || m.subject.includes(MARK))).toEqual([]);
  });
});

describe('digestKey: the same digest on the same day has the same key (dedup)', () => {
  const items = NAO_DIGEST.items;

  test('item order does not change the key; the address’s case does not either', () => {
    expect(digestKey(AS_OF, 'nao.mikami@example.co.jp', items)).toBe(digestKey(AS_OF, 'Nao.Mikami@example.co.jp', [...items].reverse()));
  });

  test('another day, another address or another item gives another key', () => {
    const key = digestKey(AS_OF, 'nao.mikami@example.co.jp', items);
    expect(digestKey('2024-12-03', 'nao.mikami@example.co.jp', items)).not.toBe(key);
    expect(digestKey(AS_OF, 'kenta.narita@example.co.jp', items)).not.toBe(key);
    expect(digestKey(AS_OF, 'nao.mikami@example.co.jp', items.slice(1))).not.toBe(key);
    expect(digestKey(AS_OF, 'nao.mikami@example.co.jp', [{ ...items[0]!, due: '2024-12-04' }, ...items.slice(1)])).not.toBe(key);
  });

  test('the key names its day, fits the 実行ログ キー column and is the same in every runtime (no crypto)', () => {
    const key = digestKey(AS_OF, 'nao.mikami@example.co.jp', items);
    expect(key).toMatch(/^remind\/2024-12-02\/[0-9a-f]{16}$/);
    expect(key.length).toBeLessThanOrEqual(36);
    expect(dayOfDigestKey(key)).toBe(AS_OF);
    expect(dayOfDigestKey('report/2024-11')).toBeNull();
  });

  test('keys of the sample’s digests over a year do not collide', () => {
    const read = readTabs(sampleTabs());
    const keys: string[] = [];
    for (let day = '2024-06-03'; day <= '2025-03-31'; day = addDays(day, 1))
      for (const d of planReminders(read, check(read, day), day, calendarOf(read)).digests) keys.push(digestKey(day, d.to, d.items));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
