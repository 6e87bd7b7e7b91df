/**
 * The 事業報告書 (spec §15(1)) from the sample workbook, against SAMPLE.md "The 事業報告書 on the sample": the ①
 * figures are the monthly report's, month by month; the readiness list is exactly the hand-computed one; the layout
 * follows §15(1)'s order and words, never prints the readiness, and keeps its block structure however many rows.
 */
import { annualReportOutline } from '../../../sheets-templates/annualReport';
import { ANNUAL_LIST_LIMIT, annualReportBlocks } from '../../../src/domain/annualReport/layout';
import { type AnnualReportModel, buildAnnualReport } from '../../../src/domain/annualReport/model';
import { annualReportJson } from '../../../src/domain/annualReport/summary';
import { check } from '../../../src/domain/check';
import { type ReadResult, readLedger } from '../../../src/domain/ledgerReader';
import { chartBlocksAsOf, type ReportBlock } from '../../../src/domain/report/layout';
import { buildReportModel } from '../../../src/domain/report/model';
import { SAMPLE_READINESS } from '../../support/sampleExpectations';
import { morePdRows } from '../../support/sampleSheets';
import { readSampleBook, SAMPLE_AS_OF, type SampleTabs, sampleRows, sampleTables, YEAR_END_AS_OF } from '../../support/sampleTables';

const modelOf = (read: ReadResult, asOf = SAMPLE_AS_OF): AnnualReportModel => buildAnnualReport(read, check(read, asOf), asOf, 'sample');
const sample = readSampleBook();
const model = modelOf(sample);

describe('① the PD monthly reports and the year’s PD hours (§15(1)①, §5.4(1))', () => {
  test('one row per month from 事業開始日’s to 事業終了日’s, each month’s figures those of its monthly report', () => {
    expect(model.pd.months.map(m => m.month)).toEqual([
      '2024-06',
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
      '2025-03',
    ]);
    for (const m of model.pd.months) {
      const monthly = buildReportModel(sample, check(sample, SAMPLE_AS_OF), m.month, SAMPLE_AS_OF, 'sample');
      expect({ month: m.month, hours: m.hours, days: m.days }).toEqual({
        month: m.month,
        hours: monthly.pd.hoursThisMonth,
        days: monthly.pd.daysThisMonth,
      });
    }
  });

  test('the year: 145.5 h on 25 days of 280 h / 40 days; by activity they add up to the same hours', () => {
    expect(model.pd).toMatchObject({ hours: 145.5, days: 25, budgetHours: 280, budgetDays: 40, annualPlanReceivedOn: '2024-07-12' });
    expect(model.pd.byActivity.reduce((a, x) => a + x.hours, 0)).toBeCloseTo(145.5, 6);
    expect(model.pd.months.find(m => m.month === '2024-06')?.due).toBeNull(); // before PD派遣開始日
    expect(model.pd.months.find(m => m.month === '2024-10')).toMatchObject({
      due: '2024-11-08',
      receivedOn: '2024-11-08',
      submittedOn: '2024-11-13',
    });
  });
});

describe('the other sections from their tabs', () => {
  test('運営体制 lists the active handlers by 役割 in the contract’s order; 福士 亮 (inactive) is not there', () => {
    expect(model.organisation.map(o => [o.role, o.members.map(m => m.name)])).toEqual([
      ['事業統括責任者', ['工藤 誠一']],
      ['事業担当リーダー', ['三上 奈緒']],
      ['事業担当者', ['成田 健太', '葛西 美咲']],
      ['事業PD', ['佐々木 浩']],
      ['PDチーム', ['木村 彩', '対馬 隆']],
      ['庁担当者', ['山内 由紀']],
    ]);
  });

  test('⑦-⑩: each item’s meetings by 種別, held or ahead, in date order', () => {
    expect(model.meetingItems.map(i => [i.no, i.meetings.map(m => m.id)])).toEqual([
      ['⑦', ['M-002', 'M-005', 'M-007', 'M-009', 'M-015', 'M-017']],
      ['⑧', ['M-004', 'M-006', 'M-008', 'M-011', 'M-014', 'M-018']],
      ['⑨', ['M-001', 'M-012', 'M-016']],
      ['⑩', ['M-003', 'M-010', 'M-019']],
    ]);
  });

  test('⑤ and ⑥: the PD team, the companies the PD worked on, the supported ones, the presentation', () => {
    expect(model.team.members.map(m => m.name)).toEqual(['佐々木 浩', '木村 彩', '対馬 隆']);
    expect(model.results.supported.map(c => c.id)).toEqual(['C-001', 'C-002', 'C-003', 'C-004', 'C-005']);
    expect(model.results.presentations).toEqual([
      { id: 'M-020', date: '2025-02-21', held: false, announcements: 0, coverage: 0, rowNumber: 21 },
    ]);
    expect(model.results.held.find(h => h.type === '地域連携会議')?.count).toBe(2);
  });
});

describe('readiness for delivery (SAMPLE.md, hand-computed)', () => {
  test('complete 60 of 72, and exactly the twelve planted gaps, in section order, each with its tab and row', () => {
    const { readiness } = model;
    expect({ complete: readiness.complete, total: readiness.total }).toEqual({
      complete: SAMPLE_READINESS.complete,
      total: SAMPLE_READINESS.total,
    });
    expect(readiness.missing.map(m => `${m.section} ${m.sheet} ${m.row ?? '-'}`)).toEqual(SAMPLE_READINESS.gaps);
    expect(readiness.missing[1]?.what).toContain('庁提出日');
    expect(readiness.missing[2]?.what).toContain('文書URL');
    expect(readiness.missing.at(-1)?.what).toContain('意見・提言');
  });

  test('the year-end workbook (2025-03-03) names what its plants leave missing: E-02’s consultation, E-03’s approval, the write-up, the permission', () => {
    const missing = modelOf(readSampleBook({ yearEnd: true }), YEAR_END_AS_OF).readiness.missing.map(
      m => `${m.section} ${m.sheet} ${m.row ?? '-'} ${m.what}`
    );
    for (const expected of [
      /^3 情報取扱者名簿 11 事務局の体制/,
      /^① PD月次報告 8 2025年1月分の月次報告書が受領されていません/,
      /^② PD評価 3 評価（E-02）は総合評価Cですが庁相談日がありません/,
      /^② PD評価 4 評価（E-03）は評価基準の承認/,
      /^② PD評価 4 評価（E-03）の庁報告日がありません/,
      /^⑥ 会議登録簿 21 成果発表会（M-020）の開催案内/,
      /^⑥ 会議登録簿 21 成果発表会（M-020）の採録記事/,
      /^別紙 転載許可 3 転載の許可日がありません/,
      /^別紙 転載許可 3 許可書URLがありません/,
    ])
      expect({ expected: String(expected), found: missing.some(m => expected.test(m)) }).toEqual({
        expected: String(expected),
        found: true,
      });
  });
});

const headings = (blocks: readonly ReportBlock[], level: 1 | 2 = 1): string[] =>
  blocks.flatMap(b => (b.kind === 'heading' && b.level === level ? [b.text] : []));

describe('the layout follows §15(1)', () => {
  const blocks = annualReportBlocks(model);

  test('cover, contents, then 1-4, ① to ⑪ in the spec’s order and words, and the annex', () => {
    expect(blocks[0]).toEqual({
      kind: 'cover',
      title: '事業報告書',
      lines: [
        '令和6年度青森県知財経営支援モデル地域創出事業',
        '令和6年度（2024年度）',
        '青森県',
        '株式会社エグザンプル総研',
        '2025年3月31日',
      ],
    });
    expect(blocks[1]?.kind).toBe('toc');
    expect(headings(blocks)).toEqual([
      '1. 事業目的',
      '2. 事業概要',
      '3. 事業の運営体制',
      '4. 事業の実施内容及び結果',
      ...annualReportOutline.items.map(i => `${i.no} ${i.title}`),
      `別紙 ${annualReportOutline.annex.title}`,
    ]);
    expect(headings(blocks)[4]).toBe('① 事業PDが作成した月次報告書');
    expect(headings(blocks)[14]).toBe('⑪ その他、事業の執行状況を把握するために有効であるとして庁担当者が指示したもの');
  });

  test('the contents list every chapter heading', () => {
    const toc = blocks[1];
    expect(toc?.kind === 'toc' ? toc.entries.map(e => e.text) : []).toEqual(headings(blocks));
  });

  test('① is a table of the months with the year’s total; the written narrative is printed as written', () => {
    const table = blocks.find((b): b is Extract<ReportBlock, { kind: 'table' }> => b.kind === 'table' && b.header[0] === '対象月');
    expect(table?.rows.at(-1)).toEqual(['合計', '', '', '', '145.5時間', '25日']);
    expect(table?.rows.find(r => r[0] === '2024年11月')).toEqual(['2024年11月', '2024/12/2', '—', '—', '36時間', '7日']);
    const purpose = blocks[blocks.findIndex(b => b.kind === 'heading' && b.text === '1. 事業目的') + 1];
    expect(purpose).toEqual({ kind: 'paragraph', text: sampleText('事業目的') });
  });

  test('the readiness list is never printed in the report', () => {
    const text = JSON.stringify(blocks);
    for (const m of model.readiness.missing) expect(text).not.toContain(m.what);
    expect(text).not.toContain('足りない');
  });

  test('the monthly report’s four charts as of asOf, each where its subject is: targets in 2, PD hours in ①, expert uses in ⑤, minutes in ⑥', () => {
    const sectionOf = (id: string): string => {
      const at = blocks.findIndex(b => b.kind === 'chart' && b.chart.id === id);
      return headings(blocks.slice(0, at)).at(-1)?.slice(0, 2) ?? '';
    };
    expect(['targets', 'pdHours', 'expertUses', 'minutes'].map(sectionOf)).toEqual(['2.', '① ', '⑤ ', '⑥ ']);
    const charts = blocks.filter(b => b.kind === 'chart');
    expect(new Set(charts)).toEqual(new Set(chartBlocksAsOf(sample, check(sample, SAMPLE_AS_OF), SAMPLE_AS_OF, 'sample')));
  });
});

function sampleText(chapter: string): string {
  const row = (readSampleBook().ledger.narrative ?? []).find(r => r.chapter === chapter);
  return row?.text ?? '';
}

describe('the report stays the same size of document however many rows (the Docs calls cannot grow)', () => {
  const shape = (blocks: readonly ReportBlock[]) =>
    blocks.map(b =>
      b.kind === 'table' ? `table×${b.header.length}${b.totalRow ? '+total' : ''}` : b.kind === 'heading' ? b.text : b.kind
    );

  test('2,000 more PD rows and 600 more meetings give the same blocks; a long list is cut at ANNUAL_LIST_LIMIT (100) rows and says so', () => {
    const more = (tabs: SampleTabs): void => {
      tabs.PD稼働記録 = [...(tabs.PD稼働記録 ?? []), ...morePdRows(2000)];
      tabs.会議登録簿 = [
        ...(tabs.会議登録簿 ?? []),
        ...Array.from({ length: 600 }, (_, i) => ({ 会議ID: `M-${1000 + i}`, 種別: '月次連絡会', 開催日: '2024-10-16' })),
      ];
    };
    const large = annualReportBlocks(modelOf(readSampleBook({ change: more })));
    expect(shape(large)).toEqual(shape(annualReportBlocks(model)));
    const item7 = large[large.findIndex(b => b.kind === 'heading' && b.text.startsWith('⑦')) + 1];
    expect(item7?.kind === 'table' ? item7.rows.length : 0).toBe(ANNUAL_LIST_LIMIT + 1);
    expect(item7?.kind === 'table' ? item7.rows.at(-1)?.[1] : '').toBe('ほか506件（全606件は会議登録簿にあります）');
  });
});

describe('annual-report --json', () => {
  test('exactly {fiscalYear, sections:[{no,title,rows,missing}], readiness:{complete,total,missing:[{section,what,sheet,row}]}}', () => {
    const json = annualReportJson(model);
    expect(Object.keys(json)).toEqual(['fiscalYear', 'sections', 'readiness']);
    expect(json.fiscalYear).toBe(2024);
    expect(json.sections.map(s => s.no)).toEqual(['1', '2', '3', '4', '①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩', '⑪', '別紙']);
    for (const s of json.sections) expect(Object.keys(s)).toEqual(['no', 'title', 'rows', 'unknown', 'caveats', 'missing']);
    for (const s of json.sections)
      expect({ no: s.no, unknown: s.unknown, caveats: s.caveats }).toEqual({ no: s.no, unknown: null, caveats: [] });
    expect(Object.keys(json.readiness)).toEqual(['complete', 'total', 'missing']);
    for (const m of json.readiness.missing) expect(Object.keys(m)).toEqual(['section', 'what', 'sheet', 'row']);
    expect(json.sections.find(s => s.no === '①')).toMatchObject({ title: '事業PDが作成した月次報告書', rows: 10 });
    expect(json.sections.flatMap(s => s.missing)).toEqual(json.readiness.missing);
  });
});

/** The sample with one header of a tab typed differently (a person's edit of row 1). */
function renamed(tab: string, from: string, to: string): ReadResult {
  const tables = sampleTables(sampleRows());
  const table = tables.get(tab);
  if (!table?.header.includes(from)) throw new Error(`${tab} has no header ${from}`);
  tables.set(tab, { ...table, header: table.header.map(h => (h === from ? to : h)) });
  return readLedger(tables);
}

/** The rows of the first table after the heading that starts with `no`. */
function tableAfter(blocks: readonly ReportBlock[], no: string): readonly (readonly string[])[] {
  const at = blocks.findIndex(b => b.kind === 'heading' && b.text.startsWith(no));
  const table = blocks.slice(at + 1).find(b => b.kind === 'table');
  return table?.kind === 'table' ? table.rows : [];
}
const textsAfter = (blocks: readonly ReportBlock[], no: string): string[] => {
  const at = blocks.findIndex(b => b.kind === 'heading' && b.text.startsWith(no));
  const end = blocks.findIndex((b, i) => i > at && b.kind === 'heading' && b.level === 1);
  return blocks.slice(at + 1, end).flatMap(b => (b.kind === 'paragraph' ? [b.text] : []));
};

describe('a renamed header makes its section unknown, never a list of gaps (README "What the tool refuses and why" 5)', () => {
  test.each([
    ['PD月次報告', '対象月', '対象 月', '①'],
    ['PD月次報告', '対象月', '月', '①'],
    ['PD月次報告', '受領日', '受領 日', '①'],
    ['効果検証', '実績値', '実績', '③'],
    ['効果検証', '観点', '観 点', '③'],
  ])('%s「%s」→「%s」: %s is one item that cannot be judged, naming tab and column', (tab, from, to, no) => {
    const read = renamed(tab, from, to);
    expect(read.findings.some(f => f.code === 'missing-header' && f.sheet === tab && f.column === from)).toBe(true);
    const m = modelOf(read);
    const items = m.readiness.missing.filter(x => x.section === no);
    const tabItems = items.filter(x => x.sheet === tab);
    expect(tabItems).toHaveLength(1);
    expect(tabItems[0]?.what).toContain('判断できません');
    expect(tabItems[0]?.what).toContain(`${tab}の列「${from}」がないため不明です`);
    expect(tabItems[0]?.what).toContain('見出しを直してください');
    // No gap derived from the missing column, for any month or company: the section's only other items are 設定's.
    expect(items.filter(x => x.sheet !== tab && x.sheet !== '設定')).toEqual([]);
    for (const x of items) expect(x.what).not.toMatch(/が受領されていません|庁提出日がありません|文書URLがありません|の検証がありません/);
    // The unknown section is counted, and not as complete.
    expect(m.readiness.complete + m.readiness.missing.length).toBe(m.readiness.total);
    expect(m.readiness.complete).toBeLessThan(60);
    const json = annualReportJson(m).sections.find(s => s.no === no);
    expect(json).toMatchObject({ rows: null, unknown: `${tab}の列「${from}」がないため不明です` });
    expect(json?.missing).toEqual(items);
    // The other sections are still known.
    expect(
      annualReportJson(m)
        .sections.filter(s => s.unknown !== null)
        .map(s => s.no)
    ).toEqual([no]);
  });

  test('① with 受領日 renamed: every month from PD派遣開始日’s prints 不明 in 受領日, never “—”, and the reason under the heading', () => {
    const blocks = annualReportBlocks(modelOf(renamed('PD月次報告', '受領日', '受領 日')));
    const rows = tableAfter(blocks, '①').filter(r => r[0] !== '合計');
    expect(rows.map(r => r[1])).toEqual(['（派遣前）', ...Array.from({ length: 9 }, () => '不明')]);
    expect(rows.map(r => r[2])).toContain('2024/11/13'); // 庁提出日 is still read
    expect(textsAfter(blocks, '①')[0]).toContain('不明: PD月次報告の列「受領日」がないため不明です');
  });

  test('① with 対象月 renamed: the reports cannot be matched to months, so 受領日, 庁提出日 and 文書 are 不明; the hours are still the timesheet’s', () => {
    const blocks = annualReportBlocks(modelOf(renamed('PD月次報告', '対象月', '対象 月')));
    const rows = tableAfter(blocks, '①');
    const oct = rows.find(r => r[0] === '2024年10月');
    expect(oct?.slice(1, 4)).toEqual(['不明', '不明', '不明']);
    expect(rows.at(-1)?.slice(4)).toEqual(['145.5時間', '25日']);
  });

  test('③ with 実績値 renamed: 実績値 cells are 不明; with 観点 renamed (the rows cannot be read) the list is 不明 with the reason', () => {
    const actual = annualReportBlocks(modelOf(renamed('効果検証', '実績値', '実績')));
    const rows = tableAfter(actual, '③');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r[5]).toBe('不明');
    const aspect = annualReportBlocks(modelOf(renamed('効果検証', '観点', '観 点')));
    expect(textsAfter(aspect, '③')).toContain('一覧は不明です（効果検証の列「観点」がないため不明です）。');
  });

  test('the unedited sample has every section known and no 不明 in the document', () => {
    expect(Object.values(model.sources.sections).filter(s => s.unknown !== null || s.caveats.length > 0)).toEqual([]);
    const all = annualReportBlocks(model).flatMap(b =>
      b.kind === 'table' ? b.rows.flat() : b.kind === 'paragraph' || b.kind === 'heading' ? [b.text] : []
    );
    expect(all.filter(t => t.includes('不明'))).toEqual([]);
  });
});

test('without the 設定 tab, the readiness says its items are unknown, not empty', () => {
  const readiness = modelOf(readSampleBook({ without: ['設定'] })).readiness;
  const settingsItems = readiness.missing.filter(m => m.sheet === '設定').map(m => m.what);
  expect(settingsItems).toEqual(expect.arrayContaining([expect.stringContaining('「PD年間計画受領日」はタブ「設定」がないため不明です')]));
  expect(settingsItems.some(w => w.includes('が空です'))).toBe(false);
});

test('without the 設定 tab, ① is unknown and no hours are printed as 0 (the programme’s months are not known)', () => {
  const m = modelOf(readSampleBook({ without: ['設定'] }));
  expect(m.sources.sections['①']?.unknown).toMatch(/タブ「設定」がないため不明です/);
  const text = annualReportBlocks(m)
    .flatMap(b => ('text' in b ? [b.text] : 'rows' in b ? b.rows.flat() : []))
    .join('\n');
  expect(text).toContain('年間の稼働は不明です');
  expect(text).not.toMatch(/(^|[^\d.])0日・0時間/m);
});

test('設定 dates of something done but still ahead (PD年間計画受領日, 評価基準承認日) are gaps, said as ahead', () => {
  const m = modelOf(
    readSampleBook({
      change: tabs => {
        for (const r of tabs.設定 ?? []) {
          if (r.項目 === 'PD年間計画受領日') r.値 = '2024-12-10';
          if (r.項目 === '評価基準承認日') r.値 = '2024-12-10';
        }
      },
    })
  );
  const what = m.readiness.missing.map(x => x.what);
  expect(what).toEqual(
    expect.arrayContaining([
      expect.stringContaining('「PD年間計画受領日」（2024-12-10）はまだ先の日付です'),
      expect.stringContaining('「評価基準承認日」（2024-12-10）はまだ先の日付です'),
    ])
  );
  expect(m.readiness.complete).toBeLessThan(model.readiness.complete);
});
