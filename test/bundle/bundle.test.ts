import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contract } from '../../sheets-templates/contract';
import { defaultContract, TAB_NAME } from '../../src/domain/schema';
import { workbookTemplate } from '../../src/domain/template';
import { morePdRows, SAMPLE_AS_OF, sampleSheets } from '../support/sampleSheets';
import { BUILD_DIR, loadBundle, setClock } from './loadBundle';

const code = readFileSync(join(BUILD_DIR, 'Code.js'), 'utf8');
const ENTRY_POINTS = ['onOpen', 'onEdit', 'generateMonthlyReport', 'checkAllEntries', 'sendReminders', 'installTriggers', 'setupWorkbook'];

describe('build/Code.js as Apps Script loads it', () => {
  test.each(ENTRY_POINTS)('%s is a top-level function declaration', name => {
    expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
  });

  test('has no import or export statement (one classic script)', () => {
    expect(code).not.toMatch(/^(import|export) /m);
  });

  test('loaded with gas-local, every entry point is a function', () => {
    const { app } = loadBundle();
    for (const name of ENTRY_POINTS) expect(typeof app[name]).toBe('function');
  });
});

describe('onOpen', () => {
  test('adds the menu 知財経営支援 with "Generate monthly report" → generateMonthlyReport', () => {
    const { fake, app } = loadBundle();
    fake.simulateOpen(app.onOpen as never);
    const menu = fake.ui.menu('知財経営支援');
    expect(menu?.items).toContainEqual(['Generate monthly report', 'generateMonthlyReport']);
    expect(menu?.items).toContainEqual(['入力をすべてチェック', 'checkAllEntries']);
  });
});

describe('setupWorkbook', () => {
  test('creates every tab of the contract with its headers, a frozen header row and dropdowns', () => {
    const { fake, app } = loadBundle({ sheets: {} });
    app.setupWorkbook();
    for (const tab of workbookTemplate) {
      const sheet = fake.spreadsheet.getSheetByName(tab.name);
      expect(sheet).not.toBeNull();
      expect(fake.sheetValues(tab.name)?.[0]).toEqual(tab.columns.map(c => c.header));
      expect(sheet?.getFrozenRows()).toBe(1);
    }
    const meetings = fake.spreadsheet.getSheetByName('会議登録簿');
    const typeColumn = 2;
    const rule = meetings?.getRange(2, typeColumn).getDataValidation();
    expect(rule?.getCriteriaValues()[0]).toEqual([
      '地域連携会議',
      '支援検討会',
      '研修会',
      'PDチーム内会議',
      '月次連絡会',
      '成果発表会',
      'その他',
    ]);
  });

  test('protects 実行ログ and the computed columns 期限 and 状態 (warning only)', () => {
    const { fake, app } = loadBundle({ sheets: {} });
    app.setupWorkbook();
    const log = fake.spreadsheet.getSheetByName('実行ログ');
    expect(log?.getProtections(fake.gas.SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
    const meetings = fake.spreadsheet.getSheetByName('会議登録簿');
    const ranges = meetings?.getProtections(fake.gas.SpreadsheetApp.ProtectionType.RANGE) ?? [];
    expect(ranges.map(p => p.getDescription()).sort()).toEqual(
      ['chizai-desk: 「期限」は自動計算列です', 'chizai-desk: 「状態」は自動計算列です'].sort()
    );
    expect(ranges.every(p => p.isWarningOnly())).toBe(true);
  });

  test('never touches data already there; running it twice adds nothing twice', () => {
    const sheets = sampleSheets();
    const { fake, app } = loadBundle({ sheets: { 案件台帳: sheets.案件台帳 ?? [] } });
    const before = JSON.stringify(fake.sheetValues('案件台帳'));
    app.setupWorkbook();
    app.setupWorkbook();
    expect(JSON.stringify(fake.sheetValues('案件台帳'))).toBe(before);
    const meetings = fake.spreadsheet.getSheetByName('会議登録簿');
    expect(meetings?.getProtections(fake.gas.SpreadsheetApp.ProtectionType.RANGE)).toHaveLength(2);
  });

  test('a tab missing headers it always had is not given empty ones (they were renamed or deleted): it says which, values untouched', () => {
    const { fake, app } = loadBundle({
      sheets: {
        情報取扱者名簿: [
          ['氏名', 'メール', '備考'],
          ['山田 花子', 'hanako@example.co.jp', 'メモ'],
        ],
      },
    });
    app.setupWorkbook();
    const values = fake.sheetValues('情報取扱者名簿') ?? [];
    expect(values[0]).toEqual(['氏名', 'メール', '備考']);
    expect(values[1]).toEqual(['山田 花子', 'hanako@example.co.jp', 'メモ']);
    const said = fake.ui.alerts.map(a => a.prompt).join('\n');
    expect(said).toContain('情報取扱者名簿「（見出しなし）」→「有効」');
  });

  test('a tab with none of its headers yet is laid out whole after what is there', () => {
    const { fake, app } = loadBundle({ sheets: { 情報取扱者名簿: [['備考'], ['メモ']] } });
    app.setupWorkbook();
    expect(fake.sheetValues('情報取扱者名簿')?.[0]).toEqual(['備考', '氏名', 'メール', '所属', '役割', '有効']);
  });
});

describe('シートを準備 on a workbook made by an older version', () => {
  /** The sample as a workbook made before contract version `version`: later tabs, columns and 設定 items left out. */
  function olderSample(version: number): Record<string, unknown[][]> {
    const sheets = sampleSheets();
    const older: Record<string, unknown[][]> = {};
    for (const tab of defaultContract.tabs) {
      if ((tab.since ?? 1) >= version) continue;
      const grid = sheets[tab.name] ?? [];
      const keep = (grid[0] ?? []).map(h => !tab.columns.some(c => c.header === h && (c.since ?? 1) >= version));
      const later = new Set(defaultContract.settings.filter(x => (x.since ?? 1) >= version).map(x => x.name));
      older[tab.name] = grid
        .filter((row, i) => i === 0 || tab.key !== 'settings' || !later.has(String(row[0])))
        .map(row => row.filter((_, c) => keep[c]));
    }
    // One 設定 item removed by hand, as if the workbook predates it too.
    older[TAB_NAME.settings] = (older[TAB_NAME.settings] ?? []).filter(row => row[0] !== 'リマインダー時刻');
    return older;
  }
  const snapshot = (fake: ReturnType<typeof loadBundle>['fake']): Record<string, unknown[][]> =>
    Object.fromEntries(fake.spreadsheet.getSheets().map(s => [s.getName(), fake.sheetValues(s.getName()) ?? []]));

  test('adds later tabs, columns (after the last used column) and 設定 items; every other cell stays as it was', () => {
    const older = olderSample(contract.version);
    const { fake, app } = loadBundle({ sheets: older });
    app.setupWorkbook();
    const after = snapshot(fake);
    for (const [name, grid] of Object.entries(older))
      grid.forEach((row, r) => {
        row.forEach((v, c) => {
          expect([name, r, c, after[name]?.[r]?.[c]]).toEqual([name, r, c, v]);
        });
      });
    for (const tab of workbookTemplate) {
      const header = (after[tab.name]?.[0] ?? []) as string[];
      for (const c of tab.columns) expect(header).toContain(c.header);
    }
    const added = (after[TAB_NAME.settings] ?? []).slice((older[TAB_NAME.settings] ?? []).length);
    expect(added.map(r => r[0])).toContain('リマインダー時刻');
    const said = fake.ui.alerts.map(a => a.prompt).join('\n');
    expect(said).toContain('リマインダー時刻');
  });

  test('running it again changes nothing more', () => {
    const { fake, app } = loadBundle({ sheets: olderSample(contract.version) });
    app.setupWorkbook();
    const once = JSON.stringify(snapshot(fake));
    app.setupWorkbook();
    expect(JSON.stringify(snapshot(fake))).toBe(once);
  });

  test('a tab whose name has a stray full-width space is that tab: no second tab is made', () => {
    const { 案件台帳: cases = [], ...rest } = sampleSheets();
    const { fake, app } = loadBundle({ sheets: { ...rest, '案件台帳　': cases } });
    app.setupWorkbook();
    const names = fake.spreadsheet.getSheets().map(s => s.getName());
    expect(names).toContain('案件台帳　');
    expect(names).not.toContain('案件台帳');
    expect(fake.sheetValues('案件台帳　')).toEqual(cases);
  });
});

describe('checkAllEntries on the sample workbook', () => {
  const asOf = `${SAMPLE_AS_OF}T09:00:00+09:00`;

  test('fills 期限 and 状態 and marks the planted problems, leaving every typed value as it was', () => {
    const { fake, app } = loadBundle({ sheets: sampleSheets() });
    setClock(app, asOf);
    const typed = JSON.stringify(fake.sheetValues('案件台帳'));
    app.checkAllEntries();
    const meetings = fake.sheetValues('会議登録簿') ?? [];
    const header = meetings[0] as string[];
    const status = header.indexOf('状態');
    const due = header.indexOf('期限');
    const row15 = meetings[14] as unknown[]; // M-014, overdue at asOf (SAMPLE.md)
    expect(row15[0]).toBe('M-014');
    expect(row15[status]).toBe('期限超過');
    expect((meetings[15] as unknown[])[status]).toBe('期限間近'); // M-015
    expect((meetings[16] as unknown[])[status]).toBe('議事録作成中'); // M-016
    expect(Object.prototype.toString.call(row15[due])).toBe('[object Date]');
    expect(JSON.stringify(fake.sheetValues('案件台帳'))).toBe(typed);
    const cases = fake.spreadsheet.getSheetByName('案件台帳');
    expect(cases?.getRange(5, 7).getNote()).toContain('事前検証');
    expect(fake.formulasCreated).toEqual([]);
    expect(fake.ui.alerts.at(-1)?.prompt ?? '').toContain('エラー');
  });

  test('service calls do not grow with the number of rows', () => {
    const small = loadBundle({ sheets: sampleSheets() });
    setClock(small.app, asOf);
    small.app.checkAllEntries();
    const large = loadBundle({ sheets: sampleSheets({ PD稼働記録: morePdRows(2000) }) });
    setClock(large.app, asOf);
    large.app.checkAllEntries();
    expect(large.fake.calls.snapshot()).toEqual(small.fake.calls.snapshot());
  });
});

describe('onEdit (simple trigger)', () => {
  const asOf = `${SAMPLE_AS_OF}T09:00:00+09:00`;
  const DATE_COLUMN = 3; // 開催日 in the template order

  test('a date typed wrongly is marked with a note naming the fix; correcting it unmarks the cell', () => {
    const { fake, app } = loadBundle({ sheets: sampleSheets() });
    setClock(app, asOf);
    fake.setOnEdit(app.onEdit as never);
    fake.simulateUserEdit('会議登録簿', 3, DATE_COLUMN, [['令和6年13月1日']]);
    const cell = fake.spreadsheet.getSheetByName('会議登録簿')?.getRange(3, DATE_COLUMN);
    expect(cell?.getNote()).toContain('令和6年13月1日');
    expect(cell?.getBackground()).toBe('#f4cccc');
    expect(cell?.getValue()).toBe('令和6年13月1日');
    fake.simulateUserEdit('会議登録簿', 3, DATE_COLUMN, [['R6.7.26']]);
    expect(cell?.getNote()).toBe('');
    expect(cell?.getValue()).toBe('R6.7.26');
    expect(fake.consoleEntries.filter(e => e.level === 'error')).toEqual([]);
  });

  test('a paste over several rows checks each pasted row and refreshes their 期限/状態', () => {
    const { fake, app } = loadBundle({ sheets: sampleSheets() });
    setClock(app, asOf);
    fake.setOnEdit(app.onEdit as never);
    // Row 15 is M-014 (支援検討会, 5 business days): held 11/26 its minutes are due 12/03, due soon on 12/02.
    fake.simulateUserEdit('会議登録簿', 15, DATE_COLUMN, [['2024/11/26'], ['あした']]);
    const sheet = fake.spreadsheet.getSheetByName('会議登録簿');
    const header = (fake.sheetValues('会議登録簿') ?? [])[0] as string[];
    expect(sheet?.getRange(15, header.indexOf('状態') + 1).getValue()).toBe('期限間近');
    expect(sheet?.getRange(16, DATE_COLUMN).getNote()).toContain('あした');
    expect(sheet?.getRange(16, header.indexOf('状態') + 1).getValue()).toBe('要確認');
    expect(fake.consoleEntries.filter(e => e.level === 'error')).toEqual([]);
  });

  test('reads each tab once and writes per range, not per row', () => {
    const { fake, app } = loadBundle({ sheets: sampleSheets() });
    setClock(app, asOf);
    fake.setOnEdit(app.onEdit as never);
    fake.calls.reset();
    fake.simulateUserEdit('PD稼働記録', 2, 2, [[3], [4], [5], [6]]);
    expect(fake.calls.get('Range.getValues')).toBeLessThanOrEqual(5);
    expect(fake.calls.get('Range.setNotes')).toBeLessThanOrEqual(1);
  });
});

describe('installTriggers and sendReminders through the entry points', () => {
  test('installTriggers run three times leaves exactly one daily trigger for sendReminders', () => {
    const { fake, app } = loadBundle({ sheets: sampleSheets() });
    app.installTriggers();
    app.installTriggers();
    app.installTriggers();
    expect(fake.triggers.map(t => t.handlerFunction)).toEqual(['sendReminders']);
  });

  test('the daily trigger on the sample day sends one digest per person, and a second run sends nothing new', () => {
    const { fake, app } = loadBundle({ sheets: sampleSheets(), userEmail: 'nao.mikami@example.co.jp', uiAvailable: false });
    setClock(app, `${SAMPLE_AS_OF}T08:05:00+09:00`);
    fake.simulateTimeTrigger(app.sendReminders as never);
    const first = fake.sentMail.map(m => m.to).sort();
    expect(first.length).toBeGreaterThan(0);
    expect(new Set(first).size).toBe(first.length);
    fake.simulateTimeTrigger(app.sendReminders as never);
    expect(fake.sentMail.map(m => m.to).sort()).toEqual(first);
  });
});

describe('generateMonthlyReport through the menu entry point', () => {
  const at = `${SAMPLE_AS_OF}T10:00:00+09:00`;
  const approvedUser = 'nao.mikami@example.co.jp';

  test('creates exactly one Doc 月次活動報告書_YYYY-MM with headings and tables; running it again leaves one current Doc', () => {
    const { fake, app } = loadBundle({ sheets: sampleSheets(), userEmail: approvedUser });
    setClock(app, at);
    fake.ui.queuePrompt('2024-11');
    app.generateMonthlyReport();
    fake.ui.queuePrompt('2024-11');
    app.generateMonthlyReport();
    const current = fake.documents.filter(d => !d.trashed);
    expect(current.map(d => d.name)).toEqual(['月次活動報告書_2024-11']);
    const doc = current[0];
    const headings = (doc?.content ?? []).filter(b => b.type === 'paragraph' && 'heading' in b && b.heading !== 'NORMAL');
    expect(headings.length).toBeGreaterThan(5);
    expect((doc?.content ?? []).filter(b => b.type === 'table').length).toBeGreaterThan(3);
    expect(doc?.text).toContain('PD稼働');
    expect(fake.sheetValues('実行ログ')?.some(r => r.includes('2024-11'))).toBe(true);
  });

  test('the Docs calls do not grow with the number of rows', () => {
    const docsCalls = (extra: number): Record<string, number> => {
      const { fake, app } = loadBundle({ sheets: sampleSheets({ PD稼働記録: morePdRows(extra) }), userEmail: approvedUser });
      setClock(app, at);
      fake.ui.queuePrompt('2024-11');
      fake.calls.reset();
      app.generateMonthlyReport();
      return Object.fromEntries(
        Object.entries(fake.calls.snapshot()).filter(([k]) =>
          /^(DocumentApp|Document|Body|Paragraph|Table|TableRow|TableCell|ListItem)\./.test(k)
        )
      );
    };
    // Both sizes spread their rows over the same 150 days, so the report says the same things at both.
    expect(docsCalls(3000)).toEqual(docsCalls(1500));
  });

  test('without the recorded cloud-use approval no Doc is made, the user is told what to fill in, and 実行ログ has the refusal', () => {
    const sheets = sampleSheets();
    sheets.設定 = (sheets.設定 ?? []).filter(r => r[0] !== 'ISMAP承認日');
    const { fake, app } = loadBundle({ sheets, userEmail: approvedUser });
    setClock(app, at);
    fake.ui.queuePrompt('2024-11');
    app.generateMonthlyReport();
    expect(fake.documents).toEqual([]);
    expect(fake.ui.alerts.at(-1)?.prompt).toContain('ISMAP承認日');
    expect(fake.sheetValues('実行ログ')?.some(r => r.includes('refused'))).toBe(true);
  });
});
