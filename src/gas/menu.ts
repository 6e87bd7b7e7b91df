/** The 知財経営支援 menu (DESIGN.md "Apps Script contract"). */
export const MENU_TITLE = '知財経営支援';

/** [caption, entry point]; null is a separator. "Generate monthly report" is the contract's caption. */
export const MENU_ITEMS: readonly ([string, string] | null)[] = [
  ['入力をすべてチェック', 'checkAllEntries'],
  ['Generate monthly report', 'generateMonthlyReport'],
  ['事業報告書を作成', 'generateAnnualReport'],
  ['リマインダーを今すぐ送信', 'sendReminders'],
  null,
  ['シートを準備（不足タブ・見出し・入力規則）', 'setupWorkbook'],
  ['毎日のリマインダーを設定', 'installTriggers'],
];

export function buildMenu(ui: GoogleAppsScript.Base.Ui): void {
  const menu = ui.createMenu(MENU_TITLE);
  for (const item of MENU_ITEMS) {
    if (item) menu.addItem(item[0], item[1]);
    else menu.addSeparator();
  }
  menu.addToUi();
}
