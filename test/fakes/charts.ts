/**
 * Charts: Sheets' embedded charts (Sheet.newChart → EmbeddedChartBuilder → EmbeddedChart, insertChart,
 * getCharts, removeChart) and the Charts service (Charts.newDataTable, newColumnChart, newLineChart → Chart),
 * each rendering to a Blob with getAs. Behaviour follows Google's reference pages: a built chart is not in the
 * sheet until insertChart, and getChartId is null until then; setStacked is the isStacked option; the as*Chart
 * methods only change the chart type. Only what the adapters and tests call is here.
 */
import { Fake, makeEnum, type Public, type Runtime, type Slice } from './counter';
import type { FakeRange, FakeSheet } from './spreadsheet';

type GCharts = typeof GoogleAppsScript.Charts;

export const ChartType = makeEnum<GCharts['ChartType']>([
  'TIMELINE',
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TREEMAP',
  'WATERFALL',
]);
export const ColumnType = makeEnum<GCharts['ColumnType']>(['DATE', 'NUMBER', 'STRING']);
export const Position = makeEnum<GCharts['Position']>(['TOP', 'RIGHT', 'BOTTOM', 'NONE']);

/** Content types a chart can be rendered to (Blob.getAs: images and PDF). */
const RENDERABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'application/pdf']);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** What a rendered chart image records: the chart it was drawn from, as data (the fake draws no pixels). */
export interface RenderedChart {
  readonly type: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** The header row and data rows the chart was drawn from. */
  readonly data: readonly (readonly unknown[])[];
}

export class FakeBlob extends Fake implements Slice<GoogleAppsScript.Base.Blob, Public<FakeBlob>> {
  constructor(
    rt: Runtime,
    private readonly contentType: string,
    private readonly bytes: number[],
    readonly _chart: RenderedChart | null = null
  ) {
    super(rt, 'Blob');
  }

  getContentType(): string {
    return this.contentType;
  }

  getBytes(): number[] {
    return [...this.bytes];
  }

  getBlob(): this {
    return this;
  }
}

/** A chart rendered as an image: a PNG signature and the chart as JSON after it, so tests can read it back. */
function render(rt: Runtime, contentType: string, chart: RenderedChart): FakeBlob {
  const type = String(contentType);
  if (!RENDERABLE.has(type)) throw rt.error(`Converting from application/vnd.google-apps.chart to ${type} is not supported.`);
  const json = [...Buffer.from(JSON.stringify(chart), 'utf8')];
  return new FakeBlob(rt, type, type === 'image/png' ? [...PNG_SIGNATURE, ...json] : json, chart);
}

// ---------------------------------------------------------------------------------------------
// Sheets: embedded charts
// ---------------------------------------------------------------------------------------------

interface EmbeddedConfig {
  type: string;
  ranges: FakeRange[];
  options: Record<string, unknown>;
  numHeaders: number;
  anchor: { row: number; column: number; offsetX: number; offsetY: number };
  transpose: boolean;
}

const copyConfig = (c: EmbeddedConfig): EmbeddedConfig => ({
  ...c,
  ranges: [...c.ranges],
  options: { ...c.options },
  anchor: { ...c.anchor },
});

export class FakeChartOptions extends Fake implements Slice<GoogleAppsScript.Charts.ChartOptions, Public<FakeChartOptions>> {
  constructor(
    rt: Runtime,
    private readonly options: Readonly<Record<string, unknown>>
  ) {
    super(rt, 'ChartOptions');
  }

  /** A dotted path reads into nested options ('vAxis.title'), as gviz options are written. */
  get(option: string): unknown {
    const key = String(option);
    if (Object.hasOwn(this.options, key)) return this.options[key] ?? null;
    let v: unknown = this.options;
    for (const part of key.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
    return v ?? null;
  }
}

type EmbeddedBuilderSlice = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder &
  GoogleAppsScript.Spreadsheet.EmbeddedColumnChartBuilder &
  GoogleAppsScript.Spreadsheet.EmbeddedComboChartBuilder &
  GoogleAppsScript.Spreadsheet.EmbeddedLineChartBuilder;

/** One builder class for every chart type: the as*Chart methods only change the type. */
export class FakeEmbeddedChartBuilder extends Fake implements Slice<EmbeddedBuilderSlice, Public<FakeEmbeddedChartBuilder>> {
  private readonly config: EmbeddedConfig;

  constructor(
    rt: Runtime,
    private readonly sheet: FakeSheet,
    config: EmbeddedConfig | null,
    private readonly chartId: number | null
  ) {
    super(rt, 'EmbeddedChartBuilder');
    this.config = config
      ? copyConfig(config)
      : { type: 'LINE', ranges: [], options: {}, numHeaders: -1, anchor: { row: 1, column: 1, offsetX: 0, offsetY: 0 }, transpose: false };
  }

  addRange(range: GoogleAppsScript.Spreadsheet.Range): this {
    this.config.ranges.push(range as unknown as FakeRange);
    return this;
  }

  asColumnChart(): this {
    return this.as('COLUMN');
  }

  asComboChart(): this {
    return this.as('COMBO');
  }

  asLineChart(): this {
    return this.as('LINE');
  }

  setOption(option: string, value: unknown): this {
    this.config.options[String(option)] = value;
    return this;
  }

  setNumHeaders(headers: number): this {
    this.config.numHeaders = headers;
    return this;
  }

  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    if (!(anchorRowPos >= 1) || !(anchorColPos >= 1)) throw this._rt.error('Those rows are out of bounds.');
    this.config.anchor = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this;
  }

  build(): FakeEmbeddedChart {
    return new FakeEmbeddedChart(this._rt, this.sheet, copyConfig(this.config), this.chartId);
  }

  private as(type: string): this {
    this.config.type = type;
    return this;
  }
}

export class FakeEmbeddedChart extends Fake implements Slice<GoogleAppsScript.Spreadsheet.EmbeddedChart, Public<FakeEmbeddedChart>> {
  constructor(
    rt: Runtime,
    readonly _sheet: FakeSheet,
    readonly _config: EmbeddedConfig,
    /** Set when the chart is inserted into its sheet; a chart from build() is in no sheet yet. */
    public _chartId: number | null
  ) {
    super(rt, 'EmbeddedChart');
  }

  getChartId(): number | null {
    return this._chartId !== null && this._sheet._charts.some(c => c._chartId === this._chartId) ? this._chartId : null;
  }

  getRanges(): FakeRange[] {
    return [...this._config.ranges];
  }

  getNumHeaders(): number {
    return this._config.numHeaders;
  }

  getOptions(): FakeChartOptions {
    return new FakeChartOptions(this._rt, { ...this._config.options, type: this._config.type });
  }

  /** The chart drawn from the current values of its ranges. */
  getAs(contentType: string): FakeBlob {
    const data = this._config.ranges.flatMap(r => r.getValues());
    return render(this._rt, contentType, { type: this._config.type, options: { ...this._config.options }, data });
  }
}

// ---------------------------------------------------------------------------------------------
// The Charts service
// ---------------------------------------------------------------------------------------------

/** A built table: Apps Script's DataTable has no methods of its own; it is read by the charts drawn from it. */
export class FakeDataTable extends Fake implements Slice<GoogleAppsScript.Charts.DataTableSource, Public<FakeDataTable>> {
  constructor(
    rt: Runtime,
    readonly _columns: readonly { type: string; label: string }[],
    readonly _rows: readonly (readonly unknown[])[]
  ) {
    super(rt, 'DataTable');
  }
}

export class FakeDataTableBuilder extends Fake implements Slice<GoogleAppsScript.Charts.DataTableBuilder, Public<FakeDataTableBuilder>> {
  private readonly columns: { type: string; label: string }[] = [];
  private readonly rows: unknown[][] = [];

  constructor(rt: Runtime) {
    super(rt, 'DataTableBuilder');
  }

  addColumn(type: GoogleAppsScript.Charts.ColumnType, label: string): this {
    if (!Object.hasOwn(ColumnType, String(type))) throw this._rt.error('Invalid argument: type');
    this.columns.push({ type: String(type), label: String(label) });
    return this;
  }

  /** A row's cells follow the columns: a STRING column takes text, a NUMBER column a number or null (a gap). */
  addRow(values: unknown[]): this {
    if (!Array.isArray(values))
      throw this._rt.error("The parameters (Object) don't match the method signature for Charts.DataTableBuilder.addRow.");
    if (values.length > this.columns.length)
      throw this._rt.error(`Row has ${values.length} values but the table has ${this.columns.length} columns.`);
    values.forEach((v, i) => {
      const type = this.columns[i]?.type;
      const ok = v === null || (type === 'NUMBER' ? typeof v === 'number' : type === 'STRING' ? typeof v === 'string' : true);
      if (!ok) throw this._rt.error(`Value ${String(v)} does not match the type of column ${i} (${type}).`);
    });
    this.rows.push([...values]);
    return this;
  }

  build(): FakeDataTable {
    return new FakeDataTable(
      this._rt,
      [...this.columns],
      this.rows.map(r => [...r])
    );
  }
}

type ChartBuilderSlice = GoogleAppsScript.Charts.ColumnChartBuilder & GoogleAppsScript.Charts.LineChartBuilder;

/** Charts.newColumnChart() / newLineChart(): one class, the type fixed when made. */
export class FakeChartBuilder extends Fake implements Slice<ChartBuilderSlice, Public<FakeChartBuilder>> {
  private readonly options: Record<string, unknown> = {};
  private table: FakeDataTable | null = null;

  constructor(
    rt: Runtime,
    private readonly type: 'COLUMN' | 'LINE'
  ) {
    super(rt, type === 'COLUMN' ? 'ColumnChartBuilder' : 'LineChartBuilder');
  }

  setDataTable(tableBuilder: GoogleAppsScript.Charts.DataTableBuilder | GoogleAppsScript.Charts.DataTableSource): this {
    const t = tableBuilder as unknown as FakeDataTable | FakeDataTableBuilder;
    this.table = t instanceof FakeDataTableBuilder ? t.build() : t;
    return this;
  }

  setTitle(chartTitle: string): this {
    return this._set('title', String(chartTitle));
  }

  setXAxisTitle(title: string): this {
    return this._set('hAxis.title', String(title));
  }

  setYAxisTitle(title: string): this {
    return this._set('vAxis.title', String(title));
  }

  setStacked(): this {
    return this._set('isStacked', true);
  }

  setRange(start: number, end: number): this {
    return this._set('vAxis.viewWindow', { min: start, max: end });
  }

  setColors(cssValues: string[]): this {
    return this._set('colors', [...cssValues]);
  }

  setDimensions(width: number, height: number): this {
    this._set('width', width);
    return this._set('height', height);
  }

  setLegendPosition(position: GoogleAppsScript.Charts.Position): this {
    return this._set('legend.position', String(position).toLowerCase());
  }

  _set(option: string, value: unknown): this {
    this.options[String(option)] = value;
    return this;
  }

  build(): FakeChart {
    if (!this.table) throw this._rt.error('A data table is required to build the chart.');
    return new FakeChart(this._rt, this.type, { ...this.options }, this.table);
  }
}

export class FakeChart extends Fake implements Slice<GoogleAppsScript.Charts.Chart, Public<FakeChart>> {
  constructor(
    rt: Runtime,
    private readonly type: string,
    private readonly options: Readonly<Record<string, unknown>>,
    private readonly table: FakeDataTable
  ) {
    super(rt, 'Chart');
  }

  getOptions(): FakeChartOptions {
    return new FakeChartOptions(this._rt, this.options);
  }

  getAs(contentType: string): FakeBlob {
    const data = [this.table._columns.map(c => c.label), ...this.table._rows];
    return render(this._rt, contentType, { type: this.type, options: { ...this.options }, data });
  }
}

export class FakeCharts extends Fake implements Slice<GoogleAppsScript.Charts.Charts, Public<FakeCharts>> {
  readonly ChartType = ChartType;
  readonly ColumnType = ColumnType;
  readonly Position = Position;

  constructor(rt: Runtime) {
    super(rt, 'Charts');
  }

  newDataTable(): FakeDataTableBuilder {
    return new FakeDataTableBuilder(this._rt);
  }

  newColumnChart(): FakeChartBuilder {
    return new FakeChartBuilder(this._rt, 'COLUMN');
  }

  newLineChart(): FakeChartBuilder {
    return new FakeChartBuilder(this._rt, 'LINE');
  }
}

/** Reads back what a fake chart image was drawn from (null for a blob that is no chart image of the fakes). */
export function renderedChart(blob: unknown): RenderedChart | null {
  return blob instanceof FakeBlob ? blob._chart : ((blob as { _chart?: RenderedChart } | null)?._chart ?? null);
}
