/**
 * duplicate-handler: one address listed twice among active handlers in the same 役割 (addresses compared as
 * recipients.ts compares them: NFKC, case ignored). The second row adds nobody: the roles count people
 * (secretariat-roles), and the person gets one digest. The same address in two roles is a person with two roles
 * (a 事業PD also in PDチーム); secretariat-roles says which roles may not be combined.
 */
import type { Finding } from '../findings';
import { addressKey } from '../recipients';
import { type HandlerRow, placeOf } from '../schema';
import type { Rule } from './rule';

export const duplicateHandlers: Rule = {
  name: '名簿の重複',
  needs: { handlers: ['email', 'active'] },
  run({ contract, ledger }) {
    const findings: Finding[] = [];
    const first = new Map<string, HandlerRow>();
    for (const h of ledger.handlers) {
      if (!h.active) continue;
      const key = `${h.role ?? ''}\u0000${addressKey(h.email)}`;
      const seen = first.get(key);
      if (!seen) {
        first.set(key, h);
        continue;
      }
      findings.push({
        ...placeOf(contract, 'handlers', 'email'),
        row: h.rowNumber,
        severity: 'warning',
        code: 'duplicate-handler',
        message: `このメールアドレスは${seen.rowNumber}行目（${seen.name ?? seen.email}${seen.role ? `、${seen.role}` : ''}）と同じです。同じ人は1名と数えます。重複した行を削除するか、有効をFALSEにしてください。`,
      });
    }
    return findings;
  },
};
