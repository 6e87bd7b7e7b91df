/**
 * generateMonthlyReport on the Google fakes (DESIGN "Apps Script contract"): one Google Doc named
 * 月次活動報告書_YYYY-MM with real headings and tables, only with the approval recorded (§21 12-14), one
 * current Doc per month however often it runs, filed in 報告書フォルダID, logged in 実行ログ, and a count of
 * Docs calls that does not grow with the workbook.
 */

import { workbookTemplate } from '../../src/domain/template';
import { generateMonthlyReportCommand, parseMonthInput, REPORT_TITLE, reportDocProperty } from '../../src/gas/reportDoc';
import { type createFakeGoogle, type DocumentSnapshot, type FakeGoogle, fakeGoogleForEachTest } from '../fakes';
import { morePdRows, SAMPLE_AS_OF, sampleSheets } from '../support/sampleSheets';

const AT = new Date(`${SAMPLE_AS_OF}T10:00:00+09:00`); // 2024-12-02: the previous month is the sample's 2024-11
const APPROVED_USER = 'nao.mikami@example.co.jp'; // 許可ドメイン example.co.jp

const installFakes = fakeGoogleForEachTest();

function fakeWith(sheets = sampleSheets(), options: Parameters<typeof createFakeGoogle>[0] = {}): FakeGoogle {
  return installFakes({ sheets, userEmail: APPROVED_USER, ...options });
}

/** One menu run, the person answering the month prompt with `answer` (blank = the default). */
function run(fake: FakeGoogle, answer: string | null = '', at: Date = AT) {
  if (answer !== null) fake.ui.queuePrompt(answer);
  try {
    return generateMonthlyReportCommand(at);
  } finally {
    fake.endExecution();
  }
}

const current = (fake: FakeGoogle): DocumentSnapshot[] => fake.documents.filter(d => !d.trashed);

type LogRow = { 種類: string; キー: string; 結果: string; 詳細: string; 実行者: string };
function logRows(fake: FakeGoogle): LogRow[] {
  const [header = [], ...rows] = fake.sheetValues('実行ログ') ?? [];
  return rows.map(r => Object.fromEntries(header.map((h, i) => [String(h), String(r[i] ?? '')])) as LogRow);
}

function setSetting(sheets: Record<string, unknown[][]>, name: string, value: unknown): void {
  const row = sheets.設定?.find(r => r[0] === name);
  if (!row) throw new Error(`no setting ${name}`);
  row[1] = value;
}

const DOCS_CLASSES = ['DocumentApp.', 'Document.', 'Body.', 'Paragraph.', 'ListItem.', 'Table.', 'TableRow.', 'TableCell.', 'PageBreak.'];
const docsCalls = (fake: FakeGoogle): number =>
  Object.entries(fake.calls.snapshot())
    .filter(([name]) => DOCS_CLASSES.some(c => name.startsWith(c)))
    .reduce((a, [, n]) => a + n, 0);

describe('generateMonthlyReport makes one Google Doc for the month', () => {
  test('blank answer = the previous month in Asia/Tokyo: exactly one Doc, named 月次活動報告書_2024-11', () => {
    const fake = fakeWith();
    const result = run(fake);
    expect(result).toMatchObject({ outcome: 'created', month: '2024-11' });
    expect(current(fake).map(d => d.name)).toEqual(['月次活動報告書_2024-11']);
    expect(fake.ui.prompts[0]?.prompt).toContain('2024-11');
  });

  test('the default month follows Asia/Tokyo: 2024-12-01 00:30 JST (still November in UTC) asks for 2024-11', () => {
    const fake = fakeWith();
    const result = run(fake, '', new Date('2024-11-30T15:30:00Z'));
    expect(result.month).toBe('2024-11');
  });

  test('the Doc has real headings (TITLE, HEADING1, HEADING2) in the layout’s order, starting with the title', () => {
    const fake = fakeWith();
    run(fake);
    const [doc] = current(fake);
    const content = doc?.content ?? [];
    expect(content[0]).toEqual({ type: 'paragraph', text: '月次活動報告書（2024年11月）', heading: 'TITLE' });
    const h1 = content.flatMap(b => (b.type === 'paragraph' && b.heading === 'HEADING1' ? [b.text] : []));
    expect(h1).toEqual(['1. 概要', '2. 事業PDの稼働', '3. 伴走支援', '4. 会議', '5. 専門家活用', '6. 要対応事項', '付録']);
    expect(content.some(b => b.type === 'paragraph' && b.heading === 'HEADING2' && b.text === '付録1 PD稼働記録（2024年11月）')).toBe(true);
  });

  test('figures are real tables with a header row: the key figures carry the sample’s hand-computed values', () => {
    const fake = fakeWith();
    run(fake);
    const tables = (current(fake)[0]?.content ?? []).flatMap(b => (b.type === 'table' ? [b.rows] : []));
    const key = tables.find(t => t[0]?.join('|') === '項目|今月|累計|目標・予算|進捗');
    expect(key?.slice(1, 3)).toEqual([
      ['PD稼働時間', '36時間', '145.5時間', '280時間', '52%'],
      ['PD稼働日数', '7日', '25日', '40日', '63%'],
    ]);
    const pd = tables.find(t => t[0]?.[0] === '日付' && t[0]?.[7] === '備考');
    expect(pd).toHaveLength(1 + 13 + 1);
  });

  test('要対応事項 are bulleted list items', () => {
    const fake = fakeWith();
    run(fake);
    const items = (current(fake)[0]?.content ?? []).flatMap(b => (b.type === 'listItem' ? [b.text] : []));
    expect(items).toContainEqual(expect.stringMatching(/^議事録の期限超過: .*M-014/));
  });

  test('a table is one appendTable call, never one call per cell', () => {
    const fake = fakeWith();
    fake.calls.reset();
    run(fake);
    const tables = (current(fake)[0]?.content ?? []).filter(b => b.type === 'table').length;
    expect(fake.calls.get('Body.appendTable')).toBe(tables);
    expect(fake.calls.get('TableRow.appendTableCell')).toBe(0);
    expect(fake.calls.get('Table.appendTableRow')).toBe(0);
    expect(fake.calls.get('TableCell.setText')).toBe(0);
  });

  test('the run is logged in 実行ログ (種類 report, キー the month, 結果 created) with the Doc’s link, and the link is shown', () => {
    const fake = fakeWith();
    run(fake);
    const url = current(fake)[0]?.url ?? 'no doc';
    expect(logRows(fake)).toEqual([expect.objectContaining({ 種類: 'report', キー: '2024-11', 結果: 'created', 実行者: APPROVED_USER })]);
    expect(logRows(fake)[0]?.詳細).toContain(url);
    const alert = fake.ui.alerts.at(-1);
    expect(alert?.title).toBe(REPORT_TITLE);
    expect(alert?.prompt).toContain(url);
  });

  test('a month typed by hand is understood in the forms people type it (２０２４／１０, 2024年10月)', () => {
    expect([
      parseMonthInput('2024-10'),
      parseMonthInput('２０２４／１０'),
      parseMonthInput('2024年10月'),
      parseMonthInput(' 2024-9 '),
    ]).toEqual(['2024-10', '2024-10', '2024-10', '2024-09']);
    expect([parseMonthInput('2024-13'), parseMonthInput('10月'), parseMonthInput('2024-10-01')]).toEqual([null, null, null]);
  });

  test('an unreadable month is asked again; the second answer is used', () => {
    const fake = fakeWith();
    fake.ui.queuePrompt('2024-13');
    const result = run(fake, '2024-10');
    expect(result.month).toBe('2024-10');
    expect(fake.ui.prompts[1]?.prompt).toContain('「2024-13」は月として読み取れませんでした');
    expect(current(fake).map(d => d.name)).toEqual(['月次活動報告書_2024-10']);
  });

  test('Cancel makes no Doc and logs nothing', () => {
    const fake = fakeWith();
    fake.ui.queuePrompt('', 'CANCEL');
    expect(run(fake, null).outcome).toBe('cancelled');
    expect(fake.documents).toEqual([]);
    expect(logRows(fake)).toEqual([]);
  });
});

describe('one current Doc per month: generating again never leaves two current ones', () => {
  test('a second run for the same month rewrites the same Doc (same link) instead of adding one', () => {
    const fake = fakeWith();
    const first = run(fake);
    const second = run(fake, '2024-11');
    expect(second.outcome).toBe('updated');
    expect(second.url).toBe(first.url);
    expect(current(fake)).toHaveLength(1);
    expect(fake.documents).toHaveLength(1);
    expect(fake.properties('document')[reportDocProperty('2024-11')]).toBe(current(fake)[0]?.id);
    expect(logRows(fake).map(r => r.結果)).toEqual(['created', 'updated']);
  });

  test('the rewritten Doc holds the report once, not twice', () => {
    const fake = fakeWith();
    run(fake);
    const once = current(fake)[0]?.content.length;
    run(fake, '2024-11');
    expect(current(fake)[0]?.content.length).toBe(once);
    expect(current(fake)[0]?.content[0]).toMatchObject({ heading: 'TITLE' });
  });

  test('another month gets its own Doc', () => {
    const fake = fakeWith();
    run(fake);
    run(fake, '2024-10');
    expect(
      current(fake)
        .map(d => d.name)
        .sort()
    ).toEqual(['月次活動報告書_2024-10', '月次活動報告書_2024-11']);
  });

  test('if the earlier Doc was trashed, a new one is made and becomes the current one', () => {
    const fake = fakeWith();
    const first = run(fake);
    const id = current(fake)[0]?.id ?? '';
    fake.globals.DriveApp.getFileById(id).setTrashed(true);
    const second = run(fake, '2024-11');
    expect(second.outcome).toBe('created');
    expect(second.url).not.toBe(first.url);
    expect(current(fake)).toHaveLength(1);
    expect(fake.properties('document')[reportDocProperty('2024-11')]).toBe(current(fake)[0]?.id);
  });
});

describe('報告書フォルダID', () => {
  test('when set, the Doc is filed in that folder', () => {
    const sheets = sampleSheets();
    setSetting(sheets, '報告書フォルダID', 'reports-folder');
    const fake = fakeWith(sheets, { folders: [{ id: 'reports-folder', name: '月次報告書' }] });
    run(fake);
    expect(current(fake)[0]?.folderIds).toEqual(['reports-folder']);
  });

  test('a folder URL pasted instead of the ID works too', () => {
    const sheets = sampleSheets();
    setSetting(sheets, '報告書フォルダID', 'https://drive.google.com/drive/folders/reports-folder?usp=sharing');
    const fake = fakeWith(sheets, { folders: ['reports-folder'] });
    run(fake);
    expect(current(fake)[0]?.folderIds).toEqual(['reports-folder']);
  });

  test('a folder that cannot be opened leaves the Doc in My Drive and says so (the report is not lost)', () => {
    const sheets = sampleSheets();
    setSetting(sheets, '報告書フォルダID', 'no-such-folder');
    const fake = fakeWith(sheets);
    const result = run(fake);
    expect(result.outcome).toBe('created');
    expect(current(fake)).toHaveLength(1);
    expect(result.message).toContain('報告書フォルダID');
    expect(logRows(fake)[0]?.詳細).toContain('no-such-folder');
  });
});

describe('the approval gate (§21 12-14): a Doc is an export', () => {
  test('without ISMAP承認日 no Doc is made, the person is told what to fill in, and 実行ログ records the refusal', () => {
    const sheets = sampleSheets();
    setSetting(sheets, 'ISMAP承認日', '');
    const fake = fakeWith(sheets);
    const result = run(fake, null);
    expect(result.outcome).toBe('refused');
    expect(fake.documents).toEqual([]);
    expect(fake.calls.total('DocumentApp')).toBe(0);
    expect(fake.ui.prompts).toEqual([]); // refused before asking for a month
    expect(fake.ui.alerts.at(-1)?.prompt).toContain('ISMAP承認日');
    expect(logRows(fake)).toEqual([expect.objectContaining({ 種類: 'report', 結果: 'refused' })]);
    expect(logRows(fake)[0]?.キー).toBe(''); // a refusal never marks a month as reported
  });

  test('an account outside 許可ドメイン is refused the same way', () => {
    const fake = fakeWith(sampleSheets(), { userEmail: 'someone@example.com' });
    const result = run(fake, null);
    expect(result.outcome).toBe('refused');
    expect(fake.documents).toEqual([]);
    expect(result.message).toContain('許可ドメイン');
  });
});

describe('Docs calls do not grow with the number of rows (DESIGN "Apps Script contract": batched calls)', () => {
  test('the sample and the sample with 600 more PD rows take the same number of Docs calls', () => {
    const small = fakeWith();
    small.calls.reset();
    run(small);
    const smallCalls = docsCalls(small);

    const large = fakeWith(sampleSheets({ PD稼働記録: morePdRows(600) }));
    large.calls.reset();
    run(large);
    const largeCalls = docsCalls(large);
    // The large workbook's November appendix really is longer.
    const pdRows = (f: FakeGoogle) =>
      current(f)[0]?.content.flatMap(b => (b.type === 'table' && b.rows[0]?.[7] === '備考' ? [b.rows.length] : []))[0];
    expect(pdRows(large)).toBeGreaterThan((pdRows(small) ?? 0) + 100);
    expect(largeCalls).toBe(smallCalls);
  });

  test('each sheet is read once per run, whatever its size', () => {
    const fake = fakeWith(sampleSheets({ PD稼働記録: morePdRows(600) }));
    fake.calls.reset();
    run(fake);
    // every tab once, 実行ログ header once, and one spare (the bound held with 7 tabs at 8 + 1)
    expect(fake.calls.get('Range.getValues')).toBeLessThanOrEqual(workbookTemplate.length + 2);
  });
});

describe('the Doc shows the report’s charts as images, where the .docx has them', () => {
  const images = (doc: DocumentSnapshot | undefined) =>
    (doc?.content ?? []).flatMap(b => (b.type === 'paragraph' && b.images ? b.images : []));

  test('four PNG images, titled as the charts, each after the section that has it in the .docx', () => {
    const fake = fakeWith();
    run(fake, '2024-11');
    const doc = current(fake)[0];
    expect(images(doc).map(i => [i.contentType, i.altTitle])).toEqual([
      ['image/png', '目標に対する実績（累計）'],
      ['image/png', 'PD稼働時間の累計と予算（2024年度）'],
      ['image/png', '議事録の共有状況（開催月別、2024年度）'],
      ['image/png', '専門家活用の回数と月上限（2024年度）'],
    ]);
    const order = (doc?.content ?? []).flatMap(b =>
      b.type === 'paragraph' && b.heading === 'HEADING1' ? [b.text] : b.type === 'paragraph' && b.images ? ['chart'] : []
    );
    expect(order).toEqual([
      '1. 概要',
      'chart',
      '2. 事業PDの稼働',
      'chart',
      '3. 伴走支援',
      '4. 会議',
      'chart',
      '5. 専門家活用',
      'chart',
      '6. 要対応事項',
      '付録',
    ]);
  });

  test('each image is drawn from the report’s own figures: November’s 145.5 h to date against the 280 h budget', () => {
    const fake = fakeWith();
    run(fake, '2024-11');
    const pd = images(current(fake)[0])[1]?.chart;
    expect(pd?.type).toBe('LINE');
    expect(pd?.data[0]).toEqual(['月', '累計稼働時間', '予算（280時間）']);
    expect(pd?.data.slice(1).map(r => r[1])).toEqual([null, null, 0, 34, 54.5, 78, 109.5, 145.5, null, null, null, null]);
    expect(pd?.options).toMatchObject({ title: 'PD稼働時間の累計と予算（2024年度）', 'hAxis.title': '月', 'vAxis.title': '時間' });
    expect(pd?.options['vAxis.viewWindow']).toMatchObject({ min: 0 });
    const minutes = images(current(fake)[0])[2]?.chart;
    expect(minutes?.options.isStacked).toBe(true);
  });

  test('drawing the charts needs no Drive or Sheets call, and the Docs calls still do not grow with the rows', () => {
    const callsFor = (extra: number) => {
      const fake = fakeWith(sampleSheets({ PD稼働記録: morePdRows(extra) }));
      fake.calls.reset();
      run(fake, '2024-11');
      const snapshot = fake.calls.snapshot();
      return snapshot;
    };
    const small = callsFor(1500);
    expect(small['Body.appendImage']).toBe(4);
    expect(small['Charts.newDataTable']).toBe(4);
    expect(Object.keys(small).filter(k => k.startsWith('EmbeddedChart'))).toEqual([]);
    expect(callsFor(3000)).toEqual(small);
  });
});
