/** What check reports: one problem at one place in the workbook (DESIGN.md "check --json"). */
export type FindingCode =
  | 'missing-tab'
  | 'missing-header'
  | 'duplicate-header'
  | 'required'
  | 'invalid-date'
  | 'invalid-number'
  | 'invalid-choice'
  | 'invalid-value'
  | 'duplicate-id'
  | 'id-not-mail-safe'
  | 'unknown-case'
  | 'unknown-meeting'
  | 'missing-prevalidation'
  | 'expert-cap-exceeded'
  | 'expert-no-prior-consultation'
  | 'pd-day-over-standard'
  | 'outside-programme-period'
  | 'recipient-not-authorized'
  | 'invalid-setting'
  | 'duplicate-setting'
  | 'unknown-setting'
  | 'minutes-shared-before-meeting'
  | 'recorded-in-future'
  | 'prevalidation-after-start'
  | 'pd-before-dispatch'
  | 'supported-without-start'
  | 'merged-cells'
  | 'dates-out-of-order'
  | 'duplicate-month'
  | 'formula-without-result'
  // The year's obligations (DESIGN.md "The year's obligations").
  | 'secretariat-roles'
  | 'duplicate-handler'
  | 'pd-monthly-report-missing'
  | 'pd-evaluation-criteria-unapproved'
  | 'pd-evaluation-missing'
  | 'pd-evaluation-late'
  | 'pd-evaluation-low-without-consultation'
  | 'pd-evaluation-not-reported'
  | 'presentation-too-early'
  | 'presentation-no-announcement'
  | 'presentation-no-coverage'
  | 'effect-verification-missing'
  | 'reprint-permission-pending';

export type Severity = 'error' | 'warning';

export interface Finding {
  readonly sheet: string;
  /** The sheet's own row number (header = 1); null for a whole-tab finding. */
  readonly row: number | null;
  /** The column's header text; null for a whole-row or whole-tab finding. */
  readonly column: string | null;
  readonly severity: Severity;
  readonly code: FindingCode;
  /** Japanese, and says how to fix the entry. */
  readonly message: string;
}

/** Result of understanding one typed cell: its value, or why it cannot be understood. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: FindingCode; readonly message: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T = never>(code: FindingCode, message: string): Parsed<T> => ({ ok: false, code, message });
