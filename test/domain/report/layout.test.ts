/**
 * The report's layout (src/domain/report/layout.ts): one list of blocks that both writers render, so the
 * order of sections, the tables and the wording are tested once, here.
 */
import { contract } from '../../../sheets-templates/contract';
import sample from '../../../sheets-templates/sample.json';
import { check } from '../../../src/domain/check';
import { type ReadResult, readLedger } from '../../../src/domain/ledgerReader';
import type { RawTable } from '../../../src/domain/rawTable';
import { type ReportBlock, reportBlocks, yen } from '../../../src/domain/report/layout';
import { buildReportModel } from '../../../src/domain/report/model';
import { type Book, caseRow, dateCell, meetingRow, pdRow, rawTable, readBook, type TypedRow } from '../rules/book';

const blocksOf = (read: ReadResult, month: string, asOf: string): ReportBlock[] =>
  reportBlocks(buildReportModel(read, check(read, asOf), month, asOf, 'ブック.xlsx'));

type Table = Extract<ReportBlock, { kind: 'table' }>;
const tables = (blocks: readonly ReportBlock[]): Table[] => blocks.filter((b): b is Table => b.kind === 'table');
const headings = (blocks: readonly ReportBlock[], level: 1 | 2 | 3) =>
  blocks.flatMap(b => (b.kind === 'heading' && b.level === level ? [b.text] : []));
/** The table right after the heading with this text (skipping paragraphs). */
function tableAfter(blocks: readonly ReportBlock[], heading: string): Table | undefined {
  const at = blocks.findIndex(b => b.kind === 'heading' && b.text === heading);
  return at < 0 ? undefined : (blocks.slice(at + 1).find(b => b.kind === 'table' || b.kind === 'heading') as Table | undefined);
}

/** sample.json as RawTables (dates as real date cells), as an adapter hands them over. */
function sampleTables(): Map<string, RawTable> {
  const dateSettings = new Set<string>(contract.settings.filter(s => s.type === 'date').map(s => s.name));
  const tabs = sample.tabs as unknown as Record<string, Record<string, string | number | boolean>[]>;
  return new Map(
    contract.tabs.map(tab => {
      const dateColumns = new Set<string>(tab.columns.filter(c => c.type === 'date').map(c => c.header));
      const isDate = (h: string, v: unknown, row: Record<string, unknown>): v is string =>
        (dateColumns.has(h) || (h === '値' && dateSettings.has(String(row.項目)))) &&
        typeof v === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(v);
      const rows = (tabs[tab.name] ?? []).map(
        row => Object.fromEntries(Object.entries(row).map(([h, v]) => [h, isDate(h, v, row) ? dateCell(v) : v])) as TypedRow
      );
      return [tab.name, rawTable(tab.name, rows)] as const;
    })
  );
}

/** A workbook like the sample in shape: cases, meetings, PD hours and experts in November 2024. */
const NOVEMBER: Book = {
  設定: { PD派遣開始日: dateCell('2024-07-01') },
  案件台帳: [
    caseRow('C-001', {
      段階: '支援中',
      事前検証日: dateCell('2024-08-07'),
      担当: '成田 健太',
      次回期日: dateCell('2024-12-03'),
      次回アクション: '商標調査の報告',
    }),
  ],
  会議登録簿: [
    meetingRow('M-001', '月次連絡会', '2024-11-22'),
    meetingRow('M-002', '支援検討会', '2024-11-20', { 議事録共有日: dateCell('2024-11-22') }),
  ],
  PD稼働記録: [
    pdRow('2024-11-06', 3, { 活動内容: '伴走支援', 案件ID: 'C-001', 区分: '現地', 旅費: 24_160 }),
    pdRow('2024-11-22', 1.5, { 活動内容: '会議', 会議ID: 'M-001' }),
  ],
};

describe('report layout: 概要, PD稼働, 伴走支援, 会議, 専門家活用, 要対応事項, appendix', () => {
  const blocks = blocksOf(readBook(NOVEMBER), '2024-11', '2024-12-02');

  test('the report opens with its title naming the month, then the six sections and the appendix in order', () => {
    expect(blocks[0]).toEqual({ kind: 'title', text: '月次活動報告書（2024年11月）' });
    expect(headings(blocks, 1)).toEqual(['1. 概要', '2. 事業PDの稼働', '3. 伴走支援', '4. 会議', '5. 専門家活用', '6. 要対応事項', '付録']);
  });

  test('the appendix starts on a new page and holds the month’s rows and the open input errors', () => {
    const at = blocks.findIndex(b => b.kind === 'heading' && b.text === '付録');
    expect(blocks[at - 1]).toEqual({ kind: 'pageBreak' });
    expect(headings(blocks, 2).filter(h => h.startsWith('付録'))).toEqual([
      '付録1 PD稼働記録（2024年11月）',
      '付録2 専門家活用記録（2024年11月）',
      '付録3 会議登録簿（2024年11月）',
      '付録4 未解決の入力エラー',
    ]);
  });

  test('every table has a header and rows of the header’s width, and no table is empty (an empty grid reads as a mistake)', () => {
    for (const t of tables(blocks)) {
      expect(t.header.length).toBeGreaterThan(0);
      expect(t.rows.length).toBeGreaterThan(0);
      for (const r of t.rows) expect(r).toHaveLength(t.header.length);
      if (t.align) expect(t.align).toHaveLength(t.header.length);
    }
  });

  test('a section with nothing to list says so in a sentence instead of an empty table', () => {
    const at = blocks.findIndex(b => b.kind === 'heading' && b.text === '5. 専門家活用');
    expect(blocks[at + 2]).toEqual({ kind: 'paragraph', text: '今月の専門家活用はありません。' });
  });

  test('the PD appendix lists the month’s rows in date order and ends with a total row', () => {
    const t = tableAfter(blocks, '付録1 PD稼働記録（2024年11月）');
    expect(t?.header).toEqual(['日付', '時間', '区分', '活動内容', '案件ID', '会議ID', '旅費', '備考']);
    expect(t?.rows.map(r => r.slice(0, 2))).toEqual([
      ['11/6（水）', '3'],
      ['11/22（金）', '1.5'],
      ['合計', '4.5'],
    ]);
    expect(t?.totalRow).toBe(true);
    expect(t?.rows[0]?.[6]).toBe('24,160円');
  });

  test('the meetings table shows each meeting of the month with its minutes status in Japanese, as of asOf', () => {
    const at = blocks.findIndex(b => b.kind === 'heading' && b.text === '4. 会議');
    const t = blocks.slice(at).find((b): b is Table => b.kind === 'table');
    // 支援検討会 11-20 shared 11-22; 月次連絡会 11-22 is due 12-03, the 1st business day after 12-02.
    expect(t?.rows.map(r => [r[0], r[4], r[6]])).toEqual([
      ['M-002', '11/27（水）', '共有済'],
      ['M-001', '12/3（火）', '期限間近'],
    ]);
  });

  test('headers that would be too wide carry a line-break hint for fixed-width writers', () => {
    const t = tables(blocks).find(x => x.header[0] === '案件ID' && x.header.length === 7);
    expect(t?.header.slice(4)).toEqual(['今月の\nPD稼働', '今月の\n専門家', '今月の\n会議']);
  });
});

describe('report layout on the sample workbook (SAMPLE.md 2024-11)', () => {
  const blocks = blocksOf(readLedger(sampleTables()), sample.reportMonth, sample.asOf);

  test('the key figures table carries the hand-computed numbers', () => {
    expect(tableAfter(blocks, '主な数値')?.rows).toEqual([
      ['PD稼働時間', '36時間', '145.5時間', '280時間', '52%'],
      ['PD稼働日数', '7日', '25日', '40日', '63%'],
      ['専門家活用', '2回（上限2回）', '8回', '18回', '44%'],
      ['伴走支援企業', '—', '5社', '5社', '達成'],
      ['地域連携会議', '0回', '2回', '3回以上', '残り1回（予定1回）'],
      ['議事録の期限超過', '—', '1件（11月30日時点）', '0件', '要対応'],
    ]);
  });

  test('要対応事項 are bullets, one per kind, the overdue minutes first', () => {
    const actions = blocks[blocks.findIndex(b => b.kind === 'heading' && b.text === '6. 要対応事項') + 1];
    expect(actions?.kind === 'bullets' ? actions.items[0] : actions).toBe(
      '議事録の期限超過: 2024年11月30日時点で1件: M-014（支援検討会、11月20日開催、期限11月27日、12月2日現在も未共有）'
    );
  });

  test('PD hours under an unknown 案件ID are named below the case table, so the totals reconcile', () => {
    expect(blocks).toContainEqual({
      kind: 'paragraph',
      text: '案件台帳にない案件IDの稼働（「C-009」4.5時間、PD稼働記録 44行目）は、上の表に含めていません。',
    });
  });
});

describe('the Docs writer’s call count cannot grow with rows: the block structure does not depend on row counts', () => {
  const shape = (blocks: readonly ReportBlock[]) =>
    blocks.map(b =>
      b.kind === 'bullets'
        ? `bullets×${b.items.length}`
        : b.kind === 'table'
          ? `table×${b.header.length}${b.totalRow ? '+total' : ''}`
          : b.kind
    );

  test('a month with 2 PD rows and one with 400 give the same sequence of blocks', () => {
    const many: TypedRow[] = Array.from({ length: 400 }, (_, i) => pdRow(`2024-11-${String((i % 28) + 1).padStart(2, '0')}`, 0.01));
    const small = blocksOf(readBook(NOVEMBER), '2024-11', '2024-12-02');
    const large = blocksOf(readBook({ ...NOVEMBER, PD稼働記録: [...(NOVEMBER.PD稼働記録 ?? []), ...many] }), '2024-11', '2024-12-02');
    expect(shape(large)).toEqual(shape(small));
  });

  test('bullets are bounded by categories: 要対応事項 hold at most one item per kind, however many rows are late', () => {
    const late = Array.from({ length: 30 }, (_, i) => meetingRow(`M-${100 + i}`, 'PDチーム内会議', '2024-10-01'));
    const blocks = blocksOf(readBook({ ...NOVEMBER, 会議登録簿: [...(NOVEMBER.会議登録簿 ?? []), ...late] }), '2024-11', '2024-12-02');
    const bullets = blocks.filter((b): b is Extract<ReportBlock, { kind: 'bullets' }> => b.kind === 'bullets');
    for (const b of bullets) expect(b.items.length).toBeLessThanOrEqual(8);
  });
});

describe('amounts in yen', () => {
  test.each([
    [0, '0円'],
    [980, '980円'],
    [87_600, '87,600円'],
    [1_234_567, '1,234,567円'],
  ])('%d → %s', (n, text) => {
    expect(yen(n)).toBe(text);
  });
});
