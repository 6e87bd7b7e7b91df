/**
 * unknown-case / unknown-meeting: a reference column (contract `references`: caseRef, caseRefs, meetingRef)
 * must name an ID its target tab has. Silent while the target tab or its ID column is missing.
 */
import type { Finding, FindingCode } from '../findings';
import { hasColumns, rowsOf } from '../ledgerReader';
import { tabOf } from '../schema';
import type { Rule } from './rule';

/** Characters people type for the hyphen of an ID: long vowel marks, dashes, minus signs. */
const HYPHEN_LIKE = /[ー－‐‑‒–—―−ｰ~〜～]/g;
const comparable = (id: string): string => id.replace(HYPHEN_LIKE, '-').replace(/\s+/g, '').toUpperCase();

/** 「C-001」のことですか？ when the typed ID differs from a known one only by a dash or a long vowel mark, case or spaces. */
function suggestion(id: string, known: ReadonlySet<string>): string {
  const want = comparable(id);
  const match = [...known].find(k => comparable(k) === want);
  return match === undefined ? '' : `「${match}」のことですか？`;
}

export const unknownReferences: Rule = {
  name: '参照先のないID',
  needs: {},
  run({ read, contract, ledger }) {
    const findings: Finding[] = [];
    for (const tab of contract.tabs)
      for (const column of tab.columns) {
        const ref = contract.references[column.type];
        if (!ref) continue;
        const target = tabOf(contract, ref.tab);
        const idColumn = target.columns.find(c => c.type === 'id');
        if (!idColumn || !hasColumns(read, target.key, [idColumn.key])) continue;
        const known = ledger.ids[target.key] ?? new Set<string>();
        for (const row of rowsOf(read, tab.key)) {
          const value = row[column.key];
          const named = Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
          for (const id of named)
            if (!known.has(id))
              findings.push({
                sheet: tab.name,
                row: row.rowNumber,
                column: column.header,
                severity: 'error',
                code: ref.code as FindingCode,
                message: `${idColumn.header}「${id}」は${target.name}にありません。${suggestion(id, known)}${target.name}の${idColumn.header}を入力するか、先に${target.name}に登録してください。`,
              });
        }
      }
    return findings;
  },
};
