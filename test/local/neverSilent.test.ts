/**
 * Never silently wrong (README "What the tool refuses and why"): realistic edits of the sample workbook, each
 * through the built CLI on a real .xlsx (written by SheetJS), either give the right figure or a finding at the
 * edited cell. One describe per class of edit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import type * as XLSX from 'xlsx';
import sample from '../../sheets-templates/sample.json';
import { AS_OF, type EditableRows, removeTempDirs, runCli, tempDir, writeFixture } from './support';

afterAll(removeTempDirs);

interface FindingJson {
  readonly sheet: string;
  readonly row: number | null;
  readonly column: string | null;
  readonly severity: string;
  readonly code: string;
  readonly message: string;
}

type RowEdit = (rows: EditableRows) => void;
type SheetEdit = (tab: string, ws: XLSX.WorkSheet, header: readonly string[]) => void;

/** The clean sample workbook (no error findings, its two warnings) with an edit, as a file. */
function bookWith(edit?: RowEdit, sheetEdit?: SheetEdit): string {
  const path = join(tempDir(), 'book.xlsx');
  writeFixture(path, true, { ...(edit ? { edit } : {}), ...(sheetEdit ? { sheetEdit } : {}) });
  return path;
}

const rowsOf = (rows: EditableRows, tab: string) => rows[tab] ?? [];
/** The row (sheet row number, header = 1) of a tab, to edit in place. */
const rowAt = (rows: EditableRows, tab: string, sheetRow: number) => {
  const row = rowsOf(rows, tab)[sheetRow - 2];
  if (!row) throw new Error(`no row ${sheetRow} in ${tab}`);
  return row;
};
/** An edit that types one value into one cell. */
const setCell =
  (tab: string, sheetRow: number, column: string, value: string): RowEdit =>
  rows => {
    rowAt(rows, tab, sheetRow)[column] = value;
  };
const settingRow = (rows: EditableRows, name: string) => {
  const at = rowsOf(rows, '設定').findIndex(r => r.項目 === name);
  if (at < 0) throw new Error(`no setting ${name}`);
  return { row: rowsOf(rows, '設定')[at] as Record<string, unknown>, sheetRow: at + 2 };
};

function checkJson(
  path: string,
  today = AS_OF
): { findings: FindingJson[]; meetings: { id: string; minutesDue: string | null; status: string }[] } {
  const run = runCli(['check', path, '--today', today, '--json']);
  expect(run.stdout).not.toBe('');
  return JSON.parse(run.stdout);
}

// biome-ignore lint/suspicious/noExplicitAny: the report model as JSON, read field by field
function reportJson(path: string, month: string, today = AS_OF): any {
  const run = runCli(['report', path, '--month', month, '--json', '--out', tempDir(), '--today', today]);
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

function remindJson(path: string, today = AS_OF): { sent: { to: string; items: { kind: string; ref: string; due: string | null }[] }[] } {
  const run = runCli(['remind', path, '--outbox', tempDir(), '--today', today, '--json']);
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

const at = (findings: readonly FindingJson[], sheet: string, row: number | null, column: string | null) =>
  findings.filter(f => f.sheet === sheet && f.row === row && f.column === column);

/** The file without one of its tabs, as when a person deletes or renames it. */
const withoutTab = (path: string, tab: string): string => {
  const X = require('xlsx') as typeof XLSX;
  const wb = X.readFile(path);
  delete wb.Sheets[tab];
  wb.SheetNames = wb.SheetNames.filter(n => n !== tab);
  X.writeFile(wb, path);
  return path;
};

let clean: string;
beforeAll(() => {
  clean = bookWith();
});

describe('設定 mistakes are findings at their row, never a silent default (DESIGN "The workbook contract" 設定)', () => {
  test('事業開始日 after 事業終了日 is an invalid-setting at 事業開始日, not only zeros to date', () => {
    let row = 0;
    const path = bookWith(rows => {
      const s = settingRow(rows, '事業開始日');
      s.row.値 = '2025-06-03';
      row = s.sheetRow;
    });
    const found = at(checkJson(path).findings, '設定', row, '値');
    expect(found.map(f => f.code)).toContain('invalid-setting');
    expect(found.find(f => f.code === 'invalid-setting')?.message).toMatch(/事業終了日/);
  });

  test('a duplicated item is a duplicate-setting at the second row, and the first row still decides', () => {
    const path = bookWith(rows => {
      rowsOf(rows, '設定').push({ 項目: '追加休日', 値: '2024-07-16' });
    });
    const { findings, meetings } = checkJson(path);
    const last = 2 + (sample.tabs.設定 ?? []).length; // the sample's settings, then the duplicate
    expect(at(findings, '設定', last, '項目').map(f => f.code)).toEqual(['duplicate-setting']);
    expect(meetings.find(m => m.id === 'M-004')?.minutesDue).toBe('2024-08-19');
  });

  test('a misspelt item is an unknown-setting that names the item it was probably meant to be', () => {
    let row = 0;
    const path = bookWith(rows => {
      const s = settingRow(rows, '支援企業目標数');
      s.row.項目 = '支援企業目標';
      row = s.sheetRow;
    });
    const found = at(checkJson(path).findings, '設定', row, '項目');
    expect(found.map(f => [f.code, f.severity])).toEqual([['unknown-setting', 'error']]);
    expect(found[0]?.message).toMatch(/「支援企業目標数」のことですか/);
  });

  test('one bad date in 追加休日 keeps the good ones (deadlines do not move), and the message shows no empty default', () => {
    let row = 0;
    const path = bookWith(rows => {
      const s = settingRow(rows, '追加休日');
      s.row.値 = '2024-08-13,2024-08-14,2024-08-32';
      row = s.sheetRow;
    });
    const { findings, meetings } = checkJson(path);
    const found = at(findings, '設定', row, '値');
    expect(found.map(f => f.code)).toEqual(['invalid-setting']);
    expect(found[0]?.message).toMatch(/3番目/);
    expect(found[0]?.message).not.toMatch(/既定値\s*を/);
    expect(meetings.find(m => m.id === 'M-004')?.minutesDue).toBe(checkJson(clean).meetings.find(m => m.id === 'M-004')?.minutesDue);
  });
});

describe('a formula cell is read as its cached result, whatever it is (DESIGN: input understood or rejected)', () => {
  test('cached 0, FALSE and "" (LibreOffice =FALSE(), Sheets =IFERROR(…,"")) are values, not errors', () => {
    const path = bookWith(rows => {
      rowAt(rows, '専門家活用記録', 2).謝金 = { typed: { t: 'n', v: 0, f: '0*15000' } };
      rowAt(rows, '情報取扱者名簿', 10).有効 = { typed: { t: 'b', v: false, f: 'FALSE()' } };
      rowAt(rows, 'PD稼働記録', 3).備考 = { typed: { t: 's', v: '', f: 'IFERROR(1/0,"")' } };
    });
    const { findings } = checkJson(path);
    const cleanFindings = checkJson(clean).findings;
    expect(findings).toEqual(cleanFindings);
  });
});

describe('a formula without a cached result is one clear finding at its cell, read as unknown (README #6)', () => {
  /** openpyxl writes a formula with an empty <v/>; SheetJS (and a hand-made file) with no <v> at all. */
  async function withEmptyCachedValue(path: string, formulas: readonly string[]): Promise<string> {
    const zip = await JSZip.loadAsync(readFileSync(path));
    for (const name of Object.keys(zip.files).filter(n => /^xl\/worksheets\/.*\.xml$/.test(n))) {
      let xml = (await zip.file(name)?.async('string')) ?? '';
      for (const f of formulas) xml = xml.split(`<f>${f}</f></c>`).join(`<f>${f}</f><v/></c>`);
      zip.file(name, xml);
    }
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer' }));
    return path;
  }

  const CELLS = [
    ['効果検証', 8, '実績値', 'SUM(1,2)'],
    ['効果検証', 9, '実績値', '1200'],
    ['PD月次報告', 6, '庁提出日', 'DATE(2024,12,3)'],
    ['PD稼働記録', 3, '時間', '3+4'],
    ['会議登録簿', 3, '開催日', 'DATE(2024,7,10)'],
  ] as const;

  test('every column type says the formula has no saved result, through both readers, never 0, blank or 0:00', async () => {
    const path = await withEmptyCachedValue(
      bookWith(rows => {
        for (const [tab, row, column, f] of CELLS)
          rowAt(rows, tab, row)[column] = {
            typed: column === '実績値' || column === '時間' ? { t: 'n', f } : { t: 'n', f, z: 'yyyy-mm-dd' },
          };
      }),
      ['SUM(1,2)', 'DATE(2024,12,3)'] // 1200, 3+4 and DATE(2024,7,10) keep no <v> at all
    );
    const streamed = checkJson(path).findings;
    const full = JSON.parse(runCli(['check', path, '--today', AS_OF, '--json', '--annotate', join(tempDir(), 'a.xlsx')]).stdout)
      .findings as FindingJson[];
    for (const findings of [streamed, full])
      for (const [tab, row, column, f] of CELLS) {
        const found = at(findings, tab, row, column);
        expect(found.map(x => `${x.code} ${x.severity}`)).toEqual(['formula-without-result error']);
        expect(found[0]?.message).toBe(
          `数式 =${f} の計算結果が保存されていません。Excel か LibreOffice で開いて保存し直すか、値を入力してください。`
        );
      }
    expect(full).toEqual(streamed);
    // The essential 時間 and 開催日 leave their rows out, as any unreadable essential cell does; nothing else is said of them.
    expect(at(streamed, 'PD稼働記録', 3, null)).toEqual([]);
  });
});

describe('a row with a bad cell still counts for what its good cells say', () => {
  test('a blank 企業名 is a required error, and the case still counts as supported and is still reminded', () => {
    const path = bookWith(rows => {
      rowAt(rows, '案件台帳', 2).企業名 = undefined;
    });
    expect(at(checkJson(path).findings, '案件台帳', 2, '企業名').map(f => f.code)).toEqual(['required']);
    expect(reportJson(path, '2024-11').cases.supported).toBe(reportJson(clean, '2024-11').cases.supported);
    const items = remindJson(path).sent.flatMap(d => d.items.map(i => `${i.kind} ${i.ref}`));
    expect(items).toContain('case-action-due C-001');
  });

  test('a PD row with an unreadable 区分 still counts its hours', () => {
    const path = bookWith(rows => {
      rowAt(rows, 'PD稼働記録', 40).区分 = '出張';
    });
    expect(at(checkJson(path).findings, 'PD稼働記録', 40, '区分').map(f => f.code)).toEqual(['invalid-choice']);
    expect(reportJson(path, '2024-11').pd.hoursToDate).toBe(reportJson(clean, '2024-11').pd.hoursToDate);
  });
});

describe('impossible or contradictory dates are findings at the date', () => {
  const codesAt = (edit: RowEdit, sheet: string, row: number, column: string): string[] =>
    at(checkJson(bookWith(edit)).findings, sheet, row, column).map(f => f.code);

  test('議事録共有日 before 開催日 is minutes-shared-before-meeting, not shared on time', () => {
    expect(codesAt(setCell('会議登録簿', 11, '議事録共有日', '2024-10-01'), '会議登録簿', 11, '議事録共有日')).toEqual([
      'minutes-shared-before-meeting',
    ]);
  });

  test('a 議事録共有日 after today is recorded-in-future, not shared-late', () => {
    expect(codesAt(setCell('会議登録簿', 15, '議事録共有日', '2024-12-20'), '会議登録簿', 15, '議事録共有日')).toEqual([
      'recorded-in-future',
    ]);
  });

  test('a 実施済 expert use dated after today is recorded-in-future', () => {
    expect(codesAt(setCell('専門家活用記録', 12, '状態', '実施済'), '専門家活用記録', 12, '実施日')).toEqual(['recorded-in-future']);
  });

  test('事前検証日 after 支援開始日 is prevalidation-after-start (§5.4(2))', () => {
    expect(codesAt(setCell('案件台帳', 2, '事前検証日', '2024-08-20'), '案件台帳', 2, '事前検証日')).toEqual(['prevalidation-after-start']);
  });

  test('a PD day before PD派遣開始日 is pd-before-dispatch (§10(4))', () => {
    expect(codesAt(setCell('PD稼働記録', 2, '日付', '2024-06-20'), 'PD稼働記録', 2, '日付')).toEqual(['pd-before-dispatch']);
  });

  test('a PD day before 事業開始日 too: the message says it is not counted, as the figure does', () => {
    const path = bookWith(setCell('PD稼働記録', 2, '日付', '2023-07-03'));
    const found = at(checkJson(path).findings, 'PD稼働記録', 2, '日付');
    expect(found.map(f => f.code)).toEqual(expect.arrayContaining(['pd-before-dispatch', 'outside-programme-period']));
    expect(found.find(f => f.code === 'pd-before-dispatch')?.message).toMatch(/累計に数えません/);
    expect(reportJson(path, '2024-11').pd.hoursToDate).toBeLessThan(reportJson(clean, '2024-11').pd.hoursToDate);
  });
});

describe("a month's figures use only what existed by that month's end", () => {
  test('伴走支援企業 in June 2024 is 0: no case had started by June 30 (支援開始日)', () => {
    expect(reportJson(clean, '2024-06').cases.supported).toBe(0);
    expect(reportJson(clean, '2024-07').cases.supported).toBe(2);
    expect(reportJson(clean, '2024-11').cases.supported).toBe(5);
  });

  test('a supported case without 支援開始日 counts in every month, and a warning says so', () => {
    const path = bookWith(rows => {
      rowAt(rows, '案件台帳', 2).支援開始日 = undefined;
    });
    expect(at(checkJson(path).findings, '案件台帳', 2, '支援開始日').map(f => f.code)).toEqual(['supported-without-start']);
    expect(reportJson(path, '2024-06').cases.supported).toBe(1);
  });
});

describe('input that would run away is refused with a message', () => {
  test('report --month 9999-11 is refused at once, naming the programme period', () => {
    const started = Date.now();
    const run = runCli(['report', clean, '--month', '9999-11', '--out', tempDir(), '--today', AS_OF]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/事業期間/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  test('check --today years away from the programme is refused', () => {
    const run = runCli(['check', clean, '--today', '2099-01-01']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--today（2099-01-01）/);
  });
});

describe('messages say what is wrong in Japanese, without internals', () => {
  test('Cー001 (a long vowel mark for the hyphen) suggests C-001', () => {
    const path = bookWith(setCell('PD稼働記録', 10, '案件ID', 'Cー001'));
    const found = at(checkJson(path).findings, 'PD稼働記録', 10, '案件ID');
    expect(found.map(f => f.code)).toEqual(['unknown-case']);
    expect(found[0]?.message).toMatch(/「C-001」のことですか/);
  });

  test('an unreadable 有効 (○) is said to be unreadable, not "not on the list"', () => {
    const path = bookWith(setCell('情報取扱者名簿', 3, '有効', '○'));
    const { findings } = checkJson(path);
    expect(at(findings, '情報取扱者名簿', 3, '有効').map(f => f.code)).toEqual(['invalid-value']);
    const refused = findings.filter(f => f.code === 'recipient-not-authorized');
    expect(refused.length).toBeGreaterThan(0);
    for (const f of refused) expect(f.message).toMatch(/「有効」が読み取れず/);
  });

  test('an .ods file is named as OpenDocument', () => {
    const path = join(tempDir(), 'book.ods');
    const XLSXlib = require('xlsx') as typeof XLSX;
    const wb = XLSXlib.utils.book_new();
    XLSXlib.utils.book_append_sheet(wb, XLSXlib.utils.aoa_to_sheet([['案件ID']]), '案件台帳');
    XLSXlib.writeFile(wb, path, { bookType: 'ods' });
    const run = runCli(['check', path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/OpenDocument形式（\.ods/);
  });

  test('a broken --state file gets a Japanese message with no parser internals', () => {
    const state = join(tempDir(), 'state.json');
    require('node:fs').writeFileSync(state, '{"sent": [');
    const run = runCli(['remind', clean, '--outbox', tempDir(), '--today', AS_OF, '--state', state]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/状態ファイルを読み取れません/);
    expect(run.stderr).not.toMatch(/Unexpected|JSON|position/);
  });

  test.each([
    ['check', (p: string) => ['check', p, '--json', '--today', '2024-02-30']],
    ['report', (p: string) => ['report', p, '--json', '--month', '9999-11']],
    ['remind', (p: string) => ['remind', p, '--json', '--today', AS_OF]],
    ['init', (p: string) => ['init', p, '--json']],
  ])('with --json, an error of %s is {"error":{"code","message"}} on stdout as well as the text on stderr', (_, args) => {
    const run = runCli(args(clean));
    expect(run.status).not.toBe(0);
    const json = JSON.parse(run.stdout) as { error: { code: string; message: string } };
    expect(Object.keys(json)).toEqual(['error']);
    expect(typeof json.error.code).toBe('string');
    expect(run.stderr).toContain(json.error.message.split('\n')[0]);
  });

  test('remind --state --json lists what it did not send again', () => {
    const state = join(tempDir(), 'state.json');
    const outbox = tempDir();
    runCli(['remind', clean, '--outbox', outbox, '--today', AS_OF, '--state', state, '--json']);
    const second = JSON.parse(runCli(['remind', clean, '--outbox', outbox, '--today', AS_OF, '--state', state, '--json']).stdout);
    expect(second.sent).toEqual([]);
    expect(second.skipped.length).toBeGreaterThan(0);
    for (const s of second.skipped) expect(s.reason).toMatch(/送信済み/);
  });
});

describe('digests: what was sent today is not sent again, and the state never lags behind the outbox', () => {
  test('a new item the same day is sent on its own; the items sent in the morning are not sent again', () => {
    const state = join(tempDir(), 'state.json');
    const outbox = tempDir();
    const morning = JSON.parse(runCli(['remind', clean, '--outbox', outbox, '--today', AS_OF, '--state', state, '--json']).stdout);
    const kasai = (j: typeof morning) => j.sent.find((d: { to: string }) => d.to === 'misaki.kasai@example.co.jp');
    expect(kasai(morning)).toBeDefined();
    // Later that day C-004's next due date is brought forward to tomorrow: one new item for its owner.
    const edited = bookWith(setCell('案件台帳', 5, '次回期日', '2024-12-03'));
    const afternoon = JSON.parse(runCli(['remind', edited, '--outbox', outbox, '--today', AS_OF, '--state', state, '--json']).stdout);
    expect(kasai(afternoon)?.items.map((i: { ref: string }) => i.ref)).toEqual(['C-004']);
    expect(afternoon.sent.filter((d: { to: string }) => d.to !== 'misaki.kasai@example.co.jp')).toEqual([]);
  });

  test('the state file is written before the .eml files: when the outbox cannot be written, no record says they were sent', () => {
    const dir = tempDir();
    const state = join(dir, 'state.json');
    const outbox = join(dir, 'outbox');
    require('node:fs').writeFileSync(outbox, 'not a folder');
    const run = runCli(['remind', clean, '--outbox', outbox, '--today', AS_OF, '--state', state]);
    expect(run.status).toBe(2);
    const after = JSON.parse(require('node:fs').readFileSync(state, 'utf8'));
    expect(after.sent).toEqual([]);
  });
});

describe('merged cells in data rows are reported, never read as empty', () => {
  /** Merges a column's cells over the given sheet rows, as Excel does: the value of the top cell only is kept. */
  const mergeDown =
    (tab: string, header: string, top: number, bottom: number): SheetEdit =>
    (name, ws, headers) => {
      if (name !== tab) return;
      const c = headers.indexOf(header);
      for (let r = top; r < bottom; r++) delete ws[`${String.fromCharCode(65 + c)}${r + 1}`];
      ws['!merges'] = [...(ws['!merges'] ?? []), { s: { r: top - 1, c }, e: { r: bottom - 1, c } }];
    };

  test('議事録共有日 merged over two meetings: the second is a merged-cells error, not silently overdue', () => {
    const path = bookWith(undefined, mergeDown('会議登録簿', '議事録共有日', 2, 3));
    const { findings } = checkJson(path);
    expect(at(findings, '会議登録簿', 3, '議事録共有日').map(f => f.code)).toEqual(['merged-cells']);
    expect(at(findings, '会議登録簿', 3, '議事録共有日')[0]?.message).toMatch(/結合/);
  });

  test('議事録共有日 merged over M-011 and M-012: M-012 has no minutes status (要確認), is not counted overdue and is not reminded', () => {
    const path = bookWith(undefined, mergeDown('会議登録簿', '議事録共有日', 12, 13));
    const base = reportJson(bookWith(), '2024-11');
    const checked = checkJson(path) as unknown as { meetings: { id: string; status: string }[] };
    expect(checked.meetings.map(m => m.id)).not.toContain('M-012');
    const report = reportJson(path, '2024-11');
    expect(report.meetings.minutesOverdueAtMonthEnd).toBe(base.meetings.minutesOverdueAtMonthEnd);
    expect(report.meetings.list.find((m: { id: string }) => m.id === 'M-012')).toMatchObject({ status: 'unknown', statusLabel: '要確認' });
    expect(report.meetings.caveats).toEqual([expect.stringContaining('M-012')]);
    const refs = remindJson(path).sent.flatMap(d => d.items.filter(i => i.kind.startsWith('minutes-')).map(i => i.ref));
    expect(refs).not.toContain('M-012');
    // The terminal's count of minutes by status still accounts for it.
    expect(runCli(['check', path, '--today', AS_OF]).stdout).toMatch(/^議事録: .*要確認 1件$/m);
  });

  test('時間 merged over three PD rows: each covered cell is reported, so no hours vanish unnoticed', () => {
    const path = bookWith(undefined, mergeDown('PD稼働記録', '時間', 40, 42));
    const { findings } = checkJson(path);
    expect(findings.filter(f => f.code === 'merged-cells').map(f => [f.row, f.column])).toEqual([
      [41, '時間'],
      [42, '時間'],
    ]);
    expect(runCli(['check', path]).stdout).toMatch(/結合/);
    // The rows left out are said beside the figures, not only in the findings.
    const pd = reportJson(path, '2024-11').pd;
    expect(pd.caveats).toEqual([expect.stringMatching(/PD稼働記録の2行は読み取れないセルがあるため集計に含めていません/)]);
  });

  test('議事録担当 merged: the reminder does not go to the person of the row above without a finding', () => {
    const path = bookWith(undefined, mergeDown('会議登録簿', '議事録担当', 15, 16));
    expect(at(checkJson(path).findings, '会議登録簿', 16, '議事録担当').map(f => f.code)).toEqual(['merged-cells']);
  });
});

describe('a figure whose tab or column is missing is 不明 with the reason, everywhere it appears', () => {
  const renameHeader =
    (tab: string, from: string, to: string): SheetEdit =>
    (name, ws, headers) => {
      if (name !== tab) return;
      const c = headers.indexOf(from);
      ws[`${String.fromCharCode(65 + c)}1`] = { t: 's', v: to };
    };

  test('時間 renamed: report --json gives the PD figures as null with the reason, the report says 不明, not 0時間', () => {
    const path = bookWith(undefined, renameHeader('PD稼働記録', '時間', '稼働時間'));
    const model = reportJson(path, '2024-11');
    expect(model.pd.hoursThisMonth).toBeNull();
    expect(model.pd.daysThisMonth).toBeNull();
    expect(model.pd.budgetHours).toBe(280);
    expect(model.pd.unknown).toMatch(/時間/);
    expect(model.actions.map((a: { kind: string }) => a.kind)).toContain('figures-unknown');
    expect(model.experts.unknown).toBeNull();
  });

  test('時間 renamed: the .docx says 不明 with the reason where the hours would be', async () => {
    const path = bookWith(undefined, renameHeader('PD稼働記録', '時間', '稼働時間'));
    const out = tempDir();
    expect(runCli(['report', path, '--month', '2024-11', '--out', out, '--today', AS_OF]).status).toBe(0);
    const mammoth = require('mammoth') as { extractRawText(input: { path: string }): Promise<{ value: string }> };
    const text = (await mammoth.extractRawText({ path: join(out, '月次活動報告書_2024-11.docx') })).value;
    expect(text).toMatch(/不明: PD稼働記録の列「時間」がないため不明です/);
    expect(text).not.toMatch(/今月は0日・0時間稼働しました/);
  });

  test('時間 renamed: the overview (全地域進捗) says 不明 with the reason in the PD columns, not 0', () => {
    const path = bookWith(undefined, renameHeader('PD稼働記録', '時間', '稼働時間'));
    const out = tempDir();
    const run = runCli(['overview', path, '--today', AS_OF, '--out', out, '--json']);
    const row = JSON.parse(run.stdout).rows[0];
    expect(row.figures.unknown.pd).toMatch(/時間/);
    expect(row.figures.unknown.experts).toBeUndefined();
    const X = require('xlsx') as typeof XLSX;
    const file = require('node:fs')
      .readdirSync(out)
      .find((n: string) => n.endsWith('.xlsx'));
    const sheet = X.readFile(join(out, file)).Sheets.全地域進捗 ?? Object.values(X.readFile(join(out, file)).Sheets)[0];
    const cells = X.utils.sheet_to_json<Record<string, unknown>>(sheet as XLSX.WorkSheet);
    expect(cells.some(r => r.PD稼働時間 === '不明')).toBe(true);
  });

  test('PD稼働記録 missing: the PD section is unknown, naming the tab', () => {
    const path = withoutTab(bookWith(), 'PD稼働記録');
    const model = reportJson(path, '2024-11');
    expect(model.pd.hoursToDate).toBeNull();
    expect(model.pd.unknown).toMatch(/PD稼働記録/);
  });

  test('議事録共有日 renamed: no minutes reminder goes out as if nothing were shared; remind says which kinds it could not decide', () => {
    const path = bookWith(undefined, renameHeader('会議登録簿', '議事録共有日', '共有日'));
    const run = runCli(['remind', path, '--outbox', tempDir(), '--today', AS_OF, '--json']);
    const json = JSON.parse(run.stdout);
    const kinds = json.sent.flatMap((d: { items: { kind: string }[] }) => d.items.map(i => i.kind));
    expect(kinds).not.toContain('minutes-overdue');
    expect(json.unknown.map((u: { kind: string }) => u.kind)).toEqual(['minutes-overdue', 'minutes-due-soon']);
    expect(run.stderr).toMatch(/判定できません/);
    expect(reportJson(path, '2024-11').meetings.minutesOverdueAtMonthEnd).toBeNull();
  });
});

describe('a setting dated after today is not taken as done', () => {
  test('ISMAP承認日 after today is recorded-in-future at its 設定 row (§21)', () => {
    let row = 0;
    const path = bookWith(rows => {
      const s = settingRow(rows, 'ISMAP承認日');
      s.row.値 = '2025-01-10';
      row = s.sheetRow;
    });
    expect(at(checkJson(path).findings, '設定', row, '値').map(f => f.code)).toEqual(['recorded-in-future']);
  });
});

describe('without 情報取扱者名簿 nobody is mailed, and remind says why', () => {
  test('every reminder is skipped with the reason that the list is missing, not "not on the list"', () => {
    const path = withoutTab(bookWith(), '情報取扱者名簿');
    const json = JSON.parse(runCli(['remind', path, '--outbox', tempDir(), '--today', AS_OF, '--json']).stdout);
    expect(json.sent).toEqual([]);
    expect(json.skipped.length).toBeGreaterThan(0);
    for (const s of json.skipped) expect(s.reason).toMatch(/タブ「情報取扱者名簿」がない/);
  });
});
