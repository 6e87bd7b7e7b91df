/**
 * The monthly report as a document: LibreOffice renders it to pages a secretariat would hand to the
 * Office. Runs only where soffice (and poppler's pdfinfo/pdftotext) are installed; skipped elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sample from '../../sheets-templates/sample.json';
import { writeReport } from '../../src/local/commands/report';
import { buildWorkbook, type SampleTabs } from '../../src/local/xlsxTemplate';
import { removeTempDirs, tempDir } from './support';

const has = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const canRender = has('soffice') && has('pdfinfo') && has('pdftotext');

afterAll(removeTempDirs);

/** The sample's 2024-11 report rendered to PDF by LibreOffice once: its page count, page size and text (no white space). */
let rendered: Promise<{ info: string; text: string }> | null = null;
function render(): Promise<{ info: string; text: string }> {
  rendered ??= (async () => {
    const dir = tempDir();
    const book = join(dir, 'sample.xlsx');
    writeFileSync(book, Buffer.from(await buildWorkbook(sample.tabs as unknown as SampleTabs).xlsx.writeBuffer()));
    const { path } = await writeReport(book, sample.reportMonth, dir, sample.asOf);
    const r = spawnSync(
      'soffice',
      ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', dir, path],
      { encoding: 'utf8', timeout: 120_000, env: { ...process.env, HOME: dir } }
    );
    expect(r.status).toBe(0);
    const pdf = path.replace(/\.docx$/, '.pdf');
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    // pdftotext puts spaces between Latin and CJK runs (事業 PD の稼働): compare without white space.
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    return { info, text };
  })();
  return rendered;
}

(canRender ? test : test.skip)(
  'LibreOffice renders 月次活動報告書_2024-11.docx to A4 pages with its headings and tables',
  async () => {
    const { info, text } = await render();
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(info).toMatch(/Page size:\s+595(\.\d+)? x 841(\.\d+)? pts/); // A4
    for (const heading of ['月次活動報告書', '概要', '事業PDの稼働', '伴走支援', '会議', '専門家活用', '要対応事項'])
      expect(text).toContain(heading);
    expect(text).toContain('145.5'); // PD hours to date (SAMPLE.md)
  },
  150_000
);

(canRender ? test : test.skip)(
  'the rendered report shows its four charts with Japanese titles, axis titles, legends and month labels',
  async () => {
    const { text } = await render();
    for (const title of [
      '目標に対する実績（累計）',
      'PD稼働時間の累計と予算（2024年度）',
      '議事録の共有状況（開催月別、2024年度）',
      '専門家活用の回数と月上限（2024年度）',
    ])
      expect(text).toContain(title);
    // Legends (series names) and axis titles drawn by the chart renderer, not by the body text.
    for (const label of [
      '累計稼働時間',
      '予算（280時間）',
      '活用回数',
      '月上限（2回）',
      '期限内に共有',
      '期限超過（未共有）',
      '社・回',
      '開催月',
    ])
      expect(text).toContain(label);
    expect(text).toContain('4月5月6月7月8月9月10月11月12月1月2月3月');
  },
  150_000
);
