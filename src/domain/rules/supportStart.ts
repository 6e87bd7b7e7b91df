/**
 * supported-without-start: a month's count of supported companies uses only cases started by that month's end
 * (支援開始日). A supported case without 支援開始日 cannot be placed in time: it is counted in every month, as
 * its 段階 is recorded now, and this warning says so.
 */
import { placeOf } from '../schema';
import type { Rule } from './rule';
import { isSupportedStage } from './stages';

export const supportedWithoutStart: Rule = {
  name: '支援開始日のない支援企業',
  needs: { cases: ['stage', 'startedOn'] },
  run: ({ contract, ledger }) =>
    ledger.cases
      .filter(c => isSupportedStage(c.stage) && c.startedOn === null)
      .map(c => ({
        ...placeOf(contract, 'cases', 'startedOn'),
        row: c.rowNumber,
        severity: 'warning' as const,
        code: 'supported-without-start' as const,
        message: `支援開始日が空のため、どの月の伴走支援企業にも数えます。支援を始めた日を入力してください。`,
      })),
};

/** Does the case count as supported in a month ending on monthEnd? Started by then (or no start date: see above). */
export const supportedBy = (
  c: { readonly stage: Parameters<typeof isSupportedStage>[0]; readonly startedOn: string | null },
  monthEnd: string
): boolean => isSupportedStage(c.stage) && (c.startedOn === null || c.startedOn <= monthEnd);
