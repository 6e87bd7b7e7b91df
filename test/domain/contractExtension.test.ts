/**
 * The contract drives the reader and the generic rules: a tab added to the contract, and nowhere else, gets
 * required-cell, type, choice, reference, handler and programme-period findings by tab, row and column.
 */
import { check } from '../../src/domain/check';
import { readLedger, rowsOf } from '../../src/domain/ledgerReader';
import type { Cell } from '../../src/domain/rawTable';
import { defaultContract } from '../../src/domain/schema';
import {
  CLEAN_VISIT_ROWS,
  VISIT_FINDINGS,
  VISIT_HEADERS,
  VISIT_ROWS,
  VISITS,
  type VisitCell,
  withInventedTab,
} from '../support/inventedTab';
import { caseRow, dateCell, rawTable, tablesOf } from './rules/book';

const extended = withInventedTab(defaultContract);
const cellOf = (v: VisitCell): Cell => (typeof v === 'object' ? dateCell(v.date) : v);
const visits = rawTable(
  VISITS.name,
  VISIT_ROWS.map(row => Object.fromEntries(Object.entries(row).map(([h, v]) => [h, cellOf(v)]))),
  VISIT_HEADERS
);
const tables = () => {
  const t = tablesOf({ 案件台帳: [caseRow('C-001')] });
  t.set(VISITS.name, visits);
  return t;
};
const where = ({
  sheet,
  row,
  column,
  severity,
  code,
}: {
  sheet: string;
  row: number | null;
  column: string | null;
  severity: string;
  code: string;
}) => ({
  sheet,
  row,
  column,
  severity,
  code,
});

describe('a tab added to the contract alone is checked by its columns (DESIGN "The workbook contract")', () => {
  const read = readLedger(tables(), extended);
  const result = check(read, '2024-12-02');
  const inTab = result.findings.filter(f => f.sheet === VISITS.name);

  test('each bad cell is one finding at its tab, row and column: date, hours, case ID, person, choice, required, programme period', () => {
    expect(inTab.map(where)).toEqual(VISIT_FINDINGS);
  });

  test('the clean rows give no finding and are read with their typed values', () => {
    expect(inTab.filter(f => (CLEAN_VISIT_ROWS as readonly (number | null)[]).includes(f.row))).toEqual([]);
    const clean = rowsOf(read, VISITS.key).filter(r => (CLEAN_VISIT_ROWS as readonly number[]).includes(r.rowNumber));
    expect(clean).toEqual([
      { rowNumber: 2, visitedOn: '2024-10-01', hours: 1.5, caseId: 'C-001', visitor: '三上 奈緒', method: '対面' },
      { rowNumber: 10, visitedOn: '2024-11-05', hours: 2.5, caseId: null, visitor: null, method: 'オンライン' },
    ]);
  });

  test('every finding names what to do, in Japanese', () => {
    for (const f of inTab) expect(f.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(inTab.find(f => f.code === 'invalid-choice')?.message).toContain('電話');
  });

  test('the rest of the workbook is checked as without the tab', () => {
    const without = check(readLedger(tables()), '2024-12-02').findings;
    expect(result.findings.filter(f => f.sheet !== VISITS.name)).toEqual(without);
  });

  test('without the tab in the workbook, the extended contract reports it missing', () => {
    const t = tables();
    t.delete(VISITS.name);
    expect(
      readLedger(t, extended)
        .findings.filter(f => f.sheet === VISITS.name)
        .map(where)
    ).toEqual([{ sheet: VISITS.name, row: null, column: null, severity: 'error', code: 'missing-tab' }]);
  });
});
