/** File helpers for the CLI: outputs are written whole or not at all (temp file, then rename). */
import { existsSync, linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EXIT, fileProblem, UserError } from './cliSupport';

/** A file-system failure on an output path, as the user's problem to fix: Japanese, naming the path. */
export function outputError(path: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    EISDIR: 'そのパスはフォルダです。ファイル名まで指定してください',
    ENOTDIR: '途中のフォルダ名と同じ名前のファイルがあります',
    EEXIST: '途中のフォルダ名と同じ名前のファイルがあります',
    EACCES: '書き込む権限がありません',
    EPERM: '書き込む権限がありません',
    EROFS: '読み取り専用の場所です',
    ENOSPC: 'ディスクの空きが足りません',
    ENAMETOOLONG: 'パスが長すぎます',
  };
  return new UserError(
    `書き出せませんでした: ${path}（${(code && why[code]) ?? fileProblem(e)}）。別の書き出し先を指定してください。`,
    EXIT.usage,
    'io'
  );
}

function makeParent(path: string): string {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw outputError(path, e);
  }
  return dir;
}

export function writeFileAtomic(path: string, data: Buffer | string): void {
  const dir = makeParent(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw outputError(path, e);
  }
}

export const exists = (path: string): boolean => existsSync(path);

/** Like writeFileAtomic, but refuses (returns false) when the path exists, even if it appears meanwhile. */
export function writeFileExclusive(path: string, data: Buffer | string): boolean {
  const dir = makeParent(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, data);
    linkSync(temp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw outputError(path, e);
  } finally {
    rmSync(temp, { force: true });
  }
}
