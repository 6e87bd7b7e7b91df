import { resolve } from 'node:path';
import type { RawTable } from '../../domain/rawTable';
import { parse } from '../args';
import { type Command, EXIT, showHelp, UserError } from '../cliSupport';
import { exists, writeFileAtomic } from '../files';
import { readXlsxTables } from '../xlsxStreamReader';
import { nothingAdded, upgradeXlsx } from '../xlsxUpgrade';
import { UnreadableWorkbookError, workbookBytes } from '../xlsxWorkbook';

const usage = 'chizai-desk upgrade <book.xlsx> --out NEW.xlsx';

export const upgrade: Command = {
  name: 'upgrade',
  usage,
  summary:
    '古い版で作ったブックに、不足しているタブ・列（右端に追加）・設定項目を加えた写しを書き出します（Sheetsの「シートを準備」と同じ）。入力済みの値は動かさず、変えません。元のファイルは変更しません。',
  async run(args, io) {
    const { positionals, values } = parse(args, { out: { type: 'string' } }, usage);
    if (values.help) return showHelp(io, this);
    const [path] = positionals;
    if (!path || positionals.length > 1) throw new UserError(`ブック（.xlsx）のパスを1つ指定してください。\n使い方: ${usage}`);
    const out = values.out;
    if (!out) throw new UserError(`--out で書き出す写しのパスを指定してください（元のファイルは変更しません）。\n使い方: ${usage}`);
    if (!out.toLowerCase().endsWith('.xlsx')) throw new UserError(`--out には拡張子 .xlsx のパスを指定してください（指定: ${out}）。`);
    if (resolve(out) === resolve(path))
      throw new UserError('--out には入力と別のファイルを指定してください（入力のブックは変更しません）。');
    if (exists(out)) throw new UserError(`${out} は既にあります。上書きしません。別の名前を指定してください。`, EXIT.findingsOrRefused);
    let bytes: Buffer;
    let tables: Map<string, RawTable>;
    try {
      bytes = workbookBytes(path);
      tables = await readXlsxTables(path);
    } catch (e) {
      if (e instanceof UnreadableWorkbookError) throw new UserError(e.message);
      throw e;
    }
    const upgraded = await upgradeXlsx(bytes, tables).catch((e: unknown) => {
      throw new UserError(
        `ブックの構造を読み取れないため、写しを作れませんでした: ${path}（${(e as Error).message}）。何も書き出していません。`
      );
    });
    const { summary } = upgraded;
    for (const r of summary.renamedHeaders)
      io.err(
        `見出しが変えられたか消されたようなので追加しなかった列: ${r}。データがその列にあるなら、見出しを右側の名前に直してください（空の列を足すと、その行が未入力と読まれます）。`
      );
    if (upgraded.bytes === null || nothingAdded(summary)) {
      io.out('このブックには不足しているタブ・列・設定項目はありません。写しは書き出していません。');
      return EXIT.ok;
    }
    writeFileAtomic(out, upgraded.bytes);
    if (summary.createdTabs.length) io.out(`追加したタブ: ${summary.createdTabs.join('、')}`);
    if (summary.addedHeaders.length) io.out(`追加した列: ${summary.addedHeaders.join('、')}`);
    if (summary.addedSettings.length) io.out(`追加した設定項目: ${summary.addedSettings.join('、')}`);
    io.out(`入力済みの値は変更していません。写しを書き出しました: ${out}`);
    return EXIT.ok;
  },
};
