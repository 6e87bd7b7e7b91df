/**
 * reprint-permission-pending: every work reproduced in the annual report with its owner's permission is listed
 * with the permission (§15(2)). A 転載許可 row without 許可日 is a warning, an error from 30 days before 納入期限.
 */
import { happenedBy } from '../dates';
import { deliveryDueOf, inYearEndWindow } from '../programmeYear';
import { placeOf } from '../schema';
import type { Rule } from './rule';

export const reprintPermissionPending: Rule = {
  name: '転載の許可の取得',
  needs: { permissions: ['grantedOn'] },
  run({ contract, ledger, settings, today }) {
    const due = deliveryDueOf(settings);
    const urgent = inYearEndWindow(settings, today);
    return ledger.permissions
      .filter(p => !happenedBy(p.grantedOn, today))
      .map(p => ({
        ...placeOf(contract, 'permissions', 'grantedOn'),
        row: p.rowNumber,
        severity: urgent ? ('error' as const) : ('warning' as const),
        code: 'reprint-permission-pending' as const,
        message: `転載の許可日がありません（仕様書15(2)）。権利関係書類は納入期限${due}に納めます。許可を得たら許可日と許可書URLを入力し、得られない著作物は事業報告書から外してください。`,
      }));
  },
};
