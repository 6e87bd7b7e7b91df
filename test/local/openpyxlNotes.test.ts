/**
 * A workbook whose notes were saved by openpyxl (xl/comments/comment1.xml and xl/drawings/commentsDrawing1.vml,
 * named by absolute Targets) is read by every command, --annotate and rollover included (exceljs alone refuses to
 * load it), and the person's note is kept in the annotated copy.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import * as XLSX from 'xlsx';
import { commentsWhereExcelJsLooks } from '../../src/local/xlsxPackage';
import { ensureBuilt, removeTempDirs, runCli, STACK_TRACE, tempDir } from './support';
import { SAMPLE_ROWS, writeBook } from './workbooks';

const NOTE = '社長の携帯は別紙';
const AS_OF = '2024-12-02';

/** The package as openpyxl lays out a sheet's notes. */
async function asOpenpyxlNotes(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const rels = zip.file(/^xl\/worksheets\/_rels\/.*\.rels$/).find(f => f.name.endsWith('sheet1.xml.rels'));
  if (!rels) throw new Error('no notes on the first sheet');
  const move = async (from: string, to: string) => {
    const file = zip.file(from);
    if (!file) throw new Error(`no ${from}`);
    zip.file(to, await file.async('uint8array'));
    zip.remove(from);
  };
  await move('xl/comments1.xml', 'xl/comments/comment1.xml');
  await move('xl/drawings/vmlDrawing1.vml', 'xl/drawings/commentsDrawing1.vml');
  zip.file(
    rels.name,
    (await rels.async('string'))
      .replace('Target="../comments1.xml"', 'Target="/xl/comments/comment1.xml"')
      .replace('Target="../drawings/vmlDrawing1.vml"', 'Target="/xl/drawings/commentsDrawing1.vml"')
  );
  const types = zip.file('[Content_Types].xml');
  if (types)
    zip.file(
      '[Content_Types].xml',
      (await types.async('string')).replace('PartName="/xl/comments1.xml"', 'PartName="/xl/comments/comment1.xml"')
    );
  return zip.generateAsync({ type: 'nodebuffer' });
}

let book: string;
beforeAll(async () => {
  ensureBuilt();
  const dir = tempDir();
  const plain = join(dir, 'plain.xlsx');
  writeBook(plain, SAMPLE_ROWS, { 案件台帳: { B2: NOTE } });
  book = join(dir, 'openpyxl-notes.xlsx');
  writeFileSync(book, await asOpenpyxlNotes(readFileSync(plain)));
}, 60_000);
afterAll(removeTempDirs);

test('the stand-in has openpyxl’s layout (what exceljs cannot load)', async () => {
  const names = Object.keys((await JSZip.loadAsync(readFileSync(book))).files);
  expect(names).toEqual(expect.arrayContaining(['xl/comments/comment1.xml', 'xl/drawings/commentsDrawing1.vml']));
  const moved = await commentsWhereExcelJsLooks(readFileSync(book));
  expect(moved).not.toBeNull();
  expect(Object.keys((await JSZip.loadAsync(moved as Buffer)).files)).toEqual(
    expect.arrayContaining(['xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml'])
  );
  // A package whose notes are already where exceljs looks needs nothing.
  expect(await commentsWhereExcelJsLooks(moved as Buffer)).toBeNull();
});

test('check --annotate reads it, and the person’s note is in the annotated copy beside the system’s', () => {
  const out = join(tempDir(), 'annotated.xlsx');
  const run = runCli(['check', book, '--today', AS_OF, '--annotate', out]);
  expect(run.status).toBe(1); // the sample's findings
  expect(run.stderr).not.toMatch(/読み取れません/);
  const cell = XLSX.readFile(out).Sheets.案件台帳?.B2 as XLSX.CellObject;
  expect(cell.c?.map(c => c.t)).toContain(NOTE);
});

test('rollover reads it too', () => {
  const run = runCli(['rollover', book, '--out', join(tempDir(), 'next.xlsx')]);
  expect(run.status).toBe(0);
  expect(run.stderr).not.toMatch(STACK_TRACE);
});
