/**
 * generateAnnualReport on the Google fakes: one Google Doc 事業報告書_<年度> per fiscal year with the headings and
 * tables of the layout in its order, rewritten in place on a second run, only with the approval recorded
 * (§21 12-14), logged in 実行ログ with what is still missing, and a count of Docs calls that does not grow with
 * the workbook.
 */
import { annualReportBlocks } from '../../src/domain/annualReport/layout';
import { buildAnnualReport } from '../../src/domain/annualReport/model';
import { check } from '../../src/domain/check';
import { annualReportDocProperty, generateAnnualReportCommand } from '../../src/gas/annualReportDoc';
import { type createFakeGoogle, type DocumentSnapshot, type FakeGoogle, fakeGoogleForEachTest } from '../fakes';
import { morePdRows, SAMPLE_AS_OF, sampleSheets } from '../support/sampleSheets';
import { readSampleBook } from '../support/sampleTables';

const AT = new Date(`${SAMPLE_AS_OF}T10:00:00+09:00`);
const APPROVED_USER = 'nao.mikami@example.co.jp';

const installFakes = fakeGoogleForEachTest();
function fakeWith(sheets = sampleSheets(), options: Parameters<typeof createFakeGoogle>[0] = {}): FakeGoogle {
  return installFakes({ sheets, userEmail: APPROVED_USER, ...options });
}
function run(fake: FakeGoogle, at: Date = AT) {
  try {
    return generateAnnualReportCommand(at);
  } finally {
    fake.endExecution();
  }
}

const current = (fake: FakeGoogle): DocumentSnapshot[] => fake.documents.filter(d => !d.trashed);
type LogRow = { 種類: string; キー: string; 結果: string; 詳細: string };
function logRows(fake: FakeGoogle): LogRow[] {
  const [header = [], ...rows] = fake.sheetValues('実行ログ') ?? [];
  return rows.map(r => Object.fromEntries(header.map((h, i) => [String(h), String(r[i] ?? '')])) as LogRow);
}
const DOCS_CLASSES = ['DocumentApp.', 'Document.', 'Body.', 'Paragraph.', 'ListItem.', 'Table.', 'TableRow.', 'TableCell.', 'PageBreak.'];
const docsCalls = (fake: FakeGoogle): Record<string, number> =>
  Object.fromEntries(Object.entries(fake.calls.snapshot()).filter(([name]) => DOCS_CLASSES.some(c => name.startsWith(c))));

describe('generateAnnualReport writes the 事業報告書 of the fiscal year as one Google Doc', () => {
  test('one Doc named 事業報告書_2024 with the layout’s headings and tables, in the layout’s order', () => {
    const fake = fakeWith();
    const result = run(fake);
    expect(result).toMatchObject({ outcome: 'created', fiscalYear: 2024 });
    expect(current(fake).map(d => d.name)).toEqual(['事業報告書_2024']);
    const read = readSampleBook();
    const blocks = annualReportBlocks(buildAnnualReport(read, check(read, SAMPLE_AS_OF), SAMPLE_AS_OF, 'sample'));
    const expected = blocks.flatMap(b =>
      b.kind === 'heading'
        ? [`${b.level === 1 ? 'HEADING1' : 'HEADING2'} ${b.text}`]
        : b.kind === 'table'
          ? [`table ${b.header.join('|').replace(/\n/g, '')}`]
          : []
    );
    const content = current(fake)[0]?.content ?? [];
    const got = content.flatMap(b =>
      b.type === 'paragraph' && b.heading.startsWith('HEADING')
        ? [`${b.heading} ${b.text}`]
        : b.type === 'table'
          ? [`table ${b.rows[0]?.join('|')}`]
          : []
    );
    expect(got).toEqual(expected);
    expect(content[0]).toEqual({ type: 'paragraph', text: '事業報告書', heading: 'TITLE' });
    const h1 = got.filter(g => g.startsWith('HEADING1')).map(g => g.slice('HEADING1 '.length, 'HEADING1 '.length + 1));
    expect(h1.slice(4, 15)).toEqual(['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩', '⑪']);
  });

  test('a second run rewrites the same Doc: one Doc, same link, logged as updated', () => {
    const fake = fakeWith();
    const first = run(fake);
    const second = run(fake);
    expect(second.outcome).toBe('updated');
    expect(second.url).toBe(first.url);
    expect(current(fake)).toHaveLength(1);
    expect(fake.properties('document')[annualReportDocProperty(2024)]).toBe(current(fake)[0]?.id);
    expect(logRows(fake).map(r => [r.種類, r.キー, r.結果])).toEqual([
      ['annual-report', '2024', 'created'],
      ['annual-report', '2024', 'updated'],
    ]);
  });

  test('the readiness goes to the dialog and 実行ログ, never into the Doc', () => {
    const fake = fakeWith();
    const result = run(fake);
    const dialog = fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(dialog).toContain('納入までに足りないもの: 12件（72項目中60項目がそろっています）');
    expect(dialog).toContain('① 2024年11月分の月次報告書の庁提出日がありません（PD月次報告 6行目）');
    expect(dialog).toContain('…ほか2件');
    expect(logRows(fake)[0]?.詳細).toContain('納入までに足りないもの: 12件');
    const text = current(fake)[0]?.text ?? '';
    for (const m of result.readiness?.missing ?? []) expect(text).not.toContain(m.what);
  });
});

describe('the approval gate (§21 12-14)', () => {
  test('without ISMAP承認日 no Doc is made, the person is told, and 実行ログ records the refusal', () => {
    const sheets = sampleSheets();
    const row = sheets.設定?.find(r => r[0] === 'ISMAP承認日');
    if (row) row[1] = '';
    const fake = fakeWith(sheets);
    const result = run(fake);
    expect(result.outcome).toBe('refused');
    expect(fake.documents).toEqual([]);
    expect(fake.calls.total('DocumentApp')).toBe(0);
    expect(fake.ui.alerts.at(-1)?.prompt).toContain('ISMAP承認日');
    expect(logRows(fake)).toEqual([expect.objectContaining({ 種類: 'annual-report', 結果: 'refused' })]);
  });
});

describe('Docs calls do not grow with the number of rows', () => {
  test('the sample, and the sample with 2,000 more PD rows and 300 more meetings, take the same Docs calls', () => {
    const small = fakeWith();
    small.calls.reset();
    run(small);
    const smallCalls = docsCalls(small);
    const meetings = Array.from({ length: 300 }, (_, i) => ({ 会議ID: `M-${1000 + i}`, 種別: '支援検討会', 開催日: '2024-10-11' }));
    const large = fakeWith(sampleSheets({ PD稼働記録: morePdRows(2000), 会議登録簿: meetings }));
    large.calls.reset();
    run(large);
    expect(docsCalls(large)).toEqual(smallCalls);
    expect(Object.values(smallCalls).reduce((a, b) => a + b, 0)).toBeLessThan(1500);
  });

  test('each sheet is read once', () => {
    const fake = fakeWith(sampleSheets({ PD稼働記録: morePdRows(600) }));
    fake.calls.reset();
    run(fake);
    expect(fake.calls.get('Range.getValues')).toBeLessThanOrEqual(15);
  });
});
