/**
 * The year's obligations through build/Code.js on the fakes (SAMPLE.md "The year-end workbook"): checkAllEntries
 * marks every planted cell of the new tabs and nothing else there, onEdit marks an edited row of a new tab,
 * setupWorkbook lays the new tabs out, and sendReminders mails the new kinds to the right roles once a day.
 */
import sample from '../../sheets-templates/sample.json';
import { KIND_LABEL } from '../../src/domain/reminders/digest';
import { workbookTemplate } from '../../src/domain/template';
import type { FakeGoogle } from '../fakes';
import { sampleSheets } from '../support/sampleSheets';
import { loadBundle, setClock } from './loadBundle';

type Rows = Record<string, Record<string, string | number | boolean>[]>;
const yearEndSheets = () => sampleSheets(sample.yearEnd.append as unknown as Rows);
const AT = `${sample.yearEnd.asOf}T09:00:00+09:00`;
const NEW_TABS = ['PD月次報告', 'PD評価', '効果検証', '知見・ノウハウ', '広報記録', '転載許可', '報告書本文'];

/** [tab, row, header] of every cell that carries a note of the system, on the tabs given. */
function notedCells(fake: FakeGoogle, tabs: readonly string[]): string[] {
  const found: string[] = [];
  for (const tab of tabs) {
    const sheet = fake.spreadsheet.getSheetByName(tab);
    const values = fake.sheetValues(tab) ?? [];
    const header = (values[0] ?? []) as string[];
    for (let r = 2; r <= values.length; r++)
      header.forEach((h, c) => {
        if ((sheet?.getRange(r, c + 1).getNote() ?? '').startsWith('【チェック】')) found.push(`${tab} ${r} ${h}`);
      });
  }
  return found.sort();
}

describe('checkAllEntries on the year-end workbook (2025-03-03)', () => {
  test('notes exactly the planted cells of the new tabs, and the planted cells of the others', () => {
    const { fake, app } = loadBundle({ sheets: yearEndSheets() });
    setClock(app, AT);
    app.checkAllEntries();
    expect(notedCells(fake, NEW_TABS)).toEqual([
      'PD月次報告 8 受領日',
      'PD評価 3 庁相談日',
      'PD評価 4 庁報告日',
      'PD評価 4 評価日',
      '効果検証 8 実績値',
      '転載許可 3 許可日',
    ]);
    const noted = notedCells(fake, ['案件台帳', '会議登録簿', '情報取扱者名簿']);
    for (const cell of ['案件台帳 4 案件ID', '会議登録簿 21 会議ID', '情報取扱者名簿 11 役割']) expect(noted).toContain(cell);
    const note = fake.spreadsheet.getSheetByName('PD評価')?.getRange(3, 8).getNote() ?? '';
    expect(note).toContain('総合評価がCの評価（E-02）は庁担当者への相談が必要です（仕様書5.6(2)）');
    expect(fake.spreadsheet.getSheetByName('PD評価')?.getRange(3, 8).getBackground()).toBe('#f4cccc');
    expect(fake.spreadsheet.getSheetByName('PD評価')?.getRange(4, 7).getBackground()).toBe('#fff2cc');
  });

  test('on the sample’s own day the new tabs carry no note', () => {
    const { fake, app } = loadBundle({ sheets: sampleSheets() });
    setClock(app, `${sample.asOf}T09:00:00+09:00`);
    app.checkAllEntries();
    expect(notedCells(fake, NEW_TABS)).toEqual([]);
  });
});

describe('onEdit on a new tab', () => {
  test('typing 庁相談日 into E-02’s row clears its mark; a number with a unit in 効果検証 is marked', () => {
    const { fake, app } = loadBundle({ sheets: yearEndSheets() });
    setClock(app, AT);
    app.checkAllEntries();
    fake.setOnEdit(app.onEdit as never);
    const evaluations = fake.spreadsheet.getSheetByName('PD評価');
    fake.simulateUserEdit('PD評価', 3, 8, [['2025/2/25']]);
    expect(evaluations?.getRange(3, 8).getNote()).toBe('');
    fake.simulateUserEdit('効果検証', 2, 7, [['1件']]);
    expect(fake.spreadsheet.getSheetByName('効果検証')?.getRange(2, 7).getNote()).toContain('「件」は入れず');
    expect(fake.consoleEntries.filter(e => e.level === 'error')).toEqual([]);
  });
});

describe('setupWorkbook', () => {
  test('creates the new tabs with their headers and dropdowns; 設定 gets the new items with their help', () => {
    const { fake, app } = loadBundle({ sheets: {} });
    app.setupWorkbook();
    for (const name of NEW_TABS) {
      const tab = workbookTemplate.find(t => t.name === name);
      expect(fake.sheetValues(name)?.[0]).toEqual(tab?.columns.map(c => c.header));
    }
    const overall = fake.spreadsheet.getSheetByName('PD評価')?.getRange(2, 6).getDataValidation();
    expect(overall?.getCriteriaValues()[0]).toEqual(['A', 'B', 'C', 'D']);
    const settings = (fake.sheetValues('設定') ?? []).map(r => r[0]);
    for (const item of ['事業名', '年度', '評価基準承認日', 'PD月次報告期限', 'PD評価期限', '成果発表会開始日', '納入期限'])
      expect(settings).toContain(item);
  });
});

describe('sendReminders on 2025-03-03: the new kinds to the right roles, once a day', () => {
  test('each new kind reaches its roles only; a second run sends nothing new', () => {
    const { fake, app } = loadBundle({ sheets: yearEndSheets(), userEmail: 'nao.mikami@example.co.jp', uiAvailable: false });
    setClock(app, `${sample.yearEnd.asOf}T08:05:00+09:00`);
    fake.simulateTimeTrigger(app.sendReminders as never);
    const to = (kind: keyof typeof KIND_LABEL): string[] =>
      fake.sentMail
        .filter(m => m.body.includes(KIND_LABEL[kind]))
        .map(m => m.to)
        .sort();
    expect(to('pd-report-overdue')).toEqual(['hiroshi.sasaki@example.jp', 'nao.mikami@example.co.jp']);
    expect(to('pd-evaluation-unreported')).toEqual(['seiichi.kudo@example.co.jp', 'tomoko.harada@example.co.jp']);
    expect(to('presentation-coverage-missing')).toEqual(['nao.mikami@example.co.jp']);
    expect(to('reprint-permission-pending')).toEqual(['kenta.narita@example.co.jp', 'misaki.kasai@example.co.jp']);
    for (const m of fake.sentMail) {
      expect(m.body).not.toContain('成果発表会パネル討論'); // a 転載許可 著作物 (free text) never leaves the workbook
      expect(m.body).not.toContain('支援企業2社で成果の測定が遅れている'); // a 所見
    }
    const sent = fake.sentMail.length;
    fake.simulateTimeTrigger(app.sendReminders as never);
    expect(fake.sentMail).toHaveLength(sent);
  });
});
