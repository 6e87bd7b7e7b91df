/** SpreadsheetApp.getUi(): menus, alerts, and prompts answered from a queue the test fills. */
import { Fake, makeEnum, type Public, type Runtime, type Slice } from './counter';

type Button = GoogleAppsScript.Base.Button;
type ButtonSet = GoogleAppsScript.Base.ButtonSet;

export const Button = makeEnum<typeof GoogleAppsScript.Base.Button>(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
export const ButtonSet = makeEnum<typeof GoogleAppsScript.Base.ButtonSet>(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);

export type MenuEntry = { kind: 'item'; caption: string; functionName: string } | { kind: 'separator' };

export interface RecordedMenu {
  title: string;
  /** Top-level items as [caption, functionName]. */
  items: Array<[string, string]>;
  /** Everything, in order, including separators. */
  entries: MenuEntry[];
}

export interface RecordedDialog {
  kind: 'alert' | 'prompt';
  title: string | null;
  prompt: string;
  buttons: string | null;
  /** What the fake answered. */
  answer: { button: string; text?: string };
}

export interface UiState {
  available: boolean;
  menus: RecordedMenu[];
  dialogs: RecordedDialog[];
  promptAnswers: Array<{ text: string; button: string }>;
}

export function newUiState(available: boolean): UiState {
  return { available, menus: [], dialogs: [], promptAnswers: [] };
}

/** Test-side controls over the Ui (exposed as `fake.ui`). */
export class UiControls {
  constructor(private readonly state: UiState) {}

  /** The last menu added with this title, or undefined. */
  menu(title: string): RecordedMenu | undefined {
    return [...this.state.menus].reverse().find(m => m.title === title);
  }

  get alerts(): readonly RecordedDialog[] {
    return this.state.dialogs.filter(d => d.kind === 'alert');
  }

  get prompts(): readonly RecordedDialog[] {
    return this.state.dialogs.filter(d => d.kind === 'prompt');
  }

  /** Answer the next prompt(): the text typed and the button clicked (default OK). */
  queuePrompt(text: string, button: keyof typeof GoogleAppsScript.Base.Button | Button = 'OK'): void {
    this.state.promptAnswers.push({ text, button: String(button) });
  }

  /** false simulates a trigger context, where SpreadsheetApp.getUi() throws. */
  setAvailable(available: boolean): void {
    this.state.available = available;
  }

  get available(): boolean {
    return this.state.available;
  }
}

export class FakeUi extends Fake implements Slice<GoogleAppsScript.Base.Ui, Public<FakeUi>> {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(
    rt: Runtime,
    readonly _state: UiState
  ) {
    super(rt, 'Ui');
  }

  createMenu(caption: string): FakeMenu {
    return new FakeMenu(this._rt, this._state, String(caption));
  }

  /**
   * alert(prompt), alert(prompt, buttons) or alert(title, prompt, buttons).
   * Answers with the first button of the set (OK / YES), as a person confirming.
   */
  alert(a: string, b?: string | ButtonSet, c?: ButtonSet): Button {
    const { title, prompt, buttons } = dialogArgs(a, b, c);
    const button = buttons === 'YES_NO' || buttons === 'YES_NO_CANCEL' ? 'YES' : 'OK';
    this._state.dialogs.push({ kind: 'alert', title, prompt, buttons, answer: { button } });
    return button as unknown as Button;
  }

  /** prompt(...) answers from `ui.queuePrompt(text, button)`; with nothing queued it throws (a test bug). */
  prompt(a: string, b?: string | ButtonSet, c?: ButtonSet): FakePromptResponse {
    const { title, prompt, buttons } = dialogArgs(a, b, c);
    const answer = this._state.promptAnswers.shift();
    if (!answer) {
      throw new Error(`FakeUi: prompt(${JSON.stringify(prompt)}) was shown but the test queued no answer (fake.ui.queuePrompt)`);
    }
    this._state.dialogs.push({ kind: 'prompt', title, prompt, buttons, answer: { ...answer } });
    return new FakePromptResponse(this._rt, answer.text, answer.button);
  }
}

function dialogArgs(a: string, b?: string | ButtonSet, c?: ButtonSet): { title: string | null; prompt: string; buttons: string | null } {
  if (c !== undefined) return { title: String(a), prompt: String(b), buttons: String(c) };
  if (b !== undefined && Object.hasOwn(ButtonSet, String(b))) {
    return { title: null, prompt: String(a), buttons: String(b) };
  }
  if (b !== undefined) return { title: String(a), prompt: String(b), buttons: null };
  return { title: null, prompt: String(a), buttons: null };
}

export class FakeMenu extends Fake implements Slice<GoogleAppsScript.Base.Menu, Public<FakeMenu>> {
  readonly _entries: MenuEntry[] = [];

  constructor(
    rt: Runtime,
    private readonly state: UiState,
    readonly _title: string
  ) {
    super(rt, 'Menu');
  }

  addItem(caption: string, functionName: string): this {
    this._entries.push({ kind: 'item', caption: String(caption), functionName: String(functionName) });
    return this;
  }

  addSeparator(): this {
    this._entries.push({ kind: 'separator' });
    return this;
  }

  addToUi(): void {
    const items: Array<[string, string]> = [];
    for (const e of this._entries) if (e.kind === 'item') items.push([e.caption, e.functionName]);
    this.state.menus.push({ title: this._title, items, entries: [...this._entries] });
  }
}

export class FakePromptResponse extends Fake implements Slice<GoogleAppsScript.Base.PromptResponse, Public<FakePromptResponse>> {
  constructor(
    rt: Runtime,
    private readonly text: string,
    private readonly button: string
  ) {
    super(rt, 'PromptResponse');
  }

  getResponseText(): string {
    return this.text;
  }

  getSelectedButton(): Button {
    return this.button as unknown as Button;
  }
}
