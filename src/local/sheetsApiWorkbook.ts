/**
 * SheetsApiWorkbook: the live Google Sheet, read-only, through the Sheets API (the third Workbook adapter,
 * next to .xlsx and Apps Script). It hands the domain the same RawTables as the .xlsx adapter.
 *
 * One request per run: `spreadsheets.get` with a field mask that returns, for every tab, each cell's
 * unformatted value (dates and times as serial numbers) AND its number-format type. The format type is
 * what tells a date or duration cell from a typed number: a 3:30 typed into 時間 is 0.1458 with format
 * TIME, a typed 3.5 is 3.5 with format NUMBER; `values.batchGet` returns only the 0.1458. Asking for every
 * tab without naming ranges also means a missing tab is simply absent (check reports it) instead of the
 * 400 "Unable to parse range" a named range to a missing tab causes.
 *
 * Credentials: Application Default Credentials only (GOOGLE_APPLICATION_CREDENTIALS, or the file written
 * by `gcloud auth application-default login`); the tool stores nothing. Scope spreadsheets.readonly, and
 * the only method ever called is spreadsheets.get.
 */
import { sheets, type sheets_v4 } from '@googleapis/sheets';
import { GoogleAuth, type OAuth2Client } from 'google-auth-library';
import { type ReadResult, readLedger } from '../domain/ledgerReader';
import { type Cell, type RawRow, type RawTable, sortMerges } from '../domain/rawTable';
import { UserError } from './cliSupport';

export const SHEETS_READONLY_SCOPE = 'https://www.googleapis.com/auth/spreadsheets.readonly';

/** Everything read, and nothing else: tab titles, and per cell its value and number-format type. */
export const SPREADSHEET_FIELDS =
  'properties(title),sheets(properties(title,sheetType),merges,data(startRow,startColumn,rowData(values(effectiveValue,effectiveFormat(numberFormat(type))))))';

export interface SheetsReadOptions {
  /** The API's root (a loopback stand-in in tests). Default: Google's. */
  readonly rootUrl?: string;
  /** Default: Application Default Credentials with the spreadsheets.readonly scope. */
  readonly auth?: GoogleAuth | OAuth2Client;
  /** Further attempts after a 429, a 5xx or a dropped connection. Default 4. */
  readonly retries?: number;
  /** Waits between attempts (tests pass a recorder). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Told before each wait, so a command can say why it is pausing. */
  readonly onRetry?: (info: {
    readonly attempt: number;
    readonly retries: number;
    readonly waitMs: number;
    readonly reason: string;
  }) => void;
  /** Per attempt. Default 60 s. */
  readonly timeoutMs?: number;
  /** Awaited before every request, retries included: a caller reading many sheets paces them to the quota here. */
  readonly beforeRequest?: () => Promise<void>;
  /**
   * The HTTP client. Default: gaxios' own (node-fetch), which honours HTTPS_PROXY / NO_PROXY. Tests pass
   * Node's fetch, because jest's module sandbox cannot load node-fetch (an ES module) on demand.
   */
  readonly fetchImplementation?: typeof fetch;
}

export interface OpenSpreadsheet {
  /** 'sheets:<spreadsheetId>', where a file command has the file's path. */
  readonly path: string;
  readonly spreadsheetId: string;
  /** The spreadsheet's title as Google has it (for messages, and as the workbook's name in the report). */
  readonly title: string;
  /** Where a person opens it (for links in reminders). */
  readonly url: string;
  readonly read: ReadResult;
}

export const DEFAULT_RETRIES = 4;
const FIRST_WAIT_MS = 1000;
const MAX_WAIT_MS = 32_000;
const DEFAULT_TIMEOUT_MS = 60_000;
const SETUP_HINT = 'README の「Reading the live workbook (Sheets API, read-only)」';

// ---- spreadsheet ID ---------------------------------------------------------------------------------

/** The ID from an ID or a spreadsheet URL (…/spreadsheets/d/<ID>/edit#gid=0). */
export function spreadsheetIdOf(input: string | undefined): string {
  const text = (input ?? '').trim();
  const fromUrl = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(text)?.[1];
  const id = fromUrl ?? text;
  if (!/^[A-Za-z0-9_-]{10,}$/.test(id))
    throw new UserError(
      `「${text}」はスプレッドシートIDとして読めません。` +
        'スプレッドシートのURL（https://docs.google.com/spreadsheets/d/<ID>/edit）の <ID> の部分か、URLそのものを指定してください。' +
        '.xlsx ファイルを読むときは --sheet を付けずにファイルのパスを指定してください。'
    );
  return id;
}

// ---- cells -------------------------------------------------------------------------------------------

/** Number-format types whose numbers are serial dates, times or durations (exceljs reads these as Dates). */
const SERIAL_FORMATS: ReadonlySet<string> = new Set(['DATE', 'TIME', 'DATE_TIME']);

/** Sheets' error types as the error values a person sees (and exceljs reads from an .xlsx). */
const ERROR_TEXT: Readonly<Record<string, string>> = {
  ERROR: '#ERROR!',
  NULL_VALUE: '#NULL!',
  DIVIDE_BY_ZERO: '#DIV/0!',
  VALUE: '#VALUE!',
  REF: '#REF!',
  NAME: '#NAME?',
  NUM: '#NUM!',
  N_A: '#N/A',
  LOADING: '#LOADING',
};

/** One cell as the API returns it, as the domain's Cell: what the .xlsx adapter gives for the same cell. */
export function toCell(cell: sheets_v4.Schema$CellData | undefined): Cell {
  const v = cell?.effectiveValue;
  if (!v) return null;
  if (typeof v.stringValue === 'string') return v.stringValue;
  if (typeof v.boolValue === 'boolean') return v.boolValue;
  if (typeof v.numberValue === 'number') {
    const type = cell?.effectiveFormat?.numberFormat?.type ?? '';
    return SERIAL_FORMATS.has(type) ? { serial: v.numberValue } : v.numberValue;
  }
  if (v.errorValue) return { error: ERROR_TEXT[v.errorValue.type ?? ''] ?? '#ERROR!' };
  return null;
}

/** One tab's grid as a RawTable: header = row 1 up to its last header cell; rows with any value, each as wide as the header. */
export function tableOf(
  name: string,
  grids: readonly sheets_v4.Schema$GridData[],
  gridMerges: readonly sheets_v4.Schema$GridRange[] = []
): RawTable {
  // The whole-tab grid starts at A1; placing by startRow/startColumn keeps this right if it ever does not.
  const grid: (sheets_v4.Schema$CellData | undefined)[][] = [];
  for (const g of grids) {
    (g.rowData ?? []).forEach((row, i) => {
      const r = (g.startRow ?? 0) + i;
      const line = grid[r] ?? [];
      grid[r] = line;
      (row.values ?? []).forEach((cell, j) => {
        line[(g.startColumn ?? 0) + j] = cell;
      });
    });
  }
  const headerCells = (grid[0] ?? []).map(toCell);
  while (headerCells.length > 0 && headerCells[headerCells.length - 1] === null) headerCells.pop();
  const width = headerCells.length;
  const rows: RawRow[] = [];
  for (let r = 1; r < grid.length; r++) {
    const line = grid[r] ?? [];
    if (!line.some(c => toCell(c) !== null)) continue;
    const cells: Cell[] = [];
    for (let c = 0; c < width; c++) cells.push(toCell(line[c]));
    rows.push({ rowNumber: r + 1, cells });
  }
  // GridRange indexes are 0-based with exclusive ends; a missing index is the sheet's edge, so 0 for starts.
  const merges = sortMerges(
    gridMerges.flatMap(m =>
      m.endRowIndex == null || m.endColumnIndex == null
        ? []
        : [{ top: (m.startRowIndex ?? 0) + 1, left: (m.startColumnIndex ?? 0) + 1, bottom: m.endRowIndex, right: m.endColumnIndex }]
    )
  );
  return merges.length > 0 ? { name, header: headerCells, rows, merges } : { name, header: headerCells, rows };
}

/** Every grid tab of the answer, keyed by tab name as typed. */
export function tablesOf(spreadsheet: sheets_v4.Schema$Spreadsheet): Map<string, RawTable> {
  const tables = new Map<string, RawTable>();
  for (const sheet of spreadsheet.sheets ?? []) {
    const title = sheet.properties?.title;
    const type = sheet.properties?.sheetType ?? 'GRID';
    if (typeof title !== 'string' || type !== 'GRID') continue; // charts and connected sheets hold no cells
    tables.set(title, tableOf(title, sheet.data ?? [], sheet.merges ?? []));
  }
  return tables;
}

// ---- credentials -------------------------------------------------------------------------------------

interface Credentials {
  readonly auth: GoogleAuth | OAuth2Client;
  /** The account the sheet must be shared with, when the credentials say (a service account's key does). */
  readonly email: string | null;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const noCredentials = (detail: string): UserError =>
  new UserError(
    [
      `Google の認証情報が見つからないため、スプレッドシートを読めません（${detail}）。`,
      '--sheet はアプリケーションのデフォルト認証情報（ADC）で読み取り専用に接続します。次のどちらかを設定してください:',
      '  ・自分の Google アカウントで: gcloud auth application-default login --scopes=https://www.googleapis.com/auth/cloud-platform,https://www.googleapis.com/auth/spreadsheets.readonly',
      '  ・サービスアカウントの鍵で: 環境変数 GOOGLE_APPLICATION_CREDENTIALS に鍵ファイル（JSON）のパスを設定し、スプレッドシートをそのサービスアカウントのメールアドレスに「閲覧者」として共有',
      `認証情報を置くのは、クラウド利用の承認（ISMAP）が対象とする端末だけにしてください。手順は ${SETUP_HINT}にあります。`,
    ].join('\n')
  );

function credentialsError(e: unknown): UserError {
  // ADC reads GOOGLE_APPLICATION_CREDENTIALS first and only: when it is set, the failure is that file's.
  const keyFile = process.env.GOOGLE_APPLICATION_CREDENTIALS;
  if (keyFile) return noCredentials(`環境変数 GOOGLE_APPLICATION_CREDENTIALS の鍵ファイル「${keyFile}」を読めません: ${messageOf(e)}`);
  if (/Could not load the default credentials/i.test(messageOf(e))) return noCredentials('ADC が設定されていません');
  return noCredentials(`認証情報を読み込めません: ${messageOf(e)}`);
}

function tokenError(e: unknown, email: string | null): UserError {
  const data = (e as { response?: { data?: { error?: unknown; error_description?: unknown } } }).response?.data;
  const who = email ? `（${email}）` : '';
  if (data?.error === 'invalid_grant' || data?.error === 'invalid_client' || data?.error === 'unauthorized_client')
    return new UserError(
      `Google の認証情報${who}が無効か期限切れです（${String(data.error)}）。` +
        'gcloud auth application-default login をやり直すか、GOOGLE_APPLICATION_CREDENTIALS の鍵ファイルが有効か確かめてください。'
    );
  const network = networkCode(e);
  if (network) return unreachable(network);
  return new UserError(`Google の認証情報${who}からアクセストークンを取得できません: ${messageOf(e)}`);
}

/** Application Default Credentials for reading spreadsheets: one per run is enough, however many sheets it reads. */
export const readonlyAuth = (): GoogleAuth => new GoogleAuth({ scopes: [SHEETS_READONLY_SCOPE] });

async function credentialsOf(options: SheetsReadOptions): Promise<Credentials> {
  const auth = options.auth ?? readonlyAuth();
  let client: unknown;
  try {
    client = 'getClient' in auth ? await auth.getClient() : auth;
  } catch (e) {
    throw credentialsError(e);
  }
  const email = accountEmailOf(client);
  try {
    // Fetch the token first, so a refused login is told apart from a refused spreadsheet.
    await (client as OAuth2Client).getAccessToken();
  } catch (e) {
    throw tokenError(e, email);
  }
  return { auth, email };
}

/** A service account's address (key file or impersonation), which the sheet must be shared with. */
function accountEmailOf(client: unknown): string | null {
  const c = client as { email?: unknown; targetPrincipal?: unknown };
  for (const v of [c.email, c.targetPrincipal]) if (typeof v === 'string' && v.includes('@')) return v;
  return null;
}

// ---- errors from the API -----------------------------------------------------------------------------

interface ApiFailure {
  readonly status: number | null;
  readonly reason: string;
  readonly message: string;
  readonly retryAfterMs: number | null;
}

/** Connection failures worth another try: the network dropped or timed out, not a wrong address. */
const RETRYABLE_NETWORK: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const NETWORK_CODE = /^(E[A-Z]+|UND_ERR_[A-Z_]+|[A-Z_]*CERT[A-Z_]*|UNABLE_TO_[A-Z_]+)$/;

/** The connection error's code (ECONNREFUSED, ENOTFOUND, ETIMEDOUT, …) when no HTTP answer came at all. */
function networkCode(e: unknown): string | null {
  type Failure = { name?: unknown; code?: unknown; cause?: Failure; response?: unknown };
  const err = e as Failure;
  if (err.response) return null;
  const chain = [err, err.cause, err.cause?.cause].filter((x): x is Failure => typeof x === 'object' && x !== null);
  for (const x of chain) if (typeof x.code === 'string' && NETWORK_CODE.test(x.code)) return x.code;
  // Our per-attempt timeout aborts the request: node-fetch says AbortError, Node's fetch TimeoutError.
  if (chain.some(x => x.name === 'AbortError' || x.name === 'TimeoutError' || x.code === 'TimeoutError')) return 'ETIMEDOUT';
  return null;
}

const unreachable = (code: string): UserError =>
  new UserError(
    `Google Sheets API に接続できません（${code}）。ネットワークとプロキシ（HTTPS_PROXY）の設定を確かめてください。` +
      'オフラインのときは、ダウンロードした .xlsx をファイルのパスで指定すれば読めます。'
  );

function failureOf(e: unknown): ApiFailure {
  const response = (e as { response?: { status?: unknown; data?: unknown; headers?: unknown } }).response;
  const status = typeof response?.status === 'number' ? response.status : null;
  const error = (response?.data as { error?: { message?: unknown; status?: unknown; details?: unknown; errors?: unknown } } | undefined)
    ?.error;
  const details = Array.isArray(error?.details) ? (error.details as { reason?: unknown }[]) : [];
  const legacy = Array.isArray(error?.errors) ? (error.errors as { reason?: unknown }[]) : [];
  const reason = [...details, ...legacy].map(d => d.reason).find((r): r is string => typeof r === 'string') ?? String(error?.status ?? '');
  const message = typeof error?.message === 'string' ? error.message : messageOf(e);
  return { status, reason, message, retryAfterMs: retryAfterOf(response?.headers) };
}

/** Retry-After in seconds, if the server sent one. */
function retryAfterOf(headers: unknown): number | null {
  const h = headers as { get?: (name: string) => string | null } | Record<string, unknown> | undefined;
  const raw = typeof h?.get === 'function' ? h.get('retry-after') : (h as Record<string, unknown> | undefined)?.['retry-after'];
  const seconds = Number(raw);
  return raw !== null && raw !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

const isRetryable = (f: ApiFailure): boolean =>
  f.status === 408 || f.status === 429 || (f.status !== null && f.status >= 500 && f.status <= 599);

function apiError(f: ApiFailure, id: string, email: string | null, attempts: number): UserError {
  const google = f.message ? `（Google の応答: ${f.message}）` : '';
  switch (f.status) {
    case 401:
      return new UserError(
        `Google の認証情報が受け付けられませんでした（401）。gcloud auth application-default login をやり直すか、鍵ファイルを確かめてください。${google}`
      );
    case 403:
      if (f.reason === 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' || /insufficient authentication scopes/i.test(f.message))
        return new UserError(
          'ログインした認証情報にスプレッドシートを読む権限（スコープ）がありません（403）。' +
            'gcloud auth application-default login --scopes=https://www.googleapis.com/auth/cloud-platform,https://www.googleapis.com/auth/spreadsheets.readonly でログインし直してください。'
        );
      if (f.reason === 'SERVICE_DISABLED' || /has not been used in project|is disabled|quota project/i.test(f.message))
        return new UserError(
          'Google Cloud プロジェクトで Google Sheets API が使えません（403）。そのプロジェクトで Sheets API を有効にし' +
            '（gcloud services enable sheets.googleapis.com --project <プロジェクトID>）、自分のアカウントで使うときは ' +
            `gcloud auth application-default set-quota-project <プロジェクトID> も実行してください。${google}`
        );
      return new UserError(
        `スプレッドシート ${id} を読む権限がありません（403）。` +
          (email
            ? `スプレッドシートの「共有」で ${email} を「閲覧者」として追加してください。`
            : 'ログインしたアカウントにスプレッドシートが共有されているか確かめ、共有されていなければ「共有」で「閲覧者」として追加してもらってください。')
      );
    case 404:
      return new UserError(
        `スプレッドシート ${id} が見つかりません（404）。IDが正しいか（URLの /spreadsheets/d/ と /edit の間の文字列）、削除されていないかを確かめてください。`
      );
    case 400:
      if (/not supported for this document/i.test(f.message) || f.reason === 'FAILED_PRECONDITION')
        return new UserError(
          `${id} は Google スプレッドシートではなく、Drive 上の Excel ファイルです。` +
            'Google スプレッドシートで開き「ファイル > Google スプレッドシートとして保存」した方のIDを指定するか、.xlsx をダウンロードしてファイルのパスで指定してください。'
        );
      return new UserError(`Google Sheets API が要求を受け付けませんでした（400）。${google}`);
    case 429:
      return new UserError(
        `Google Sheets API の利用上限に達しています（429）。${attempts}回試しましたが読めませんでした。1〜2分おいてからもう一度実行してください。`
      );
    default:
      if (f.status !== null && f.status >= 500)
        return new UserError(
          `Google Sheets API がエラーを返しました（${f.status}）。${attempts}回試しましたが読めませんでした。しばらくおいてからもう一度実行してください。`
        );
      return new UserError(`Google Sheets API から読み取れませんでした${f.status === null ? '' : `（${f.status}）`}。${google}`);
  }
}

// ---- reading -----------------------------------------------------------------------------------------

const realSleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms));

/** Exponential backoff with jitter (Google's advice for 429/5xx), or the server's Retry-After. */
function waitBefore(retry: number, retryAfterMs: number | null): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, MAX_WAIT_MS);
  return Math.min(FIRST_WAIT_MS * 2 ** retry, MAX_WAIT_MS) + Math.floor(Math.random() * FIRST_WAIT_MS);
}

async function fetchSpreadsheet(id: string, options: SheetsReadOptions): Promise<sheets_v4.Schema$Spreadsheet> {
  const { auth, email } = await credentialsOf(options);
  const api = sheets({ version: 'v4', auth, ...(options.rootUrl === undefined ? {} : { rootUrl: options.rootUrl }) });
  const retries = Math.max(0, options.retries ?? DEFAULT_RETRIES);
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    await options.beforeRequest?.();
    try {
      // retry: false: the backoff below is the only one, so the number of requests is ours to bound.
      const res = await api.spreadsheets.get(
        { spreadsheetId: id, fields: SPREADSHEET_FIELDS },
        {
          retry: false,
          timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          ...(options.fetchImplementation ? { fetchImplementation: options.fetchImplementation } : {}),
        }
      );
      if (!res.data || typeof res.data !== 'object')
        throw new UserError('Google Sheets API から予期しない応答がありました。しばらくおいてからもう一度実行してください。');
      return res.data;
    } catch (e) {
      if (e instanceof UserError) throw e;
      const network = networkCode(e);
      const failure = failureOf(e);
      const retryable = network ? RETRYABLE_NETWORK.has(network) : isRetryable(failure);
      if (!retryable || attempt > retries) throw network ? unreachable(network) : apiError(failure, id, email, attempt);
      const waitMs = waitBefore(attempt - 1, failure.retryAfterMs);
      options.onRetry?.({ attempt, retries, waitMs, reason: network ?? String(failure.status) });
      await sleep(waitMs);
    }
  }
}

/**
 * All tabs of the live spreadsheet as RawTables, keyed by tab name: one spreadsheets.get, read-only.
 * Throws UserError (exit 2) with a Japanese message a user can act on.
 */
export async function readSpreadsheetTables(spreadsheetId: string, options: SheetsReadOptions = {}): Promise<Map<string, RawTable>> {
  return tablesOf(await fetchSpreadsheet(spreadsheetIdOf(spreadsheetId), options));
}

/** The live spreadsheet for a command, shaped like openBook's answer minus the exceljs workbook. */
export async function openSpreadsheet(idOrUrl: string | undefined, options: SheetsReadOptions = {}): Promise<OpenSpreadsheet> {
  const spreadsheetId = spreadsheetIdOf(idOrUrl);
  const spreadsheet = await fetchSpreadsheet(spreadsheetId, options);
  return {
    path: `sheets:${spreadsheetId}`,
    spreadsheetId,
    title: spreadsheet.properties?.title ?? spreadsheetId,
    url: `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`,
    read: readLedger(tablesOf(spreadsheet)),
  };
}
