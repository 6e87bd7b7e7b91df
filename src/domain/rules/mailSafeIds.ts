/**
 * id-not-mail-safe (warning): an ID a reminder mail cannot carry (mailSafeId.ts: after NFKC, ASCII letters, digits,
 * '-', '_', '.', '/', at most 20 characters). The mail names the item by its tab and row instead, so nothing is
 * lost; the row is read and counted as usual (an ID column is essential: refusing the ID would drop the row from
 * every figure). The example is the tab's own first ID of the safe shape.
 */
import { quoteText } from '../cellParsers';
import type { Finding } from '../findings';
import { isMailSafeId, MAIL_SAFE_ID_MAX } from '../mailSafeId';
import type { Rule } from './rule';

export const idsNotMailSafe: Rule = {
  name: 'メールに載せられないID',
  needs: {},
  run: ({ contract, ledger }) =>
    contract.tabs.flatMap(tab => {
      const idColumn = tab.columns.find(c => c.type === 'id');
      if (!idColumn) return [];
      const ids = ledger.idCells[tab.key] ?? [];
      const example = ids.find(i => isMailSafeId(i.id))?.id ?? 'E-03';
      return ids
        .filter(i => !isMailSafeId(i.id))
        .map(
          ({ id, rowNumber }): Finding => ({
            sheet: tab.name,
            row: rowNumber,
            column: idColumn.header,
            severity: 'warning',
            code: 'id-not-mail-safe',
            message: `${idColumn.header}${quoteText(id)}はIDの形（半角英数字と - _ . / の${MAIL_SAFE_ID_MAX}文字まで）ではないため、リマインダーのメールには載せず「${tab.name} ${rowNumber}行目」と行で示します（企業名などをメールに出さないため）。${example} のようなIDにしてください。変えるときは、このIDを参照している他のタブの列も合わせて直してください。`,
          })
        );
    }),
};
