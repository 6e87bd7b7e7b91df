/**
 * secretariat-roles: the secretariat's structure (§5.1(3)) among active handlers — exactly one 事業統括責任者, at
 * least one 事業担当リーダー and two 事業担当者, each a different person (no address in two of these roles), and
 * at least one 事業PD (§10(1)). People are counted, not rows: rows of one address (addressKey, as recipients.ts
 * compares addresses) are one person (duplicate-handler flags the second row). The counts are contract data
 * (`secretariatRoles`). An empty list (a new workbook) is not judged.
 */
import { contract } from '../../../sheets-templates/contract';
import type { Finding } from '../findings';
import { addressKey } from '../recipients';
import { type HandlerRow, placeOf, type Role, TAB_NAME } from '../schema';
import type { Rule } from './rule';

/** The first row of each address among these rows: one per person. */
const onePerAddress = (rows: readonly HandlerRow[]): HandlerRow[] => {
  const seen = new Set<string>();
  return rows.filter(h => {
    const k = addressKey(h.email);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

const clauseOf = (role: Role): string => (role === '事業PD' ? '仕様書10(1)' : '仕様書5.1(3)');

const rowsText = (rows: readonly HandlerRow[]): string => rows.map(h => `${h.rowNumber}行目 ${h.name}`).join('、');

export const secretariatRoles: Rule = {
  name: '事務局の体制',
  needs: { handlers: ['name', 'email', 'role', 'active'] },
  run({ read, contract: c, ledger }) {
    const findings: Finding[] = [];
    // A list nobody has filled in yet (a new workbook) is not judged: there is no one to count.
    if ((read.entryRows.handlers ?? []).length === 0) return findings;
    const active = ledger.handlers.filter(h => h.active);
    for (const { role, min, max } of contract.secretariatRoles) {
      const holders = onePerAddress(active.filter(h => h.role === role));
      if (holders.length < min) {
        // Someone who left but is still listed active on another row is not among those who left.
        const holding = new Set(holders.map(h => addressKey(h.email)));
        const inactive = ledger.handlers.filter(h => !h.active && h.role === role && !holding.has(addressKey(h.email)));
        findings.push({
          ...placeOf(c, 'handlers', 'role'),
          row: null,
          severity: 'error',
          code: 'secretariat-roles',
          message: `有効な${role}が${holders.length}名です。${role}は${min}名以上必要です（${clauseOf(role)}）。${TAB_NAME.handlers}に${role}を登録し、有効をTRUEにしてください。${
            inactive.length > 0 ? `（有効=FALSEの${role}: ${rowsText(inactive)}）` : ''
          }`,
        });
      }
      const first = holders[0];
      if (max !== null && first)
        for (const extra of holders.slice(max))
          findings.push({
            ...placeOf(c, 'handlers', 'role'),
            row: extra.rowNumber,
            severity: 'error',
            code: 'secretariat-roles',
            message: `${role}は${max}名です（${clauseOf(role)}）。${first.rowNumber}行目の${first.name}に続く${holders.indexOf(extra) + 1}人目です。交代した場合は前任者の有効をFALSEにしてください。`,
          });
    }
    // 事業統括責任者, 事業担当リーダー and 事業担当者 are each a different person (§5.1(3)).
    const distinct = new Set<string>(contract.secretariatRoles.filter(r => r.distinct).map(r => r.role));
    const firstByAddress = new Map<string, HandlerRow>();
    for (const h of active) {
      if (h.role === null || !distinct.has(h.role)) continue;
      const seen = firstByAddress.get(addressKey(h.email));
      if (!seen) firstByAddress.set(addressKey(h.email), h);
      else if (seen.role !== h.role)
        findings.push({
          ...placeOf(c, 'handlers', 'email'),
          row: h.rowNumber,
          severity: 'error',
          code: 'secretariat-roles',
          message: `このメールアドレスは${seen.rowNumber}行目（${seen.role}）と同じです。事業統括責任者・事業担当リーダー・事業担当者はそれぞれ別の者をあてます（仕様書5.1(3)）。役割を一つにするか、別の担当者を登録してください。`,
        });
    }
    return findings;
  },
};
