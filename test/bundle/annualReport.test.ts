/**
 * generateAnnualReport, the eighth entry point, through build/Code.js on the fakes: a top-level function with
 * its menu item 事業報告書を作成; one current Doc 事業報告書_2024 with ① to ⑪ as headings in order, however often it
 * runs; the approval gate; Docs calls that do not grow with the rows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { annualReportOutline } from '../../sheets-templates/annualReport';
import { morePdRows, SAMPLE_AS_OF, sampleSheets } from '../support/sampleSheets';
import { BUILD_DIR, loadBundle, setClock } from './loadBundle';

const at = `${SAMPLE_AS_OF}T10:00:00+09:00`;
const approvedUser = 'nao.mikami@example.co.jp';

test('generateAnnualReport is a top-level function, on the menu as 事業報告書を作成', () => {
  expect(readFileSync(join(BUILD_DIR, 'Code.js'), 'utf8')).toMatch(/^function generateAnnualReport\(/m);
  const { fake, app } = loadBundle();
  fake.simulateOpen(app.onOpen as never);
  expect(fake.ui.menu('知財経営支援')?.items).toContainEqual(['事業報告書を作成', 'generateAnnualReport']);
});

test('two runs leave one Doc 事業報告書_2024 whose headings are 1-4, ① to ⑪ and the annex, in order', () => {
  const { fake, app } = loadBundle({ sheets: sampleSheets(), userEmail: approvedUser });
  setClock(app, at);
  app.generateAnnualReport();
  app.generateAnnualReport();
  const current = fake.documents.filter(d => !d.trashed);
  expect(current.map(d => d.name)).toEqual(['事業報告書_2024']);
  const h1 = (current[0]?.content ?? []).flatMap(b => (b.type === 'paragraph' && b.heading === 'HEADING1' ? [b.text] : []));
  expect(h1).toEqual([
    '1. 事業目的',
    '2. 事業概要',
    '3. 事業の運営体制',
    '4. 事業の実施内容及び結果',
    ...annualReportOutline.items.map(i => `${i.no} ${i.title}`),
    `別紙 ${annualReportOutline.annex.title}`,
  ]);
  expect((current[0]?.content ?? []).filter(b => b.type === 'table').length).toBeGreaterThan(15);
  const log = fake.sheetValues('実行ログ') ?? [];
  expect(log.filter(r => r.includes('annual-report')).map(r => r.includes('2024'))).toEqual([true, true]);
});

test('without the recorded cloud-use approval no Doc is made and 実行ログ has the refusal', () => {
  const sheets = sampleSheets();
  sheets.設定 = (sheets.設定 ?? []).filter(r => r[0] !== 'ISMAP承認日');
  const { fake, app } = loadBundle({ sheets, userEmail: approvedUser });
  setClock(app, at);
  app.generateAnnualReport();
  expect(fake.documents).toEqual([]);
  expect(fake.sheetValues('実行ログ')?.some(r => r.includes('refused'))).toBe(true);
});

test('the Docs calls do not grow with the number of rows', () => {
  const docsCalls = (extra: number): Record<string, number> => {
    const { fake, app } = loadBundle({ sheets: sampleSheets({ PD稼働記録: morePdRows(extra) }), userEmail: approvedUser });
    setClock(app, at);
    fake.calls.reset();
    app.generateAnnualReport();
    return Object.fromEntries(
      Object.entries(fake.calls.snapshot()).filter(([k]) =>
        /^(DocumentApp|Document|Body|Paragraph|Table|TableRow|TableCell|ListItem)\./.test(k)
      )
    );
  };
  expect(docsCalls(3000)).toEqual(docsCalls(100));
});

test('a clock years away from the programme (2099) is refused as annual-report --today is: no Doc, the refusal in 実行ログ', () => {
  const { fake, app } = loadBundle({ sheets: sampleSheets(), userEmail: approvedUser });
  setClock(app, '2099-01-01T10:00:00+09:00');
  app.generateAnnualReport();
  expect(fake.documents).toEqual([]);
  const refusal = (fake.sheetValues('実行ログ') ?? []).find(r => r.includes('annual-report') && r.includes('refused'));
  expect(refusal?.join(' ')).toContain('作成日（2099-01-01）は事業期間（2024-06-03〜2025-03-31）から3年以上離れています');
});

test('a renamed header (PD月次報告 受領日 → 受領 日): the Doc’s ① prints 不明 with the reason, and the readiness says ① cannot be judged', () => {
  const sheets = sampleSheets();
  const reports = sheets.PD月次報告 ?? [];
  reports[0] = (reports[0] ?? []).map(h => (h === '受領日' ? '受領 日' : h));
  const { fake, app } = loadBundle({ sheets, userEmail: approvedUser });
  setClock(app, at);
  app.generateAnnualReport();
  const content = fake.documents.find(d => !d.trashed)?.content ?? [];
  const at1 = content.findIndex(b => b.type === 'paragraph' && b.heading === 'HEADING1' && b.text.startsWith('①'));
  const table = content.slice(at1).find(b => b.type === 'table');
  const rows = table?.type === 'table' ? table.rows : [];
  expect(rows.find(r => r[0] === '2024年10月')?.[1]).toBe('不明');
  expect(content.some(b => b.type === 'paragraph' && b.text.includes('不明: PD月次報告の列「受領日」がないため不明です'))).toBe(true);
  const detail = (fake.sheetValues('実行ログ') ?? []).find(r => r.includes('annual-report'))?.join(' ') ?? '';
  expect(detail).toContain('① この節は判断できません: PD月次報告の列「受領日」がないため不明です');
  expect(detail).not.toContain('が受領されていません');
});
