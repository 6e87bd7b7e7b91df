/**
 * The contract drives the Apps Script bundle: build/Code.js built (by scripts/build.mjs) against the contract
 * with 訪問記録 added, and no other change, marks that tab's bad cells in checkAllEntries as every other tab's.
 */
import { join } from 'node:path';
import { MARK_COLORS, NOTE_PREFIX } from '../../src/domain/marks';
import { DEFAULT_BACKGROUND, type FakeGoogle } from '../fakes';
import { buildExtended, type ExtendedBuild } from '../support/extendedBuild';
import { CLEAN_VISIT_ROWS, VISIT_FINDINGS, VISIT_HEADERS, VISIT_ROWS, VISITS, type VisitCell } from '../support/inventedTab';
import { SAMPLE_AS_OF, sampleSheets } from '../support/sampleSheets';
import { type BundleContext, loadBundle, setClock } from './loadBundle';

/** A date as Sheets holds a date typed in Asia/Tokyo (the test process runs in that zone, as the bundle does). */
const sheetValue = (v: VisitCell | undefined): unknown => {
  if (v === undefined) return '';
  if (typeof v !== 'object') return v;
  const [y, m, d] = v.date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
};
const visitsSheet = (): unknown[][] => [[...VISIT_HEADERS], ...VISIT_ROWS.map(row => VISIT_HEADERS.map(h => sheetValue(row[h])))];

let built: ExtendedBuild;
let fake: FakeGoogle;
let app: BundleContext;
let before: Record<string, unknown[][]>;

/** Every value in the workbook, 会議登録簿's computed 期限/状態 aside (the system writes those). */
function typedValues(f: FakeGoogle): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const sheet of f.spreadsheet._sheets) {
    const values = f.sheetValues(sheet._name) ?? [];
    const computed = sheet._name === '会議登録簿' ? new Set(['期限', '状態'].map(h => (values[0] ?? []).indexOf(h))) : new Set<number>();
    if (sheet._name !== '実行ログ') out[sheet._name] = values.map((row, r) => row.map((v, c) => (r > 0 && computed.has(c) ? null : v)));
  }
  return out;
}

beforeAll(() => {
  built = buildExtended();
  ({ fake, app } = loadBundle(
    { sheets: { ...sampleSheets(), [VISITS.name]: visitsSheet() }, userEmail: 'nao.mikami@example.co.jp' },
    join(built.dir, 'build')
  ));
  setClock(app, `${SAMPLE_AS_OF}T12:00:00+09:00`);
  before = typedValues(fake);
  app.checkAllEntries();
}, 120_000);

afterAll(() => built?.remove());

const cell = (row: number, header: string) => fake.sheet(VISITS.name)?._cell(row, VISIT_HEADERS.indexOf(header) + 1);

describe('checkAllEntries, built against a contract with a tab it invents (DESIGN "The workbook contract")', () => {
  test.each(VISIT_FINDINGS.map(f => [f.row, f.column, f.code, f] as const))(
    'row %i 「%s」 (%s) gets its severity background and a note starting 【チェック】',
    (row, column, _code, finding) => {
      expect(cell(row, column)?.background).toBe(MARK_COLORS[finding.severity]);
      expect(cell(row, column)?.note.startsWith(NOTE_PREFIX)).toBe(true);
    }
  );

  test('no other cell of the tab is marked: the clean rows and the good cells of the bad rows have no note or background', () => {
    const planted = new Set(VISIT_FINDINGS.map(f => `${f.row}:${f.column}`));
    const marked: string[] = [];
    for (let row = 2; row <= VISIT_ROWS.length + 1; row++)
      for (const header of VISIT_HEADERS) {
        const c = cell(row, header);
        if (!planted.has(`${row}:${header}`) && (c?.note || c?.background !== DEFAULT_BACKGROUND)) marked.push(`${row}:${header}`);
      }
    expect(marked).toEqual([]);
    expect(CLEAN_VISIT_ROWS.length).toBeGreaterThan(0);
  });

  test('the dialog reports the check finished, and no typed value changed in any tab', () => {
    expect(fake.ui.alerts.at(-1)?.title).toBe('入力をすべてチェック');
    expect(fake.ui.alerts.at(-1)?.prompt).not.toContain('処理を完了できませんでした');
    expect(typedValues(fake)).toEqual(before);
  });
});

describe('onEdit on the invented tab, from the same bundle', () => {
  test('a date typed as 「あした」 in 訪問日 gets the error background and a note; the value stays as typed', () => {
    const { fake: f, app: a } = loadBundle(
      { sheets: { ...sampleSheets(), [VISITS.name]: visitsSheet() }, userEmail: 'nao.mikami@example.co.jp' },
      join(built.dir, 'build')
    );
    setClock(a, `${SAMPLE_AS_OF}T12:00:00+09:00`);
    f.simulateUserEdit(VISITS.name, 2, VISIT_HEADERS.indexOf('訪問日') + 1, [['あした']], a.onEdit as never);
    const edited = f.sheet(VISITS.name)?._cell(2, VISIT_HEADERS.indexOf('訪問日') + 1);
    expect(edited?.value).toBe('あした');
    expect(edited?.background).toBe(MARK_COLORS.error);
    expect(edited?.note.startsWith(NOTE_PREFIX)).toBe(true);
  });
});
