/**
 * Local mode on the live workbook (`--sheet`): the Sheets API adapter, against a loopback stand-in for
 * Google. One read-only request per run, the same RawTables and results as the .xlsx of the same data,
 * and a Japanese message a user can act on for each failure.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { GoogleAuth } from 'google-auth-library';
import { contract } from '../../sheets-templates/contract';
import sample from '../../sheets-templates/sample.json';
import { calendarOf, check } from '../../src/domain/check';
import { readLedger } from '../../src/domain/ledgerReader';
import type { RawTable } from '../../src/domain/rawTable';
import { planReminders } from '../../src/domain/reminders/plan';
import { buildReportModel } from '../../src/domain/report/model';
import { UserError } from '../../src/local/cliSupport';
import {
  openSpreadsheet,
  readSpreadsheetTables,
  SHEETS_READONLY_SCOPE,
  type SheetsReadOptions,
  SPREADSHEET_FIELDS,
  spreadsheetIdOf,
  tableOf,
  toCell,
} from '../../src/local/sheetsApiWorkbook';
import { buildWorkbook, type SampleTabs } from '../../src/local/xlsxTemplate';
import { readTables } from '../../src/local/xlsxWorkbook';
import {
  dateCell,
  type FakeSheetsApi,
  fixedTokenAuth,
  googleError,
  gridSheet,
  noAnswer,
  SAMPLE_SPREADSHEET_ID,
  SAMPLE_TITLE,
  sampleSpreadsheet,
  startFakeSheetsApi,
  TEST_ACCESS_TOKEN,
  valueCell,
} from '../support/sheetsApiServer';

const AS_OF = sample.asOf;
let api: FakeSheetsApi;
let waits: number[];

beforeAll(async () => {
  api = await startFakeSheetsApi();
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
  api.replies.length = 0;
  api.always = null;
  waits = [];
});

const options = (extra: Partial<SheetsReadOptions> = {}): SheetsReadOptions => ({
  rootUrl: api.rootUrl,
  auth: fixedTokenAuth(),
  sleep: async ms => void waits.push(ms),
  fetchImplementation: fetch,
  ...extra,
});

async function xlsxTablesOfSample(): Promise<Map<string, RawTable>> {
  const written = await buildWorkbook(sample.tabs as unknown as SampleTabs).xlsx.writeBuffer();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(written);
  return readTables(wb);
}

/** What `check --json` prints (DESIGN "Local CLI contract"). */
const checkJson = (tables: Map<string, RawTable>): string => {
  const r = check(readLedger(tables), AS_OF);
  return JSON.stringify({
    today: r.today,
    findings: r.findings.map(({ sheet, row, column, severity, code, message }) => ({ sheet, row, column, severity, code, message })),
    meetings: r.meetings.map(({ id, type, date, minutesDue, minutesSharedOn, status }) => ({
      id,
      type,
      date,
      minutesDue,
      minutesSharedOn,
      status,
    })),
  });
};

async function userErrorOf(run: Promise<unknown>): Promise<UserError> {
  const e = await run.then(
    () => null,
    (err: unknown) => err
  );
  expect(e).toBeInstanceOf(UserError);
  return e as UserError;
}

describe('one read-only request per run', () => {
  test('all tabs come from one spreadsheets.get with the field mask for values and number formats, and the read-only token', async () => {
    const tables = await readSpreadsheetTables(SAMPLE_SPREADSHEET_ID, options());
    expect(api.requests).toHaveLength(1);
    const [req] = api.requests;
    expect(req?.method).toBe('GET');
    expect(req?.path).toBe(`/v4/spreadsheets/${SAMPLE_SPREADSHEET_ID}`);
    expect([...(req?.query.keys() ?? [])].sort()).toEqual(['fields']);
    expect(req?.query.get('fields')).toBe(SPREADSHEET_FIELDS);
    expect(req?.authorization).toBe(`Bearer ${TEST_ACCESS_TOKEN}`);
    expect([...tables.keys()]).toEqual(contract.tabs.map(t => t.name));
  });

  test('the default credentials ask for the spreadsheets.readonly scope only', () => {
    expect(SHEETS_READONLY_SCOPE).toBe('https://www.googleapis.com/auth/spreadsheets.readonly');
  });

  test('a spreadsheet URL is read as its ID', async () => {
    expect(spreadsheetIdOf(`https://docs.google.com/spreadsheets/d/${SAMPLE_SPREADSHEET_ID}/edit#gid=0`)).toBe(SAMPLE_SPREADSHEET_ID);
    const opened = await openSpreadsheet(`https://docs.google.com/spreadsheets/d/${SAMPLE_SPREADSHEET_ID}/edit`, options());
    expect(opened.path).toBe(`sheets:${SAMPLE_SPREADSHEET_ID}`);
    expect(opened.title).toBe(SAMPLE_TITLE);
    expect(opened.url).toBe(`https://docs.google.com/spreadsheets/d/${SAMPLE_SPREADSHEET_ID}/edit`);
    expect(api.requests).toHaveLength(1);
  });

  test('a file path given as --sheet is refused before any request, with how to read a file', async () => {
    const e = await userErrorOf(openSpreadsheet('book.xlsx', options()));
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain('スプレッドシートIDとして読めません');
    expect(e.message).toContain('--sheet を付けずに');
    expect(api.requests).toHaveLength(0);
  });
});

describe('the same data gives the same results as the .xlsx', () => {
  test('the sample workbook reads into RawTables identical to its .xlsx', async () => {
    const fromApi = await readSpreadsheetTables(SAMPLE_SPREADSHEET_ID, options());
    expect(fromApi).toEqual(await xlsxTablesOfSample());
  });

  test('check gives the same findings and minutes statuses as on the .xlsx (DESIGN check --json)', async () => {
    const fromApi = await openSpreadsheet(SAMPLE_SPREADSHEET_ID, options());
    const fromXlsx = await xlsxTablesOfSample();
    const json = checkJson(fromXlsx);
    expect(JSON.stringify(JSON.parse(json))).toBe(json);
    const r = check(fromApi.read, AS_OF);
    expect(checkJson(await readSpreadsheetTables(SAMPLE_SPREADSHEET_ID, options()))).toBe(json);
    // The planted conditions (SAMPLE.md) are there, so the comparison compares something.
    expect(r.findings.map(f => f.code)).toEqual(expect.arrayContaining(['missing-prevalidation', 'unknown-case', 'expert-cap-exceeded']));
    expect(r.meetings.map(m => m.status)).toEqual(expect.arrayContaining(['overdue', 'due-soon', 'pending', 'shared-late', 'no-deadline']));
  });

  test('what report and remind read is identical too: the same ReadResult, report model and reminder plan', async () => {
    const fromApi = (await openSpreadsheet(SAMPLE_SPREADSHEET_ID, options())).read;
    const fromXlsx = readLedger(await xlsxTablesOfSample());
    expect(fromApi).toEqual(fromXlsx);
    const month = sample.reportMonth;
    const model = (read: typeof fromApi) => buildReportModel(read, check(read, AS_OF), month, AS_OF, 'ブック');
    expect(JSON.stringify(model(fromApi))).toBe(JSON.stringify(model(fromXlsx)));
    const plan = (read: typeof fromApi) => planReminders(read, check(read, AS_OF), AS_OF, calendarOf(read), { reportsDone: new Set() });
    expect(JSON.stringify(plan(fromApi))).toBe(JSON.stringify(plan(fromXlsx)));
    expect(plan(fromApi).digests.length).toBeGreaterThan(0);
  });

  test('a duration typed as 3:30 (a TIME cell, 0.1458 of a day) is 3.5 hours, as in the .xlsx; a typed 3.5 stays 3.5', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('PD稼働記録');
    ws.addRow(['日付', '時間', '区分', '活動内容']);
    ws.addRow([new Date(Date.UTC(2024, 9, 1)), new Date(Date.UTC(1899, 11, 30, 3, 30)), '現地', '伴走支援']);
    ws.addRow([new Date(Date.UTC(2024, 9, 2)), 3.5, '現地', '伴走支援']);
    ws.getCell('A2').numFmt = ws.getCell('A3').numFmt = 'yyyy-mm-dd';
    ws.getCell('B2').numFmt = '[h]:mm';
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await wb.xlsx.writeBuffer());
    const fromXlsx = readTables(back).get('PD稼働記録');

    const fromApi = tableOf('PD稼働記録', [
      gridSheet('PD稼働記録', [
        ['日付', '時間', '区分', '活動内容'].map(valueCell),
        [dateCell(45566), dateCell(3.5 / 24, 'TIME'), valueCell('現地'), valueCell('伴走支援')],
        [dateCell(45567), valueCell(3.5), valueCell('現地'), valueCell('伴走支援')],
      ]).data?.[0] ?? {},
    ]);
    expect(fromApi).toEqual(fromXlsx);
    const hours = readLedger(new Map([['PD稼働記録', fromApi]])).ledger.pdHours.map(r => r.hours);
    expect(hours).toEqual([3.5, 3.5]);
  });

  test('an error value reads as the error a person sees (#REF!), as exceljs reads it from an .xlsx', () => {
    expect(toCell({ effectiveValue: { errorValue: { type: 'REF', message: 'Reference does not exist.' } } })).toEqual({ error: '#REF!' });
    expect(toCell({ effectiveValue: { errorValue: { type: 'N_A' } } })).toEqual({ error: '#N/A' });
    expect(toCell({ effectiveValue: { boolValue: false } })).toBe(false);
    expect(toCell({})).toBeNull();
  });

  test('merged cells (the merges of the sheet) reach the domain as in the .xlsx, and are merged-cells findings', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('PD稼働記録');
    ws.addRow(['日付', '時間', '区分', '活動内容']);
    ws.addRow([new Date(Date.UTC(2024, 9, 1)), 3, '現地', '伴走支援']);
    ws.addRow([new Date(Date.UTC(2024, 9, 2)), null, '現地', '伴走支援']);
    ws.getCell('A2').numFmt = ws.getCell('A3').numFmt = 'yyyy-mm-dd';
    ws.mergeCells('B2:B3');
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await wb.xlsx.writeBuffer());
    const fromXlsx = readTables(back).get('PD稼働記録');

    const sheet = gridSheet('PD稼働記録', [
      ['日付', '時間', '区分', '活動内容'].map(valueCell),
      [dateCell(45566), valueCell(3), valueCell('現地'), valueCell('伴走支援')],
      [dateCell(45567), {}, valueCell('現地'), valueCell('伴走支援')],
    ]);
    const merges = [{ sheetId: 0, startRowIndex: 1, endRowIndex: 3, startColumnIndex: 1, endColumnIndex: 2 }];
    const served = await startFakeSheetsApi({ properties: { title: 'merged' }, sheets: [{ ...sheet, merges }] });
    try {
      const fromApi = (await readSpreadsheetTables(SAMPLE_SPREADSHEET_ID, { ...options(), rootUrl: served.rootUrl })).get('PD稼働記録');
      expect(fromApi).toEqual(fromXlsx);
      expect(fromApi?.merges).toEqual([{ top: 2, left: 2, bottom: 3, right: 2 }]);
      const read = readLedger(new Map([['PD稼働記録', fromApi as RawTable]]));
      expect(read.findings.filter(f => f.code === 'merged-cells').map(f => [f.row, f.column])).toEqual([[3, '時間']]);
    } finally {
      await served.close();
    }
  });

  test('a missing tab is a missing-tab finding from check, not a failed request', async () => {
    const withoutLog = await startFakeSheetsApi(sampleSpreadsheet({ omitTabs: ['専門家活用記録'] }));
    try {
      const opened = await openSpreadsheet(SAMPLE_SPREADSHEET_ID, { ...options(), rootUrl: withoutLog.rootUrl });
      expect(withoutLog.requests).toHaveLength(1);
      expect(check(opened.read, AS_OF).findings).toContainEqual(
        expect.objectContaining({ sheet: '専門家活用記録', code: 'missing-tab', severity: 'error' })
      );
    } finally {
      await withoutLog.close();
    }
  });
});

describe('errors a user can act on (exit code 2, Japanese, no stack trace)', () => {
  const savedEnv = { ...process.env };
  afterEach(() => {
    process.env = { ...savedEnv };
  });

  test('no credentials at all: says how to set up ADC or GOOGLE_APPLICATION_CREDENTIALS', async () => {
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    process.env.HOME = mkdtempSync(join(tmpdir(), 'no-adc-'));
    process.env.METADATA_SERVER_DETECTION = 'none';
    const auth = new GoogleAuth({ scopes: [SHEETS_READONLY_SCOPE] });
    Object.assign(auth, { checkIsGCE: false }); // not a Google Cloud VM, wherever the test runs
    const e = await userErrorOf(readSpreadsheetTables(SAMPLE_SPREADSHEET_ID, options({ auth })));
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain('Google の認証情報が見つからない');
    expect(e.message).toContain('gcloud auth application-default login --scopes=');
    expect(e.message).toContain('spreadsheets.readonly');
    expect(e.message).toContain('GOOGLE_APPLICATION_CREDENTIALS');
    expect(e.message).not.toMatch(/\n\s+at /);
    expect(api.requests).toHaveLength(0);
  });

  test('GOOGLE_APPLICATION_CREDENTIALS naming a missing key file: names the file', async () => {
    const missing = join(tmpdir(), 'no-such-key-file.json');
    process.env.GOOGLE_APPLICATION_CREDENTIALS = missing;
    const e = await userErrorOf(readSpreadsheetTables(SAMPLE_SPREADSHEET_ID, { rootUrl: api.rootUrl, fetchImplementation: fetch }));
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain(`鍵ファイル「${missing}」を読めません`);
    expect(api.requests).toHaveLength(0);
  });

  test('a key file that is not a key: the same guidance', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'bad-key-')), 'key.json');
    writeFileSync(bad, '{"type":"nonsense"}');
    process.env.GOOGLE_APPLICATION_CREDENTIALS = bad;
    const e = await userErrorOf(readSpreadsheetTables(SAMPLE_SPREADSHEET_ID, { rootUrl: api.rootUrl, fetchImplementation: fetch }));
    expect(e.message).toContain('GOOGLE_APPLICATION_CREDENTIALS');
    expect(api.requests).toHaveLength(0);
  });

  test('403, not shared with the service account: names the account to share the sheet with as viewer', async () => {
    api.replies.push(googleError(403, 'The caller does not have permission', undefined, 'PERMISSION_DENIED'));
    const account = 'chizai-reader@example-project.iam.gserviceaccount.com';
    const e = await userErrorOf(readSpreadsheetTables(SAMPLE_SPREADSHEET_ID, options({ auth: fixedTokenAuth(account) })));
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain('読む権限がありません（403）');
    expect(e.message).toContain(`${account} を「閲覧者」として追加`);
    expect(api.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  test('403 for a user login without the spreadsheets scope: says to log in again with --scopes', async () => {
    api.replies.push(
      googleError(403, 'Request had insufficient authentication scopes.', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', 'PERMISSION_DENIED')
    );
    const e = await userErrorOf(readSpreadsheetTables(SAMPLE_SPREADSHEET_ID, options()));
    expect(e.message).toContain('スコープ');
    expect(e.message).toContain(
      '--scopes=https://www.googleapis.com/auth/cloud-platform,https://www.googleapis.com/auth/spreadsheets.readonly'
    );
  });

  test('403 with the Sheets API disabled in the project: says to enable it and set the quota project', async () => {
    api.replies.push(
      googleError(
        403,
        'Google Sheets API has not been used in project 123 before or it is disabled.',
        'SERVICE_DISABLED',
        'PERMISSION_DENIED'
      )
    );
    const e = await userErrorOf(readSpreadsheetTables(SAMPLE_SPREADSHEET_ID, options()));
    expect(e.message).toContain('gcloud services enable sheets.googleapis.com');
    expect(e.message).toContain('set-quota-project');
  });

  test('404, wrong ID: names the ID and where to find it, without retrying', async () => {
    const wrong = '1WrongIdWrongIdWrongIdWrongIdWrongIdWrongId';
    const e = await userErrorOf(readSpreadsheetTables(wrong, options()));
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain(`スプレッドシート ${wrong} が見つかりません（404）`);
    expect(e.message).toContain('/spreadsheets/d/');
    expect(api.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  test('an Excel file on Drive (not converted): says to save it as a Google spreadsheet', async () => {
    api.replies.push(googleError(400, 'This operation is not supported for this document', undefined, 'FAILED_PRECONDITION'));
    const e = await userErrorOf(readSpreadsheetTables(SAMPLE_SPREADSHEET_ID, options()));
    expect(e.message).toContain('Google スプレッドシートとして保存');
  });

  test('429 then success: waits once with backoff and reads the workbook (two requests)', async () => {
    api.replies.push(googleError(429, 'Quota exceeded for quota metric Read requests', 'RATE_LIMIT_EXCEEDED', 'RESOURCE_EXHAUSTED'));
    const seen: number[] = [];
    const tables = await readSpreadsheetTables(SAMPLE_SPREADSHEET_ID, options({ onRetry: i => void seen.push(i.attempt) }));
    expect(tables.size).toBe(contract.tabs.length);
    expect(api.requests).toHaveLength(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(1000);
    expect(seen).toEqual([1]);
  });

  test('Retry-After from the server is honoured', async () => {
    api.replies.push({ ...googleError(429, 'Too many requests'), headers: { 'retry-after': '7' } });
    await readSpreadsheetTables(SAMPLE_SPREADSHEET_ID, options());
    expect(waits).toEqual([7000]);
  });

  test('5xx on every attempt: 1 + 4 retries with growing waits, then a clear message', async () => {
    api.always = googleError(503, 'The service is currently unavailable.', undefined, 'UNAVAILABLE');
    const e = await userErrorOf(readSpreadsheetTables(SAMPLE_SPREADSHEET_ID, options()));
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain('エラーを返しました（503）');
    expect(e.message).toContain('5回試しました');
    expect(api.requests).toHaveLength(5);
    expect(waits).toHaveLength(4);
    for (let i = 0; i < 4; i++) {
      expect(waits[i]).toBeGreaterThanOrEqual(1000 * 2 ** i);
      expect(waits[i]).toBeLessThan(1000 * 2 ** i + 1000);
    }
  });

  test('429 on every attempt with retries: 2 gives three requests and the quota message', async () => {
    api.replies.push(...[1, 2, 3].map(() => googleError(429, 'Quota exceeded', 'RATE_LIMIT_EXCEEDED', 'RESOURCE_EXHAUSTED')));
    const e = await userErrorOf(readSpreadsheetTables(SAMPLE_SPREADSHEET_ID, options({ retries: 2 })));
    expect(e.message).toContain('利用上限に達しています（429）');
    expect(e.message).toContain('3回試しました');
    expect(api.requests).toHaveLength(3);
  });

  test('no answer within the timeout: retried like a 5xx, then the connection message', async () => {
    api.always = noAnswer;
    const e = await userErrorOf(readSpreadsheetTables(SAMPLE_SPREADSHEET_ID, options({ timeoutMs: 100, retries: 1 })));
    expect(e.message).toContain('Google Sheets API に接続できません（ETIMEDOUT）');
    expect(api.requests).toHaveLength(2);
    expect(waits).toHaveLength(1);
  });

  test('no server listening: a connection message, not a stack trace', async () => {
    const gone = await startFakeSheetsApi();
    const rootUrl = gone.rootUrl;
    await gone.close();
    const e = await userErrorOf(readSpreadsheetTables(SAMPLE_SPREADSHEET_ID, options({ rootUrl })));
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain('Google Sheets API に接続できません');
  });
});
