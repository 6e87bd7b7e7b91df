import { dayOutOfReach, monthOutOfReach } from '../domain/reach';
import type { Settings } from '../domain/settings';

/** What every command shares: exit codes (DESIGN.md), usage errors, printing. */
export const EXIT = { ok: 0, findingsOrRefused: 1, usage: 2 } as const;

/** What `--json` prints as error.code: the kind of refusal, for scripts. */
export type ErrorCode = 'usage' | 'unreadable' | 'refused' | 'out-of-range' | 'io' | 'internal';

/** A user's mistake or an unreadable file: printed as one Japanese message, no stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
    readonly code: ErrorCode = exitCode === EXIT.usage ? 'usage' : 'refused'
  ) {
    super(message);
  }
}

/** With --json an error is also a JSON object on stdout (DESIGN: stdout carries only JSON): {"error":{"code","message"}}. */
export const errorJson = (code: ErrorCode, message: string): string => JSON.stringify({ error: { code, message } });

/** A file-system error's code as a Japanese reason, never node's English message. */
export function fileProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'ファイルまたはフォルダがありません';
    case 'EACCES':
    case 'EPERM':
      return 'アクセスする権限がありません。ファイルやフォルダの権限を確認してください';
    case 'EISDIR':
      return 'フォルダです。ファイルを指定してください';
    case 'ENOTDIR':
      return 'パスの途中にフォルダでないものがあります';
    case 'ENOSPC':
      return 'ディスクの空きがありません';
    case 'EROFS':
      return '書き込めない場所です';
    case 'EBUSY':
      return 'ほかのプログラムが使用中です';
    default:
      return code ? `読み書きできません（${code}）` : '読み書きできません';
  }
}

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: Io = {
  out: line => process.stdout.write(`${line}\n`),
  err: line => process.stderr.write(`${line}\n`),
};

export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  /** Returns the exit code. */
  run(args: readonly string[], io: Io): Promise<number>;
}

/** Prints a command's usage and summary (its --help); returns the exit code. */
export function showHelp(io: Io, command: Pick<Command, 'usage' | 'summary'>): number {
  io.out(`使い方: ${command.usage}\n${command.summary}`);
  return EXIT.ok;
}

/** A --month or --today typed years away from the programme period is refused (it is a typo, and would run away). */
export function refuseOutOfReach(settings: Settings, asked: { readonly month?: string; readonly today?: string | undefined }): void {
  const why =
    (asked.month === undefined ? null : monthOutOfReach(asked.month, settings, '--month')) ??
    (asked.today === undefined ? null : dayOutOfReach(asked.today, settings, '--today'));
  if (why !== null) throw new UserError(why, EXIT.usage, 'out-of-range');
}
