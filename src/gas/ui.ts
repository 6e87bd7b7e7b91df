/**
 * Talking to the person at the sheet. Time-driven triggers have no UI (getUi throws there), so every
 * message falls back to the execution log instead of failing the run.
 */
/** An error's message; Errors from another realm (the fakes in tests) fail `instanceof Error`. */
export const errorText = (e: unknown): string =>
  typeof e === 'object' && e !== null && 'message' in e ? String((e as Error).message) : String(e);

export function tryUi(): GoogleAppsScript.Base.Ui | null {
  try {
    return SpreadsheetApp.getUi();
  } catch {
    return null;
  }
}

export function tell(title: string, message: string): void {
  const ui = tryUi();
  if (ui) ui.alert(title, message, ui.ButtonSet.OK);
  else console.log(`${title}: ${message}`);
}

/** Runs a menu command; an unexpected error reaches the user as a dialog, not a stack trace. */
export function asCommand<A extends unknown[], R>(title: string, run: (...args: A) => R): (...args: A) => R | undefined {
  return (...args: A) => {
    try {
      return run(...args);
    } catch (e) {
      const message = errorText(e);
      console.error(e);
      tell(
        title,
        `処理を完了できませんでした。もう一度実行してください。続く場合は事務局の担当エンジニアに次の内容を伝えてください。\n\n${message}`
      );
      return undefined;
    }
  };
}
