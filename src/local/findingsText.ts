/** Findings as people read them on a terminal. */
import type { CheckResult } from '../domain/check';
import type { Finding } from '../domain/findings';
import { STATUS_NEEDS_FIX } from '../domain/marks';
import { MINUTES_STATUS_LABEL, type MinutesStatus } from '../domain/rules/minutes';

export function findingLine(f: Finding): string {
  const where = [f.sheet, f.row === null ? null : `${f.row}行目`, f.column === null ? null : `「${f.column}」列`].filter(Boolean).join(' ');
  return `[${f.severity === 'error' ? 'エラー' : '警告'}] ${where}: ${f.message}`;
}

/** `unstated`: meetings typed whose minutes have no status (a row or its 議事録共有日 that could not be read: 要確認). */
export function summaryLines(result: CheckResult, unstated = 0): string[] {
  const errors = result.findings.filter(f => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  const counts = new Map<MinutesStatus, number>();
  for (const m of result.meetings) counts.set(m.status, (counts.get(m.status) ?? 0) + 1);
  const minutes = [
    ...[...counts].map(([s, n]) => `${MINUTES_STATUS_LABEL[s]} ${n}件`),
    ...(unstated > 0 ? [`${STATUS_NEEDS_FIX} ${unstated}件`] : []),
  ].join('、');
  return [
    `チェック結果（${result.today} 時点）: エラー ${errors}件、警告 ${warnings}件`,
    ...result.findings.map(findingLine),
    `議事録: ${minutes || '会議の登録なし'}`,
  ];
}

/** The findings' count as `report` and `annual-report` say it, with where to see them (`see`, in Japanese). */
export function findingsCountLine(result: CheckResult, see: string): string {
  const errors = result.findings.filter(f => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  return errors + warnings === 0
    ? '入力エラー・警告はありません。'
    : `入力エラー ${errors}件、警告 ${warnings}件があります（${see}で確認できます）。`;
}

/** A missing tab or column (renamed, or added after the workbook was made): what a report cannot be drawn from. */
export const sourceFindingLines = (result: CheckResult): string[] =>
  result.findings.filter(f => f.code === 'missing-tab' || f.code === 'missing-header').map(findingLine);
