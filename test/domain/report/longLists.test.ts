/**
 * Long lists in the monthly report are summarised, not dropped silently: past LIST_LIMIT rows the month's PD rows
 * are shown by day, the other lists cut with a last row saying how many more there are and in which tab.
 */
import { check } from '../../../src/domain/check';
import { LIST_LIMIT, type ReportBlock, reportBlocks } from '../../../src/domain/report/layout';
import { buildReportModel } from '../../../src/domain/report/model';
import { readSampleBook, SAMPLE_AS_OF } from '../../support/sampleTables';

const tableAfter = (blocks: readonly ReportBlock[], heading: string): Extract<ReportBlock, { kind: 'table' }> | undefined => {
  const at = blocks.findIndex(b => b.kind === 'heading' && b.text.startsWith(heading));
  const next = blocks[at + 1];
  return next?.kind === 'table' ? next : undefined;
};

test('a month of more PD rows than LIST_LIMIT is shown by day, the total unchanged, saying what was summarised', () => {
  const read = readSampleBook({
    change: tabs => {
      const extra = Array.from({ length: 250 }, (_, i) => ({
        日付: `2024-11-${String(5 + (i % 3)).padStart(2, '0')}`,
        時間: 0.1,
        区分: 'オンライン',
        活動内容: '準備・報告',
      }));
      tabs.PD稼働記録 = [...(tabs.PD稼働記録 ?? []), ...extra];
    },
  });
  const model = buildReportModel(read, check(read, SAMPLE_AS_OF), '2024-11', SAMPLE_AS_OF, 'sample');
  const blocks = reportBlocks(model);
  const heading = blocks.find(b => b.kind === 'heading' && b.text.startsWith('付録1'));
  expect(heading).toEqual({ kind: 'heading', level: 2, text: '付録1 PD稼働記録（2024年11月、日ごとの集計）' });
  const table = tableAfter(blocks, '付録1');
  expect(table?.header.at(-1)).toBe('行数');
  // The sample's 7 days (11-06 among them) and 11-05 and 11-07: one row a day, then the total.
  expect(table?.rows.length).toBe(9 + 1);
  expect(table?.rows.at(-1)?.[1]).toBe(String(model.pd.hoursThisMonth));
  expect(table?.rows.at(-1)?.at(-1)).toBe(`全${model.appendix.pdRows.length}行を日ごとに集計（各行はPD稼働記録にあります）`);
});

test('a month of more meetings than LIST_LIMIT lists the first ones and says how many more there are, and where', () => {
  const read = readSampleBook({
    change: tabs => {
      const extra = Array.from({ length: 230 }, (_, i) => ({ 会議ID: `M-${500 + i}`, 種別: '支援検討会', 開催日: '2024-11-18' }));
      tabs.会議登録簿 = [...(tabs.会議登録簿 ?? []), ...extra];
    },
  });
  const blocks = reportBlocks(buildReportModel(read, check(read, SAMPLE_AS_OF), '2024-11', SAMPLE_AS_OF, 'sample'));
  const table = tableAfter(blocks, '付録3');
  expect(table?.rows.length).toBe(LIST_LIMIT + 1);
  expect(table?.rows.at(-1)?.slice(0, 2)).toEqual(['…', 'ほか36件（全236件は会議登録簿にあります）']);
});
