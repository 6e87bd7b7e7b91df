/**
 * `chizai-desk init <book.xlsx>` (DESIGN "Local CLI contract": an empty workbook from sheets-templates, never
 * overwrites), read back with SheetJS and, for what SheetJS does not expose (dropdowns, frozen panes,
 * protection), from the sheet XML itself.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import * as XLSX from 'xlsx';
import { contract } from '../../sheets-templates/contract';
import { ensureBuilt, JAPANESE, removeTempDirs, runCli, sha256, tempDir } from './support';

const TABS = contract.tabs.map(t => t.name);

/** Each tab's sheet XML, found through workbook.xml and its relationships. */
async function sheetXml(path: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const text = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const rels = await text('xl/_rels/workbook.xml.rels');
  const targetOf = new Map([...rels.matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)].map(m => [m[1], m[2]]));
  const sheets = new Map<string, string>();
  for (const m of (await text('xl/workbook.xml')).matchAll(/<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)) {
    const target = targetOf.get(m[2] ?? '') ?? '';
    sheets.set(m[1] ?? '', await text(`xl/${target.replace(/^\/?xl\//, '')}`));
  }
  return sheets;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

interface Validation {
  readonly sqref: string;
  readonly type: string;
  readonly list: readonly string[];
  readonly prompt: string;
  readonly promptTitle: string;
  readonly showErrorMessage: boolean;
}
function validationsOf(xml: string): Validation[] {
  return [...xml.matchAll(/<dataValidation ([^>]*)>(.*?)<\/dataValidation>/g)].map(m => {
    const attr = (name: string) => unescapeXml(new RegExp(`\\b${name}="([^"]*)"`).exec(m[1] ?? '')?.[1] ?? '');
    const formula = unescapeXml(/<formula1>(.*?)<\/formula1>/.exec(m[2] ?? '')?.[1] ?? '');
    return {
      sqref: attr('sqref'),
      type: attr('type'),
      list: formula.replace(/^"|"$/g, '').split(','),
      prompt: attr('prompt'),
      promptTitle: attr('promptTitle'),
      showErrorMessage: attr('showErrorMessage') === '1' || attr('showErrorMessage') === 'true',
    };
  });
}

let dir: string;
let book: string;
let run: ReturnType<typeof runCli>;
let wb: XLSX.WorkBook;
let xml: Map<string, string>;

beforeAll(async () => {
  ensureBuilt();
  dir = tempDir();
  book = join(dir, '新しいブック.xlsx');
  run = runCli(['init', book]);
  wb = XLSX.readFile(book);
  xml = await sheetXml(book);
});
afterAll(removeTempDirs);

describe('init writes the empty workbook of the contract (DESIGN "Local CLI contract")', () => {
  test('exit 0 and says where the workbook is', () => {
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(book);
  });

  test('SheetJS opens it, with the seven tabs of the contract in order', () => {
    expect(wb.SheetNames).toEqual(TABS);
  });

  test.each(contract.tabs.map(t => [t.name, t.columns.map(c => c.header)] as const))(
    '%s has every header of the contract in row 1',
    (tab, headers) => {
      const row1 = (XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[tab] ?? {}, { header: 1 })[0] ?? []) as string[];
      expect(row1.slice(0, headers.length)).toEqual([...headers]);
    }
  );

  test('設定 lists every setting with its default (PD予算日数 40, 事業終了日 2025-03-31 as a date)', () => {
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.設定 ?? {});
    expect(rows.map(r => r.項目)).toEqual(contract.settings.map(s => s.name));
    expect(rows.find(r => r.項目 === 'PD予算日数')?.値).toBe(40);
    const end = XLSX.readFile(book, { cellDates: false }).Sheets.設定?.B3 as XLSX.CellObject | undefined;
    expect(end).toMatchObject({ t: 'n', v: 45747 }); // 2025-03-31
  });

  test('the data tabs have no rows yet', () => {
    for (const tab of TABS.filter(t => t !== '設定')) expect(XLSX.utils.sheet_to_json(wb.Sheets[tab] ?? {})).toEqual([]);
  });

  test.each(
    contract.tabs.flatMap(t =>
      t.columns.flatMap((c, i) =>
        c.type === 'choice' || c.type === 'boolean'
          ? [[t.name, c.header, XLSX.utils.encode_col(i), 'choices' in c ? [...contract.choices[c.choices]] : ['TRUE', 'FALSE']] as const]
          : []
      )
    )
  )('%s 「%s」 (column %s) has a dropdown of its choices under the header', (tab, _header, col, choices) => {
    const found = validationsOf(xml.get(tab) ?? '').filter(v => v.sqref.startsWith(`${col}2:${col}`));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: 'list', list: choices });
  });

  test('dropdowns warn but never reject what people type (check explains the problem instead)', () => {
    for (const tab of TABS) for (const v of validationsOf(xml.get(tab) ?? '')) expect(v.showErrorMessage).toBe(false);
  });

  test("dropdowns stay within Excel's limits: list ≤ 255 characters, prompt ≤ 255, prompt title ≤ 32", () => {
    for (const tab of TABS)
      for (const v of validationsOf(xml.get(tab) ?? '')) {
        expect(v.list.join(',').length).toBeLessThanOrEqual(255);
        expect(v.prompt.length).toBeLessThanOrEqual(255);
        expect(v.promptTitle.length).toBeLessThanOrEqual(32);
      }
  });

  test('no other column has a dropdown', () => {
    const expected = contract.tabs.reduce((n, t) => n + t.columns.filter(c => c.type === 'choice' || c.type === 'boolean').length, 0);
    expect(TABS.reduce((n, tab) => n + validationsOf(xml.get(tab) ?? '').length, 0)).toBe(expected);
  });

  test.each(TABS)('%s keeps its header row frozen', tab => {
    expect(xml.get(tab)).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
  });

  test('実行ログ, written by the system only, is protected; the tabs people fill in are not', () => {
    expect(xml.get('実行ログ')).toMatch(/<sheetProtection /);
    for (const tab of TABS.filter(t => t !== '実行ログ')) expect(xml.get(tab)).not.toMatch(/<sheetProtection /);
  });

  test('the new workbook passes check: no finding at all', () => {
    const r = runCli(['check', book, '--today', '2024-12-02', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ findings: [], meetings: [] });
  });
});

describe('init never overwrites (DESIGN "Local CLI contract")', () => {
  test("a second init on the same path exits 1, says so in Japanese, and leaves the file's bytes untouched", () => {
    const before = sha256(book);
    const r = runCli(['init', book]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(book);
    expect(r.stderr).toMatch(/既にあります|上書きしません/);
    expect(sha256(book)).toBe(before);
  });

  test('init onto any existing file (not only a workbook) refuses and leaves it alone', () => {
    const other = join(dir, 'メモ.xlsx');
    writeFileSync(other, '大事なメモ');
    expect(runCli(['init', other]).status).toBe(1);
    expect(readFileSync(other, 'utf8')).toBe('大事なメモ');
  });

  test('init without a path, or with a path that is not .xlsx, is bad usage: exit 2 with a Japanese message', () => {
    for (const args of [['init'], ['init', join(dir, 'book.csv')]]) {
      const r = runCli(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(JAPANESE);
    }
  });
});

describe('--help', () => {
  test.each(['--help', 'help', 'init --help', 'check --help', 'demo --help'])('chizai-desk %s exits 0 and prints the usage', args => {
    const r = runCli(args.split(' '));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/chizai-desk/);
    expect(r.stdout).toMatch(JAPANESE);
  });

  test('an unknown command is bad usage: exit 2', () => {
    expect(runCli(['frobnicate']).status).toBe(2);
  });
});

const hasLibreOffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).status === 0;

describe('LibreOffice (runs only where soffice is installed)', () => {
  (hasLibreOffice ? test : test.skip)(
    'LibreOffice Calc opens the init workbook and keeps its tabs, headers and dropdowns',
    async () => {
      const out = tempDir();
      const r = spawnSync(
        'soffice',
        [
          '--headless',
          '--norestore',
          `-env:UserInstallation=file://${join(out, 'profile')}`,
          '--convert-to',
          'xlsx',
          '--outdir',
          join(out, 'lo'),
          book,
        ],
        { encoding: 'utf8', timeout: 120_000, env: { ...process.env, HOME: out } }
      );
      expect(r.status).toBe(0);
      const converted = join(out, 'lo', '新しいブック.xlsx');
      const roundTrip = XLSX.readFile(converted);
      expect(roundTrip.SheetNames).toEqual(TABS);
      for (const t of contract.tabs) {
        const row1 = (XLSX.utils.sheet_to_json<unknown[]>(roundTrip.Sheets[t.name] ?? {}, { header: 1 })[0] ?? []) as string[];
        expect(row1.slice(0, t.columns.length)).toEqual(t.columns.map(c => c.header));
      }
      const lo = await sheetXml(converted);
      expect(validationsOf(lo.get('会議登録簿') ?? '').map(v => v.list[0])).toEqual(expect.arrayContaining(['地域連携会議', '対面']));
    },
    150_000
  );
});
