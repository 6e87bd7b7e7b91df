import { join, resolve } from 'node:path';
import sample from '../../../sheets-templates/sample.json';
import { buildWorkbook, type SampleTabs } from '../xlsxTemplate';
import { writeFileAtomic } from '../files';
import { parse } from '../args';
import { type Command, EXIT } from '../cliSupport';

const usage = 'chizai-desk demo [--out DIR]';
export const SAMPLE_FILE = 'sample-workbook.xlsx';

export const demo: Command = {
  name: 'demo',
  usage,
  summary: 'サンプルのブック（令和6年度の事務局）を書き出し、チェック・月次報告・リマインダーを実行します。',
  async run(args, io) {
    const { values } = parse(args, { out: { type: 'string' } }, usage);
    if (values.help) return io.out(`使い方: ${usage}\n${this.summary}`), EXIT.ok;
    const outDir = resolve(values.out ?? 'out');
    const book = join(outDir, SAMPLE_FILE);
    const buffer = await buildWorkbook(sample.tabs as unknown as SampleTabs).xlsx.writeBuffer();
    writeFileAtomic(book, Buffer.from(buffer));
    io.out(`サンプルのブックを書き出しました: ${book}`);
    return EXIT.ok;
  },
};
