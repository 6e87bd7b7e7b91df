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

(canRender ? test : test.skip)(
  'LibreOffice renders 月次活動報告書_2024-11.docx to A4 pages with its headings and tables',
  async () => {
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
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(info).toMatch(/Page size:\s+595(\.\d+)? x 841(\.\d+)? pts/); // A4
    // pdftotext puts spaces between Latin and CJK runs (事業 PD の稼働): compare without white space.
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    for (const heading of ['月次活動報告書', '概要', '事業PDの稼働', '伴走支援', '会議', '専門家活用', '要対応事項'])
      expect(text).toContain(heading);
    expect(text).toContain('145.5'); // PD hours to date (SAMPLE.md)
  },
  150_000
);
