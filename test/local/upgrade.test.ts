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

  test('check on the copy has no missing-tab or missing-header finding and the same findings otherwise', () => {
    const was = checkJson(older).findings.filter(f => f.code !== 'missing-tab' && f.code !== 'missing-header');
    const now = checkJson(upgraded).findings;
    expect(now.filter(f => f.code === 'missing-tab' || f.code === 'missing-header')).toEqual([]);
    expect(now).toEqual(was);
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

  test('a workbook with a chart is refused rather than copied without it (exceljs would drop the chart)', async () => {
    const withChart = join(dir, 'chart.xlsx');
    writeFixture(withChart, true, { madeBefore: LATEST });
    // SheetJS writes no charts; a chart part added to the package is what Excel's chart would be.
    const zip = await JSZip.loadAsync(readFileSync(withChart));
    zip.file('xl/charts/chart1.xml', '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>');
    writeFileSync(withChart, await zip.generateAsync({ type: 'nodebuffer' }));
    const r = runCli(['upgrade', withChart, '--out', join(dir, 'chart-out.xlsx')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('グラフ');
    expect(existsSync(join(dir, 'chart-out.xlsx'))).toBe(false);
  });
});

test('the 設定 tab of the copy lists every contract setting once', () => {
  const upgraded = join(dir, 'upgraded.xlsx');
  const rows = XLSX.utils.sheet_to_json(XLSX.readFile(upgraded).Sheets[TAB_NAME.settings] as XLSX.WorkSheet, { header: 1 }) as unknown[][];
  const names = rows.slice(1).map(r => String(r[0] ?? ''));
  for (const s of contract.settings) expect(names.filter(n => n === s.name)).toHaveLength(1);
});
