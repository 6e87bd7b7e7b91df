/**
 * The .docx report's charts are native Word charts a person can edit (「データの編集」): each chart part is
 * valid against the Office Open XML schemas, points at an embedded workbook holding its data, and shows the
 * report's own figures. The package is validated by @ooxml-tools/validate (Microsoft's Open XML SDK validator,
 * compiled to WASM) in a child process, since it is an ES module; the data is read back with JSZip and SheetJS,
 * readers independent of the docx package that wrote it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import * as XLSX from 'xlsx';
import sample from '../../sheets-templates/sample.json';
import type { ReportModel } from '../../src/domain/report/model';
import { buildWorkbook, type SampleTabs } from '../../src/local/xlsxTemplate';
import { ensureBuilt, ROOT, removeTempDirs, runCli, tempDir } from './support';

interface SchemaError {
  readonly part: string;
  readonly xpath: string;
  readonly description: string;
}

/** Every schema and package error @ooxml-tools/validate finds in a .docx (Office 365's schemas). */
function schemaErrors(path: string): SchemaError[] {
  const script = `import validate from '@ooxml-tools/validate';
import { readFileSync } from 'node:fs';
const errors = await validate(new Uint8Array(readFileSync(process.argv[1])), 'docx', 'Microsoft365');
console.log(JSON.stringify(errors.map(e => ({ part: e.path?.partUri ?? '', xpath: e.path?.xpath ?? '', description: e.description }))));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, path], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return JSON.parse(out) as SchemaError[];
}

/** The values of one c:ser as the chart part caches them: name, categories and values (a blank point is null). */
interface CachedSeries {
  readonly name: string;
  readonly categories: string[];
  readonly values: (number | null)[];
}

function cachedSeries(chartXml: string): CachedSeries[] {
  const points = (xml: string): Map<number, string> =>
    new Map([...xml.matchAll(/<c:pt idx="(\d+)">\s*<c:v>([^<]*)<\/c:v>/g)].map(m => [Number(m[1]), m[2] ?? '']));
  return [...chartXml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map(([, ser = '']) => {
    const name = /<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/.exec(ser)?.[1] ?? '';
    const cat = /<c:cat>([\s\S]*?)<\/c:cat>/.exec(ser)?.[1] ?? '';
    const val = /<c:val>([\s\S]*?)<\/c:val>/.exec(ser)?.[1] ?? '';
    const count = Number(/<c:ptCount val="(\d+)"/.exec(val)?.[1] ?? 0);
    const cats = points(cat);
    const vals = points(val);
    return {
      name,
      categories: [...cats.keys()].sort((a, b) => a - b).map(i => cats.get(i) ?? ''),
      values: Array.from({ length: count }, (_, i) => (vals.has(i) ? Number(vals.get(i)) : null)),
    };
  });
}

const text = (zip: JSZip, name: string): Promise<string> => (zip.file(name) as JSZip.JSZipObject).async('string');
const title = (chartXml: string): string =>
  [...(/<c:title>([\s\S]*?)<\/c:title>/.exec(chartXml)?.[1] ?? '').matchAll(/<a:t>([^<]*)<\/a:t>/g)].map(m => m[1]).join('');

let dir: string;
let docx: string;
let model: ReportModel;
let zip: JSZip;
let charts: string[];

beforeAll(async () => {
  ensureBuilt();
  dir = tempDir();
  const book = join(dir, 'sample.xlsx');
  writeFileSync(book, Buffer.from(await buildWorkbook(sample.tabs as unknown as SampleTabs).xlsx.writeBuffer()));
  const run = runCli(['report', book, '--month', sample.reportMonth, '--today', sample.asOf, '--out', dir, '--json']);
  expect(run.status).toBe(0);
  model = JSON.parse(run.stdout) as ReportModel;
  docx = join(dir, `月次活動報告書_${sample.reportMonth}.docx`);
  zip = await JSZip.loadAsync(readFileSync(docx));
  const names = Object.keys(zip.files).filter(n => /^word\/charts\/chart\d+\.xml$/.test(n));
  names.sort((a, b) => Number(/(\d+)\.xml$/.exec(a)?.[1]) - Number(/(\d+)\.xml$/.exec(b)?.[1]));
  charts = await Promise.all(names.map(n => text(zip, n)));
}, 60_000);
afterAll(removeTempDirs);

test('the 2024-11 report holds four native charts, in the order the report shows them, with Japanese titles', () => {
  expect(charts.map(title)).toEqual([
    '目標に対する実績（累計）',
    'PD稼働時間の累計と予算（2024年度）',
    '議事録の共有状況（開催月別、2024年度）',
    '専門家活用の回数と月上限（2024年度）',
  ]);
  expect(model.charts.map(c => c.title).sort()).toEqual(charts.map(title).sort());
});

test('the whole .docx, chart parts included, is valid against the Office Open XML schemas', () => {
  expect(schemaErrors(docx)).toEqual([]);
}, 120_000);

test('the validator is not a rubber stamp: an unknown element in a chart part is rejected, naming the part', async () => {
  const broken = await JSZip.loadAsync(readFileSync(docx));
  const xml = await text(broken, 'word/charts/chart1.xml');
  broken.file('word/charts/chart1.xml', xml.replace('<c:plotArea>', '<c:bogus/><c:plotArea>'));
  const path = join(dir, 'broken.docx');
  writeFileSync(path, await broken.generateAsync({ type: 'nodebuffer' }));
  const errors = schemaErrors(path);
  expect(errors).toHaveLength(1);
  expect(errors[0]?.part).toBe('/word/charts/chart1.xml');
  expect(errors[0]?.description).toMatch(/bogus/);
}, 120_000);

test('each chart embeds the workbook of its data (c:externalData → word/embeddings/*.xlsx), so Word can edit it', async () => {
  for (const [i, xml] of charts.entries()) {
    const id = /<c:externalData r:id="([^"]+)"/.exec(xml)?.[1];
    const rels = await text(zip, `word/charts/_rels/chart${i + 1}.xml.rels`);
    const target =
      new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
    expect(target).toMatch(/^\.\.\/embeddings\/.+\.xlsx$/);
    const bytes = await (zip.file(`word/${(target ?? '').replace('../', '')}`) as JSZip.JSZipObject).async('uint8array');
    const sheet = XLSX.read(bytes, { type: 'array' });
    const grid = XLSX.utils.sheet_to_json<(string | number | null)[]>(sheet.Sheets[sheet.SheetNames[0] ?? ''] as XLSX.WorkSheet, {
      header: 1,
      defval: null,
    });
    // The embedded sheet: series names across the top, categories down the first column, the values between.
    const series = cachedSeries(xml);
    expect(grid[0]?.slice(1)).toEqual(series.map(s => s.name));
    for (const [r, s] of series.entries()) expect(grid.slice(1).map(row => row[r + 1] ?? null)).toEqual(s.values);
  }
});

test('the PD chart shows the report’s hours to date month by month and the 280 h budget; months ahead are empty', () => {
  const [cumulative, budget] = cachedSeries(charts[1] ?? '');
  expect(cumulative?.name).toBe('累計稼働時間');
  expect(cumulative?.categories).toEqual(['4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月', '1月', '2月', '3月']);
  const november = cumulative?.values[7];
  expect(november).toBe(model.pd.hoursToDate);
  expect(november).toBe(145.5);
  expect(cumulative?.values.slice(2, 8)).toEqual((model.pd.byMonth ?? []).map(m => m.hoursToDate));
  expect(cumulative?.values.slice(8)).toEqual([null, null, null, null]);
  expect(budget).toMatchObject({ name: '予算（280時間）' });
  expect(new Set(budget?.values)).toEqual(new Set([model.pd.budgetHours]));
});

test('the expert chart shows each month’s uses and the cap of 2 as a line over the columns (§12(1))', () => {
  const [uses, cap] = cachedSeries(charts[3] ?? '');
  expect(uses?.values[7]).toBe(model.experts.usesThisMonth);
  expect(uses?.values.slice(2, 8)).toEqual((model.experts.byMonth ?? []).map(m => m.uses));
  expect(cap?.name).toBe('月上限（2回）');
  expect(charts[3]).toMatch(/<c:barChart>[\s\S]*<c:lineChart>/);
});

test('the minutes chart stacks November’s meetings by minutes status, as the report’s meetings table has them', () => {
  const series = cachedSeries(charts[2] ?? '');
  const november = (model.meetings.minutesByMonth ?? []).at(-1);
  expect(series.map(s => [s.name, s.values[7]])).toEqual([
    ['期限内に共有', november?.shared],
    ['期限後に共有', november?.sharedLate],
    ['期限超過（未共有）', november?.overdue],
    ['期限前（未共有）', november?.open],
  ]);
  expect(charts[2]).toContain('<c:grouping val="stacked"/>');
});

test('the targets chart shows 5 of 5 supported companies and 2 of 3 liaison councils', () => {
  const [actual, target] = cachedSeries(charts[0] ?? '');
  expect(actual?.values).toEqual([model.cases.supported, model.meetings.liaisonCouncilsToDate]);
  expect(target?.values).toEqual([model.cases.target, model.meetings.liaisonTarget]);
});

test('every value axis starts at 0 and chart text uses the Japanese theme font (not Mincho)', async () => {
  for (const xml of charts) expect(xml).toMatch(/<c:valAx>[\s\S]*<c:min val="0"\/>/);
  const theme = await text(zip, 'word/theme/theme1.xml');
  expect(theme).toMatch(/<a:minorFont>[\s\S]*<a:ea typeface="游ゴシック"\/>/);
});
