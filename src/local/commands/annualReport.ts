/**
 * chizai-desk annual-report: the 事業報告書 of the workbook's fiscal year (spec §15(1)) as 事業報告書_<年度>.docx,
 * and what is still missing for delivery (never in the document: on the terminal, or in --json).
 */
import { join, resolve } from 'node:path';
import { annualReportBlocks } from '../../domain/annualReport/layout';
import { annualReportFileBase, buildAnnualReport } from '../../domain/annualReport/model';
import { annualReportJson } from '../../domain/annualReport/summary';
import { check as runCheck } from '../../domain/check';
import { parse, requireDate } from '../args';
import { openSource, SHEET_OPTION } from '../book';
import { type Command, EXIT, refuseOutOfReach, showHelp } from '../cliSupport';
import { todayInTokyo } from '../clock';
import { writeFileAtomic } from '../files';
import { findingsCountLine, sourceFindingLines } from '../findingsText';

const usage = 'chizai-desk annual-report <book.xlsx | --sheet ID> [--out DIR] [--json] [--today YYYY-MM-DD]';

/** Readiness lines shown on the terminal; the rest are counted (all of them are in --json). */
const SHOWN = 30;

export const annualReport: Command = {
  name: 'annual-report',
  usage,
  summary:
    '事業報告書（事業報告書_<年度>.docx）を書き出し、納入までに足りないもの（節、タブ、行）を表示します。--json で節ごとの件数と不足をJSONで出力します。',
  async run(args, io) {
    const { positionals, values } = parse(
      args,
      { out: { type: 'string' }, json: { type: 'boolean' }, today: { type: 'string' }, ...SHEET_OPTION },
      usage
    );
    if (values.help) return showHelp(io, this);
    const asOf = requireDate(values.today, '--today') ?? todayInTokyo();
    const book = await openSource(positionals, values.sheet, usage, io);
    refuseOutOfReach(book.read.ledger.settings, { today: values.today });
    const result = runCheck(book.read, asOf);
    const model = buildAnnualReport(book.read, result, asOf, book.name);
    const base = annualReportFileBase(model.fiscalYear);
    const path = join(resolve(values.out ?? '.'), `${base}.docx`);
    // docx loads on demand: the other commands need not pay its start-up time.
    const { renderDocx } = require('../docxReport') as typeof import('../docxReport');
    writeFileAtomic(path, await renderDocx(annualReportBlocks(model), `${base}（${book.name}）`));
    const say = values.json ? io.err : io.out;
    if (values.json) io.out(JSON.stringify(annualReportJson(model)));
    say(`事業報告書を書き出しました: ${path}`);
    const { readiness } = model;
    if (readiness.missing.length === 0) say(`納入に必要な項目はそろっています（${readiness.total}項目、${asOf}時点）。`);
    else {
      say(
        `納入までに足りないもの: ${readiness.missing.length}件（${readiness.total}項目中${readiness.complete}項目がそろっています、${asOf}時点）`
      );
      for (const m of readiness.missing.slice(0, SHOWN))
        say(`  ${m.section} ${m.what}（${m.sheet}${m.row === null ? '' : ` ${m.row}行目`}）`);
      if (readiness.missing.length > SHOWN) say(`  …ほか${readiness.missing.length - SHOWN}件（--json ですべて出力します）`);
    }
    // As `report`: the findings' count; and each missing tab or column, which makes a section 不明.
    io.err(findingsCountLine(result, '「chizai-desk check」'));
    for (const line of sourceFindingLines(result)) io.err(`  ${line}`);
    return EXIT.ok;
  },
};
