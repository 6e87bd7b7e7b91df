/**
 * The Apps Script entry points (DESIGN.md "Apps Script contract"). Only exposes functions; the work
 * lives in the modules they call. scripts/build.mjs writes a top-level forwarding function for each
 * name in entryPoints.json, and a test holds that list equal to these exports.
 */

import { DASHBOARD_NAME } from '../domain/charts/dashboard';
import { TAB_NAME } from '../domain/schema';
import { ANNUAL_REPORT_TITLE, generateAnnualReportCommand } from './annualReportDoc';
import { checkEditedRows, checkSpreadsheet, summaryText } from './checking';
import { buildMenu } from './menu';
import { installTriggersCommand, sendRemindersJob } from './reminders';
import { generateMonthlyReportCommand, REPORT_TITLE } from './reportDoc';
import { setupWorkbook as setup } from './setup';
import { asCommand, tell, tryUi } from './ui';

export function onOpen(): void {
  const ui = tryUi();
  if (ui) buildMenu(ui);
}

/** Simple trigger: must finish within 30 s and cannot send mail; a failure is logged, never shown mid-typing. */
export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!e?.range) return;
  try {
    checkEditedRows(e);
  } catch (err) {
    console.error(err);
  }
}

export const checkAllEntries = asCommand('入力をすべてチェック', (): void => {
  const { result } = checkSpreadsheet(SpreadsheetApp.getActiveSpreadsheet());
  tell('入力をすべてチェック', summaryText(result));
});

export const setupWorkbook = asCommand('シートを準備', (): void => {
  const summary = setup(SpreadsheetApp.getActiveSpreadsheet());
  const lines = [
    summary.createdTabs.length ? `作成したタブ: ${summary.createdTabs.join('、')}` : '不足しているタブはありませんでした。',
    summary.addedHeaders.length ? `追加した見出し: ${summary.addedHeaders.join('、')}` : '',
    summary.addedSettings.length ? `${TAB_NAME.settings}に追加した項目: ${summary.addedSettings.join('、')}` : '',
    summary.renamedHeaders.length
      ? `見出しが変えられたか消されたようなので追加しなかった列: ${summary.renamedHeaders.join('、')}。データがその列にあるなら、見出しを右側の名前に直してください（空の列を足すと、その行が未入力と読まれます）。`
      : '',
    summary.addedCharts
      ? `${DASHBOARD_NAME}にグラフを${summary.addedCharts}件作成しました（値は「入力をすべてチェック」と毎日の処理で更新されます）。`
      : '',
    '入力済みの値は変更していません。',
  ];
  tell('シートを準備', lines.filter(Boolean).join('\n'));
});

export const generateMonthlyReport = asCommand(REPORT_TITLE, (): void => {
  generateMonthlyReportCommand();
});
/** Time-driven (daily) and menu: the trigger event is not used; the job reads the clock itself. */
export const sendReminders = asCommand('リマインダー', (): void => tell('リマインダー', sendRemindersJob().message));
export const installTriggers = asCommand('毎日のリマインダーを設定', (): void =>
  tell('毎日のリマインダーを設定', installTriggersCommand().message)
);

/** The 事業報告書 of the fiscal year (menu 事業報告書を作成): one current Doc per year, behind the approval gate. */
export const generateAnnualReport = asCommand(ANNUAL_REPORT_TITLE, (): void => {
  generateAnnualReportCommand();
});
