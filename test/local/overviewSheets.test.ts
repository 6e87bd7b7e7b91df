/**
 * `chizai-desk overview --sheet …` against a loopback stand-in for the Sheets API that answers each request
 * after 300 ms: twenty sheets are read concurrently, never more at once than the bound, and a 403 on one
 * sheet leaves a row saying so while the other nineteen are complete. (How much faster than one after
 * another: `npm run bench`, BENCHMARKS.md.)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import sample from '../../sheets-templates/sample.json';
import type { OverviewRow } from '../../src/domain/overview';
import { main } from '../../src/local/cli';
import { DEFAULT_CONCURRENCY, requestPacer } from '../../src/local/overviewRead';
import { buildWorkbook, type SampleTabs } from '../../src/local/xlsxTemplate';
import {
  type FakeSheetsApi,
  googleError,
  routeSheetsClientTo,
  SAMPLE_TITLE,
  sampleSpreadsheet,
  startFakeSheetsApi,
} from '../support/sheetsApiServer';

const SHEETS = 20;
const REFUSED = 7;
const idOf = (i: number): string => `1OverviewSheet${String(i).padStart(2, '0')}_abcdefghijklmnop`;
const spreadsheet = sampleSpreadsheet();

let api: FakeSheetsApi;
const dir = mkdtempSync(join(tmpdir(), 'overview-sheets-'));

beforeAll(async () => {
  api = await startFakeSheetsApi(spreadsheet, {
    delayMs: 300,
    serve: req => {
      const i = Array.from({ length: SHEETS }, (_, k) => k).find(k => req.path === `/v4/spreadsheets/${idOf(k)}`);
      if (i === undefined) return undefined;
      return i === REFUSED
        ? googleError(403, 'The caller does not have permission', undefined, 'PERMISSION_DENIED')
        : { status: 200, body: { ...spreadsheet, properties: { title: `${SAMPLE_TITLE} ${i}` } } };
    },
  });
  routeSheetsClientTo(api);
});
afterAll(() => {
  jest.restoreAllMocks();
  return api.close();
});

async function run(args: string[]): Promise<{ code: number; json: { rows: OverviewRow[]; file: string }; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: l => out.push(l), err: l => err.push(l) });
  return { code, json: JSON.parse(out.join('\n')), err };
}

describe('twenty live sheets, one of them not shared with the reader (403)', () => {
  let result: Awaited<ReturnType<typeof run>>;
  let fromFile: OverviewRow;
  beforeAll(async () => {
    const args = Array.from({ length: SHEETS }, (_, i) => ['--sheet', idOf(i)]).flat();
    result = await run(['overview', ...args, '--today', sample.asOf, '--json', '--out', dir]);
    const book = join(dir, 'sample.xlsx');
    await buildWorkbook(sample.tabs as unknown as SampleTabs).xlsx.writeFile(book);
    fromFile = (await run(['overview', book, '--today', sample.asOf, '--json', '--out', join(dir, 'file')])).json.rows[0] as OverviewRow;
  }, 60_000);

  test('exit 1: one workbook could not be read', () => {
    expect(result.code).toBe(1);
  });

  test('the refused sheet’s row says it may not be read (403) and how to share it', () => {
    const row = result.json.rows[REFUSED];
    expect(row).toMatchObject({ source: `sheets:${idOf(REFUSED)}`, figures: null });
    expect(row?.problem).toMatch(/読む権限がありません（403）.*閲覧者/);
  });

  test('the other nineteen rows are complete: each has the figures the same data gives from an .xlsx', () => {
    const others = result.json.rows.filter((_, i) => i !== REFUSED);
    expect(others).toHaveLength(19);
    for (const [k, row] of others.entries()) {
      expect(row.problem).toBeNull();
      expect(row.figures).toEqual(fromFile.figures);
      expect(row.workbook).toBe(`${SAMPLE_TITLE} ${k < REFUSED ? k : k + 1}`);
    }
  });

  test('one request per sheet (a 403 is not retried), several at once but never more than the bound', () => {
    expect(api.requests).toHaveLength(SHEETS);
    expect(api.maxInFlight).toBeGreaterThan(1);
    expect(api.maxInFlight).toBeLessThanOrEqual(DEFAULT_CONCURRENCY);
  });

  test('the file has twenty rows, the refused one in red saying why', () => {
    const wb = XLSX.readFile(result.json.file, { cellStyles: true });
    const ws = wb.Sheets.全地域進捗 as XLSX.WorkSheet;
    const aoa = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1 });
    expect(aoa).toHaveLength(SHEETS + 1);
    const readCell = ws[`D${REFUSED + 2}`] as XLSX.CellObject & { s?: { fgColor?: { rgb?: string } } };
    expect(String(readCell.v)).toMatch(/^読めません: .*403/);
    expect(readCell.s?.fgColor?.rgb?.toLowerCase()).toBe('f4cccc');
  });
});

describe('the Sheets API’s per-user quota: requests are paced to at most 60 a minute', () => {
  test('the 61st request waits until the first is a minute old; the 60 before it do not wait', async () => {
    let now = 0;
    const waits: number[] = [];
    const pace = requestPacer(
      60,
      () => now,
      async ms => {
        waits.push(ms);
        now += ms;
      }
    );
    for (let i = 0; i < 60; i++) {
      await pace();
      now += 100;
    }
    expect(waits).toEqual([]);
    await pace();
    expect(waits).toEqual([54_000]);
  });
});
