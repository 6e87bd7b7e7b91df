import { parse } from '../args';
import { type Command, EXIT, showHelp, UserError } from '../cliSupport';
import { writeFileExclusive } from '../files';
import { buildWorkbook } from '../xlsxTemplate';

const usage = 'chizai-desk init <book.xlsx>';

export const init: Command = {
  name: 'init',
  usage,
  summary: '空のブックを作成します（全タブ・見出し・プルダウン・列幅・見出し固定）。既存のファイルは上書きしません。',
  async run(args, io) {
    const { positionals, values } = parse(args, {}, usage);
    if (values.help) return showHelp(io, this);
    const [path] = positionals;
    if (!path || positionals.length > 1) throw new UserError(`ブックのパスを1つ指定してください。\n使い方: ${usage}`);
    if (!path.toLowerCase().endsWith('.xlsx')) throw new UserError(`拡張子 .xlsx のパスを指定してください（指定: ${path}）。`);
    const buffer = await buildWorkbook().xlsx.writeBuffer();
    if (!writeFileExclusive(path, Buffer.from(buffer))) {
      io.err(`${path} は既にあります。上書きしません。別の名前を指定してください。`);
      return EXIT.findingsOrRefused;
    }
    io.out(`空のブックを作成しました: ${path}`);
    return EXIT.ok;
  },
};
