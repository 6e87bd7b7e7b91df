import { join, resolve } from 'node:path';
import { compareAcrossYears, doubtfulRows, type OverviewRow, overviewFileName, problemText, UNKNOWN_TEXT } from '../../domain/overview';
import { parse, requireDate } from '../args';
import { type Command, EXIT, showHelp, UserError } from '../cliSupport';
import { todayInTokyo } from '../clock';
import { writeFileAtomic } from '../files';
import { type OverviewSource, readOverviewRows } from '../overviewRead';
import { overviewXlsx } from '../overviewXlsx';

const usage = 'chizai-desk overview <book.xlsx | --sheet ID>... [--today YYYY-MM-DD] [--out DIR] [--json]';

/** The workbooks in the order given: files and --sheet IDs mixed. */
function sourcesOf(tokens: readonly { kind: string; name?: string; value?: string | undefined }[]): OverviewSource[] {
  return tokens.flatMap((t): OverviewSource[] => {
    if (t.kind === 'positional' && t.value !== undefined) return [{ file: t.value }];
    if (t.kind === 'option' && t.name === 'sheet') {
      // Loaded only when a sheet is named: the Google client adds start-up time a run on files need not pay.
      const { spreadsheetIdOf } = require('../sheetsApiWorkbook') as typeof import('../sheetsApiWorkbook');
      return [{ sheet: spreadsheetIdOf(t.value) }];
    }
    return [];
  });
}

function summaryLine(row: OverviewRow): string {
  const f = row.figures;
  if (!f) return `× ${row.workbook}: ${problemText(row)}`;
  const region = f.region.known ? f.region.value : '地域名不明';
  const year = f.fiscalYear.known ? `${f.fiscalYear.value}年度` : '年度不明';
  const shown = (v: number | null, unit = ''): string => (v === null ? UNKNOWN_TEXT : `${v}${unit}`);
  return (
    `○ ${region} ${year}（${row.workbook}）: 支援企業 ${shown(f.supported.count)}/${f.supported.target}社、` +
    `地域連携会議 ${shown(f.liaisonCouncils.held)}/${f.liaisonCouncils.target}回、PD ${shown(f.pd.hours)}/${f.pd.budgetHours}時間、` +
    `専門家 ${shown(f.experts.uses)}/${f.experts.budgetUses}回、議事録の期限超過 ${shown(f.minutes.overdue, '件')}、入力エラー ${f.errors}件`
  );
}

export const overview: Command = {
  name: 'overview',
  usage,
  summary:
    '複数の事務局ブック（.xlsx と --sheet のスプレッドシートを混在可）を読み、地域・年度ごとの進捗を 全地域進捗_<日付>.xlsx に書き出します。' +
    '読めないブックは理由を書いた行になり、その場合の終了コードは1です。--json で同じ行をJSONで出力します。',
  async run(args, io) {
    const { values, tokens } = parse(
      args,
      { sheet: { type: 'string', multiple: true }, today: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
      usage
    );
    if (values.help) return showHelp(io, this);
    const asOf = requireDate(values.today, '--today') ?? todayInTokyo();
    const sources = sourcesOf(tokens ?? []);
    if (sources.length === 0)
      throw new UserError(`ブック（.xlsx）のパスか --sheet <スプレッドシートID> を1つ以上指定してください。\n使い方: ${usage}`);
    const rows = await readOverviewRows(sources, asOf, {
      onRetry: (source, r) =>
        io.err(
          `${source}: Sheets API から応答がありません（${r.reason}）。${Math.round(r.waitMs / 1000)}秒後に再試行します（${r.attempt}/${r.retries}）。`
        ),
    });
    const comparison = compareAcrossYears(rows);
    const path = join(resolve(values.out ?? '.'), overviewFileName(asOf));
    writeFileAtomic(path, await overviewXlsx(rows, comparison));
    const say = values.json ? io.err : io.out;
    if (values.json)
      io.out(
        JSON.stringify({
          today: asOf,
          file: path,
          rows,
          comparison: comparison.regions.map(r => ({
            region: r.region,
            workbooks: r.workbooks.flatMap((w, i) =>
              w ? [{ fiscalYear: comparison.columns[i]?.fiscalYear ?? null, workbook: w.workbook, source: w.source }] : []
            ),
          })),
          leftOut: comparison.leftOut,
        })
      );
    for (const row of rows) say(summaryLine(row));
    for (const note of doubtfulRows(rows)) io.err(`注意: ${note}`);
    say(`全地域進捗を書き出しました: ${path}`);
    const unreadable = rows.filter(r => r.problem !== null).length;
    if (unreadable > 0) io.err(`${rows.length}冊のうち${unreadable}冊を読めないか集計できませんでした（理由は各行にあります）。`);
    return unreadable > 0 ? EXIT.findingsOrRefused : EXIT.ok;
  },
};
