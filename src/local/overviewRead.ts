/**
 * Reading many workbooks for the overview: .xlsx files and live sheets mixed, concurrently but bounded. The
 * Sheets API's per-user read quota (60 requests a minute) is respected by pacing every request, retries
 * included, and a 429 still gets sheetsApiWorkbook's backoff. A workbook that cannot be read becomes a row
 * saying why; the others are unaffected.
 */
import type { GoogleAuth, OAuth2Client } from 'google-auth-library';
import type { Ymd } from '../domain/dates';
import { type OverviewRow, overviewRowOf, unreadableRow } from '../domain/overview';
import { openBook } from './book';
import { UserError } from './cliSupport';
import type { SheetsReadOptions } from './sheetsApiWorkbook';

/** A workbook to read: an .xlsx path, or a spreadsheet ID (or URL) read through the Sheets API. */
export type OverviewSource = { readonly file: string } | { readonly sheet: string };

/** Workbooks read at once: enough to hide the API's latency, few enough to stay far from its quota. */
export const DEFAULT_CONCURRENCY = 8;
/** The Sheets API's read requests per minute per user (Google's published default quota). */
export const SHEETS_READS_PER_MINUTE = 60;

export interface OverviewReadOptions {
  readonly concurrency?: number;
  readonly requestsPerMinute?: number;
  /** For the live sheets (tests and the benchmark point these at a loopback stand-in). */
  readonly sheets?: SheetsReadOptions;
  /** Told before each wait after a refused request, with the source it concerns. */
  readonly onRetry?: (source: string, info: Parameters<NonNullable<SheetsReadOptions['onRetry']>>[0]) => void;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export const sourceLabel = (s: OverviewSource): string => ('file' in s ? s.file : `sheets:${s.sheet}`);

const realSleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms));

/**
 * At most `perMinute` requests begun in any 60 s: each caller waits its turn (first come, first served) until
 * the oldest of the last `perMinute` requests is a minute old.
 */
export function requestPacer(perMinute: number, now: () => number = Date.now, sleep = realSleep): () => Promise<void> {
  const started: number[] = [];
  let queue: Promise<void> = Promise.resolve();
  return () => {
    const turn = queue.then(async () => {
      for (;;) {
        const t = now();
        while (started.length > 0 && t - (started[0] as number) >= 60_000) started.shift();
        if (started.length < perMinute) break;
        await sleep(60_000 - (t - (started[0] as number)));
      }
      started.push(now());
    });
    queue = turn;
    return turn;
  };
}

/** Runs `work` on every item, at most `limit` at a time; results in the items' order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

const problemOf = (e: unknown): string =>
  e instanceof UserError ? e.message : `予期しないエラーで読めませんでした: ${e instanceof Error ? e.message : String(e)}`;

/** Every source's overview row as of asOf, in the order given. */
export async function readOverviewRows(
  sources: readonly OverviewSource[],
  asOf: Ymd,
  options: OverviewReadOptions = {}
): Promise<OverviewRow[]> {
  const pace = requestPacer(options.requestsPerMinute ?? SHEETS_READS_PER_MINUTE, options.now, options.sleep);
  let auth: GoogleAuth | OAuth2Client | undefined = options.sheets?.auth;
  const rowOf = async (source: OverviewSource): Promise<OverviewRow> => {
    const label = sourceLabel(source);
    try {
      if ('file' in source) {
        const book = await openBook(source.file, '');
        return overviewRowOf(book.read, asOf, book.path, book.name);
      }
      // Loaded on demand, as for --sheet elsewhere: a run on files alone never loads the Google client.
      const api = require('./sheetsApiWorkbook') as typeof import('./sheetsApiWorkbook');
      auth ??= api.readonlyAuth(); // one set of credentials for the run, not one lookup per sheet
      const live = await api.openSpreadsheet(source.sheet, {
        ...options.sheets,
        auth,
        beforeRequest: pace,
        onRetry: info => options.onRetry?.(label, info),
      });
      return overviewRowOf(live.read, asOf, live.path, live.title);
    } catch (e) {
      return unreadableRow(label, asOf, problemOf(e));
    }
  };
  return mapBounded(sources, options.concurrency ?? DEFAULT_CONCURRENCY, rowOf);
}
