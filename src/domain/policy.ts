/**
 * The approval gate (§21 12-14): nothing leaves the workbook through a cloud service (report Docs, mail)
 * until the official's approval of the cloud use is recorded in 設定 and the user running the script
 * belongs to an allowed Workspace domain. Checking and highlighting never need it. Every sender asks
 * exportAllowed(); nothing else decides.
 */

import type { Ymd } from './dates';
import { TAB_NAME } from './schema';
import type { Settings } from './settings';

export type ExportDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

export function exportAllowed(
  settings: Pick<Settings, 'ismapApprovedOn' | 'ismapApprover' | 'allowedDomains'>,
  userEmail: string,
  today: Ymd
): ExportDecision {
  // An approval dated after today has not been given yet (it is recorded-in-future in check).
  if (settings.ismapApprovedOn && settings.ismapApprovedOn > today)
    return {
      allowed: false,
      reason: `${TAB_NAME.settings}「ISMAP承認日」（${settings.ismapApprovedOn}）が今日（${today}）より後のため、承認はまだありません。報告書の作成とメール送信を止めました（仕様書21 12〜14）。承認を受けた日を入力してください。チェックと色付けはこのまま使えます。`,
    };
  const missing: string[] = [];
  if (!settings.ismapApprovedOn) missing.push('「ISMAP承認日」（クラウド利用の承認を受けた日）');
  if (!settings.ismapApprover) missing.push('「ISMAP承認者」（承認した担当官の氏名）');
  if (settings.allowedDomains.length === 0) missing.push('「許可ドメイン」（このWorkspaceのドメイン。例: example.co.jp）');
  if (missing.length > 0)
    return {
      allowed: false,
      reason: `クラウド利用の承認が記録されていないため、報告書の作成とメール送信を止めました（仕様書21 12〜14）。${TAB_NAME.settings}タブに ${missing.join('、')} を入力してください。チェックと色付けはこのまま使えます。`,
    };
  const domain = userEmail.split('@')[1]?.toLowerCase() ?? '';
  const domains = settings.allowedDomains.map(d => d.toLowerCase().replace(/^@/, ''));
  if (!domain || !domains.includes(domain))
    return {
      allowed: false,
      reason: `実行しているアカウント（${userEmail || '不明'}）のドメインが${TAB_NAME.settings}「許可ドメイン」（${domains.join(', ')}）にないため、報告書の作成とメール送信を止めました。承認されたWorkspaceのアカウントで実行するか、${TAB_NAME.settings}を確認してください。`,
    };
  return { allowed: true };
}
