import { resolve } from 'node:path';
import { readLedger } from '../../domain/ledgerReader';
import { RolloverRefused, rollover as rollOver } from '../../domain/rollover';
import { parse, requireDate } from '../args';
import { type Command, EXIT, showHelp, UserError } from '../cliSupport';
import { writeFileExclusive } from '../files';
import { notesOf, rolloverXlsx } from '../rolloverXlsx';
import { loadXlsx, readTables, UnreadableWorkbookError } from '../xlsxWorkbook';

const usage = 'chizai-desk rollover <book.xlsx> --out NEXT.xlsx [--start YYYY-MM-DD --end YYYY-MM-DD]';

export const rollover: Command = {
  name: 'rollover',
  usage,
  summary:
    '次の年度のブックを作ります: 設定の日付を次の年度へ（--start/--end でその期間へ）移し、ISMAPの承認は空にして注記、' +
    '情報取扱者名簿と完了・中止以外の案件を引き継ぎ、会議・PD稼働・専門家などの記録は空にします。元のブックは変更せず、既存のファイルは上書きしません。',
  async run(args, io) {
    const { positionals, values } = parse(args, { out: { type: 'string' }, start: { type: 'string' }, end: { type: 'string' } }, usage);
    if (values.help) return showHelp(io, this);
    const [path] = positionals;
    if (!path || positionals.length > 1) throw new UserError(`ブック（.xlsx）のパスを1つ指定してください。\n使い方: ${usage}`);
    const out = values.out;
    if (!out) throw new UserError(`--out で新しいブックのパスを指定してください（例: --out 2025年度.xlsx）。\n使い方: ${usage}`);
    if (!out.toLowerCase().endsWith('.xlsx')) throw new UserError(`--out には拡張子 .xlsx のパスを指定してください（指定: ${out}）。`);
    if (resolve(out) === resolve(path))
      throw new UserError('--out には入力と別のファイルを指定してください（入力のブックは変更しません）。');
    const start = requireDate(values.start, '--start');
    const end = requireDate(values.end, '--end');
    // The full model, not the stream: a person's notes on carried cells come along.
    let workbook: Awaited<ReturnType<typeof loadXlsx>>;
    try {
      workbook = await loadXlsx(path);
    } catch (e) {
      if (e instanceof UnreadableWorkbookError) throw new UserError(e.message);
      throw e;
    }
    const tables = readTables(workbook);
    let next: ReturnType<typeof rollOver>;
    try {
      next = rollOver(tables, readLedger(tables), { ...(start ? { start } : {}), ...(end ? { end } : {}), noteOf: notesOf(workbook) });
    } catch (e) {
      if (e instanceof RolloverRefused) throw new UserError(`${e.message}\n使い方: ${usage}`);
      throw e;
    }
    if (!writeFileExclusive(out, await rolloverXlsx(next))) {
      io.err(`${out} は既にあります。上書きしません。別の名前を指定してください。`);
      return EXIT.findingsOrRefused;
    }
    io.out(`${next.fromFiscalYear}年度のブックから${next.toFiscalYear}年度のブックを作りました: ${out}`);
    for (const line of next.changes) io.out(`  ${line}`);
    if (next.cautions.length > 0) {
      io.out('確認・入力が必要なこと:');
      for (const line of next.cautions) io.out(`  ・${line}`);
    }
    io.out('Google スプレッドシートにする手順は README の「The next fiscal year (rollover)」にあります。');
    return EXIT.ok;
  },
};
