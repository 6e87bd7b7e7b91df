/**
 * generateMonthlyReport (menu "Generate monthly report"): the month's report (src/domain/report) as a
 * Google Doc named 月次活動報告書_YYYY-MM. A Doc is an export, so the approval gate decides first (§21 12-14).
 *
 * One current Doc per month: the Doc's ID is kept in the spreadsheet's document properties and a later run
 * for the same month rewrites that Doc's body (same link; Docs' version history keeps the earlier text), so
 * only the documents scope is needed to replace it. A new Doc is made only when there is none or it is gone.
 * Every block is one or a fixed few Docs calls (a table is one appendTable), so the count of calls does not
 * grow with the number of rows in the workbook.
 */

import type { ChartSpec } from '../domain/charts/spec';
import { check } from '../domain/check';
import { isValidMonth, monthOf, previousMonth, type YearMonth } from '../domain/dates';
import { monthOutOfReach } from '../domain/reach';
import { type ReportBlock, reportBlocks } from '../domain/report/layout';
import { buildReportModel, type ReportModel, reportFileBase } from '../domain/report/model';
import { startExport } from './exportGate';
import { docCommandLog } from './runLog';
import { errorText, tell, tryUi } from './ui';

export const REPORT_TITLE = '月次活動報告書';
/** 実行ログ 種類 and 結果 of this command (a report row with the month as キー marks the month done for the reminders). */
export const REPORT_LOG = docCommandLog('report');
/** Document property holding the current Doc of a month. */
export const reportDocProperty = (month: YearMonth): string => `monthlyReportDocId.${month}`;

const LOCK_WAIT_MS = 30_000;
const PROMPT_ATTEMPTS = 3;
const HEADER_BACKGROUND = '#d9e2f3';
/** Chart images at about the text width of an A4 Doc, in pixels. */
const CHART_IMAGE = { width: 620, height: 340 };
const TOTAL_BACKGROUND = '#f2f2f2';

export type ReportRunOutcome = 'created' | 'updated' | 'refused' | 'cancelled' | 'locked';

export interface ReportRun {
  readonly outcome: ReportRunOutcome;
  readonly month: YearMonth | null;
  readonly url: string | null;
  readonly message: string;
}

/** '2024-11', '２０２４／１１', '2024年11月' → '2024-11'; anything else null. */
export function parseMonthInput(text: string): YearMonth | null {
  const t = text.normalize('NFKC').trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(t);
  if (!m) return null;
  const month = `${m[1]}-${String(m[2]).padStart(2, '0')}`;
  return isValidMonth(month) ? month : null;
}

/** Asks which month to report; blank means the previous month. null when the person cancels. */
function askMonth(fallback: YearMonth): YearMonth | null {
  const ui = tryUi();
  if (!ui) return fallback; // no one to ask (run from the editor or a trigger): the previous month
  let hint = '';
  for (let attempt = 0; attempt < PROMPT_ATTEMPTS; attempt++) {
    const response = ui.prompt(
      REPORT_TITLE,
      `${hint}報告する月を「YYYY-MM」の形で入力してください（例: ${fallback}）。\n空欄のままOKを押すと ${fallback} の報告書を作ります。`,
      ui.ButtonSet.OK_CANCEL
    );
    if (response.getSelectedButton() !== ui.Button.OK) return null;
    const text = response.getResponseText();
    if (text.trim() === '') return fallback;
    const month = parseMonthInput(text);
    if (month) return month;
    hint = `「${text}」は月として読み取れませんでした。\n`;
  }
  tell(REPORT_TITLE, `月を読み取れなかったため、報告書は作りませんでした。「${fallback}」のように入力してください。`);
  return null;
}

/** A folder ID, or the ID inside a pasted folder URL (https://drive.google.com/drive/folders/<id>). */
export const folderIdOf = (setting: string): string => /folders\/([\w-]+)/.exec(setting)?.[1] ?? setting.trim();

/** The month's current Doc, or null when there is none (never made, deleted, trashed or not readable). */
export function currentDoc(id: string | null): GoogleAppsScript.Document.Document | null {
  if (!id) return null;
  let doc: GoogleAppsScript.Document.Document;
  try {
    doc = DocumentApp.openById(id);
  } catch {
    return null;
  }
  try {
    // Docs opens a trashed Doc; with the Drive scope we can tell, without it we keep using the Doc.
    if (DriveApp.getFileById(id).isTrashed()) return null;
  } catch {
    /* no Drive scope: nothing more to learn */
  }
  return doc;
}

/** A value axis top with some room above the highest value, on a round step (the Charts service needs both ends). */
function axisTop(chart: ChartSpec): number {
  if (chart.valueAxis.max !== null) return chart.valueAxis.max;
  const highest = Math.max(1, ...chart.series.flatMap(s => s.values.map(v => v ?? 0)));
  const step = 10 ** Math.floor(Math.log10(highest)) / 2;
  return Math.ceil((highest * 1.1) / step) * step;
}

/**
 * The chart as an image, drawn by the Charts service from the report's own figures (the .docx draws the same
 * data as a native chart). The Charts service needs no authorisation scope. It has no combo chart: a cap
 * that the .docx draws as a line over the columns is a column of its own here.
 */
export function chartImage(chart: ChartSpec): GoogleAppsScript.Base.Blob {
  const table = Charts.newDataTable().addColumn(Charts.ColumnType.STRING, chart.categoryTitle === '' ? '項目' : chart.categoryTitle);
  for (const s of chart.series) table.addColumn(Charts.ColumnType.NUMBER, s.name);
  chart.categories.forEach((c, i) => {
    table.addRow([c, ...chart.series.map(s => s.values[i] ?? null)]);
  });
  const builder =
    chart.kind === 'line'
      ? Charts.newLineChart()
      : chart.kind === 'stacked'
        ? Charts.newColumnChart().setStacked()
        : Charts.newColumnChart();
  return drawn(builder, chart, table).getAs('image/png');
}

/** What a line and a column chart builder both offer, each returning the builder. */
interface AxisChartBuilder<B> {
  setDataTable(table: GoogleAppsScript.Charts.DataTableBuilder): B;
  setTitle(title: string): B;
  setXAxisTitle(title: string): B;
  setYAxisTitle(title: string): B;
  setRange(start: number, end: number): B;
  setColors(cssValues: string[]): B;
  setLegendPosition(position: GoogleAppsScript.Charts.Position): B;
  setDimensions(width: number, height: number): B;
  build(): GoogleAppsScript.Charts.Chart;
}

function drawn<B extends AxisChartBuilder<B>>(
  builder: B,
  chart: ChartSpec,
  table: GoogleAppsScript.Charts.DataTableBuilder
): GoogleAppsScript.Charts.Chart {
  return builder
    .setDataTable(table)
    .setTitle(chart.title)
    .setXAxisTitle(chart.categoryTitle)
    .setYAxisTitle(chart.valueTitle)
    .setRange(chart.valueAxis.min, axisTop(chart))
    .setColors(chart.series.map(s => `#${s.color}`))
    .setLegendPosition(Charts.Position.BOTTOM)
    .setDimensions(CHART_IMAGE.width, CHART_IMAGE.height)
    .build();
}

/** Renders the blocks into an empty body. The count of calls depends on the blocks, never on table sizes. */
export function renderInto(body: GoogleAppsScript.Document.Body, blocks: readonly ReportBlock[]): void {
  const H = DocumentApp.ParagraphHeading;
  const heading = { 1: H.HEADING1, 2: H.HEADING2, 3: H.HEADING3 } as const;
  const bold = { [DocumentApp.Attribute.BOLD]: true };
  for (const block of blocks) {
    switch (block.kind) {
      case 'title':
        body.appendParagraph(block.text).setHeading(H.TITLE);
        break;
      case 'cover':
        body.appendParagraph(block.title).setHeading(H.TITLE);
        for (const line of block.lines) body.appendParagraph(line).setAlignment(DocumentApp.HorizontalAlignment.CENTER);
        body.appendPageBreak();
        break;
      case 'toc':
        // DocumentApp cannot insert a table of contents; the headings are listed (Docs' outline links them).
        body.appendParagraph(block.title).setAttributes(bold);
        for (const entry of block.entries) body.appendParagraph(entry.text);
        break;
      case 'heading':
        body.appendParagraph(block.text).setHeading(heading[block.level]);
        break;
      case 'paragraph':
        body.appendParagraph(block.text);
        break;
      case 'bullets':
        for (const item of block.items) body.appendListItem(item).setGlyphType(DocumentApp.GlyphType.BULLET);
        break;
      case 'table': {
        // Docs wraps header text itself; the layout's break hints are for fixed-width writers.
        const header = block.header.map(h => h.replace(/\n/g, ''));
        const table = body.appendTable([header, ...block.rows.map(r => [...r])]);
        const styleRow = (row: number, background: string): void => {
          for (let c = 0; c < header.length; c++) table.getCell(row, c).setBackgroundColor(background).setAttributes(bold);
        };
        styleRow(0, HEADER_BACKGROUND);
        if (block.totalRow && block.rows.length > 0) styleRow(block.rows.length, TOTAL_BACKGROUND);
        break;
      }
      case 'chart':
        body.appendImage(chartImage(block.chart)).setAltTitle(block.chart.title).setAltDescription(block.chart.description);
        break;
      case 'pageBreak':
        body.appendPageBreak();
        break;
    }
  }
}

export interface WrittenDoc {
  readonly id: string;
  readonly url: string;
  readonly replaced: boolean;
  /** Why the Doc could not be put in 報告書フォルダID, or null. */
  readonly folderProblem: string | null;
}

function writeDoc(model: ReportModel, blocks: readonly ReportBlock[], folderSetting: string | null): WrittenDoc {
  return writeReportDoc(reportFileBase(model.month), reportDocProperty(model.month), blocks, folderSetting);
}

/**
 * Writes blocks into the current Doc kept under the document property `key` (rewritten in place), or a new Doc
 * named `name` when there is none; files it in 報告書フォルダID when set.
 */
export function writeReportDoc(name: string, key: string, blocks: readonly ReportBlock[], folderSetting: string | null): WrittenDoc {
  const props = PropertiesService.getDocumentProperties();
  const existing = currentDoc(props.getProperty(key));
  const doc = existing ?? DocumentApp.create(name);
  // Recorded before writing: if this run fails half-way, the next one rewrites this Doc instead of adding one.
  if (!existing) props.setProperty(key, doc.getId());
  else doc.setName(name);
  const body = doc.getBody();
  if (existing) body.clear();
  renderInto(body, blocks);
  body.removeChild(body.getChild(0)); // the empty paragraph a new or cleared body starts with
  const id = doc.getId();
  const url = doc.getUrl();
  doc.saveAndClose();
  return { id, url, replaced: existing !== null, folderProblem: folderSetting ? fileInFolder(id, folderIdOf(folderSetting)) : null };
}

/** Moves the Doc into the report folder; returns why it could not, or null. */
export function fileInFolder(docId: string, folderId: string): string | null {
  try {
    DriveApp.getFileById(docId).moveTo(DriveApp.getFolderById(folderId));
    return null;
  } catch (e) {
    return `設定「報告書フォルダID」のフォルダ（${folderId}）に移せませんでした（${errorText(e)}）。フォルダIDと、このアカウントがフォルダを編集できるかを確認してください。ドキュメントはマイドライブにあります。`;
  }
}

/**
 * The menu command. Reads the workbook once, asks the approval gate, asks the month (default: the previous
 * month in Asia/Tokyo), writes the Doc, logs the run in 実行ログ and shows the link. `at` defaults to now;
 * whatever else Apps Script passes to an entry point is ignored.
 */
export function generateMonthlyReportCommand(at?: unknown): ReportRun {
  const { now, today, ss, log, read, refused } = startExport(at, REPORT_TITLE, REPORT_LOG.kind, REPORT_LOG.refused);
  if (refused !== null) return { outcome: 'refused', month: null, url: null, message: refused };
  const month = askMonth(previousMonth(monthOf(today)));
  if (month === null) return { outcome: 'cancelled', month: null, url: null, message: '' };
  // A month years away from the programme is a typo (9999-11), refused before anything is computed.
  const far = monthOutOfReach(month, read.ledger.settings, '報告する月');
  if (far !== null) {
    log.add({ kind: REPORT_LOG.kind, result: REPORT_LOG.refused, detail: far });
    log.flush(ss, now);
    tell(REPORT_TITLE, far);
    return { outcome: 'refused', month: null, url: null, message: far };
  }

  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    const message = '別の人がこのブックの報告書を作成中です。少し待ってからもう一度実行してください。';
    // No キー: a row with the month as キー and a result that is not a failure marks the month as done.
    log.add({ kind: REPORT_LOG.kind, result: REPORT_LOG.locked, detail: `${month}: ${message}` });
    log.flush(ss, now);
    tell(REPORT_TITLE, message);
    return { outcome: 'locked', month, url: null, message };
  }
  try {
    const model = buildReportModel(read, check(read, today), month, today, ss.getName());
    const written = writeDoc(model, reportBlocks(model), read.ledger.settings.reportFolderId);
    const outcome = written.replaced ? 'updated' : 'created';
    log.add({
      kind: REPORT_LOG.kind,
      key: month,
      result: REPORT_LOG[outcome],
      detail: [
        written.url,
        written.replaced ? '同じ月の報告書を最新の内容に書き換えました' : '新しく作成しました',
        written.folderProblem ?? '',
      ]
        .filter(Boolean)
        .join(' / '),
    });
    const message = [
      `${reportFileBase(month)} を${written.replaced ? '最新の内容に更新しました（以前の内容はドキュメントの変更履歴に残っています）' : '作成しました'}。`,
      written.url,
      model.findings.errors > 0 ? `\nブックに入力エラーが${model.findings.errors}件あります（報告書の付録に一覧があります）。` : '',
      written.folderProblem ? `\n${written.folderProblem}` : '',
    ]
      .filter(Boolean)
      .join('\n');
    tell(REPORT_TITLE, message);
    return { outcome, month, url: written.url, message };
  } catch (e) {
    log.add({ kind: REPORT_LOG.kind, key: month, result: REPORT_LOG.failed, detail: `作成を中断しました: ${errorText(e)}` });
    throw e;
  } finally {
    log.flush(ss, now);
    lock.releaseLock();
  }
}
