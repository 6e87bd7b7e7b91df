/** chizai-desk: the local CLI. A thin shell: each command lives in commands/, the rules in src/domain. */
import { type Command, EXIT, type Io, processIo, UserError } from './cliSupport';
import { check } from './commands/check';
import { demo } from './commands/demo';
import { init } from './commands/init';
import { overview } from './commands/overview';
import { remind } from './commands/remind';
import { report } from './commands/report';
import { rollover } from './commands/rollover';
import { upgrade } from './commands/upgrade';

export const commands: readonly Command[] = [init, check, report, remind, upgrade, overview, rollover, demo];

function help(io: Io): void {
  io.out('chizai-desk — 知財経営支援事務局のブックをローカルで扱うツール\n');
  for (const c of commands) io.out(`  ${c.usage}\n      ${c.summary}`);
  io.out('\n各コマンドの詳細: chizai-desk <コマンド> --help');
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = commands.find(c => c.name === name);
  if (!command) {
    io.err(`不明なコマンドです: ${name}`);
    help(io);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UserError) {
      io.err(e.message);
      return e.exitCode;
    }
    io.err(`予期しないエラーで中断しました: ${(e as Error).message ?? String(e)}`);
    if (process.env.CHIZAI_DEBUG) io.err(String((e as Error).stack));
    return EXIT.usage;
  }
}

/** Runs the CLI on this process's arguments (bin/chizai-desk.js). */
export function run(): void {
  // `chizai-desk check book.xlsx | head -1`: a reader that stops early is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
  });
}
