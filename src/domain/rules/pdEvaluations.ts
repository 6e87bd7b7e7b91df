/**
 * What an entry of PD評価 is (§5.6): the conditions the PD evaluation rules, the reminders and the annual
 * report share. An evaluation is done once its 評価日 has come and it has a 総合評価; C and D are low.
 */
import { contract } from '../../../sheets-templates/contract';
import type { BusinessCalendar } from '../calendar';
import type { Ymd } from '../dates';
import { addDays, happenedBy } from '../dates';
import type { Ledger } from '../ledgerReader';
import { evaluationDueOf, YEAR_END_WINDOW_DAYS } from '../programmeYear';
import type { Row } from '../schema';

export type EvaluationRow = Row<'pdEvaluations'>;

/** Held (評価日 on or before today) and graded. */
export const isDoneEvaluation = (e: Pick<EvaluationRow, 'date' | 'overall'>, today: Ymd): boolean => e.date <= today && e.overall !== null;

/** 総合評価 C or D (§5.6(2): the Office is consulted on continuing the dispatch). */
export const isLowEvaluation = (e: Pick<EvaluationRow, 'overall'>): boolean =>
  e.overall !== null && (contract.lowEvaluations as readonly string[]).includes(e.overall);

/** Held, low, and not consulted by today (no 庁相談日, or one still ahead). */
export const lacksConsultation = (e: Pick<EvaluationRow, 'date' | 'overall' | 'consultedOn'>, today: Ymd): boolean =>
  e.date <= today && isLowEvaluation(e) && !happenedBy(e.consultedOn, today);

/** Done, and the result not yet reported to the Office (no 庁報告日). */
export const isUnreported = (e: Pick<EvaluationRow, 'date' | 'overall' | 'reportedOn'>, today: Ymd): boolean =>
  isDoneEvaluation(e, today) && !happenedBy(e.reportedOn, today);

/** Days before PD評価期限 from which a missing evaluation is flagged and reminded. */
export const EVALUATION_WARNING_DAYS = YEAR_END_WINDOW_DAYS;

export interface EvaluationDue {
  readonly due: Ymd;
  /** No evaluation is done and today is within EVALUATION_WARNING_DAYS of the deadline, or past it. */
  readonly missing: boolean;
  readonly overdue: boolean;
}

export function evaluationDue(ledger: Ledger, today: Ymd, calendar: BusinessCalendar): EvaluationDue {
  const due = evaluationDueOf(ledger.settings, calendar);
  const done = ledger.pdEvaluations.some(e => isDoneEvaluation(e, today));
  return { due, missing: !done && today >= addDays(due, -EVALUATION_WARNING_DAYS), overdue: !done && today > due };
}
