/** `chizai-desk demo [--out DIR]` (DESIGN "Local CLI contract"): the sample workbook, checked, in DIR. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { contract } from '../../sheets-templates/contract';
import { ensureBuilt, removeTempDirs, runCli, tempDir } from './support';

let dir: string;
let run: ReturnType<typeof runCli>;

beforeAll(() => {
  ensureBuilt();
  dir = join(tempDir(), 'デモ出力');
  run = runCli(['demo', '--out', dir]);
});
afterAll(removeTempDirs);

describe('demo --out DIR', () => {
  test("exits 0 (the sample's planted findings are the demo, not a failure)", () => {
    expect(run.status).toBe(0);
  });

  test('writes DIR/sample-workbook.xlsx and says where', () => {
    const book = join(dir, 'sample-workbook.xlsx');
    expect(existsSync(book)).toBe(true);
    expect(run.stdout).toContain(book);
  });

  test("the sample workbook opens with SheetJS, with every tab and the sample's 20 meetings", () => {
    const wb = XLSX.readFile(join(dir, 'sample-workbook.xlsx'));
    expect(wb.SheetNames).toEqual(contract.tabs.map(t => t.name));
    expect(XLSX.utils.sheet_to_json(wb.Sheets.会議登録簿 ?? {})).toHaveLength(20);
  });

  test('writes the 事業報告書 of the sample’s year and shows what is still missing for delivery', () => {
    expect(existsSync(join(dir, '事業報告書_2024.docx'))).toBe(true);
    expect(run.stdout).toContain('納入までに足りないもの: 12件');
  });

  test('runs check on the sample as of its day and shows the planted findings', () => {
    expect(run.stdout).toContain('2024-12-02');
    expect(run.stdout).toMatch(/エラー 5件、警告 2件/);
  });

  test("the workbook the demo writes, checked on its own, has the sample's five errors and 20 meetings", () => {
    const r = runCli(['check', join(dir, 'sample-workbook.xlsx'), '--today', '2024-12-02', '--json']);
    const json = JSON.parse(r.stdout) as { findings: { severity: string }[]; meetings: unknown[] };
    expect(json.findings.filter(f => f.severity === 'error')).toHaveLength(5);
    expect(json.meetings).toHaveLength(20);
  });
});
