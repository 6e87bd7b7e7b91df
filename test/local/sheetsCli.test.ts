/**
 * `--sheet <spreadsheetId>` (DESIGN "Local CLI contract"): check, report and remind give the same JSON with `--sheet` (against a loopback
 * stand-in for the Sheets API) as with the .xlsx of the same data, through the commands themselves.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sample from '../../sheets-templates/sample.json';
import { main } from '../../src/local/cli';
import { buildWorkbook, type SampleTabs } from '../../src/local/xlsxTemplate';
import {
  type FakeSheetsApi,
  routeSheetsClientTo,
  SAMPLE_SPREADSHEET_ID,
  SAMPLE_TITLE,
  startFakeSheetsApi,
} from '../support/sheetsApiServer';

let api: FakeSheetsApi;
let book: string;
const dir = mkdtempSync(join(tmpdir(), 'sheets-cli-'));

beforeAll(async () => {
  api = await startFakeSheetsApi();
  book = join(dir, 'sample.xlsx');
  writeFileSync(book, Buffer.from(await buildWorkbook(sample.tabs as unknown as SampleTabs).xlsx.writeBuffer()));
  routeSheetsClientTo(api);
});
afterAll(() => {
  jest.restoreAllMocks();
  return api.close();
});
beforeEach(() => {
  api.requests.length = 0;
});

async function run(args: string[]): Promise<{ code: number; json: unknown }> {
  const out: string[] = [];
  const code = await main(args, { out: l => out.push(l), err: () => undefined });
  return { code, json: JSON.parse(out.join('\n')) };
}

const withoutWorkbookName = (model: unknown): unknown => {
  const m = structuredClone(model) as { overview?: { workbook?: string } };
  if (m.overview) delete m.overview.workbook;
  return m;
};

test('check --json gives the same findings and meetings from --sheet as from the .xlsx, in one request', async () => {
  const fromFile = await run(['check', book, '--today', sample.asOf, '--json']);
  const fromSheet = await run(['check', '--sheet', SAMPLE_SPREADSHEET_ID, '--today', sample.asOf, '--json']);
  expect(fromSheet).toEqual(fromFile);
  expect(fromFile.code).toBe(1);
  expect(api.requests).toHaveLength(1);
});

test('report --json gives the same month from --sheet as from the .xlsx, naming the spreadsheet by its title', async () => {
  const args = ['--month', sample.reportMonth, '--today', sample.asOf, '--json'];
  const fromFile = await run(['report', book, '--out', join(dir, 'file'), ...args]);
  const fromSheet = await run(['report', '--sheet', SAMPLE_SPREADSHEET_ID, '--out', join(dir, 'sheet'), ...args]);
  expect(withoutWorkbookName(fromSheet.json)).toEqual(withoutWorkbookName(fromFile.json));
  expect((fromSheet.json as { overview: { workbook: string } }).overview.workbook).toBe(SAMPLE_TITLE);
  expect(api.requests).toHaveLength(1);
});

test('remind --json sends the same digests and skips from --sheet as from the .xlsx', async () => {
  const fromFile = await run(['remind', book, '--outbox', join(dir, 'out-file'), '--today', sample.asOf, '--json']);
  const fromSheet = await run([
    'remind',
    '--sheet',
    SAMPLE_SPREADSHEET_ID,
    '--outbox',
    join(dir, 'out-sheet'),
    '--today',
    sample.asOf,
    '--json',
  ]);
  expect(fromSheet).toEqual(fromFile);
  expect(api.requests).toHaveLength(1);
});

test('--sheet never writes: --annotate is refused before anything is read, exit 2', async () => {
  const err: string[] = [];
  const code = await main(['check', '--sheet', SAMPLE_SPREADSHEET_ID, '--annotate', join(dir, 'x.xlsx')], {
    out: () => undefined,
    err: l => err.push(l),
  });
  expect(code).toBe(2);
  expect(err.join('\n')).toContain('--annotate');
  expect(api.requests).toHaveLength(0);
});

test('a file path and --sheet together are refused (exit 2)', async () => {
  const err: string[] = [];
  const code = await main(['check', book, '--sheet', SAMPLE_SPREADSHEET_ID], { out: () => undefined, err: l => err.push(l) });
  expect(code).toBe(2);
  expect(err.join('\n')).toContain('同時に指定できません');
  expect(api.requests).toHaveLength(0);
});
