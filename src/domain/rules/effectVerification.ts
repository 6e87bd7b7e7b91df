/**
 * effect-verification-missing: the PD's activity is verified qualitatively and quantitatively (§5.7), for every
 * supported company. From 30 days before 納入期限, a supported case without both a 定量 row with 実績値 and a
 * 定性 row in 効果検証 is flagged. The annual report asks effectGaps, written only here.
 */
import { happenedBy, type Ymd } from '../dates';
import type { Finding } from '../findings';
import type { Ledger } from '../ledgerReader';
import { deliveryDueOf, inYearEndWindow } from '../programmeYear';
import { type CaseRow, placeOf, type Row, TAB_NAME } from '../schema';
import type { Rule } from './rule';
import { isSupportedStage } from './stages';

export type EffectRow = Row<'effects'>;

export interface EffectGap {
  /** The case, or null for the PD's activity as a whole (案件ID blank). */
  readonly caseId: string | null;
  readonly quantitative: boolean;
  readonly qualitative: boolean;
  /** The 定量 rows still without 実績値. */
  readonly awaitingActual: readonly EffectRow[];
}

/** What a case (or, for null, the PD's activity as a whole) has in 効果検証 by asOf (a 測定日 ahead is not measured yet). */
export function effectCoverage(ledger: Ledger, caseId: string | null, asOf: Ymd): EffectGap {
  const rows = ledger.effects.filter(e => e.caseId === caseId);
  const quantitative = rows.filter(e => e.aspect === '定量');
  const measured = (e: EffectRow): boolean => e.measuredOn === null || happenedBy(e.measuredOn, asOf);
  return {
    caseId,
    quantitative: quantitative.some(e => e.actual !== null && measured(e)),
    qualitative: rows.some(e => e.aspect === '定性' && measured(e)),
    awaitingActual: quantitative.filter(e => e.actual === null || !measured(e)),
  };
}

export const isVerified = (g: EffectGap): boolean => g.quantitative && g.qualitative;

/** Supported cases lacking a verified 定量 or a 定性 row. */
export const effectGaps = (ledger: Ledger, asOf: Ymd): { case: CaseRow; gap: EffectGap }[] =>
  ledger.cases
    .filter(c => isSupportedStage(c.stage))
    .map(c => ({ case: c, gap: effectCoverage(ledger, c.id, asOf) }))
    .filter(x => !isVerified(x.gap));

export const effectVerificationMissing: Rule = {
  name: `${TAB_NAME.effects}の記録`,
  needs: { cases: ['id', 'stage'], effects: ['caseId', 'aspect', 'actual'] },
  run({ contract, ledger, settings, today }) {
    if (!inYearEndWindow(settings, today)) return [];
    const due = deliveryDueOf(settings);
    return effectGaps(ledger, today).map(({ case: c, gap }): Finding => {
      const lacking = [gap.quantitative ? '' : '定量（実績値のある行）', gap.qualitative ? '' : '定性'].filter(Boolean).join('と');
      const waiting = gap.awaitingActual[0];
      const onlyActual = !gap.quantitative && gap.qualitative && waiting !== undefined;
      return {
        ...(onlyActual ? placeOf(contract, 'effects', 'actual') : placeOf(contract, 'cases', 'id')),
        row: onlyActual ? waiting.rowNumber : c.rowNumber,
        severity: 'error',
        code: 'effect-verification-missing',
        message: onlyActual
          ? `案件${c.id}の定量の指標に実績値がありません（仕様書5.7 効果の検証）。納入期限${due}までに測定し、実績値と測定日を入力してください。`
          : `支援企業${c.id}の効果の検証（仕様書5.7）は、${lacking}の記録がありません。納入期限${due}までに、${TAB_NAME.effects}に案件ID「${c.id}」の${lacking}の行を入力してください。`,
      };
    });
  },
};
