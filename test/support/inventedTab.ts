/**
 * A tab the contract does not have, for the tests that prove the contract drives the code: added to the contract
 * (and nowhere else), its cells must be checked by their columns' types and flags alone. Plain data and type
 * imports only: the extended build imports this file from the contract module it substitutes for contract.ts.
 */
import type { ContractSpec, TabSpecOf } from '../../src/domain/schema';

/** 訪問記録: one line per visit to a supported company. */
export const VISITS = {
  key: 'visits',
  name: '訪問記録',
  columns: [
    { key: 'visitedOn', header: '訪問日', type: 'date', required: true, withinProgramme: true, width: 12 },
    { key: 'hours', header: '所要時間', type: 'hours', width: 8 },
    { key: 'caseId', header: '案件ID', type: 'caseRef', width: 10 },
    { key: 'visitor', header: '訪問者', type: 'person', width: 14 },
    { key: 'method', header: '訪問方法', type: 'choice', choices: '訪問方法', width: 12 },
  ],
} as const satisfies TabSpecOf;

export const VISIT_METHODS = ['対面', '電話', 'オンライン'] as const;

/** The contract with 訪問記録 and its own choice list added: the only change the tab needs. */
export const withInventedTab = (base: ContractSpec): ContractSpec => ({
  ...base,
  choices: { ...base.choices, 訪問方法: VISIT_METHODS },
  tabs: [...base.tabs, VISITS],
});

/**
 * The contract module an extended build resolves sheets-templates/contract to (scripts/build.mjs --contract):
 * the real contract, spread, with the tab added.
 */
export const extendedContractModule = (root: string): string =>
  [
    `import { contract as real } from ${JSON.stringify(`${root}/sheets-templates/contract`)};`,
    `import { withInventedTab } from ${JSON.stringify(`${root}/test/support/inventedTab`)};`,
    'export const contract = withInventedTab(real);',
  ].join('\n');

/** A cell as a person types it: text, a number, or a date (each runtime writes it as its date cell). */
export type VisitCell = string | number | { readonly date: string };

/**
 * The rows of 訪問記録 from row 2, each bad in one cell at most. The workbook they go in has 案件ID C-001, an
 * active handler 三上 奈緒 (not 山田 太郎), and 事業開始日..事業終了日 2024-06-03..2025-03-31.
 */
export const VISIT_ROWS: readonly Readonly<Record<string, VisitCell>>[] = [
  { 訪問日: { date: '2024-10-01' }, 所要時間: 1.5, 案件ID: 'C-001', 訪問者: '三上 奈緒', 訪問方法: '対面' },
  { 訪問日: 'あした', 所要時間: 1, 案件ID: 'C-001', 訪問者: '三上 奈緒', 訪問方法: '対面' },
  { 訪問日: { date: '2024-10-02' }, 所要時間: 'abc', 案件ID: 'C-001', 訪問者: '三上 奈緒', 訪問方法: '電話' },
  { 訪問日: { date: '2024-10-03' }, 所要時間: 2, 案件ID: 'C-999', 訪問者: '三上 奈緒', 訪問方法: '対面' },
  { 訪問日: { date: '2024-10-04' }, 所要時間: 2, 案件ID: 'C-001', 訪問者: '山田 太郎', 訪問方法: '対面' },
  { 訪問日: { date: '2024-10-07' }, 所要時間: 2, 案件ID: 'C-001', 訪問者: '三上 奈緒', 訪問方法: '郵送' },
  { 所要時間: 2, 案件ID: 'C-001', 訪問者: '三上 奈緒', 訪問方法: '対面' },
  { 訪問日: { date: '2023-10-08' }, 所要時間: 2, 案件ID: 'C-001', 訪問者: '三上 奈緒', 訪問方法: '対面' },
  // Clean as people type it: a Reiwa date as text, hours as h:mm, the optional cells left blank.
  { 訪問日: '令和6年11月5日', 所要時間: '2:30', 訪問方法: 'オンライン' },
];

/** Where check must find each bad cell of VISIT_ROWS, and nothing else in 訪問記録. */
export const VISIT_FINDINGS = [
  { sheet: '訪問記録', row: 3, column: '訪問日', severity: 'error', code: 'invalid-date' },
  { sheet: '訪問記録', row: 4, column: '所要時間', severity: 'error', code: 'invalid-number' },
  { sheet: '訪問記録', row: 5, column: '案件ID', severity: 'error', code: 'unknown-case' },
  { sheet: '訪問記録', row: 6, column: '訪問者', severity: 'error', code: 'recipient-not-authorized' },
  { sheet: '訪問記録', row: 7, column: '訪問方法', severity: 'error', code: 'invalid-choice' },
  { sheet: '訪問記録', row: 8, column: '訪問日', severity: 'error', code: 'required' },
  { sheet: '訪問記録', row: 9, column: '訪問日', severity: 'warning', code: 'outside-programme-period' },
] as const;

/** The rows of VISIT_ROWS with no bad cell. */
export const CLEAN_VISIT_ROWS = [2, 10] as const;

/** The header row of 訪問記録, in the contract's order. */
export const VISIT_HEADERS: readonly string[] = VISITS.columns.map(c => c.header);
