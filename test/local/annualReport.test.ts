/**
 * `chizai-desk annual-report` end to end on the sample workbook written by SheetJS: 事業報告書_2024.docx read back
 * with mammoth (an independent reader) has ① to ⑪ as real headings in §15(1)'s order; ①'s figures are `report
 * --json` summed over the months; --json is exactly the shape and its readiness is SAMPLE.md's; the
 * readiness goes to the terminal, never into the document; --sheet gives the same JSON; LibreOffice renders it to
 * A4 pages with tables whose header row repeats across pages (skipped where soffice is absent).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import * as XLSX from 'xlsx';
import { annualReportOutline } from '../../sheets-templates/annualReport';
import { main } from '../../src/local/cli';
import { SAMPLE_READINESS } from '../support/sampleExpectations';
import { SAMPLE_SPREADSHEET_ID, sampleSpreadsheet, useSheetsStandIn } from '../support/sheetsApiServer';
import { AS_OF, ensureBuilt, JAPANESE, ROOT, removeTempDirs, runCli, STACK_TRACE, sampleRowsOf, tempDir, writeRows } from './support';

interface AnnualJson {
  fiscalYear: number;
  sections: {
    no: string;
    title: string;
    rows: number | null;
    unknown: string | null;
    caveats: string[];
    missing: { section: string; what: string; sheet: string; row: number | null }[];
  }[];
  readiness: { complete: number; total: number; missing: { section: string; what: string; sheet: string; row: number | null }[] };
}

let dir: string;
let book: string;
let run: ReturnType<typeof runCli>;
let json: AnnualJson;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  book = join(dir, 'sample.xlsx');
  writeRows(book, sampleRowsOf(false));
  run = runCli(['annual-report', book, '--out', dir, '--today', AS_OF, '--json']);
  json = JSON.parse(run.stdout) as AnnualJson;
});
afterAll(removeTempDirs);

async function inProcess(args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await main(args, { out: l => out.push(l), err: () => undefined });
  return { code, out: out.join('\n') };
}

describe('annual-report writes 事業報告書_<年度>.docx', () => {
  test('exit 0, the file named by the fiscal year, stdout only the JSON', () => {
    expect(run.status).toBe(0);
    expect(existsSync(join(dir, '事業報告書_2024.docx'))).toBe(true);
    expect(run.stdout.trim().startsWith('{')).toBe(true);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('事業報告書を書き出しました');
  });

  test('--json is exactly {fiscalYear, sections:[{no,title,rows,missing}], readiness:{complete,total,missing}}', () => {
    expect(Object.keys(json)).toEqual(['fiscalYear', 'sections', 'readiness']);
    expect(json.fiscalYear).toBe(2024);
    for (const s of json.sections) expect(Object.keys(s).sort()).toEqual(['caveats', 'missing', 'no', 'rows', 'title', 'unknown']);
    expect(json.sections.filter(s => s.unknown !== null)).toEqual([]);
    expect(json.sections.map(s => s.no)).toEqual(['1', '2', '3', '4', ...annualReportOutline.items.map(i => i.no), '別紙']);
    for (const m of json.readiness.missing) expect(Object.keys(m).sort()).toEqual(['row', 'section', 'sheet', 'what']);
  });

  test('the readiness is SAMPLE.md’s: 60 of 72, the twelve planted gaps at their rows', () => {
    expect({ complete: json.readiness.complete, total: json.readiness.total }).toEqual({
      complete: SAMPLE_READINESS.complete,
      total: SAMPLE_READINESS.total,
    });
    expect(json.readiness.missing.map(m => `${m.section} ${m.sheet} ${m.row ?? '-'}`)).toEqual(SAMPLE_READINESS.gaps);
  });

  test('without --json the readiness is printed on the terminal, in Japanese, naming section, tab and row', () => {
    const plain = runCli(['annual-report', book, '--out', tempDir(), '--today', AS_OF]);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('納入までに足りないもの: 12件（72項目中60項目がそろっています、2024-12-02時点）');
    expect(plain.stdout).toContain('⑩ 地域連携会議（M-010、2024-10-23）の意見・提言がありません（会議登録簿 11行目）');
    expect(plain.stdout).toMatch(JAPANESE);
    expect(plain.stdout + plain.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('the document, read back with mammoth', () => {
  let html: string;
  let text: string;
  beforeAll(async () => {
    const path = join(dir, '事業報告書_2024.docx');
    html = (await mammoth.convertToHtml({ path })).value;
    text = (await mammoth.extractRawText({ path })).value;
  });

  test('①..⑪ are real headings (Heading 1), in §15(1)’s order and words, after 1-4 and before the annex', () => {
    const h1 = [...html.matchAll(/<h1>(.*?)<\/h1>/g)].map(m => m[1]?.replace(/<[^>]+>/g, '') ?? '');
    expect(h1).toEqual([
      '1. 事業目的',
      '2. 事業概要',
      '3. 事業の運営体制',
      '4. 事業の実施内容及び結果',
      ...annualReportOutline.items.map(i => `${i.no} ${i.title}`),
      `別紙 ${annualReportOutline.annex.title}`,
    ]);
  });

  test('①’s figures are report --json summed over the months: each month’s hours and days, and the total', async () => {
    const months = ['2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03'];
    let hours = 0;
    let days = 0;
    for (const month of months) {
      const r = await inProcess(['report', book, '--month', month, '--today', AS_OF, '--out', tempDir(), '--json']);
      const pd = (JSON.parse(r.out) as { pd: { hoursThisMonth: number; daysThisMonth: number } }).pd;
      hours += pd.hoursThisMonth;
      days += pd.daysThisMonth;
      const label = `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
      const row = new RegExp(
        `<tr><td><p>${label}</p></td>(?:<td><p>[^<]*</p></td>){3}<td><p>([\\d.]+)時間</p></td><td><p>(\\d+)日</p></td></tr>`
      ).exec(html);
      expect({ month, hours: Number(row?.[1]), days: Number(row?.[2]) }).toEqual({
        month,
        hours: pd.hoursThisMonth,
        days: pd.daysThisMonth,
      });
    }
    expect({ hours, days }).toEqual({ hours: 145.5, days: 25 });
    expect(html).toContain('<tr><td><p><strong>合計</strong></p></td>');
    expect(html).toMatch(/<strong>145\.5時間<\/strong>.*?<strong>25日<\/strong>/);
  }, 120_000);

  test('the readiness is not in the document; company names and the narrative are', () => {
    for (const m of json.readiness.missing) expect(text).not.toContain(m.what);
    expect(text).toContain('株式会社津軽アップルラボ');
    expect(text).toContain('青森県をモデル地域として');
  });
});

test('the whole .docx (cover, contents, charts) is valid against the Office Open XML schemas', () => {
  const script = `import validate from '@ooxml-tools/validate';
import { readFileSync } from 'node:fs';
const errors = await validate(new Uint8Array(readFileSync(process.argv[1])), 'docx', 'Microsoft365');
console.log(JSON.stringify(errors.map(e => ({ part: e.path?.partUri ?? '', description: e.description }))));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, join(dir, '事業報告書_2024.docx')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(JSON.parse(out)).toEqual([]);
}, 120_000);

describe('--sheet gives the same JSON as the .xlsx of the same data', () => {
  const api = useSheetsStandIn(sampleSpreadsheet({ tabs: sampleRowsOf(false) }));

  test('annual-report --sheet --json', async () => {
    const fromSheet = await inProcess(['annual-report', '--sheet', SAMPLE_SPREADSHEET_ID, '--out', tempDir(), '--today', AS_OF, '--json']);
    expect(fromSheet.code).toBe(0);
    expect(JSON.parse(fromSheet.out)).toEqual(json);
    expect(api().requests).toHaveLength(1);
  });
});

const has = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const canRender = has('soffice') && has('pdfinfo') && has('pdftotext');

(canRender ? test : test.skip)(
  'LibreOffice renders it to A4 pages: the headings ① to ⑪ in order, and a long table’s header row on every page it spans',
  () => {
    const out = tempDir();
    const big = join(out, 'big.xlsx');
    const rows = sampleRowsOf(false);
    rows.会議登録簿 = [
      ...(rows.会議登録簿 ?? []),
      ...Array.from({ length: 120 }, (_, i) => ({ 会議ID: `M-${200 + i}`, 種別: '月次連絡会', 開催日: '2024-10-16', 形式: 'オンライン' })),
    ];
    writeRows(big, rows);
    expect(runCli(['annual-report', big, '--out', out, '--today', AS_OF]).status).toBe(0);
    const docx = join(out, '事業報告書_2024.docx');
    const r = spawnSync(
      'soffice',
      ['--headless', '--norestore', `-env:UserInstallation=file://${join(out, 'profile')}`, '--convert-to', 'pdf', '--outdir', out, docx],
      { encoding: 'utf8', timeout: 120_000, env: { ...process.env, HOME: out } }
    );
    expect(r.status).toBe(0);
    const pdf = docx.replace(/\.docx$/, '.pdf');
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/Page size:\s+595(\.\d+)? x 841(\.\d+)? pts/); // A4
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    const pageText = (p: number): string =>
      spawnSync('pdftotext', ['-layout', '-f', String(p), '-l', String(p), pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    const all = Array.from({ length: pages }, (_, i) => pageText(i + 1));
    // Past the contents page, the headings come in §15(1)'s order (pdftotext spaces Latin/CJK runs: compare squeezed).
    const body = all.slice(2).join('');
    let at = 0;
    for (const item of annualReportOutline.items) {
      const next = body.indexOf(`${item.no}${item.title}`.replace(/\s+/g, ''), at);
      expect({ item: item.no, found: next >= 0 }).toEqual({ item: item.no, found: true });
      at = next;
    }
    // ⑦'s table (126 meetings) runs over several pages, each starting with its header row.
    const header = '会議ID開催日形式資料議事録共有日';
    const withHeader = all.filter(t => t.includes(header) && t.includes('M-2'));
    expect(withHeader.length).toBeGreaterThanOrEqual(2);
  },
  180_000
);

describe('annual-report --today is refused years away from the programme, as check, report and remind are', () => {
  test.each(['2099-01-01', '1990-01-01', '2028-04-02'])('--today %s: exit 2, {"error":{"code":"out-of-range"}}, no document', today => {
    const out = tempDir();
    const r = runCli(['annual-report', book, '--out', out, '--today', today, '--json']);
    expect(r.status).toBe(2);
    const error = (JSON.parse(r.stdout) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('out-of-range');
    expect(error.message).toContain(`--today（${today}）は事業期間（2024-06-03〜2025-03-31）から3年以上離れています`);
    expect(r.stderr).toContain(error.message);
    expect(existsSync(join(out, '事業報告書_2024.docx'))).toBe(false);
  });

  test('the last day within reach (2028-03-31) is still accepted', () => {
    expect(runCli(['annual-report', book, '--out', tempDir(), '--today', '2028-03-31', '--json']).status).toBe(0);
  });
});

describe('a renamed header of a year’s-obligations tab: its section is 不明, never a list of false gaps', () => {
  /** The sample written by SheetJS with one header of row 1 typed differently. */
  function bookWithHeader(tab: string, from: string, to: string): string {
    const path = join(tempDir(), 'renamed.xlsx');
    writeRows(path, sampleRowsOf(false), {
      sheetEdit: (name, ws, header) => {
        if (name !== tab) return;
        const c = header.indexOf(from);
        if (c < 0) throw new Error(`${tab} has no header ${from}`);
        ws[XLSX.utils.encode_cell({ r: 0, c })] = { t: 's', v: to };
      },
    });
    return path;
  }
  const annual = (path: string, out = tempDir()) => {
    const r = runCli(['annual-report', path, '--out', out, '--today', AS_OF, '--json']);
    return { r, json: JSON.parse(r.stdout) as AnnualJson, docx: join(out, '事業報告書_2024.docx') };
  };

  test.each([
    ['PD月次報告', '対象月', '対象 月', '①', /が受領されていません/],
    ['PD月次報告', '受領日', '受領 日', '①', /が受領されていません/],
    ['効果検証', '実績値', '実績', '③', /の検証がありません/],
    ['効果検証', '観点', '観 点', '③', /の検証がありません/],
  ])('%s「%s」→「%s」: %s is unknown in --json and one readiness item; stderr has the findings', (tab, from, to, no, falseGap) => {
    const { r, json: j } = annual(bookWithHeader(tab, from, to));
    expect(r.status).toBe(0);
    const section = j.sections.find(s => s.no === no);
    expect(section).toMatchObject({ rows: null, unknown: `${tab}の列「${from}」がないため不明です` });
    expect(j.readiness.missing.filter(m => m.what.match(falseGap))).toEqual([]);
    const items = j.readiness.missing.filter(m => m.section === no && m.sheet === tab);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ row: null });
    expect(items[0]?.what).toContain('この節は判断できません');
    expect(j.readiness.complete + j.readiness.missing.length).toBe(j.readiness.total);
    expect(j.readiness.complete).toBeLessThan(60);
    // As `report`: the count of findings, and the missing header itself, on stderr.
    expect(r.stderr).toMatch(/入力エラー \d+件、警告 \d+件があります/);
    expect(r.stderr).toContain(`[エラー] ${tab} 1行目 「${from}」列: 列「${from}」が見つかりません`);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  test('the .docx ① prints 不明 for every 受領日 from PD派遣開始日’s month, with the reason, never “—”', async () => {
    const { r, docx } = annual(bookWithHeader('PD月次報告', '受領日', '受領 日'));
    expect(r.status).toBe(0);
    const html = (await mammoth.convertToHtml({ path: docx })).value;
    for (const month of ['2024年7月', '2024年10月', '2024年11月', '2025年3月'])
      expect(html).toContain(`<tr><td><p>${month}</p></td><td><p>不明</p></td>`);
    expect(html).not.toMatch(/<tr><td><p>2024年\d+月<\/p><\/td><td><p>—<\/p><\/td>/);
    expect(html).toContain('不明: PD月次報告の列「受領日」がないため不明です');
  }, 60_000);

  test('the unedited sample prints no 不明 and its readiness stays 60 of 72', async () => {
    const text = (await mammoth.extractRawText({ path: join(dir, '事業報告書_2024.docx') })).value;
    expect(text).not.toContain('不明');
    expect(json.readiness).toMatchObject({ complete: 60, total: 72 });
    expect(run.stderr).toMatch(/入力エラー \d+件、警告 \d+件があります/);
  });
});
