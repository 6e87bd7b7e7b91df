/** What every command shares: exit codes (DESIGN.md), usage errors, printing. */
export const EXIT = { ok: 0, findingsOrRefused: 1, usage: 2 } as const;

/** A user's mistake or an unreadable file: printed as one Japanese message, no stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage
  ) {
    super(message);
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
