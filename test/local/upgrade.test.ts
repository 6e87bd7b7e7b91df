/**
 * `chizai-desk upgrade <book.xlsx> --out NEW.xlsx` (DESIGN "The year's obligations": a workbook made before a tab
 * or column existed keeps working, and is brought up to date with シートを準備 in Sheets or `upgrade` locally).
 * The older workbook is the realistic fixture written by SheetJS without the tabs, columns and 設定 items the
 * contract added later; every cell of it must read back identical from the copy, with SheetJS.
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import * as XLSX from 'xlsx';
import { contract } from '../../sheets-templates/contract';
import { YEAR_OBLIGATION_CODES } from '../../src/domain/report/actionItems';
import { defaultContract, TAB_NAME } from '../../src/domain/schema';
import { ensureBuilt, JAPANESE, removeTempDirs, runCli, STACK_TRACE, sha256, tabsMadeBefore, tempDir, writeFixture } from './support';

const LATEST = contract.version;

interface CheckJson {
  readonly findings: readonly { sheet: string; row: number | null; column: string | null; severity: string; code: string }[];
}

const checkJson = (path: string): CheckJson => JSON.parse(runCli(['check', path, '--json', '--today', '2024-12-02']).stdout) as CheckJson;

/** Every cell of every sheet as SheetJS reads it: type, value and number format, by sheet and address. */
function cellsOf(path: string): Map<string, string> {
  const wb = XLSX.readFile(path, { cellNF: true, cellDates: false });
  const cells = new Map<string, string>();
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name] ?? {};
    for (const [address, cell] of Object.entries(ws)) {
      if (address.startsWith('!')) continue;
      const c = cell as XLSX.CellObject;
      cells.set(`${name}!${address}`, JSON.stringify([c.t, c.v, c.t === 'n' ? (c.z ?? null) : null]));
    }
  }
  return cells;
}

const laterColumns = defaultContract.tabs.flatMap(t =>
  tabsMadeBefore(LATEST).includes(t.name)
    ? t.columns.filter(c => (c.since ?? 1) >= LATEST).map(c => ({ sheet: t.name, column: c.header }))
    : []
);
const laterTabs = defaultContract.tabs.filter(t => (t.since ?? 1) >= LATEST).map(t => t.name);

let dir: string;
let older: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  older = join(dir, 'older.xlsx');
  writeFixture(older, true, { madeBefore: LATEST });
});
afterAll(removeTempDirs);

test('the contract has later columns to upgrade with (so these tests test something)', () => {
  expect(laterColumns.length + laterTabs.length).toBeGreaterThan(0);
});

describe('check on a workbook made before a tab or column existed', () => {
  test('each later tab or column is one warning saying how to add it, not an error, and nothing else is reported for it', () => {
    const { findings } = checkJson(older);
    const about = findings.filter(f => f.code === 'missing-tab' || f.code === 'missing-header');
    expect(about.map(f => [f.sheet, f.column, f.severity]).sort()).toEqual(
      [...laterTabs.map(t => [t, null, 'warning']), ...laterColumns.map(c => [c.sheet, c.column, 'warning'])].sort()
    );
    for (const f of about) expect((f as unknown as { message: string }).message).toMatch(/シートを準備.*chizai-desk upgrade/);
    expect(findings.filter(f => f.severity === 'error')).toEqual([]);
  });
});

describe('chizai-desk upgrade', () => {
  let upgraded: string;
  let before: string;
  let run: ReturnType<typeof runCli>;
  beforeAll(() => {
    upgraded = join(dir, 'upgraded.xlsx');
    before = sha256(older);
    run = runCli(['upgrade', older, '--out', upgraded]);
  });

  test('writes the copy, says in Japanese what it added, and leaves the input as it was', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(JAPANESE);
    for (const c of laterColumns) expect(run.stdout).toContain(`「${c.column}」`);
    for (const t of laterTabs) expect(run.stdout).toContain(t);
    expect(sha256(older)).toBe(before);
  });

  test('every cell of the older workbook reads back identical from the copy (SheetJS)', () => {
    const was = cellsOf(older);
    const now = cellsOf(upgraded);
    const changed = [...was].filter(([address, cell]) => now.get(address) !== cell).map(([address]) => address);
    expect(changed).toEqual([]);
  });

  test('later columns are added after the last used column of their tab, with their headers in row 1', () => {
    const wb = XLSX.readFile(upgraded);
    const old = XLSX.readFile(older);
    for (const sheet of new Set(laterColumns.map(c => c.sheet))) {
      const width = XLSX.utils.decode_range(old.Sheets[sheet]?.['!ref'] ?? 'A1').e.c + 1;
      const header = (XLSX.utils.sheet_to_json(wb.Sheets[sheet] as XLSX.WorkSheet, { header: 1 })[0] ?? []) as unknown[];
      expect(header.slice(width)).toEqual(laterColumns.filter(c => c.sheet === sheet).map(c => c.column));
    }
    for (const t of laterTabs) expect(wb.SheetNames).toContain(t);
  });

  test('check on the copy has no missing-tab or missing-header finding, the same findings otherwise, and what the empty new tabs now show', () => {
    const was = checkJson(older).findings.filter(f => f.code !== 'missing-tab' && f.code !== 'missing-header');
    const now = checkJson(upgraded).findings;
    expect(now.filter(f => f.code === 'missing-tab' || f.code === 'missing-header')).toEqual([]);
    const revealed = (f: { code: string }): boolean => YEAR_OBLIGATION_CODES.has(f.code as never);
    expect(now.filter(f => !revealed(f))).toEqual(was);
    // PD月次報告 is there now and empty: the months past their deadline have no report (§5.4(1)), nothing else.
    expect(new Set(now.filter(revealed).map(f => `${f.sheet} ${f.row} ${f.code}`))).toEqual(
      new Set(['PD月次報告 null pd-monthly-report-missing'])
    );
  });

  test('running it again changes nothing more: it says there is nothing to add and writes no copy', () => {
    const again = join(dir, 'again.xlsx');
    const second = runCli(['upgrade', upgraded, '--out', again]);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('不足しているタブ・列・設定項目はありません');
    expect(existsSync(again)).toBe(false);
  });
});

describe('what upgrade refuses', () => {
  test('--out missing, the input as --out, or an existing --out: a Japanese message, nothing written', () => {
    const cases: [string[], number][] = [
      [['upgrade', older], 2],
      [['upgrade', older, '--out', older], 2],
      [['upgrade', older, '--out', join(dir, 'copy.ods')], 2],
    ];
    for (const [args, status] of cases) {
      const r = runCli(args);
      expect(r.status).toBe(status);
      expect(r.stderr).toMatch(JAPANESE);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
    const existing = join(dir, 'existing.xlsx');
    writeFixture(existing, true);
    const stamp = sha256(existing);
    const r = runCli(['upgrade', older, '--out', existing]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('上書きしません');
    expect(sha256(existing)).toBe(stamp);
  });
});

test('the 設定 tab of the copy lists every contract setting once', () => {
  const upgraded = join(dir, 'upgraded.xlsx');
  const rows = XLSX.utils.sheet_to_json(XLSX.readFile(upgraded).Sheets[TAB_NAME.settings] as XLSX.WorkSheet, { header: 1 }) as unknown[][];
  const names = rows.slice(1).map(r => String(r[0] ?? ''));
  for (const s of contract.settings) expect(names.filter(n => n === s.name)).toHaveLength(1);
});

describe('upgrade edits the file part by part: what it does not add is carried over as it was', () => {
  /** Every part of the package by name, as bytes. */
  async function partsOf(path: string): Promise<Map<string, Buffer>> {
    const zip = await JSZip.loadAsync(readFileSync(path));
    const parts = new Map<string, Buffer>();
    for (const f of Object.values(zip.files)) if (!f.dir) parts.set(f.name, await f.async('nodebuffer'));
    return parts;
  }

  test('a chart, threaded comments and any part the tool does not know stay byte for byte; only edited sheets change', async () => {
    const withParts = join(dir, 'parts.xlsx');
    writeFixture(withParts, true, { madeBefore: LATEST });
    const zip = await JSZip.loadAsync(readFileSync(withParts));
    zip.file('xl/charts/chart1.xml', '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>');
    zip.file(
      'xl/threadedComments/threadedComment1.xml',
      '<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"/>'
    );
    writeFileSync(withParts, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const out = join(dir, 'parts-out.xlsx');
    expect(runCli(['upgrade', withParts, '--out', out]).status).toBe(0);
    const was = await partsOf(withParts);
    const now = await partsOf(out);
    const changed = [...was].filter(([name, bytes]) => !now.get(name)?.equals(bytes)).map(([name]) => name);
    const edited = /^(xl\/worksheets\/sheet\d+\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|\[Content_Types\]\.xml)$/;
    expect(changed.filter(name => !edited.test(name))).toEqual([]);
    expect(now.get('xl/charts/chart1.xml')?.toString()).toContain('chartSpace');
  });

  test('a custom number format, a hidden range of unused columns and an empty merged header area', async () => {
    const path = join(dir, 'odd.xlsx');
    writeFixture(path, true, { madeBefore: LATEST });
    const wb = XLSX.readFile(path, { cellNF: true, cellStyles: true });
    const meetings = wb.Sheets[TAB_NAME.meetings] as XLSX.WorkSheet;
    const width = XLSX.utils.decode_range(meetings['!ref'] ?? 'A1').e.c + 1;
    // An empty merged area right of the headers, and every column after it hidden.
    meetings['!merges'] = [
      ...(meetings['!merges'] ?? []),
      XLSX.utils.decode_range(`${XLSX.utils.encode_col(width)}1:${XLSX.utils.encode_col(width + 2)}1`),
    ];
    meetings['!cols'] = Array.from({ length: width + 40 }, (_, i) => (i >= width + 3 ? { hidden: true } : {}));
    const pd = wb.Sheets[TAB_NAME.pdHours] as XLSX.WorkSheet;
    const hoursAt = XLSX.utils.encode_cell({ r: 1, c: 5 });
    pd[hoursAt] = { t: 'n', v: 4, z: '0.0\\h' };
    XLSX.writeFile(wb, path);
    const out = join(dir, 'odd-out.xlsx');
    const r = runCli(['upgrade', path, '--out', out]);
    expect(r.status).toBe(0);
    const after = XLSX.readFile(out, { cellNF: true, cellStyles: true });
    expect((after.Sheets[TAB_NAME.pdHours] as XLSX.WorkSheet)[hoursAt]?.z).toBe('0.0\\h');
    const m = after.Sheets[TAB_NAME.meetings] as XLSX.WorkSheet;
    const header = (XLSX.utils.sheet_to_json(m, { header: 1 })[0] ?? []) as unknown[];
    // After the merged area, each once, and visible.
    const added = laterColumns.filter(c => c.sheet === TAB_NAME.meetings).map(c => c.column);
    expect(header.slice(width + 3)).toEqual(added);
    for (let i = 0; i < added.length; i++) expect(m['!cols']?.[width + 3 + i]?.hidden ?? false).toBe(false);
  });

  test('a column of the first version renamed by a person is not added empty: upgrade asks for the header back', () => {
    const path = join(dir, 'renamed.xlsx');
    writeFixture(path, true, { madeBefore: LATEST });
    const wb = XLSX.readFile(path);
    const pd = wb.Sheets[TAB_NAME.pdHours] as XLSX.WorkSheet;
    const header = (XLSX.utils.sheet_to_json(pd, { header: 1 })[0] ?? []) as string[];
    const at = XLSX.utils.encode_cell({ r: 0, c: header.indexOf('旅費') });
    pd[at] = { t: 's', v: '旅費（円）' };
    XLSX.writeFile(wb, path);
    const out = join(dir, 'renamed-out.xlsx');
    const r = runCli(['upgrade', path, '--out', out]);
    expect(r.stderr).toContain('「旅費（円）」→「旅費」');
    const after = XLSX.readFile(out);
    const now = (XLSX.utils.sheet_to_json(after.Sheets[TAB_NAME.pdHours] as XLSX.WorkSheet, { header: 1 })[0] ?? []) as string[];
    expect(now).not.toContain('旅費');
    expect(checkJson(out).findings.some(f => f.sheet === TAB_NAME.pdHours && f.column === '旅費' && f.severity === 'error')).toBe(true);
  });

  test('a column its tab always had, renamed beyond resemblance (庁報告日 → 庁への報告日), is not added empty either', () => {
    const path = join(dir, 'renamed-far.xlsx');
    writeFixture(path, true);
    const wb = XLSX.readFile(path);
    const ev = wb.Sheets[TAB_NAME.pdEvaluations] as XLSX.WorkSheet;
    const header = (XLSX.utils.sheet_to_json(ev, { header: 1 })[0] ?? []) as string[];
    ev[XLSX.utils.encode_cell({ r: 0, c: header.indexOf('庁報告日') })] = { t: 's', v: '庁への報告日' };
    XLSX.writeFile(wb, path);
    const out = join(dir, 'renamed-far-out.xlsx');
    const r = runCli(['upgrade', path, '--out', out]);
    expect(r.stderr).toContain(`${TAB_NAME.pdEvaluations}「（見出しなし）」→「庁報告日」`);
    // Nothing else to add: no copy, and check still says the column is missing (an error), not "not reported".
    expect(r.stdout).toContain('不足しているタブ・列・設定項目はありません');
    const found = checkJson(path).findings.filter(f => f.sheet === TAB_NAME.pdEvaluations);
    expect(found.some(f => f.column === '庁報告日' && f.code === 'missing-header' && f.severity === 'error')).toBe(true);
    expect(found.some(f => f.code === 'pd-evaluation-not-reported')).toBe(false);
  });
});
