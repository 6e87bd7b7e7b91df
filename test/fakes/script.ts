/** ScriptApp (triggers), LockService, PropertiesService, Session, Utilities and console fakes. */
import { Fake, isDate, makeEnum, type Public, type Runtime, type Slice, signatureError } from './counter';
import { FakeUser } from './spreadsheet';
import { formatPattern } from './time';

type GScript = typeof GoogleAppsScript.Script;

export const AuthMode = makeEnum<GScript['AuthMode']>(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);
export const EventType = makeEnum<GScript['EventType']>(['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED']);
export const TriggerSource = makeEnum<GScript['TriggerSource']>(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR']);
export const AuthorizationStatus = makeEnum<GScript['AuthorizationStatus']>(['REQUIRED', 'NOT_REQUIRED']);
export const InstallationSource = makeEnum<GScript['InstallationSource']>(['APPS_MARKETPLACE_DOMAIN_ADD_ON', 'NONE', 'WEB_STORE_ADD_ON']);
export const Weekday = makeEnum<typeof GoogleAppsScript.Base.Weekday>([
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
]);

// ---------------------------------------------------------------------------------------------
// ScriptApp and triggers
// ---------------------------------------------------------------------------------------------

/** An installed trigger, as `fake.triggers` shows it. */
export interface TriggerRecord {
  uniqueId: string;
  handlerFunction: string;
  eventType: string;
  triggerSource: string;
  triggerSourceId: string | null;
  /** Clock schedule as configured (only the calls made appear). */
  schedule: {
    atHour?: number;
    nearMinute?: number;
    everyMinutes?: number;
    everyHours?: number;
    everyDays?: number;
    everyWeeks?: number;
    onWeekDay?: string;
    onMonthDay?: number;
    timezone?: string;
    at?: Date;
    after?: number;
  };
}

export interface ScriptState {
  triggers: TriggerRecord[];
  nextTriggerId: number;
  scriptId: string;
}

/** Apps Script's per-user, per-script limit on installable triggers. */
export const MAX_TRIGGERS = 20;

export class FakeScriptApp extends Fake implements Slice<GoogleAppsScript.Script.ScriptApp, Public<FakeScriptApp>> {
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly AuthorizationStatus = AuthorizationStatus;
  readonly InstallationSource = InstallationSource;
  readonly WeekDay = Weekday;

  constructor(
    rt: Runtime,
    private readonly state: ScriptState,
    private readonly spreadsheetId: string
  ) {
    super(rt, 'ScriptApp');
  }

  newTrigger(functionName: string): FakeTriggerBuilder {
    if (typeof functionName !== 'string' || functionName === '') throw signatureError(this._rt, 'ScriptApp.newTrigger', [functionName]);
    return new FakeTriggerBuilder(this._rt, this.state, functionName, this.spreadsheetId);
  }

  getProjectTriggers(): FakeTrigger[] {
    return this.state.triggers.map(t => new FakeTrigger(this._rt, t));
  }

  /** Removes the trigger (by unique id); deleting one already gone is a no-op. */
  deleteTrigger(trigger: FakeTrigger | GoogleAppsScript.Script.Trigger): void {
    const uid = (trigger as { _uid?: unknown })._uid;
    if (typeof uid !== 'string') throw signatureError(this._rt, 'ScriptApp.deleteTrigger', [trigger]);
    this.state.triggers = this.state.triggers.filter(t => t.uniqueId !== uid);
  }
}

export class FakeTriggerBuilder extends Fake implements Slice<GoogleAppsScript.Script.TriggerBuilder, Public<FakeTriggerBuilder>> {
  constructor(
    rt: Runtime,
    private readonly state: ScriptState,
    private readonly handler: string,
    private readonly spreadsheetId: string
  ) {
    super(rt, 'TriggerBuilder');
  }

  timeBased(): FakeClockTriggerBuilder {
    return new FakeClockTriggerBuilder(this._rt, this.state, this.handler);
  }

  forSpreadsheet(sheet: string | { getId(): string } | GoogleAppsScript.Spreadsheet.Spreadsheet): FakeSpreadsheetTriggerBuilder {
    const id = typeof sheet === 'string' ? sheet : sheet.getId();
    if (id !== this.spreadsheetId)
      throw this._rt.error(`No item with the given ID could be found. Or perhaps you do not have permission to access it.`);
    return new FakeSpreadsheetTriggerBuilder(this._rt, this.state, this.handler, id);
  }
}

function install(rt: Runtime, state: ScriptState, rec: Omit<TriggerRecord, 'uniqueId'>): FakeTrigger {
  if (state.triggers.length >= MAX_TRIGGERS) {
    throw rt.error('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
  }
  state.nextTriggerId += 1;
  const full: TriggerRecord = { uniqueId: String(7_000_000 + state.nextTriggerId), ...rec };
  state.triggers.push(full);
  return new FakeTrigger(rt, full);
}

export class FakeClockTriggerBuilder
  extends Fake
  implements Slice<GoogleAppsScript.Script.ClockTriggerBuilder, Public<FakeClockTriggerBuilder>>
{
  private readonly schedule: TriggerRecord['schedule'] = {};

  constructor(
    rt: Runtime,
    private readonly state: ScriptState,
    private readonly handler: string
  ) {
    super(rt, 'ClockTriggerBuilder');
  }

  private int(v: unknown, min: number, max: number, what: string): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw this._rt.error(`Invalid argument: ${what}`);
    return v;
  }

  /** 0..23, else throws "Invalid argument: hour". */
  atHour(hour: number): this {
    this.schedule.atHour = this.int(hour, 0, 23, 'hour');
    return this;
  }

  everyHours(n: number): this {
    if (![1, 2, 4, 6, 8, 12].includes(n)) throw this._rt.error('Invalid argument: everyHours must be one of 1, 2, 4, 6, 8 or 12');
    this.schedule.everyHours = n;
    return this;
  }

  everyDays(n: number): this {
    this.schedule.everyDays = this.int(n, 1, 365, 'days');
    return this;
  }

  inTimezone(timezone: string): this {
    this.schedule.timezone = String(timezone);
    return this;
  }

  create(): FakeTrigger {
    return install(this._rt, this.state, {
      handlerFunction: this.handler,
      eventType: 'CLOCK',
      triggerSource: 'CLOCK',
      triggerSourceId: null,
      schedule: { ...this.schedule },
    });
  }
}

export class FakeSpreadsheetTriggerBuilder
  extends Fake
  implements Slice<GoogleAppsScript.Script.SpreadsheetTriggerBuilder, Public<FakeSpreadsheetTriggerBuilder>>
{
  private eventType: string | null = null;

  constructor(
    rt: Runtime,
    private readonly state: ScriptState,
    private readonly handler: string,
    private readonly spreadsheetId: string
  ) {
    super(rt, 'SpreadsheetTriggerBuilder');
  }

  onEdit(): this {
    this.eventType = 'ON_EDIT';
    return this;
  }

  create(): FakeTrigger {
    if (this.eventType === null) throw this._rt.error('Choose an event type (onEdit, onOpen, onChange, onFormSubmit) before create().');
    return install(this._rt, this.state, {
      handlerFunction: this.handler,
      eventType: this.eventType,
      triggerSource: 'SPREADSHEETS',
      triggerSourceId: this.spreadsheetId,
      schedule: {},
    });
  }
}

export class FakeTrigger extends Fake implements Slice<GoogleAppsScript.Script.Trigger, Public<FakeTrigger>> {
  readonly _uid: string;

  constructor(
    rt: Runtime,
    private readonly rec: TriggerRecord
  ) {
    super(rt, 'Trigger');
    this._uid = rec.uniqueId;
  }

  getHandlerFunction(): string {
    return this.rec.handlerFunction;
  }
}

// ---------------------------------------------------------------------------------------------
// LockService
// ---------------------------------------------------------------------------------------------

export type LockKind = 'script' | 'document';

interface LockSlot {
  heldByMe: boolean;
  heldElsewhere: boolean;
}

export interface LockAttempt {
  kind: LockKind;
  method: 'tryLock';
  timeoutMs: number;
  acquired: boolean;
}

export interface LockState {
  slots: Record<LockKind, LockSlot>;
  attempts: LockAttempt[];
}

export function newLockState(): LockState {
  const slot = (): LockSlot => ({ heldByMe: false, heldElsewhere: false });
  return { slots: { script: slot(), document: slot() }, attempts: [] };
}

/** Test-side controls (exposed as `fake.lock`). */
export class LockControls {
  constructor(private readonly state: LockState) {}

  /** Simulate another execution holding (true) or releasing (false) the script lock. */
  holdScriptLockElsewhere(held = true): void {
    this.state.slots.script.heldElsewhere = held;
  }

  holdDocumentLockElsewhere(held = true): void {
    this.state.slots.document.heldElsewhere = held;
  }

  /** Does this execution currently hold the script lock? */
  scriptLockHeld(): boolean {
    return this.state.slots.script.heldByMe;
  }

  /** Every waitLock/tryLock, in order. */
  get attempts(): readonly LockAttempt[] {
    return this.state.attempts;
  }

  /** What Apps Script does when an execution ends: its locks are released. */
  releaseAll(): void {
    for (const s of Object.values(this.state.slots)) s.heldByMe = false;
  }
}

export class FakeLockService extends Fake implements Slice<GoogleAppsScript.Lock.LockService, Public<FakeLockService>> {
  constructor(
    rt: Runtime,
    private readonly state: LockState
  ) {
    super(rt, 'LockService');
  }

  /** One script lock: every call returns a handle on the same lock. */
  getScriptLock(): FakeLock {
    return new FakeLock(this._rt, this.state, 'script');
  }

  getDocumentLock(): FakeLock {
    return new FakeLock(this._rt, this.state, 'document');
  }
}

export class FakeLock extends Fake implements Slice<GoogleAppsScript.Lock.Lock, Public<FakeLock>> {
  constructor(
    rt: Runtime,
    private readonly state: LockState,
    readonly _kind: LockKind
  ) {
    super(rt, 'Lock');
  }

  private get slot(): LockSlot {
    return this.state.slots[this._kind];
  }

  /** Acquired unless another execution holds the lock (this one may take it again); every attempt is recorded. */
  tryLock(timeoutInMillis: number): boolean {
    if (typeof timeoutInMillis !== 'number' || Number.isNaN(timeoutInMillis)) {
      throw signatureError(this._rt, 'LockService.Lock.tryLock', [timeoutInMillis]);
    }
    const acquired = !this.slot.heldElsewhere;
    if (acquired) this.slot.heldByMe = true;
    this.state.attempts.push({ kind: this._kind, method: 'tryLock', timeoutMs: timeoutInMillis, acquired });
    return acquired;
  }

  releaseLock(): void {
    this.slot.heldByMe = false;
  }
}

// ---------------------------------------------------------------------------------------------
// PropertiesService
// ---------------------------------------------------------------------------------------------

export type PropertyStoreKind = 'script' | 'document';
export type PropertyStores = Record<PropertyStoreKind, Map<string, string>>;

/** Per value: 9 KB (UTF-8 bytes). Per store: 500 KB. */
export const MAX_PROPERTY_VALUE_BYTES = 9 * 1024;
export const MAX_PROPERTY_STORE_BYTES = 500 * 1024;

const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

export class FakePropertiesService
  extends Fake
  implements Slice<GoogleAppsScript.Properties.PropertiesService, Public<FakePropertiesService>>
{
  constructor(
    rt: Runtime,
    private readonly stores: PropertyStores
  ) {
    super(rt, 'PropertiesService');
  }

  getScriptProperties(): FakeProperties {
    return new FakeProperties(this._rt, this.stores.script);
  }

  getDocumentProperties(): FakeProperties {
    return new FakeProperties(this._rt, this.stores.document);
  }
}

export class FakeProperties extends Fake implements Slice<GoogleAppsScript.Properties.Properties, Public<FakeProperties>> {
  constructor(
    rt: Runtime,
    private readonly store: Map<string, string>
  ) {
    super(rt, 'Properties');
  }

  /** null for a missing key. */
  getProperty(key: string): string | null {
    return this.store.get(String(key)) ?? null;
  }

  /** Stored as a string (String(value)); a value over 9 KB throws "Argument too large: value". */
  setProperty(key: string, value: string): this {
    this.write(String(key), value);
    return this;
  }

  getProperties(): Record<string, string> {
    return Object.fromEntries(this.store);
  }

  deleteProperty(key: string): this {
    this.store.delete(String(key));
    return this;
  }

  private write(key: string, value: unknown): void {
    const s = String(value);
    if (utf8Bytes(s) > MAX_PROPERTY_VALUE_BYTES) throw this._rt.error('Argument too large: value');
    const next = new Map(this.store).set(key, s);
    let total = 0;
    for (const [k, v] of next) total += utf8Bytes(k) + utf8Bytes(v);
    if (total > MAX_PROPERTY_STORE_BYTES) {
      throw this._rt.error('You have exceeded the property storage quota. Please remove some properties and try again.');
    }
    this.store.clear();
    for (const [k, v] of next) this.store.set(k, v);
  }
}

// ---------------------------------------------------------------------------------------------
// Session
// ---------------------------------------------------------------------------------------------

export interface SessionState {
  effectiveUser: string;
  activeUser: string;
  timeZone: string;
}

export class FakeSession extends Fake implements Slice<GoogleAppsScript.Base.Session, Public<FakeSession>> {
  constructor(
    rt: Runtime,
    private readonly state: SessionState
  ) {
    super(rt, 'Session');
  }

  getEffectiveUser(): FakeUser {
    return new FakeUser(this._rt, this.state.effectiveUser);
  }

  getScriptTimeZone(): string {
    return this.state.timeZone;
  }
}

// ---------------------------------------------------------------------------------------------
// Utilities
// ---------------------------------------------------------------------------------------------

export class FakeUtilities extends Fake implements Slice<GoogleAppsScript.Utilities.Utilities, Public<FakeUtilities>> {
  constructor(rt: Runtime) {
    super(rt, 'Utilities');
  }

  /** SimpleDateFormat-style pattern in the given zone (unknown zones mean GMT, as in Java). */
  formatDate(date: Date | GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
      throw signatureError(this._rt, 'Utilities.formatDate', [date, timeZone, format]);
    }
    const ms = (date as Date).getTime();
    if (Number.isNaN(ms)) throw this._rt.error('Invalid argument: date');
    try {
      return formatPattern(ms, timeZone, format);
    } catch (e) {
      throw this._rt.error(`Invalid argument: ${(e as Error).message}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// console
// ---------------------------------------------------------------------------------------------

function stringify(v: unknown): string {
  if (typeof v === 'string') return v;
  if (isDate(v) || v === null || v === undefined || typeof v !== 'object') return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

export interface ConsoleEntry {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
  args: unknown[];
}

/** Quiet console: everything is recorded in `fake.console`, nothing printed. */
export class FakeConsole extends Fake {
  constructor(
    rt: Runtime,
    private readonly entries: ConsoleEntry[]
  ) {
    super(rt, 'console');
  }

  private add(level: ConsoleEntry['level'], args: unknown[]): void {
    this.entries.push({ level, message: args.map(stringify).join(' '), args });
  }

  log(...args: unknown[]): void {
    this.add('log', args);
  }

  error(...args: unknown[]): void {
    this.add('error', args);
  }
}
