/** Opening a workbook for a command: the file, its raw tables and what the domain reads from them. */
import type ExcelJS from 'exceljs';
import { readLedger, type ReadResult } from '../domain/workbook';
import { UserError } from './cliSupport';
import { UnreadableWorkbookError, loadXlsx, readTables } from './xlsxWorkbook';

export interface OpenBook {
  readonly path: string;
  readonly workbook: ExcelJS.Workbook;
  readonly read: ReadResult;
}

export async function openBook(path: string | undefined, usage: string): Promise<OpenBook> {
  if (!path) throw new UserError(`ブック（.xlsx）のパスを指定してください。\n使い方: ${usage}`);
  try {
    const workbook = await loadXlsx(path);
    return { path, workbook, read: readLedger(readTables(workbook)) };
  } catch (e) {
    if (e instanceof UnreadableWorkbookError) throw new UserError(e.message);
    throw e;
  }
}
