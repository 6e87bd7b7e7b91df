/**
 * A loopback stand-in for the Google Sheets API (v4 spreadsheets.get), reached through the client's
 * `rootUrl`, and the sample workbook as that API returns it: per cell an effectiveValue (dates as serial
 * numbers) and, for date cells, effectiveFormat.numberFormat.type DATE; blank trailing cells and rows
 * omitted, blank cells inside a row as {}. Every request is recorded, so tests can count them.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { sheets_v4 } from '@googleapis/sheets';
import { JWT, OAuth2Client } from 'google-auth-library';
import { contract } from '../../sheets-templates/contract';
import sample from '../../sheets-templates/sample.json';
import { serialFromYmd } from '../../src/domain/dates';
import { workbookTemplate } from '../../src/domain/template';
import * as sheetsApi from '../../src/local/sheetsApiWorkbook';
import { SHEETS_READONLY_SCOPE } from '../../src/local/sheetsApiWorkbook';

type SampleValue = string | number | boolean;
type SampleRow = Readonly<Record<string, SampleValue>>;
type CellData = sheets_v4.Schema$CellData;

export const SAMPLE_SPREADSHEET_ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_SaMpLe';
export const SAMPLE_TITLE = '知財経営支援 事務局ブック（サンプル）';
export const TEST_ACCESS_TOKEN = 'test-access-token';

const isDateText = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

export const dateCell = (serial: number, type: 'DATE' | 'TIME' | 'DATE_TIME' = 'DATE'): CellData => ({
  effectiveValue: { numberValue: serial },
  effectiveFormat: { numberFormat: { type } },
});

export function valueCell(v: SampleValue | undefined): CellData {
  if (v === undefined || v === '') return {};
  if (typeof v === 'string') return { effectiveValue: { stringValue: v } };
  if (typeof v === 'number') return { effectiveValue: { numberValue: v } };
  return { effectiveValue: { boolValue: v } };
}

/** A row as the API sends it: no trailing blank cells. */
function rowData(cells: CellData[]): sheets_v4.Schema$RowData {
  const values = [...cells];
  while (values.length > 0 && Object.keys(values[values.length - 1] ?? {}).length === 0) values.pop();
  return values.length > 0 ? { values } : {};
}

export function gridSheet(title: string, rows: readonly CellData[][]): sheets_v4.Schema$Sheet {
  const data = rows.map(rowData);
  return { properties: { title, sheetType: 'GRID' }, data: [data.length > 0 ? { rowData: data } : {}] };
}

/** The sample workbook (sheets-templates/sample.json; or the rows given), laid out by the contract, as spreadsheets.get returns it. */
export function sampleSpreadsheet(
  options: { readonly omitTabs?: readonly string[]; readonly tabs?: Readonly<Record<string, readonly SampleRow[]>> } = {}
): sheets_v4.Schema$Spreadsheet {
  const tabs = options.tabs ?? (sample.tabs as unknown as Record<string, readonly SampleRow[]>);
  const dateSettings = new Set<string>(contract.settings.filter(s => s.type === 'date').map(s => s.name));
  const sheets = workbookTemplate
    .filter(t => !(options.omitTabs ?? []).includes(t.name))
    .map(t =>
      gridSheet(t.name, [
        t.columns.map(c => valueCell(c.header)),
        ...(tabs[t.name] ?? []).map(row =>
          t.columns.map(c => {
            const v = row[c.header];
            const isDate = c.kind === 'date' || (c.header === '値' && dateSettings.has(String(row.項目)));
            return isDate && isDateText(v) ? dateCell(serialFromYmd(v)) : valueCell(v);
          })
        ),
      ])
    );
  return { properties: { title: SAMPLE_TITLE }, sheets };
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization: string | undefined;
}

/** What the stand-in answers: a status and a JSON body. */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Never answer (the client's timeout must end the wait). */
  readonly hang?: boolean;
}

export const noAnswer: Reply = { status: 0, body: null, hang: true };

export const googleError = (status: number, message: string, reason?: string, code = ''): Reply => ({
  status,
  body: {
    error: {
      code: status,
      message,
      status: code,
      ...(reason ? { details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'googleapis.com' }] } : {}),
    },
  },
});

export interface FakeSheetsApi {
  readonly rootUrl: string;
  readonly requests: RecordedRequest[];
  /** Replies for the next requests, in order. */
  readonly replies: Reply[];
  /** When set and nothing is queued, the answer to every request (e.g. a lasting outage). */
  always: Reply | null;
  /** The most requests the stand-in was answering at once. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

export interface FakeSheetsApiOptions {
  /** Each answer waits this long (the API's latency). */
  readonly delayMs?: number;
  /** Answers a request itself (e.g. many spreadsheets by ID); undefined falls back to the sample and 404. */
  readonly serve?: (req: RecordedRequest) => Reply | undefined;
}

/** Starts the stand-in on 127.0.0.1 (ephemeral port). Unless told otherwise it serves `spreadsheet` for SAMPLE_SPREADSHEET_ID, 404 for any other ID. */
export async function startFakeSheetsApi(
  spreadsheet: sheets_v4.Schema$Spreadsheet = sampleSpreadsheet(),
  options: FakeSheetsApiOptions = {}
): Promise<FakeSheetsApi> {
  const requests: RecordedRequest[] = [];
  const replies: Reply[] = [];
  const api: Omit<FakeSheetsApi, 'rootUrl' | 'close'> & { maxInFlight: number } = { requests, replies, always: null, maxInFlight: 0 };
  let inFlight = 0;
  const serve = (req: RecordedRequest): Reply =>
    options.serve?.(req) ??
    (req.method === 'GET' && req.path === `/v4/spreadsheets/${SAMPLE_SPREADSHEET_ID}`
      ? { status: 200, body: spreadsheet }
      : googleError(404, 'Requested entity was not found.', undefined, 'NOT_FOUND'));
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      authorization: req.headers.authorization,
    };
    requests.push(recorded);
    req.resume();
    const reply = replies.shift() ?? api.always ?? serve(recorded);
    if (reply.hang) return;
    inFlight += 1;
    api.maxInFlight = Math.max(api.maxInFlight, inFlight);
    const answer = (): void => {
      inFlight -= 1;
      res.writeHead(reply.status, { 'content-type': 'application/json; charset=UTF-8', ...reply.headers });
      res.end(JSON.stringify(reply.body));
    };
    if (options.delayMs) setTimeout(answer, options.delayMs);
    else answer();
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(api, {
    rootUrl: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(e => (e ? reject(e) : resolve()));
      }),
  });
}

/**
 * Credentials that need no lookup: a fixed, unexpired access token. With an address, a service account's
 * client (what a key named by GOOGLE_APPLICATION_CREDENTIALS gives), whose token is likewise already there.
 */
export function fixedTokenAuth(serviceAccount?: string): OAuth2Client {
  const client = serviceAccount
    ? new JWT({ email: serviceAccount, key: 'not used: the token below is unexpired', scopes: [SHEETS_READONLY_SCOPE] })
    : new OAuth2Client();
  client.setCredentials({ access_token: TEST_ACCESS_TOKEN, expiry_date: Date.now() + 3_600_000 });
  return client;
}

/**
 * Points the commands' Sheets client at the stand-in for the rest of the test file (undo with
 * jest.restoreAllMocks()). The commands take no endpoint option (a token must never be sent elsewhere), so the
 * test replaces the address, the credentials and fetch under them.
 */
export function routeSheetsClientTo(api: FakeSheetsApi): void {
  const real = sheetsApi.openSpreadsheet;
  jest
    .spyOn(sheetsApi, 'openSpreadsheet')
    .mockImplementation((id, options) =>
      real(id, { ...options, rootUrl: api.rootUrl, auth: fixedTokenAuth(), fetchImplementation: fetch })
    );
}

/**
 * For the describe block it is called in: a stand-in serving `spreadsheet`, the commands' Sheets client pointed
 * at it, both undone afterwards. The running stand-in (for its recorded requests) is what the getter returns.
 */
export function useSheetsStandIn(spreadsheet: sheets_v4.Schema$Spreadsheet): () => FakeSheetsApi {
  let api: FakeSheetsApi | undefined;
  beforeAll(async () => {
    api = await startFakeSheetsApi(spreadsheet);
    routeSheetsClientTo(api);
  });
  afterAll(() => {
    jest.restoreAllMocks();
    return api?.close();
  });
  return () => {
    if (!api) throw new Error('the Sheets stand-in is not running');
    return api;
  };
}
