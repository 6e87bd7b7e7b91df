/** missing-prevalidation: support content is verified in advance (§5.4(2)) before a case counts as supported. */
import { contract } from '../../../sheets-templates/contract';
import type { Finding } from '../findings';
import type { CaseRow, Stage } from '../schema';

export const isSupportedStage = (stage: Stage): boolean => (contract.supportedStages as readonly string[]).includes(stage);

export function missingPrevalidation(cases: readonly CaseRow[]): Finding[] {
  return cases
    .filter(c => isSupportedStage(c.stage) && c.prevalidatedOn === null)
    .map(c => ({
      sheet: '案件台帳',
      row: c.rowNumber,
      column: '事前検証日',
      severity: 'error' as const,
      code: 'missing-prevalidation' as const,
      message: `段階が「${c.stage}」の案件は支援内容の事前検証が必要です（仕様書5.4(2)）。事前検証を行った日を入力してください。`,
    }));
}
