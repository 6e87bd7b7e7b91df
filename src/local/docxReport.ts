/**
 * The report blocks (src/domain/report/layout.ts) as a Word document: real headings (Heading 1-3, so the
 * navigation pane and a table of contents work), real tables with a repeated header row, a Japanese font,
 * A4 portrait with the margins Japanese offices use, and page numbers.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { ChartRun } from 'docx/charts';
import type { ChartSpec } from '../domain/charts/spec';
import type { CellAlign, ReportBlock } from '../domain/report/layout';

/** Yu Gothic ships with Windows 8.1+ and Office for Mac; other readers substitute their own Japanese gothic. */
const FONT = 'Yu Gothic';
/**
 * Chart text takes its East Asian font from the theme's body font (DrawingML's +mn-ea), not from the run fonts:
 * without a Japanese theme font Word draws chart titles and labels in Mincho.
 */
const THEME_FONT = { latin: FONT, eastAsia: '游ゴシック', scripts: { Jpan: '游ゴシック' } };
const FONTS = { ascii: FONT, hAnsi: FONT, eastAsia: FONT, cs: FONT };
const LANGUAGE = { value: 'ja-JP', eastAsia: 'ja-JP' };

// Sizes in half-points; lengths in twips (1/20 pt; 1 mm ≈ 56.7 twips).
const BODY_SIZE = 21; // 10.5 pt, the usual size of Japanese official documents
const TABLE_SIZE = 18; // 9 pt
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1418, bottom: 1418, left: 1134, right: 1134, header: 680, footer: 680 };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const CELL_PADDING = 80;
const HEADER_FILL = 'D9E2F3'; // the header colour of the workbook's own tabs
const TOTAL_FILL = 'F2F2F2';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '808080' };

/**
 * Display width in half-width units: a Japanese character takes two; Latin letters and digits of Japanese
 * fonts run a little wider than half a character.
 */
function textUnits(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp <= 0xff || (cp >= 0xff61 && cp <= 0xff9f) ? 1.1 : 2;
  }
  return Math.ceil(n);
}

/** Twips of one half-width unit of 9 pt text (4.5 pt = 90 twips), plus the cell's own padding and a little air. */
const UNIT_TWIPS = (TABLE_SIZE / 2) * 10;
const columnTwips = (units: number): number => Math.ceil(units * UNIT_TWIPS) + 2 * CELL_PADDING + 30;
/** Cells up to this many units (dates, amounts, IDs, names, short phrases) are never wrapped to make room. */
const KEEP_WHOLE_UNITS = 16;
/** Tables up to this many rows are not split across pages. */
const KEEP_TOGETHER_ROWS = 15;
/** A table whose columns all fit in less than half the text width is drawn narrower rather than stretched. */
const NARROW_TABLE = 0.6;

/**
 * Column widths: each column as wide as its longest cell. A table that fits is widened to the text width
 * (or to NARROW_TABLE of it when it is small); one that does not fit takes the room from its long text
 * columns, which wrap well, while short cells keep their width.
 */
function columnWidths(header: readonly string[], rows: readonly (readonly string[])[], totalRow = false): number[] {
  // Headers break only where the layout put a line break; cells wrap when they must. Bold runs wider.
  const bold = (u: number): number => Math.ceil(u * 1.05);
  const lineUnits = (s: string): number => Math.max(...s.split('\n').map(textUnits));
  const headerUnits = header.map(h => bold(lineUnits(h)));
  const cellUnits = (r: readonly string[], n: number, i: number): number => {
    const u = lineUnits(r[i] ?? '');
    return totalRow && n === rows.length - 1 ? bold(u) : u;
  };
  const longest = header.map((_, i) => Math.max(headerUnits[i] ?? 0, ...rows.map((r, n) => cellUnits(r, n, i))));
  const natural = longest.map(u => columnTwips(Math.max(u, 4)));
  const floor = longest.map((u, i) => columnTwips(Math.max(headerUnits[i] ?? 0, Math.min(Math.max(u, 4), KEEP_WHOLE_UNITS))));
  const total = natural.reduce((a, b) => a + b, 0);
  let widths: number[];
  if (total <= TEXT_WIDTH) {
    const target = total < TEXT_WIDTH / 2 ? TEXT_WIDTH * NARROW_TABLE : TEXT_WIDTH;
    widths = natural.map(w => (w * target) / total);
  } else {
    const slack = natural.map((w, i) => w - (floor[i] ?? w));
    const slackTotal = slack.reduce((a, b) => a + b, 0);
    const excess = total - TEXT_WIDTH;
    widths =
      slackTotal >= excess
        ? natural.map((w, i) => w - ((slack[i] ?? 0) * excess) / slackTotal)
        : floor.map(w => (w * TEXT_WIDTH) / floor.reduce((a, b) => a + b, 0));
  }
  const rounded = widths.map(w => Math.floor(w));
  const target = Math.round(widths.reduce((a, b) => a + b, 0));
  rounded[rounded.length - 1] = (rounded[rounded.length - 1] ?? 0) + target - rounded.reduce((a, b) => a + b, 0);
  return rounded;
}

function cell(text: string, width: number, opts: { header?: boolean; total?: boolean; align?: CellAlign }): TableCell {
  const fill = opts.header ? HEADER_FILL : opts.total ? TOTAL_FILL : null;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: CELL_PADDING, right: CELL_PADDING },
    ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
    children: text.split('\n').map(
      line =>
        new Paragraph({
          alignment: opts.align === 'right' ? AlignmentType.RIGHT : opts.header ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: { before: 0, after: 0, line: 260 },
          children: [new TextRun({ text: line, bold: opts.header === true || opts.total === true, size: TABLE_SIZE })],
        })
    ),
  });
}

function table(block: Extract<ReportBlock, { kind: 'table' }>): Table {
  const widths = columnWidths(block.header, block.rows, block.totalRow === true);
  const alignOf = (i: number): CellAlign => block.align?.[i] ?? 'left';
  const last = block.rows.length - 1;
  // A short table is kept on one page (with its heading, which keeps with the next paragraph).
  const keepTogether = block.rows.length <= KEEP_TOGETHER_ROWS;
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        keepNext: keepTogether && last >= 0,
        children: block.header.map((h, i) => cell(h, widths[i] ?? 0, { header: true })),
      }),
      ...block.rows.map(
        (r, n) =>
          new TableRow({
            cantSplit: true,
            keepNext: keepTogether && n < last,
            children: block.header.map((_, i) =>
              cell(r[i] ?? '', widths[i] ?? 0, { align: alignOf(i), total: block.totalRow === true && n === last })
            ),
          })
      ),
    ],
  });
}

/** Chart size in pixels (96 per inch): the text width of A4 with these margins; a chart of two bars is lower. */
const CHART_WIDTH = Math.floor((TEXT_WIDTH / 1440) * 96);
const chartSize = (chart: ChartSpec) => ({ width: CHART_WIDTH, height: chart.months.length > 0 ? 300 : 250 });

/**
 * A native Word chart: its data sits in an embedded workbook, so Word's 「データの編集」 opens it. The value axis
 * starts at 0 (LibreOffice scales it from the data otherwise); a reference series (budget, cap, target) is dashed.
 */
export function chartRun(chart: ChartSpec): ChartRun {
  const axisTitle = (t: string) => (t === '' ? {} : { title: t });
  const series = chart.series.map(s => ({
    name: s.name,
    values: s.values,
    color: s.color,
    ...(chart.kind !== 'line' && s.draw === 'line' ? { type: 'line' as const } : {}),
    ...(s.draw === 'line'
      ? {
          markers: !s.reference,
          line: { color: s.color, width: s.reference ? 1.5 : 2.25, dash: s.reference ? ('dash' as const) : ('solid' as const) },
        }
      : {}),
  }));
  return new ChartRun({
    type: chart.kind === 'line' ? 'line' : 'column',
    ...(chart.kind === 'stacked' ? { stacking: 'stacked' as const } : {}),
    title: chart.title,
    font: { name: FONT },
    categories: [...chart.categories],
    series,
    categoryAxis: axisTitle(chart.categoryTitle),
    valueAxis: {
      ...axisTitle(chart.valueTitle),
      minimum: chart.valueAxis.min,
      ...(chart.valueAxis.max === null ? {} : { maximum: chart.valueAxis.max }),
      ...(chart.valueAxis.step === null ? {} : { interval: chart.valueAxis.step }),
      numberFormat: '#,##0',
    },
    ...(chart.dataLabels ? { dataLabels: { value: true } } : {}),
    legend: { position: 'bottom' },
    transformation: chartSize(chart),
    altText: { name: chart.id, title: chart.title, description: chart.description },
  });
}

/** Bullets as Japanese documents set them: a middle dot, hanging indent of one character. */
const BULLETS = 'report-bullets';
const NUMBERING = {
  config: [
    {
      reference: BULLETS,
      levels: [
        {
          level: 0,
          format: LevelFormat.BULLET,
          text: '・',
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: 420, hanging: 420 } } },
        },
      ],
    },
  ],
};

const HEADING = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function bodyOf(blocks: readonly ReportBlock[]): (Paragraph | Table | TableOfContents)[] {
  const out: (Paragraph | Table | TableOfContents)[] = [];
  let breakBefore = false;
  // A table right after another table would fuse with it in Word; a small gap keeps them apart.
  const gap = (): Paragraph => new Paragraph({ spacing: { before: 0, after: 0 }, children: [new TextRun({ text: '', size: 8 })] });
  blocks.forEach((block, i) => {
    const pageBreakBefore = breakBefore;
    breakBefore = false;
    // A sentence that introduces a table stays on the table's page.
    const keepNext = blocks[i + 1]?.kind === 'table';
    switch (block.kind) {
      case 'title':
        out.push(
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            pageBreakBefore,
            children: [new TextRun(block.text)],
          })
        );
        break;
      case 'cover':
        // A title page: the title a third of the way down, its lines under it, then the next page.
        out.push(
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            pageBreakBefore,
            spacing: { before: 4200, after: 720 },
            children: [new TextRun({ text: block.title, size: 48 })],
          }),
          ...block.lines.map(
            line =>
              new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: line, size: 28 })] })
          ),
          new Paragraph({ pageBreakBefore: true, children: [] })
        );
        break;
      case 'toc':
        // Not a heading itself, so it is not listed in itself; Word fills in the page numbers when it opens the file.
        out.push(
          new Paragraph({ pageBreakBefore, spacing: { after: 240 }, children: [new TextRun({ text: block.title, bold: true, size: 28 })] }),
          new TableOfContents(block.title, { hyperlink: true, headingStyleRange: `1-${block.levels}` })
        );
        break;
      case 'heading':
        out.push(new Paragraph({ heading: HEADING[block.level], pageBreakBefore, keepNext: true, children: [new TextRun(block.text)] }));
        break;
      case 'paragraph':
        out.push(new Paragraph({ pageBreakBefore, keepNext, children: [new TextRun(block.text)] }));
        break;
      case 'bullets':
        block.items.forEach((item, i) => {
          out.push(
            new Paragraph({
              numbering: { reference: BULLETS, level: 0 },
              pageBreakBefore: pageBreakBefore && i === 0,
              children: [new TextRun(item)],
            })
          );
        });
        break;
      case 'table':
        if (pageBreakBefore) out.push(new Paragraph({ pageBreakBefore: true, children: [] }));
        out.push(table(block), gap());
        break;
      case 'chart':
        // Single line spacing: LibreOffice clips an inline chart to a proportional line height.
        out.push(
          new Paragraph({
            pageBreakBefore,
            alignment: AlignmentType.CENTER,
            spacing: { before: 120, after: 120, line: 240, lineRule: LineRuleType.AUTO },
            children: [chartRun(block.chart)],
          })
        );
        break;
      case 'pageBreak':
        breakBefore = true;
        break;
    }
  });
  return out;
}

/** Renders the blocks as a .docx file's bytes. `runningTitle` goes in the page header. */
export async function renderDocx(blocks: readonly ReportBlock[], runningTitle: string): Promise<Buffer> {
  const first = blocks.find(b => b.kind === 'title' || b.kind === 'cover');
  const title = first?.kind === 'title' ? first.text : first?.kind === 'cover' ? first.title : runningTitle;
  const small = (text: string | (string | (typeof PageNumber)[keyof typeof PageNumber])[]) =>
    new TextRun({ children: Array.isArray(text) ? text : [text], size: 16, color: '595959' });
  const headingStyle = (size: number, before: number, after: number) => ({
    run: { font: FONTS, size, bold: true, color: '000000' },
    paragraph: { spacing: { before, after }, keepNext: true },
  });
  const doc = new Document({
    theme: { fonts: { body: THEME_FONT, headings: THEME_FONT } },
    title,
    // A table of contents is written with its entries; Word updates its page numbers on opening (it asks first).
    ...(blocks.some(b => b.kind === 'toc') ? { features: { updateFields: true } } : {}),
    creator: 'chizai-desk',
    description: title,
    styles: {
      default: {
        document: {
          run: { font: FONTS, size: BODY_SIZE, language: LANGUAGE },
          paragraph: { spacing: { after: 100, line: 300 } },
        },
        title: headingStyle(32, 0, 240),
        heading1: {
          ...headingStyle(28, 360, 120),
          paragraph: {
            spacing: { before: 360, after: 120 },
            keepNext: true,
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '808080', space: 2 } },
          },
        },
        heading2: headingStyle(23, 240, 80),
        heading3: headingStyle(21, 180, 60),
        listParagraph: { run: { font: FONTS, size: BODY_SIZE } },
      },
    },
    numbering: NUMBERING,
    sections: [
      {
        properties: { page: { size: A4, margin: MARGIN } },
        headers: {
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [small(runningTitle)] })] }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({ alignment: AlignmentType.CENTER, children: [small([PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES])] }),
            ],
          }),
        },
        children: bodyOf(blocks),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
