/**
 * Next fiscal year's workbook (rollover), driven by the contract's per-tab and per-setting `rollover` flags:
 * what is carried is the cells as typed; what records the year starts empty; dates move to the next fiscal
 * year; what is granted per contract (the cloud-use approval, §21) is emptied with a note.
 */
import sample from '../../sheets-templates/sample.json';
import { type ReadResult, readLedger } from '../../src/domain/ledgerReader';
import type { Cell, RawTable } from '../../src/domain/rawTable';
import { type RolledTab, type Rollover, type RolloverOptions, RolloverRefused, rollover } from '../../src/domain/rollover';
import { type ContractSpec, defaultContract, type TabSpecOf } from '../../src/domain/schema';
import { type SampleRow, sampleTables } from '../support/sampleTables';
import { dateCell } from './rules/book';

const SAMPLE_TABS = sample.tabs as unknown as Record<string, SampleRow[]>;

function rolled(tables: Map<string, RawTable>, options: RolloverOptions = {}, contract: ContractSpec = defaultContract): Rollover {
  const read: ReadResult = readLedger(tables, contract);
  return rollover(tables, read, options);
}

const tabNamed = (r: Rollover, name: string): RolledTab => {
  const tab = r.tabs.find(t => t.name === name);
  if (!tab) throw new Error(`no tab ${name}`);
  return tab;
};

/** A tab's rows as {header: cell}, blanks left out. */
const records = (tab: RolledTab): Record<string, Cell>[] =>
  tab.rows.map(row => Object.fromEntries(tab.header.flatMap((h, i) => (row.cells[i] === null ? [] : [[h, row.cells[i] ?? null]]))));

/** 設定's 値 by 項目. */
const settingsOf = (r: Rollover): Record<string, Cell> => {
  const tab = tabNamed(r, '設定');
  return Object.fromEntries(tab.rows.map(row => [String(row.cells[0]), row.cells[1] ?? null]));
};

const withSettings = (items: Readonly<Record<string, string | number>>): Map<string, RawTable> => {
  const own = (SAMPLE_TABS.設定 ?? []).filter(r => !(String(r.項目) in items));
  return sampleTables({ ...SAMPLE_TABS, 設定: [...own, ...Object.entries(items).map(([項目, 値]) => ({ 項目, 値 }))] });
};

describe('tabs: carried, carried while the case is open, or empty, as the contract says', () => {
  const next = rolled(sampleTables());

  test('情報取扱者名簿 is carried whole, cell for cell', () => {
    const input = sampleTables().get('情報取扱者名簿');
    expect(tabNamed(next, '情報取扱者名簿').rows.map(r => r.cells)).toEqual(input?.rows.map(r => r.cells));
  });

  test('案件台帳 keeps the cases not 完了/中止, with every column as typed (history included)', () => {
    const input = sampleTables().get('案件台帳');
    const open = (input?.rows ?? []).filter(r => !['完了', '中止'].includes(String(r.cells[3])));
    expect(tabNamed(next, '案件台帳').rows.map(r => r.cells)).toEqual(open.map(r => r.cells));
    expect(records(tabNamed(next, '案件台帳')).map(r => r.案件ID)).toEqual(['C-001', 'C-002', 'C-003', 'C-004', 'C-006', 'C-007']); // C-005 完了, C-008 中止
  });

  test('会議登録簿, PD稼働記録, 専門家活用記録 and 実行ログ start empty, headers laid out', () => {
    for (const name of ['会議登録簿', 'PD稼働記録', '専門家活用記録', '実行ログ']) {
      expect(tabNamed(next, name).rows).toEqual([]);
      expect(tabNamed(next, name).header).toEqual(defaultContract.tabs.find(t => t.name === name)?.columns.map(c => c.header));
    }
    // The year's tabs (contract version 2) record the year too: they start empty as well.
    expect(next.changes.find(c => c.startsWith('空で始めるタブ'))).toBe(
      '空で始めるタブ: 会議登録簿（20行）、PD稼働記録（50行）、専門家活用記録（11行）、PD月次報告（5行）、PD評価（1行）、効果検証（12行）、知見・ノウハウ（3行）、広報記録（4行）、転載許可（1行）、報告書本文（3行）'
    );
  });

  test('a tab added to the contract needs only its flag: carried with `carry`, empty without one', () => {
    const extra = (key: string, name: string, rollover?: 'carry'): TabSpecOf => ({
      key,
      name,
      ...(rollover ? { rollover } : {}),
      columns: [{ key: 'what', header: '内容', type: 'text', width: 20 }],
    });
    const contract: ContractSpec = {
      ...defaultContract,
      tabs: [...defaultContract.tabs, extra('knowHow', '知見メモ', 'carry'), extra('yearly', '年度メモ')],
    };
    const tables = sampleTables();
    for (const name of ['知見メモ', '年度メモ'])
      tables.set(name, { name, header: ['内容'], rows: [{ rowNumber: 2, cells: [`${name}の1行目`] }] });
    const next2 = rolled(tables, {}, contract);
    expect(records(tabNamed(next2, '知見メモ'))).toEqual([{ 内容: '知見メモの1行目' }]);
    expect(tabNamed(next2, '年度メモ').rows).toEqual([]);
  });

  test('columns come in the contract’s order, then the workbook’s own extra columns, whose cells are carried', () => {
    const tables = sampleTables();
    const handlers = tables.get('情報取扱者名簿') as RawTable;
    tables.set('情報取扱者名簿', {
      ...handlers,
      header: ['備考', ...[...handlers.header].reverse()],
      rows: handlers.rows.map(r => ({ ...r, cells: [`メモ${r.rowNumber}`, ...[...r.cells].reverse()] })),
    });
    const tab = tabNamed(rolled(tables), '情報取扱者名簿');
    expect(tab.header).toEqual(['氏名', 'メール', '所属', '役割', '有効', '備考']);
    expect(records(tab)[0]).toMatchObject({ 氏名: '工藤 誠一', 備考: 'メモ2' });
  });

  test('a person’s note on a carried cell comes along; the system’s own marks (【チェック】) do not', () => {
    const notes: Record<string, string> = {
      '案件台帳:2:1': '社長の意向を確認済み',
      '案件台帳:5:6': '【チェック】段階が「支援中」の案件は…',
      '案件台帳:3:0': '旧ID K-2\n【チェック】古い印',
    };
    const next = rolled(sampleTables(), { noteOf: (tab, row, col) => notes[`${tab}:${row}:${col}`] ?? null });
    const cases = tabNamed(next, '案件台帳');
    expect(cases.rows[0]?.notes).toEqual(new Map([[1, '社長の意向を確認済み']]));
    expect(cases.rows[1]?.notes).toEqual(new Map([[0, '旧ID K-2']]));
    expect(cases.rows.slice(2).every(r => r.notes.size === 0)).toBe(true);
  });

  test('a tab the contract does not know is carried as it is, and said so', () => {
    const tables = sampleTables();
    tables.set('メモ', { name: 'メモ', header: ['覚え書き'], rows: [{ rowNumber: 2, cells: ['来年度も継続'] }] });
    const next2 = rolled(tables);
    expect(records(tabNamed(next2, 'メモ'))).toEqual([{ 覚え書き: '来年度も継続' }]);
    expect(next2.changes).toContain('メモ: 契約にないタブなので、そのまま引き継ぎました（不要なら削除してください）');
  });
});

describe('設定 rolls item by item', () => {
  test('the programme’s dates move to the next fiscal year (FY2024 → FY2025)', () => {
    const next = rolled(sampleTables());
    const s = settingsOf(next);
    expect([next.fromFiscalYear, next.toFiscalYear]).toEqual([2024, 2025]);
    expect(s.事業開始日).toEqual(dateCell('2025-06-03'));
    expect(s.事業終了日).toEqual(dateCell('2026-03-31'));
    expect(s.PD派遣開始日).toEqual(dateCell('2025-07-01'));
    expect(s.追加休日).toBe('2025-08-13, 2025-08-14');
  });

  test('--start and --end give the new period; other dates move by the fiscal years between', () => {
    const s = settingsOf(rolled(sampleTables(), { start: '2025-04-01', end: '2026-03-31' }));
    expect([s.事業開始日, s.事業終了日, s.PD派遣開始日]).toEqual([dateCell('2025-04-01'), dateCell('2026-03-31'), dateCell('2025-07-01')]);
  });

  test('the ISMAP approval is emptied with a note saying why (approval is per contract, §21)', () => {
    const next = rolled(sampleTables());
    const tab = tabNamed(next, '設定');
    const at = tab.rows.findIndex(r => r.cells[0] === 'ISMAP承認日');
    expect(tab.rows[at]?.cells[1]).toBeNull();
    expect(tab.rows[at]?.notes.get(1)).toBe(
      '前年度の値（2024-06-20）は引き継いでいません。クラウド利用の承認は契約ごとです。入力するまで、報告書の作成とメールの送信は止まります（§21）。今年度のクラウド利用の承認日（§21）を入力してください。'
    );
    expect(settingsOf(next).ISMAP承認者).toBeNull();
    // Two for the cloud-use approval; the year's approvals and receipts (評価基準承認日, PD年間計画受領日) and 事業名 too.
    expect(next.cautions.filter(c => c.includes('ISMAP'))).toHaveLength(2);
  });

  test('counts, domains and people carry as typed', () => {
    const s = settingsOf(rolled(sampleTables()));
    expect([s.PD予算日数, s.専門家月上限, s.許可ドメイン, s.リマインダー時刻]).toEqual([40, 2, 'example.co.jp', 8]);
  });

  test('29 February moves to 28 February in a year without it', () => {
    const s = settingsOf(rolled(withSettings({ 事業開始日: '2023-06-01', 事業終了日: '2024-03-31', PD派遣開始日: '2024-02-29' })));
    expect(s.PD派遣開始日).toEqual(dateCell('2025-02-28'));
  });

  test('a blank 事業終了日 (its default) is written moved, not left to mean last year’s date again', () => {
    const s = settingsOf(rolled(withSettings({ 事業終了日: '' })));
    expect(s.事業終了日).toEqual(dateCell('2026-03-31'));
  });

  test('a date that cannot be read is carried as typed, with a caution to fix it', () => {
    const next = rolled(withSettings({ PD派遣開始日: '7月ごろ' }));
    expect(settingsOf(next).PD派遣開始日).toBe('7月ごろ');
    expect(next.cautions).toContainEqual(expect.stringContaining('設定「PD派遣開始日」（7月ごろ）は日付として読み取れない'));
  });

  test('a year setting with `advance` goes up by the years moved', () => {
    const contract: ContractSpec = {
      ...defaultContract,
      settings: [
        ...defaultContract.settings,
        { key: 'testYear', name: '年度テスト', type: 'count', default: null, help: '', rollover: 'advance' },
      ],
    };
    expect(settingsOf(rolled(withSettings({ 年度テスト: 2024 }), {}, contract)).年度テスト).toBe(2025);
    expect(settingsOf(rolled(withSettings({ 年度テスト: 2024 }), { start: '2026-04-01', end: '2027-03-31' }, contract)).年度テスト).toBe(
      2026
    );
  });

  test('items the workbook lacks come in with their defaults and help', () => {
    const own = (SAMPLE_TABS.設定 ?? []).filter(r => r.項目 !== '専門家予算回数');
    const next = rolled(sampleTables({ ...SAMPLE_TABS, 設定: own }));
    const row = tabNamed(next, '設定').rows.find(r => r.cells[0] === '専門家予算回数');
    expect(row?.cells).toEqual(['専門家予算回数', 18, '専門家活用の予算回数（§12(2)）']);
  });
});

describe('a period that is not a later fiscal year is refused', () => {
  test('--start without --end', () => {
    expect(() => rolled(sampleTables(), { start: '2025-04-01' })).toThrow(RolloverRefused);
  });

  test('a period in the workbook’s own fiscal year', () => {
    expect(() => rolled(sampleTables(), { start: '2024-10-01', end: '2025-03-31' })).toThrow('2024年度');
  });

  test('--start after --end', () => {
    expect(() => rolled(sampleTables(), { start: '2026-04-01', end: '2025-03-31' })).toThrow(RolloverRefused);
  });

  test('a period running into the next fiscal year (--end 2026-06-30 for a period from 2025-04-01)', () => {
    expect(() => rolled(sampleTables(), { start: '2025-04-01', end: '2026-06-30' })).toThrow(
      '2025年度（2025-04-01〜2026-03-31）に収まっていません'
    );
  });
});

test('a shorter new period: a date of the year moved outside it is a caution (check would call it invalid-setting)', () => {
  const next = rolled(sampleTables(), { start: '2025-06-02', end: '2025-11-28' });
  expect(next.cautions).toEqual(
    expect.arrayContaining([
      '設定「成果発表会開始日」（2025-12-01）が新しい事業期間（2025-06-02〜2025-11-28）の外です。期間内の日付を入力してください。',
      '設定「納入期限」（2026-03-31）が新しい事業期間（2025-06-02〜2025-11-28）の外です。期間内の日付を入力してください。',
    ])
  );
  expect(rolled(sampleTables()).cautions.some(c => /新しい事業期間（.*）の外/.test(c))).toBe(false);
});

test('a period two fiscal years on is allowed, and the skipped year is a caution', () => {
  const next = rolled(sampleTables(), { start: '2026-06-01', end: '2027-03-31' });
  expect(next.toFiscalYear).toBe(2026);
  expect(next.cautions[0]).toBe(
    '2024年度のブックから2026年度のブックを作ります（2025年度を飛ばしています）。期間が正しいか確認してください。'
  );
  expect(rolled(sampleTables()).cautions.some(c => c.includes('飛ばしています'))).toBe(false);
});
