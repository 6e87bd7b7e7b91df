/**
 * Every rule check runs, in this order (findings are then sorted by tab, row and column). Adding a rule is a
 * file in this folder and a line here. Cell-level findings (required, types, choices, missing tabs and
 * headers) come from reading the contract's columns (ledgerReader.ts), not from rules.
 */
import { hasColumns, type ReadResult } from '../ledgerReader';
import { datesOutOfOrder } from './dateOrder';
import { duplicateHandlers } from './duplicateHandlers';
import { effectVerificationMissing } from './effectVerification';
import { expertCapExceeded, expertNoPriorConsultation } from './experts';
import { unauthorizedPeople } from './handlers';
import { duplicateIds } from './ids';
import { idsNotMailSafe } from './mailSafeIds';
import { minutesSharedBeforeMeeting } from './minutesOrder';
import { pdBeforeDispatch } from './pdDispatch';
import { pdEvaluationCriteriaUnapproved } from './pdEvaluationCriteria';
import { pdEvaluationLate } from './pdEvaluationLate';
import { pdEvaluationLowWithoutConsultation } from './pdEvaluationLow';
import { pdEvaluationMissing } from './pdEvaluationMissing';
import { pdEvaluationNotReported } from './pdEvaluationReport';
import { pdDayOverStandard } from './pdHours';
import { pdMonthlyReportMissing } from './pdMonthlyReports';
import { pdReportMonthRows } from './pdReportMonths';
import { outsideProgrammePeriod } from './period';
import { presentationNoAnnouncement } from './presentationAnnouncement';
import { presentationNoCoverage } from './presentationCoverage';
import { presentationTooEarly } from './presentationTooEarly';
import { missingPrevalidation } from './prevalidation';
import { prevalidationAfterStart } from './prevalidationOrder';
import { recordedInFuture } from './recordedInFuture';
import { unknownReferences } from './references';
import { reprintPermissionPending } from './reprintPermissions';
import type { Rule } from './rule';
import { secretariatRoles } from './secretariatRoles';
import { supportedWithoutStart } from './supportStart';

export const RULES: readonly Rule[] = [
  duplicateIds,
  idsNotMailSafe,
  unknownReferences,
  missingPrevalidation,
  expertCapExceeded,
  expertNoPriorConsultation,
  pdDayOverStandard,
  outsideProgrammePeriod,
  unauthorizedPeople,
  duplicateHandlers,
  minutesSharedBeforeMeeting,
  recordedInFuture,
  prevalidationAfterStart,
  pdBeforeDispatch,
  supportedWithoutStart,
  // The year's obligations (DESIGN.md "The year's obligations").
  secretariatRoles,
  pdMonthlyReportMissing,
  pdReportMonthRows,
  datesOutOfOrder,
  pdEvaluationCriteriaUnapproved,
  pdEvaluationMissing,
  pdEvaluationLate,
  pdEvaluationLowWithoutConsultation,
  pdEvaluationNotReported,
  presentationTooEarly,
  presentationNoAnnouncement,
  presentationNoCoverage,
  effectVerificationMissing,
  reprintPermissionPending,
];

/** A rule runs only when the workbook has every tab and column it reads. */
export const canRun = (rule: Rule, read: ReadResult): boolean =>
  Object.entries(rule.needs).every(([tab, columns]) => hasColumns(read, tab, columns));

/** The 情報取扱者名簿 columns without which the list cannot say who is authorised. */
export const HANDLER_COLUMNS = ['name', 'email', 'active'] as const;

/**
 * The tabs an edit of one tab must read for its rows to be checked as checkAllEntries would check them:
 * the tab itself, 設定 and 情報取扱者名簿, the tabs its reference columns name, and every tab a rule reads
 * together with it.
 */
export function tabsForEdit(read: Pick<ReadResult, 'contract'>, tabKey: string): string[] {
  const { contract } = read;
  const tab = contract.tabs.find(t => t.key === tabKey);
  const keys = new Set<string>([tabKey, 'settings', 'handlers']);
  for (const c of tab?.columns ?? []) {
    const ref = contract.references[c.type];
    if (ref) keys.add(ref.tab);
  }
  for (const rule of RULES) if (tabKey in rule.needs) for (const k of Object.keys(rule.needs)) keys.add(k);
  return contract.tabs.filter(t => keys.has(t.key)).map(t => t.key);
}
