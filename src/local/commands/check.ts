import { resolve } from 'node:path';
import { errorCount, check as runCheck } from '../../domain/check';
import { marksOf } from '../../domain/marks';
import { annotate } from '../annotate';
import { parse, requireDate } from '../args';
import { openSource, SHEET_OPTION } from '../book';
import { type Command, EXIT, refuseOutOfReach, showHelp, UserError } from '../cliSupport';
import { todayInTokyo } from '../clock';
import { writeFileAtomic } from '../files';
import { summaryLines } from '../findingsText';

const usage = 'chizai-desk check <book.xlsx | --sheet ID> [--today YYYY-MM-DD] [--json] [--annotate OUT.xlsx]';

export const check: Command = {
  name: 'check',
  usage,
  summary:
    '入力を検査し、議事録の期限と状態を計算します。エラーがあれば終了コード1。--annotate で印を付けた写しを書き出します（元のファイルは変更しません）。',
  async run(args, io) {
    const { positionals, values } = parse(
      args,
      { today: { type: 'string' }, json: { type: 'boolean' }, annotate: { type: 'string' }, ...SHEET_OPTION },
      usage
    );
    if (values.help) return showHelp(io, this);
    const today = requireDate(values.today, '--today') ?? todayInTokyo();
    if (values.sheet !== undefined && values.annotate)
      throw new UserError('--annotate は .xlsx のブックにだけ使えます（--sheet のスプレッドシートには何も書き込みません）。');
    const book = await openSource(positionals, values.sheet, usage, io, { fullModel: Boolean(values.annotate) });
    refuseOutOfReach(book.read.ledger.settings, { today: values.today });
    if (values.annotate && resolve(values.annotate) === resolve(book.path))
      throw new UserError('--annotate には入力と別のファイルを指定してください（入力のブックは変更しません）。');
    const result = runCheck(book.read, today);
    const say = values.json ? io.err : io.out;
    if (values.json) {
      io.out(
        JSON.stringify({
          today: result.today,
          findings: result.findings.map(({ sheet, row, column, severity, code, message }) => ({
            sheet,
            row,
            column,
            severity,
            code,
            message,
          })),
          meetings: result.meetings.map(({ id, type, date, minutesDue, minutesSharedOn, status }) => ({
            id,
            type,
            date,
            minutesDue,
            minutesSharedOn,
            status,
          })),
        })
      );
    } else {
      const typed = book.read.entryRows.meetings?.length ?? 0;
      for (const line of summaryLines(result, Math.max(0, typed - result.meetings.length))) say(line);
    }
    if (values.annotate) {
      if (!book.workbook) throw new Error('an annotated copy needs the .xlsx workbook');
      annotate(book.workbook, marksOf(result, book.read), book.read.layouts);
      writeFileAtomic(values.annotate, Buffer.from(await book.workbook.xlsx.writeBuffer()));
      say(`印を付けた写しを書き出しました: ${values.annotate}`);
    }
    return errorCount(result) > 0 ? EXIT.findingsOrRefused : EXIT.ok;
  },
};
