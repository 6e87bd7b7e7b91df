/**
 * In-memory fakes of the Google services chizai-desk uses, faithful to the
 * documented Apps Script behaviour the product relies on (see fakes.test.ts).
 *
 *   const fake = createFakeGoogle({ sheets: { 設定: [['項目', '値']] } });
 *   const ctx = gas.require('build', { ...fake.globals, __proto__: gas.globalMockDefault });
 *   fake.adoptRealm(ctx);                      // Dates/Errors from the fakes now belong to the bundle's realm
 *   ctx.onOpen({});                            // or fake.simulateOpen(ctx.onOpen)
 *   expect(fake.ui.menu('知財経営支援')?.items).toContainEqual(['Generate monthly report', 'generateMonthlyReport']);
 *   expect(fake.calls.get('Range.getValues')).toBeLessThan(10);
 */
import * as vm from 'node:vm';
import { FakeCharts } from './charts';
import { type CallCounter, type FaultInjector, Runtime } from './counter';
import { DocStore, type DocumentSnapshot, FakeDocumentApp } from './document';
import { type DriveSeedFolder, DriveStore, FakeDriveApp, MimeType } from './drive';
import { FakeMailApp, type MailState, type SentMail } from './mail';
import {
  type ConsoleEntry,
  FakeConsole,
  FakeLockService,
  FakePropertiesService,
  FakeScriptApp,
  FakeSession,
  FakeUtilities,
  LockControls,
  newLockState,
  type PropertyStoreKind,
  type PropertyStores,
  type ScriptState,
  type SessionState,
  type TriggerRecord,
} from './script';
import {
  a1Of,
  type CellValue,
  type FakeRange,
  type FakeSheet,
  FakeSpreadsheet,
  FakeSpreadsheetApp,
  FakeUser,
  type FormulaWrite,
  interpretInput,
  type SheetsWorld,
} from './spreadsheet';
import { sheetsSerial } from './time';
import { newUiState, UiControls } from './ui';

export * from './charts';
export * from './counter';
export * from './document';
export * from './drive';
export * from './mail';
export * from './script';
export * from './spreadsheet';
export * from './time';
export * from './ui';

export interface FakeGoogleOptions {
  /** Initial sheets, in order: name → rows (stored as raw cell values, no formula interpretation). */
  sheets?: Record<string, unknown[][]>;
  spreadsheetId?: string;
  spreadsheetUrl?: string;
  spreadsheetName?: string;
  /** Spreadsheet and script time zone. Default 'Asia/Tokyo'. */
  timeZone?: string;
  /** Alias of timeZone. */
  timezone?: string;
  /** Effective user (script owner / trigger creator). Default 'owner@example.com'. */
  userEmail?: string;
  /** Session.getActiveUser() and the edit event's user. Default: userEmail. */
  activeUserEmail?: string;
  /** MailApp daily recipients. Default 100 (consumer account). */
  mailQuota?: number;
  /** Folders that exist in Drive: ids, or {id, name, files}. */
  folders?: Array<string | DriveSeedFolder>;
  /** false: a trigger context where SpreadsheetApp.getUi() throws. Default true. */
  uiAvailable?: boolean;
  scriptProperties?: Record<string, string>;
  documentProperties?: Record<string, string>;
  scriptId?: string;
}

/** The global objects to hand to gas-local (and to use directly from TS tests). */
export interface FakeGlobals {
  SpreadsheetApp: FakeSpreadsheetApp;
  DocumentApp: FakeDocumentApp;
  DriveApp: FakeDriveApp;
  MailApp: FakeMailApp;
  LockService: FakeLockService;
  PropertiesService: FakePropertiesService;
  ScriptApp: FakeScriptApp;
  Session: FakeSession;
  Utilities: FakeUtilities;
  Charts: FakeCharts;
  console: FakeConsole;
  MimeType: typeof MimeType;
}

/** The same globals typed as the real Apps Script services, for passing to adapters typed against @types/google-apps-script. */
export interface GasGlobals {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  DocumentApp: GoogleAppsScript.Document.DocumentApp;
  DriveApp: GoogleAppsScript.Drive.DriveApp;
  MailApp: GoogleAppsScript.Mail.MailApp;
  LockService: GoogleAppsScript.Lock.LockService;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  Session: GoogleAppsScript.Base.Session;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  Charts: GoogleAppsScript.Charts.Charts;
  console: Console;
  MimeType: GoogleAppsScript.Base.MimeType;
}

/** The event object Sheets passes to onEdit. value/oldValue only for single-cell edits. */
export interface FakeEditEvent {
  source: FakeSpreadsheet;
  range: FakeRange;
  user: FakeUser;
  authMode: string;
  value?: string;
  oldValue?: string;
  triggerUid?: string;
}

export interface FakeOpenEvent {
  source: FakeSpreadsheet;
  user: FakeUser;
  authMode: string;
  triggerUid?: string;
}

/** The event object of a time-driven trigger (fields in UTC, as Apps Script sends them). */
export interface FakeTimeEvent {
  authMode: string;
  triggerUid: string;
  year: number;
  month: number;
  'day-of-month': number;
  'day-of-week': number;
  'week-of-year': number;
  hour: number;
  minute: number;
  second: number;
  timezone: string;
}

export interface EditResult {
  /** false when a data-validation rule that rejects invalid input refused the typed value. */
  applied: boolean;
  event?: FakeEditEvent;
  rejected?: { a1: string; value: unknown };
}

export interface EditOptions {
  /** true: an installable onEdit trigger (AuthMode.FULL, triggerUid); default: the simple trigger (LIMITED). */
  installable?: boolean;
}

export class FakeGoogle {
  readonly globals: FakeGlobals;
  readonly calls: CallCounter;
  readonly faults: FaultInjector;
  readonly spreadsheet: FakeSpreadsheet;
  readonly ui: UiControls;
  readonly lock: LockControls;
  /** Every mail sent, in order. */
  readonly sentMail: SentMail[];
  /** Every formula that reached a cell (script writes and simulated user edits). */
  readonly formulasCreated: FormulaWrite[];
  /** console.* calls (nothing is printed). */
  readonly consoleEntries: ConsoleEntry[] = [];

  private readonly rt = new Runtime();
  private readonly world: SheetsWorld;
  private readonly mail: MailState;
  private readonly session: SessionState;
  private readonly script: ScriptState;
  private readonly drive = new DriveStore();
  private readonly docs: DocStore;
  private readonly propertyStores: PropertyStores;
  private onEditHandler: ((e: FakeEditEvent) => void) | null = null;

  constructor(options: FakeGoogleOptions = {}) {
    const rt = this.rt;
    this.calls = rt.calls;
    this.faults = rt.faults;
    const timeZone = options.timeZone ?? options.timezone ?? 'Asia/Tokyo';
    const userEmail = options.userEmail ?? 'owner@example.com';
    this.session = { effectiveUser: userEmail, activeUser: options.activeUserEmail ?? userEmail, timeZone };

    const id = options.spreadsheetId ?? 'fake-spreadsheet-id';
    rt.spreadsheetId = id;
    this.formulasCreated = [];
    this.world = {
      rt,
      timeZone,
      formulasCreated: this.formulasCreated,
      protections: [],
      ui: newUiState(options.uiAvailable ?? true),
      uiObject: null,
      nextSheetSeq: 0,
      nextChartId: 1_000_001,
    };
    this.ui = new UiControls(this.world.ui);
    const url = options.spreadsheetUrl ?? `https://docs.google.com/spreadsheets/d/${id}/edit`;
    const name = options.spreadsheetName ?? 'Fake Spreadsheet';
    this.spreadsheet = new FakeSpreadsheet(this.world, id, name, url);
    const sheets = options.sheets ?? { Sheet1: [] };
    for (const [name, rows] of Object.entries(sheets)) this.spreadsheet._addSheet(name, rows);
    if (this.spreadsheet._sheets.length === 0) this.spreadsheet._addSheet('Sheet1', []);

    this.drive.addFile({ id, name, mimeType: MimeType.GOOGLE_SHEETS, parents: [this.drive.rootId], trashed: false });
    for (const f of options.folders ?? []) this.drive.addFolder(typeof f === 'string' ? { id: f } : f);
    this.docs = new DocStore(rt, this.drive);
    this.calls.reset(); // construction is not the product's doing

    this.mail = { remaining: options.mailQuota ?? 100, sent: [] };
    this.sentMail = this.mail.sent;
    const lockState = newLockState();
    this.lock = new LockControls(lockState);
    this.script = { triggers: [], nextTriggerId: 0, scriptId: options.scriptId ?? 'fake-script-id' };
    this.propertyStores = {
      script: new Map(Object.entries(options.scriptProperties ?? {})),
      document: new Map(Object.entries(options.documentProperties ?? {})),
    };

    this.globals = {
      SpreadsheetApp: new FakeSpreadsheetApp(this.world, this.spreadsheet),
      DocumentApp: new FakeDocumentApp(this.docs),
      DriveApp: new FakeDriveApp(rt, this.drive),
      MailApp: new FakeMailApp(rt, this.mail),
      LockService: new FakeLockService(rt, lockState),
      PropertiesService: new FakePropertiesService(rt, this.propertyStores),
      ScriptApp: new FakeScriptApp(rt, this.script, id),
      Session: new FakeSession(rt, this.session),
      Utilities: new FakeUtilities(rt),
      Charts: new FakeCharts(rt),
      console: new FakeConsole(rt, this.consoleEntries),
      MimeType,
    };
  }

  /**
   * The globals typed as the real services (an unchecked cast: only the slice
   * the fakes implement exists at run time).
   */
  get gas(): GasGlobals {
    return this.globals as unknown as GasGlobals;
  }

  /** The spreadsheet typed as the real Spreadsheet (same unchecked cast). */
  get gasSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
  }

  /**
   * Put the fakes on `target` (default globalThis) for adapter code that uses
   * the Apps Script globals directly. Returns a function restoring what was there.
   */
  installGlobals(target: object = globalThis): () => void {
    const t = target as Record<string, unknown>;
    const saved = new Map<string, PropertyDescriptor | undefined>();
    for (const [k, v] of Object.entries(this.globals)) {
      saved.set(k, Object.getOwnPropertyDescriptor(t, k));
      Object.defineProperty(t, k, { value: v, configurable: true, writable: true, enumerable: false });
    }
    return () => {
      for (const [k, d] of saved) {
        if (d) Object.defineProperty(t, k, d);
        else delete t[k];
      }
    };
  }

  // ----- inspection -----

  /** Docs created (or known) in the fake Drive, with their body content. */
  get documents(): DocumentSnapshot[] {
    return this.docs.all();
  }

  /** Installed triggers. */
  get triggers(): readonly TriggerRecord[] {
    return this.script.triggers;
  }

  /** A copy of a property store. */
  properties(kind: PropertyStoreKind): Record<string, string> {
    return Object.fromEntries(this.propertyStores[kind]);
  }

  /** Raw values of a sheet's used area (no calls counted); undefined if the sheet does not exist. */
  sheetValues(name: string): CellValue[][] | undefined {
    return this.spreadsheet._find(name)?._values();
  }

  /** The sheet, without counting a call. */
  sheet(name: string): FakeSheet | undefined {
    return this.spreadsheet._find(name);
  }

  // ----- controls -----

  setMailQuota(n: number): void {
    this.mail.remaining = n;
  }

  /** The handler simulateUserEdit calls when it is given none (e.g. the bundle's onEdit). */
  setOnEdit(handler: ((e: FakeEditEvent) => void) | null): void {
    this.onEditHandler = handler;
  }

  /**
   * From now on, Errors thrown and Dates returned by the fakes are created with
   * the constructors of this vm context (the bundle's realm), so
   * `instanceof Date` / `instanceof Error` inside the bundle behave as in Apps Script.
   */
  adoptRealm(context: object): void {
    this.rt.realm = vm.runInContext('({ Error: Error, Date: Date })', context as vm.Context) as {
      Error: ErrorConstructor;
      Date: DateConstructor;
    };
  }

  /** End of an execution: Apps Script releases the locks it held. */
  endExecution(): void {
    this.lock.releaseAll();
  }

  /**
   * A person types or pastes `values` at (row, col) of a sheet. Cells are
   * written as typed input ('=…' formula, "'…" literal), then the onEdit
   * handler (argument, else setOnEdit's) runs with a realistic event, as a
   * simple trigger (AuthMode.LIMITED) unless `installable`. A value refused by
   * a rejecting data-validation rule is not written and fires nothing.
   */
  simulateUserEdit(
    sheetName: string,
    row: number,
    col: number,
    values: unknown[][],
    onEdit?: (e: FakeEditEvent) => void,
    opts: EditOptions = {}
  ): EditResult {
    const sheet = this.spreadsheet._find(sheetName);
    if (!sheet) throw new Error(`simulateUserEdit: no sheet named "${sheetName}"`);
    const width = values[0]?.length ?? 0;
    if (values.length === 0 || width === 0 || values.some(r => !Array.isArray(r) || r.length !== width)) {
      throw new Error('simulateUserEdit: values must be a non-empty rectangular matrix');
    }
    const range = sheet._range(row, col, values.length, width);
    for (let i = 0; i < values.length; i++) {
      for (let j = 0; j < width; j++) {
        const input = values[i]?.[j];
        const typed = interpretInput(input);
        const rule = sheet._cell(row + i, col + j).validation;
        if (typed.formula === '' && rule && !rule._spec.allowInvalid && !rule._accepts(typed.value)) {
          return { applied: false, rejected: { a1: a1Of(row + i, col + j), value: input } };
        }
      }
    }
    const single = values.length === 1 && width === 1;
    const old = single ? sheet._cell(row, col).value : '';
    values.forEach((r, i) => {
      r.forEach((v, j) => {
        sheet._write(row + i, col + j, v, 'user');
      });
    });

    const installable = opts.installable === true;
    const event: FakeEditEvent = {
      source: this.spreadsheet,
      range,
      user: new FakeUser(this.rt, this.session.activeUser),
      authMode: installable ? 'FULL' : 'LIMITED',
    };
    if (installable) event.triggerUid = this.nextEventTriggerUid();
    if (single) {
      const now = sheet._cell(row, col).value;
      if (now !== '') event.value = this.eventString(now);
      if (old !== '') event.oldValue = this.eventString(old);
    }
    const handler = onEdit ?? this.onEditHandler;
    if (handler) this.rt.withAuthMode(installable ? 'FULL' : 'LIMITED', () => handler(event));
    return { applied: true, event };
  }

  /** A person opens the spreadsheet: onOpen runs as a simple trigger (LIMITED) with the UI available. */
  simulateOpen(onOpen: (e: FakeOpenEvent) => void, opts: EditOptions = {}): FakeOpenEvent {
    const installable = opts.installable === true;
    const event: FakeOpenEvent = {
      source: this.spreadsheet,
      user: new FakeUser(this.rt, this.session.activeUser),
      authMode: installable ? 'FULL' : 'LIMITED',
    };
    if (installable) event.triggerUid = this.nextEventTriggerUid();
    const saved = this.ui.available;
    this.ui.setAvailable(true);
    try {
      this.rt.withAuthMode(installable ? 'FULL' : 'LIMITED', () => onOpen(event));
    } finally {
      this.ui.setAvailable(saved);
    }
    return event;
  }

  /**
   * A time-driven trigger fires: the handler runs with AuthMode.FULL, without
   * a UI (getUi() throws), and locks are released afterwards (end of execution).
   */
  simulateTimeTrigger(handler: (e: FakeTimeEvent) => void, opts: { at?: Date; triggerUid?: string } = {}): FakeTimeEvent {
    const at = opts.at ?? new Date();
    const jan1 = Date.UTC(at.getUTCFullYear(), 0, 1);
    const event: FakeTimeEvent = {
      authMode: 'FULL',
      triggerUid: opts.triggerUid ?? this.nextEventTriggerUid(),
      year: at.getUTCFullYear(),
      month: at.getUTCMonth() + 1,
      'day-of-month': at.getUTCDate(),
      'day-of-week': at.getUTCDay() === 0 ? 7 : at.getUTCDay(),
      'week-of-year': Math.ceil(((at.getTime() - jan1) / 86400000 + new Date(jan1).getUTCDay() + 1) / 7),
      hour: at.getUTCHours(),
      minute: at.getUTCMinutes(),
      second: at.getUTCSeconds(),
      timezone: 'UTC',
    };
    const saved = this.ui.available;
    this.ui.setAvailable(false);
    try {
      this.rt.withAuthMode('FULL', () => handler(event));
    } finally {
      this.ui.setAvailable(saved);
      this.endExecution();
    }
    return event;
  }

  private eventSeq = 0;

  private nextEventTriggerUid(): string {
    this.eventSeq += 1;
    return String(9_000_000 + this.eventSeq);
  }

  /** Event values are strings: numbers as typed, booleans TRUE/FALSE, dates as serial numbers. */
  private eventString(v: CellValue): string {
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if (typeof v === 'number' || typeof v === 'string') return String(v);
    return String(sheetsSerial(v.getTime(), this.world.timeZone));
  }
}

export function createFakeGoogle(options: FakeGoogleOptions = {}): FakeGoogle {
  return new FakeGoogle(options);
}

/**
 * For a file of adapter tests: the returned function puts fresh fakes on globalThis (in place of any it put there
 * before), and each test's fakes are taken off again after it (an afterEach registered here), so no test sees another's Google services.
 */
export function fakeGoogleForEachTest(): (options: FakeGoogleOptions) => FakeGoogle {
  let restore: (() => void) | null = null;
  afterEach(() => {
    restore?.();
    restore = null;
  });
  return options => {
    // A second install in one test (a second workbook to compare with) takes the first one's fakes off first.
    restore?.();
    const fake = createFakeGoogle(options);
    restore = fake.installGlobals(globalThis);
    return fake;
  };
}
