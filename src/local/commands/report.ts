import { join, resolve } from 'node:path';
import { type CheckResult, check as runCheck } from '../../domain/check';
import { isValidMonth, type YearMonth } from '../../domain/dates';
import { reportBlocks } from '../../domain/report/layout';
import { buildReportModel, type ReportModel, reportFileBase } from '../../domain/report/model';
import { parse, requireDate } from '../args';
import { type OpenBook, openBook, openSource, SHEET_OPTION } from '../book';
import { type Command, EXIT, refuseOutOfReach, showHelp, UserError } from '../cliSupport';
import { todayInTokyo } from '../clock';
import { writeFileAtomic } from '../files';
import { findingsCountLine } from '../findingsText';

const usage = 'chizai-desk report <book.xlsx | --sheet ID> --month YYYY-MM [--out DIR] [--json] [--today YYYY-MM-DD]';

export interface WrittenReport {
  readonly path: string;
  readonly model: ReportModel;
  readonly result: CheckResult;
}

/** The report's file name for a month: 月次活動報告書_YYYY-MM.docx. */
export const reportFileName = (month: YearMonth): string => `${reportFileBase(month)}.docx`;

/** Checks the book as of asOf, builds the month's model and writes the .docx into outDir (replacing an earlier one). */
export async function reportOn(book: OpenBook, month: YearMonth, outDir: string, asOf: string): Promise<WrittenReport> {
  const result = runCheck(book.read, asOf);
  const model = buildReportModel(book.read, result, month, asOf, book.name);
  const blocks = reportBlocks(model);
  const path = join(resolve(outDir), reportFileName(month));
  // docx loads on demand: check and remind need not pay its start-up time.
  const { renderDocx } = require('../docxReport') as typeof import('../docxReport');
  writeFileAtomic(path, await renderDocx(blocks, `${reportFileBase(month)}（${model.overview.workbook}）`));
  return { path, model, result };
}

/** For the demo: the same as `chizai-desk report <bookPath> --month <month> --out <outDir>` as of asOf. */
export async function writeReport(bookPath: string, month: YearMonth, outDir: string, asOf: string): Promise<WrittenReport> {
  return reportOn(await openBook(bookPath, usage), month, outDir, asOf);
}

export const report: Command = {
  name: 'report',
  usage,
  summary:
    '指定した月の月次活動報告書（月次活動報告書_YYYY-MM.docx）を書き出します。--json でその月の集計をJSONで出力します。入力エラーがあっても報告書は作ります（件数を表示します）。',
  async run(args, io) {
    const { positionals, values } = parse(
      args,
      { month: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, today: { type: 'string' }, ...SHEET_OPTION },
      usage
    );
    if (values.help) return showHelp(io, this);
    const month = values.month;
    if (month === undefined)
      throw new UserError(`--month で報告する月を YYYY-MM の形で指定してください（例: --month 2024-11）。\n使い方: ${usage}`);
    if (!isValidMonth(month)) throw new UserError(`--month は YYYY-MM の形で指定してください（指定: ${month}、例: 2024-11）。`);
    const asOf = requireDate(values.today, '--today') ?? todayInTokyo();
    const book = await openSource(positionals, values.sheet, usage, io);
    refuseOutOfReach(book.read.ledger.settings, { month, today: values.today });
    const { path, model, result } = await reportOn(book, month, values.out ?? '.', asOf);
    const say = values.json ? io.err : io.out;
    if (values.json) io.out(JSON.stringify(model));
    say(`月次活動報告書を書き出しました: ${path}`);
    io.err(findingsCountLine(result, '報告書の付録と「chizai-desk check」'));
    if (model.actions.length > 0) say(`要対応事項: ${model.actions.map(a => a.label).join('、')}`);
    return EXIT.ok;
  },
};
