/**
 * The ダッシュボード tab in Sheets (src/domain/charts/dashboard.ts lays it out): setupWorkbook creates it, writes
 * its values and builds its native charts once, on fixed ranges; checkAllEntries and the daily run rewrite
 * the values in one write, and the charts follow. The tab is the system's: protected like 実行ログ (a warning
 * only), never read as input (readSheetTables skips it).
 */
import { DASHBOARD_CHARTS, DASHBOARD_GRID, DASHBOARD_NAME, type DashboardChart, dashboardGrid } from '../domain/charts/dashboard';
import { chartOf } from '../domain/charts/reportCharts';
import type { ChartSpec } from '../domain/charts/spec';
import { type CheckResult, check } from '../domain/check';
import { timestampInTimeZone, ymdInTimeZone } from '../domain/clock';
import { monthOf } from '../domain/dates';
import { type ReadResult, readLedger } from '../domain/ledgerReader';
import { buildReportModel, type ReportModel } from '../domain/report/model';
import { protectWholeTab, type SetupSummary, sheetNamed } from './setup';
import { readSheetTables } from './sheetTables';

const CHART_SIZE = { width: 620, height: 340 };

/** Writes the whole grid of values in one call; returns the model it showed. */
export function writeDashboard(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  read: ReadResult,
  result: CheckResult,
  workbookName: string,
  now: Date
): ReportModel {
  const today = result.today;
  const model = buildReportModel(read, result, monthOf(today), today, workbookName);
  const { row, column, rows, columns } = DASHBOARD_GRID;
  sheet.getRange(row, column, rows, columns).setValues(dashboardGrid(model, timestampInTimeZone(now)));
  return model;
}

/** The Sheets chart of one dashboard table, styled as the .docx draws the same chart. */
function buildChart(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  placed: DashboardChart,
  chart: ChartSpec
): GoogleAppsScript.Spreadsheet.EmbeddedChart {
  const mixed = chart.kind === 'column' && chart.series.some(s => s.draw === 'line');
  const start = sheet.newChart();
  let builder: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder =
    chart.kind === 'line' ? start.asLineChart() : mixed ? start.asComboChart() : start.asColumnChart();
  if (chart.kind === 'stacked') builder = builder.setOption('isStacked', true);
  // gviz series options: a cap over columns is a line; a budget or cap line is dashed.
  const series: Record<number, Record<string, unknown>> = {};
  chart.series.forEach((s, i) => {
    const o: Record<string, unknown> = {};
    if (mixed && s.draw === 'line') o.type = 'line';
    if (s.draw === 'line' && s.reference) o.lineDashStyle = [6, 4];
    if (s.draw === 'line' && !s.reference) o.pointSize = 5;
    if (Object.keys(o).length > 0) series[i] = o;
  });
  if (mixed) builder = builder.setOption('seriesType', 'bars');
  return builder
    .addRange(dataRange(sheet, placed))
    .setNumHeaders(1)
    .setPosition(placed.anchor.row, placed.anchor.column, 0, 0)
    .setOption('title', placed.title)
    .setOption('hAxis', { title: chart.categoryTitle })
    .setOption('vAxis', { title: chart.valueTitle, viewWindow: { min: 0 }, ...(chart.valueAxis.step === 1 ? { format: '0' } : {}) })
    .setOption('legend', { position: 'bottom' })
    .setOption(
      'colors',
      chart.series.map(s => `#${s.color}`)
    )
    .setOption('series', series)
    .setOption('width', CHART_SIZE.width)
    .setOption('height', CHART_SIZE.height)
    .build();
}

const dataRange = (sheet: GoogleAppsScript.Spreadsheet.Sheet, placed: DashboardChart): GoogleAppsScript.Spreadsheet.Range =>
  sheet.getRange(placed.data.row, placed.data.column, placed.data.rows, placed.data.columns);

/** The dashboard's charts the sheet lacks, found by the table each draws (a person may have moved or restyled one). */
function missingCharts(sheet: GoogleAppsScript.Spreadsheet.Sheet): DashboardChart[] {
  const drawn = new Set(sheet.getCharts().flatMap(c => c.getRanges().map(r => r.getA1Notation())));
  return DASHBOARD_CHARTS.filter(placed => !drawn.has(dataRange(sheet, placed).getA1Notation()));
}

/**
 * setupWorkbook's part: the tab (created when missing, protected as a whole), then, when the tab is new or a
 * chart is missing, the values as of now (one read of every tab) and the missing charts. Running it again
 * reads nothing and adds no chart. Returns how many charts it added.
 */
export function setupDashboard(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, summary: SetupSummary, now: Date = new Date()): number {
  const existing = sheetNamed(ss, DASHBOARD_NAME);
  const sheet = existing ?? ss.insertSheet(DASHBOARD_NAME);
  if (!existing) summary.createdTabs.push(DASHBOARD_NAME);
  protectWholeTab(sheet, DASHBOARD_NAME);
  const missing = missingCharts(sheet);
  if (existing && missing.length === 0) return 0;
  const read = readLedger(readSheetTables(ss).tables);
  const model = writeDashboard(sheet, read, check(read, ymdInTimeZone(now)), ss.getName(), now);
  for (const placed of missing) {
    const chart = chartOf(model.charts, placed.id);
    if (chart) sheet.insertChart(buildChart(sheet, placed, chart));
  }
  return missing.length;
}

/**
 * The daily run on a day it sends nothing (a weekend, or mail not yet approved): the dashboard still follows the
 * day. Reads the workbook only when there is a dashboard to write.
 */
export function refreshDashboard(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, now: Date = new Date()): boolean {
  if (!ss.getSheets().some(s => s.getName().normalize('NFKC').trim() === DASHBOARD_NAME)) return false;
  const open = readSheetTables(ss);
  if (!open.dashboard) return false;
  const read = readLedger(open.tables);
  writeDashboard(open.dashboard, read, check(read, ymdInTimeZone(now)), ss.getName(), now);
  return true;
}
