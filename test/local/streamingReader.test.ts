/**
 * The streaming reader (check without --annotate, report, remind) against the full reader (check --annotate):
 * the RawTables the domain receives must be the same, tab for tab in the same order, cell for cell, for the
 * sample workbook, the demo's workbook and every readable workbook of the bad-input corpus; and the streaming
 * path must really be taken for them (readXlsxTablesStreamingOnly rejects where it would fall back). Files
 * that are no workbook give the same message either way.
 */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { cases, fileName, type WorkbookCase, writeBadInputs } from '../../scripts/make-bad-inputs';
import sample from '../../sheets-templates/sample.json';
import type { RawTable } from '../../src/domain/rawTable';
import { readXlsxTables, readXlsxTablesStreamingOnly } from '../../src/local/xlsxStreamReader';
import { buildWorkbook, type SampleTabs } from '../../src/local/xlsxTemplate';
import { loadXlsx, readTables, UnreadableWorkbookError } from '../../src/local/xlsxWorkbook';
import { removeTempDirs, tempDir, writeFixture } from './support';

const entries = (tables: Map<string, RawTable>) => [...tables.entries()];
const fullRead = async (path: string) => entries(readTables(await loadXlsx(path)));

let dir: string;
beforeAll(async () => {
  dir = tempDir();
  await writeBadInputs(join(dir, 'bad'));
  writeFixture(join(dir, 'fixture.xlsx'));
  writeFixture(join(dir, 'fixture-clean.xlsx'), true);
  writeFileSync(join(dir, 'demo.xlsx'), Buffer.from(await buildWorkbook(sample.tabs as unknown as SampleTabs).xlsx.writeBuffer()));
  writeFileSync(join(dir, 'template.xlsx'), Buffer.from(await buildWorkbook().xlsx.writeBuffer()));
}, 120_000);
afterAll(removeTempDirs);

const workbookCases = cases.filter((c): c is WorkbookCase => c.kind === 'workbook');

describe('streaming and full reader give the same RawTables', () => {
  it.each(['fixture.xlsx', 'fixture-clean.xlsx', 'demo.xlsx', 'template.xlsx'])('%s', async file => {
    const path = join(dir, file);
    const full = await fullRead(path);
    expect(full.length).toBeGreaterThan(0);
    expect(entries(await readXlsxTablesStreamingOnly(path))).toEqual(full);
    expect(entries(await readXlsxTables(path))).toEqual(full);
  });

  it.each(workbookCases.map(c => [c.name]))('corpus: %s', async name => {
    const path = join(dir, 'bad', `${name}.xlsx`);
    const full = await fullRead(path);
    expect(entries(await readXlsxTablesStreamingOnly(path))).toEqual(full);
    expect(entries(await readXlsxTables(path))).toEqual(full);
  });
});

describe('files that are no workbook: the same message', () => {
  const fileCases = cases.filter(c => c.kind === 'file');
  it.each(fileCases.map(c => [c.name, fileName(c)]))('%s', async (_name, file) => {
    const path = join(dir, 'bad', file);
    const full = await loadXlsx(path).then(
      () => null,
      (e: unknown) => e
    );
    expect(full).toBeInstanceOf(UnreadableWorkbookError);
    await expect(readXlsxTables(path)).rejects.toEqual(full);
    await expect(readXlsxTables(path)).rejects.toBeInstanceOf(UnreadableWorkbookError);
  });
});

describe('cells the corpus does not hold', () => {
  async function write(name: string, build: (ws: ExcelJS.Worksheet) => void): Promise<string> {
    const wb = new ExcelJS.Workbook();
    build(wb.addWorksheet('PD稼働記録'));
    wb.addWorksheet('設定').getCell('A1').value = '項目';
    const path = join(dir, name);
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    return path;
  }

  it('rich text, formula results of every type, merges over values, a header merged down', async () => {
    const path = await write('cells.xlsx', ws => {
      ws.getRow(1).values = ['日付', '時間', '活動内容', '備考'];
      ws.getCell('A2').value = { richText: [{ text: 'りんご', font: { bold: true } }, { text: '🍎' }] };
      ws.getCell('B2').value = { formula: '1=1', result: true } as ExcelJS.CellFormulaValue;
      ws.getCell('C2').value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
      ws.getCell('D2').value = { formula: '0*1', result: 0 } as ExcelJS.CellFormulaValue;
      ws.getCell('A3').value = { formula: 'DATE(2024,8,21)', result: new Date(Date.UTC(2024, 7, 21)) } as ExcelJS.CellFormulaValue;
      ws.getCell('A3').numFmt = 'yyyy/m/d';
      ws.getCell('B3').value = new Date(Date.UTC(1899, 11, 30, 3, 30));
      ws.getCell('B3').numFmt = '[h]:mm';
      ws.getCell('C3').value = '  ';
      ws.getCell('A5').value = 'x';
      ws.mergeCells('A5:B7');
      ws.mergeCells('D1:E2');
      ws.getCell('A9').numFmt = '0.00'; // a styled empty cell: no row of its own
    });
    const full = await fullRead(path);
    const streamed = await readXlsxTablesStreamingOnly(path);
    expect(entries(streamed)).toEqual(full);
    // Both hand the domain the merged areas (D2 lies in D1:E2, so it reads blank), and a cached TRUE as TRUE.
    const pd = streamed.get('PD稼働記録');
    expect(pd?.merges).toEqual([
      { top: 1, left: 4, bottom: 2, right: 5 },
      { top: 5, left: 1, bottom: 7, right: 2 },
    ]);
    expect(pd?.rows.find(r => r.rowNumber === 2)?.cells.slice(1, 3)).toEqual([true, { error: '#DIV/0!' }]);
  });

  it('a hyperlink: read by the full reader, same tables', async () => {
    const path = await write('links.xlsx', ws => {
      ws.getRow(1).values = ['日付', '備考'];
      ws.getCell('B2').value = { text: 'https://example.jp', hyperlink: 'https://example.jp' };
      ws.getCell('A3').value = 42;
    });
    await expect(readXlsxTablesStreamingOnly(path)).rejects.toThrow();
    expect(entries(await readXlsxTables(path))).toEqual(await fullRead(path));
  });
});
