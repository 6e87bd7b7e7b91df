/**
 * `chizai-desk report <book.xlsx> --month YYYY-MM [--out DIR] [--json]` (DESIGN "Local CLI
 * contract"): the demo's sample workbook in a temp dir, the .docx read back with mammoth (a reader
 * independent of the docx package that wrote it), the JSON model, and the usage errors.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { type Io, UserError } from '../../src/local/cliSupport';
import { demo } from '../../src/local/commands/demo';
import { report, reportFileName, writeReport } from '../../src/local/commands/report';
import { JAPANESE, removeTempDirs, sha256, tempDir, writeFixture } from './support';

interface Captured {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

/** Runs the command in this process the way cli.ts main() does: a UserError becomes its message and exit code. */
async function run(args: readonly string[]): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: l => out.push(l), err: l => err.push(l) };
  try {
    return { code: await report.run(args, io), out, err };
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    err.push(e.message);
    return { code: e.exitCode, out, err };
  }
}

const quiet: Io = { out: () => undefined, err: () => undefined };

let dir: string;
let book: string;
let outDir: string;
let first: Captured;
let html: string;

beforeAll(async () => {
  dir = tempDir();
  await demo.run(['--out', dir], quiet);
  book = join(dir, 'sample-workbook.xlsx');
  outDir = join(dir, '報告書');
  first = await run([book, '--month', '2024-11', '--out', outDir, '--today', '2024-12-02']);
  const converted = await mammoth.convertToHtml(
    { path: join(outDir, '月次活動報告書_2024-11.docx') },
    { styleMap: ["p[style-name='Title'] => h1.title:fresh"] }
  );
  html = converted.value;
}, 60_000);
afterAll(removeTempDirs);

const texts = (re: RegExp): string[] => [...html.matchAll(re)].map(m => (m[1] ?? '').replace(/<[^>]+>/g, ''));
/** Each table as rows of cell texts (paragraphs inside a cell joined by a newline). */
const tablesIn = (h: string): string[][][] =>
  [...h.matchAll(/<table>([\s\S]*?)<\/table>/g)].map(t =>
    [...(t[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(r =>
      [...(r[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(c =>
        [...(c[1] ?? '').matchAll(/<p>([\s\S]*?)<\/p>/g)].map(p => (p[1] ?? '').replace(/<[^>]+>/g, '')).join('\n')
      )
    )
  );

describe('report --month writes 月次活動報告書_YYYY-MM.docx into --out', () => {
  test('exits 0 although the sample has findings, and names the file it wrote', () => {
    expect(first.code).toBe(0);
    expect(first.out.join('\n')).toContain(join(outDir, '月次活動報告書_2024-11.docx'));
  });

  test('lists the count of findings on stderr (DESIGN: report still does its job on a workbook with findings)', () => {
    expect(first.err.join('\n')).toMatch(/入力エラー 5件、警告 2件/);
  });

  test('the file name is 月次活動報告書_YYYY-MM.docx and nothing else is left in the folder (written atomically)', () => {
    expect(reportFileName('2024-11')).toBe('月次活動報告書_2024-11.docx');
    expect(readdirSync(outDir)).toEqual(['月次活動報告書_2024-11.docx']);
  });

  test('the .docx opens in mammoth with the title and the sections as real Word headings (Heading 1)', () => {
    expect(texts(/<h1 class="title">([\s\S]*?)<\/h1>/g)).toEqual(['月次活動報告書（2024年11月）']);
    expect(texts(/<h1>([\s\S]*?)<\/h1>/g)).toEqual([
      '1. 概要',
      '2. 事業PDの稼働',
      '3. 伴走支援',
      '4. 会議',
      '5. 専門家活用',
      '6. 要対応事項',
      '付録',
    ]);
    expect(texts(/<h2>([\s\S]*?)<\/h2>/g)).toContain('付録1 PD稼働記録（2024年11月）');
  });

  test('the figures sit in real tables with a header row (Word repeats it on each page)', () => {
    const tables = tablesIn(html);
    const keyFigures = tables.find(t => t[0]?.[0] === '項目' && t[0]?.[1] === '今月');
    expect(keyFigures?.slice(1, 4)).toEqual([
      ['PD稼働時間', '36時間', '145.5時間', '280時間', '52%'],
      ['PD稼働日数', '7日', '25日', '40日', '63%'],
      ['専門家活用', '2回（上限2回）', '8回', '18回', '44%'],
    ]);
    expect(html).toMatch(/<thead><tr><th>/);
  });

  test('the PD appendix holds the month’s 13 rows of PD稼働記録 and their total', () => {
    const pd = tablesIn(html).find(t => t[0]?.join('|') === '日付|時間|区分|活動内容|案件ID|会議ID|旅費|備考');
    expect(pd).toHaveLength(1 + 13 + 1);
    expect(pd?.[14]?.slice(0, 2)).toEqual(['合計', '36']);
    expect(pd?.[14]?.[6]).toBe('87,600円');
  });

  test('the case table’s long headers wrap where the layout says, as two lines in one cell', () => {
    const cases = tablesIn(html).find(t => t[0]?.[0] === '案件ID' && t[0]?.[1] === '企業名');
    expect(cases?.[0]?.slice(4)).toEqual(['今月の\nPD稼働', '今月の\n専門家', '今月の\n会議']);
    expect(cases).toHaveLength(1 + 8);
  });

  test('the text is Japanese throughout and the Word document declares A4 and a Japanese font', async () => {
    expect(html).toMatch(JAPANESE);
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(readFileSync(join(outDir, '月次活動報告書_2024-11.docx')));
    const documentXml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const stylesXml = (await zip.file('word/styles.xml')?.async('string')) ?? '';
    expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(stylesXml).toMatch(/w:eastAsia="Yu Gothic"/);
    expect(stylesXml).toMatch(/w:eastAsia="ja-JP"/);
  });

  test('the input workbook is never modified', async () => {
    const before = sha256(book);
    await run([book, '--month', '2024-10', '--out', outDir, '--today', '2024-12-02']);
    expect(sha256(book)).toBe(before);
  });

  test('running it again for the same month replaces the file: still one report per month', async () => {
    await run([book, '--month', '2024-11', '--out', outDir, '--today', '2024-12-02']);
    expect(readdirSync(outDir).filter(f => f.includes('2024-11'))).toEqual(['月次活動報告書_2024-11.docx']);
  });
});

describe('report --json prints the month’s model on stdout only (DESIGN `report --json`)', () => {
  let json: Captured;
  beforeAll(async () => {
    json = await run([book, '--month', '2024-11', '--out', join(dir, 'json'), '--json', '--today', '2024-12-02']);
  });

  test('stdout is exactly one JSON object with the contract’s fields and the sample’s values', () => {
    expect(json.code).toBe(0);
    expect(json.out).toHaveLength(1);
    const model = JSON.parse(json.out[0] ?? '') as Record<string, Record<string, unknown>>;
    expect(model.month).toBe('2024-11');
    expect(model.pd).toMatchObject({ hoursThisMonth: 36, daysThisMonth: 7, hoursToDate: 145.5, budgetHours: 280, budgetDays: 40 });
    expect(model.experts).toMatchObject({ usesThisMonth: 2, monthlyCap: 2, usesToDate: 8, budgetUses: 18 });
    expect(model.cases).toMatchObject({ supported: 5, target: 5 });
    expect(model.meetings).toMatchObject({
      heldThisMonth: { 地域連携会議: 0, 支援検討会: 1, 研修会: 1, PDチーム内会議: 2, 月次連絡会: 1, 成果発表会: 0, その他: 1 },
      liaisonCouncilsToDate: 2,
      liaisonTarget: 3,
      minutesOverdueAtMonthEnd: 1,
    });
  });

  test('the human lines go to stderr, and the .docx is written all the same', () => {
    expect(json.err.join('\n')).toContain('月次活動報告書を書き出しました');
    expect(readdirSync(join(dir, 'json'))).toEqual(['月次活動報告書_2024-11.docx']);
  });
});

describe('report on a workbook typed the way people type (SheetJS, columns reordered, 令和 dates, 3:30 hours)', () => {
  test('gives SAMPLE.md’s figures for 2024-11; rows without a readable 日付 or 時間 are left out, every bad cell is counted as an error', async () => {
    const path = join(tempDir(), 'typed.xlsx');
    writeFixture(path);
    const r = await run([path, '--month', '2024-11', '--out', join(dir, 'typed'), '--json', '--today', '2024-12-02']);
    const model = JSON.parse(r.out[0] ?? '') as {
      pd: Record<string, number>;
      experts: Record<string, number>;
      findings: { errors: number };
    };
    // The appended row with 区分 出張 (invalid-choice) still counts its hour: only rows without a readable 日付/時間 are left out.
    expect(model.pd).toMatchObject({ hoursThisMonth: 37, daysThisMonth: 7, hoursToDate: 146.5, travelToDate: 314_400 });
    expect(model.experts).toMatchObject({ usesThisMonth: 2, usesToDate: 8 });
    expect(model.findings.errors).toBe(11);
  });
});

describe('report usage errors exit 2 with a Japanese message (DESIGN exit codes)', () => {
  test.each([
    [['--month', '2024-13'], /YYYY-MM/],
    [['--month', '2024/11'], /YYYY-MM/],
    [['--month', '202411'], /YYYY-MM/],
    [[], /--month/],
  ])('%j → exit 2', async (args, message) => {
    const r = await run([book, ...args, '--out', join(dir, 'bad')]);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(message);
    expect(r.err.join('\n')).toMatch(JAPANESE);
  });

  test('a missing workbook exits 2 and names the file', async () => {
    const r = await run([join(dir, 'nai.xlsx'), '--month', '2024-11']);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toContain('nai.xlsx');
  });
});

describe('writeReport (for the demo)', () => {
  test('writes the sample’s report as of the sample’s day and returns its model', async () => {
    const written = await writeReport(book, '2024-11', join(dir, 'demo'), '2024-12-02');
    expect(written.path).toBe(join(dir, 'demo', '月次活動報告書_2024-11.docx'));
    expect(written.model.pd.hoursThisMonth).toBe(36);
  });
});
