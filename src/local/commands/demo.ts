import { join, resolve } from 'node:path';
import sample from '../../../sheets-templates/sample.json';
import { parse } from '../args';
import { type Command, EXIT, showHelp } from '../cliSupport';
import { writeFileAtomic } from '../files';
import { buildWorkbook, type SampleTabs } from '../xlsxTemplate';
import { annualReport } from './annualReport';
import { check } from './check';
import { remind } from './remind';
import { writeReport } from './report';

const usage = 'chizai-desk demo [--out DIR]';
export const SAMPLE_FILE = 'sample-workbook.xlsx';
export const CHECKED_FILE = 'sample-workbook-checked.xlsx';

/** The demo runs the other commands on the sample exactly as a user would, as of the sample's day. */
export const demo: Command = {
  name: 'demo',
  usage,
  summary: 'サンプルのブック（令和6年度の事務局）を書き出し、チェック・月次報告・事業報告書・リマインダーを実行します。',
  async run(args, io) {
    const { values } = parse(args, { out: { type: 'string' } }, usage);
    if (values.help) return showHelp(io, this);
    const outDir = resolve(values.out ?? 'out');
    const book = join(outDir, SAMPLE_FILE);
    const buffer = await buildWorkbook(sample.tabs as unknown as SampleTabs).xlsx.writeBuffer();
    writeFileAtomic(book, Buffer.from(buffer));
    io.out(`サンプルのブックを書き出しました: ${book}`);
    io.out(`\n== チェック（${sample.asOf} 時点） ==`);
    await check.run([book, '--today', sample.asOf, '--annotate', join(outDir, CHECKED_FILE)], io);
    io.out(`\n== 月次活動報告書（${sample.reportMonth}） ==`);
    io.out(`書き出しました: ${(await writeReport(book, sample.reportMonth, outDir, sample.asOf)).path}`);
    io.out(`\n== 事業報告書（${sample.asOf} 時点、納入までに足りないものも表示） ==`);
    await annualReport.run([book, '--today', sample.asOf, '--out', outDir], io);
    io.out(`\n== リマインダー（${sample.asOf}） ==`);
    await remind.run(
      [book, '--today', sample.asOf, '--outbox', join(outDir, 'outbox'), '--state', join(outDir, 'remind-state.json'), '--reports', outDir],
      io
    );
    io.out(`\nすべての出力: ${outDir}`);
    return EXIT.ok;
  },
};
