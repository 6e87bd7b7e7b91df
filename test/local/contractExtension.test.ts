/**
 * The contract drives the CLI: `chizai-desk check` built (by scripts/build.mjs, as `npm run build` builds it)
 * against the contract with 訪問記録 added, and no other change, checks that tab of a real .xlsx written by
 * SheetJS by its columns' types and flags.
 */
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { buildExtended, type ExtendedBuild } from '../support/extendedBuild';
import { CLEAN_VISIT_ROWS, VISIT_FINDINGS, VISIT_HEADERS, VISIT_ROWS, VISITS, type VisitCell } from '../support/inventedTab';
import { AS_OF, ensureBuilt, removeTempDirs, runCli, serialOf, tempDir, writeFixture } from './support';

interface JsonFinding {
  sheet: string;
  row: number | null;
  column: string | null;
  severity: string;
  code: string;
  message: string;
}

const cellOf = (v: VisitCell): XLSX.CellObject =>
  typeof v === 'object' ? { t: 'n', v: serialOf(v.date), z: 'yyyy/m/d' } : typeof v === 'number' ? { t: 'n', v } : { t: 's', v };

/** The clean fixture workbook (no error but the sample's two warnings) with 訪問記録 appended. */
function writeBook(path: string): void {
  writeFixture(path, true);
  const wb = XLSX.readFile(path, { cellDates: false });
  const ws: XLSX.WorkSheet = {};
  VISIT_HEADERS.forEach((h, c) => {
    ws[XLSX.utils.encode_cell({ r: 0, c })] = { t: 's', v: h };
  });
  VISIT_ROWS.forEach((row, r) => {
    VISIT_HEADERS.forEach((h, c) => {
      const v = row[h];
      if (v !== undefined) ws[XLSX.utils.encode_cell({ r: r + 1, c })] = cellOf(v);
    });
  });
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: VISIT_ROWS.length, c: VISIT_HEADERS.length - 1 } });
  XLSX.utils.book_append_sheet(wb, ws, VISITS.name);
  XLSX.writeFile(wb, path);
}

const where = ({ sheet, row, column, severity, code }: JsonFinding) => ({ sheet, row, column, severity, code });

let built: ExtendedBuild;
let book: string;
let run: ReturnType<ExtendedBuild['cli']>;
let findings: JsonFinding[];

beforeAll(() => {
  ensureBuilt();
  built = buildExtended();
  book = join(tempDir(), 'visits.xlsx');
  writeBook(book);
  run = built.cli(['check', book, '--today', AS_OF, '--json']);
  findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
}, 120_000);

afterAll(() => {
  built?.remove();
  removeTempDirs();
});

describe('check --json, built against a contract with a tab it invents (DESIGN "The workbook contract")', () => {
  test('each bad cell of the tab is one finding at its tab, row and column, and check exits 1', () => {
    expect(findings.filter(f => f.sheet === VISITS.name).map(where)).toEqual(VISIT_FINDINGS);
    expect(run.status).toBe(1);
  });

  test('the clean rows of the tab give no finding', () => {
    expect(findings.filter(f => f.sheet === VISITS.name && (CLEAN_VISIT_ROWS as readonly (number | null)[]).includes(f.row))).toEqual([]);
  });

  test('every other tab is checked as by the CLI built from contract.ts, which ignores the tab', () => {
    const plain = runCli(['check', book, '--today', AS_OF, '--json']);
    expect(plain.status).toBe(0);
    const plainFindings = (JSON.parse(plain.stdout) as { findings: JsonFinding[] }).findings;
    expect(plainFindings.some(f => f.sheet === VISITS.name)).toBe(false);
    expect(findings.filter(f => f.sheet !== VISITS.name)).toEqual(plainFindings);
  });
});
