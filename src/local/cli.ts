/** chizai-desk: the local CLI. A thin shell: each command lives in commands/, the rules in src/domain. */
import { type Command, EXIT, errorJson, type Io, processIo, UserError } from './cliSupport';
import { annualReport } from './commands/annualReport';
import { check } from './commands/check';
import { demo } from './commands/demo';
import { init } from './commands/init';
import { overview } from './commands/overview';
import { remind } from './commands/remind';
import { report } from './commands/report';
import { rollover } from './commands/rollover';
import { upgrade } from './commands/upgrade';

export const commands: readonly Command[] = [init, check, report, annualReport, remind, upgrade, overview, rollover, demo];

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
  // With --json, every error is also one JSON object on stdout, whatever the command (DESIGN "Local CLI contract").
  const json = rest.includes('--json');
  const command = commands.find(c => c.name === name);
  if (!command) {
    const message = `不明なコマンドです: ${name}`;
    if (json) io.out(errorJson('usage', message));
    io.err(message);
    help(io);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UserError) {
      if (json) io.out(errorJson(e.code, e.message));
      io.err(e.message);
      return e.exitCode;
    }
    // Not a user's mistake: no internals (an English message, a stack) unless CHIZAI_DEBUG asks for them.
    const message =
      '予期しないエラーで中断しました。入力したブックは変更していません。もう一度実行しても直らないときは、環境変数 CHIZAI_DEBUG=1 を付けて実行し、表示された内容を管理者に伝えてください。';
    if (json) io.out(errorJson('internal', message));
    io.err(message);
    if (process.env.CHIZAI_DEBUG) io.err(String((e as Error).stack ?? e));
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
