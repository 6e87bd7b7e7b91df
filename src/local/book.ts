/**
 * Opening the workbook a command works on: an .xlsx file, or with `--sheet` the live Google Sheet read
 * through the Sheets API (read-only). Either way the command gets what the domain read from it.
 */

import { basename } from 'node:path';
import type ExcelJS from 'exceljs';
import { type ReadResult, readLedger } from '../domain/ledgerReader';
import { EXIT, type Io, UserError } from './cliSupport';
import { readXlsxTables } from './xlsxStreamReader';
import { loadXlsx, readTables, UnreadableWorkbookError } from './xlsxWorkbook';

export interface OpenBook {
  /** The file path, or sheets:<id> for a live spreadsheet. */
  readonly path: string;
  /** How the book is named to people: the file name or the spreadsheet's title. */
  readonly name: string;
  /** The loaded .xlsx when asked for (for --annotate); null otherwise and for a live spreadsheet, which is never written. */
  readonly workbook: ExcelJS.Workbook | null;
  readonly read: ReadResult;
}

/** The option every reading command takes to read the live workbook instead of a file. */
export const SHEET_OPTION = { sheet: { type: 'string' } } as const;

export interface OpenOptions {
  /**
   * Whether the command needs exceljs' full model of the workbook (check --annotate writes a copy of it).
   * Without it the .xlsx is read as a stream into the same tables, much faster and in far less memory.
   */
  readonly fullModel?: boolean;
}

export async function openBook(path: string | undefined, usage: string, options: OpenOptions = {}): Promise<OpenBook> {
  if (!path) throw new UserError(`ブック（.xlsx）のパス、または --sheet <スプレッドシートID> を指定してください。\n使い方: ${usage}`);
  try {
    if (!options.fullModel) return { path, name: basename(path), workbook: null, read: readLedger(await readXlsxTables(path)) };
    const workbook = await loadXlsx(path);
    return { path, name: basename(path), workbook, read: readLedger(readTables(workbook)) };
  } catch (e) {
    if (e instanceof UnreadableWorkbookError) throw new UserError(e.message, EXIT.usage, 'unreadable');
    throw e;
  }
}

/** A file path or `--sheet <spreadsheetId>`, not both. */
export async function openSource(
  positionals: readonly string[],
  sheet: string | undefined,
  usage: string,
  io: Io,
  options: OpenOptions = {}
): Promise<OpenBook> {
  if (positionals.length > 1) throw new UserError(`ブックは1つだけ指定してください。\n使い方: ${usage}`);
  if (sheet === undefined) return openBook(positionals[0], usage, options);
  if (positionals.length > 0)
    throw new UserError(`ブックのパスと --sheet は同時に指定できません。どちらか一方にしてください。\n使い方: ${usage}`);
  // Loaded on demand: the Google client adds start-up time every .xlsx run would otherwise pay.
  const { openSpreadsheet } = require('./sheetsApiWorkbook') as typeof import('./sheetsApiWorkbook');
  let live: Awaited<ReturnType<typeof openSpreadsheet>>;
  try {
    live = await openSpreadsheet(sheet, {
      onRetry: r =>
        io.err(
          `Sheets API から応答がありません（${r.reason}）。${Math.round(r.waitMs / 1000)}秒後に再試行します（${r.attempt}/${r.retries}）。`
        ),
    });
  } catch (e) {
    // The sheet could not be read (credentials, sharing, network): for --json, not a usage mistake.
    if (e instanceof UserError && e.code === 'usage') throw new UserError(e.message, e.exitCode, 'unreadable');
    throw e;
  }
  return { path: live.path, name: live.title, workbook: null, read: live.read };
}
