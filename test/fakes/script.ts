/** ScriptApp (triggers), LockService, PropertiesService, Session, Utilities, Logger and console fakes. */
import { randomUUID } from 'node:crypto';
import { Fake, isDate, makeEnum, type Public, type Runtime, type Slice, signatureError } from './counter';
import { FakeUser } from './spreadsheet';
import { formatPattern } from './time';

type GScript = typeof GoogleAppsScript.Script;
type EventType = GoogleAppsScript.Script.EventType;
type TriggerSource = GoogleAppsScript.Script.TriggerSource;

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

  getScriptId(): string {
    return this.state.scriptId;
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

  nearMinute(minute: number): this {
    this.schedule.nearMinute = this.int(minute, 0, 59, 'minute');
    return this;
  }

  everyMinutes(n: number): this {
    if (![1, 5, 10, 15, 30].includes(n)) throw this._rt.error('Invalid argument: everyMinutes must be one of 1, 5, 10, 15 or 30');
    this.schedule.everyMinutes = n;
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

  everyWeeks(n: number): this {
    this.schedule.everyWeeks = this.int(n, 1, 52, 'weeks');
    return this;
  }

  onWeekDay(day: GoogleAppsScript.Base.Weekday): this {
    this.schedule.onWeekDay = String(day);
    return this;
  }

  onMonthDay(day: number): this {
    this.schedule.onMonthDay = this.int(day, 1, 31, 'day');
    return this;
  }

  inTimezone(timezone: string): this {
    this.schedule.timezone = String(timezone);
    return this;
  }

  at(date: Date | GoogleAppsScript.Base.Date): this {
    if (!isDate(date)) throw signatureError(this._rt, 'ScriptApp.ClockTriggerBuilder.at', [date]);
    this.schedule.at = new Date((date as Date).getTime());
    return this;
  }

  after(durationMilliseconds: number): this {
    this.schedule.after = durationMilliseconds;
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

  onOpen(): this {
    this.eventType = 'ON_OPEN';
    return this;
  }

  onChange(): this {
    this.eventType = 'ON_CHANGE';
    return this;
  }

  onFormSubmit(): this {
    this.eventType = 'ON_FORM_SUBMIT';
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

  getUniqueId(): string {
    return this.rec.uniqueId;
  }

  getEventType(): EventType {
    return this.rec.eventType as unknown as EventType;
  }

  getTriggerSource(): TriggerSource {
    return this.rec.triggerSource as unknown as TriggerSource;
  }

  getTriggerSourceId(): string {
    return this.rec.triggerSourceId as string;
  }
}

// ---------------------------------------------------------------------------------------------
// LockService
// ---------------------------------------------------------------------------------------------

export type LockKind = 'script' | 'document' | 'user';

interface LockSlot {
  heldByMe: boolean;
  heldElsewhere: boolean;
}

export interface LockAttempt {
  kind: LockKind;
  method: 'waitLock' | 'tryLock';
  timeoutMs: number;
  acquired: boolean;
}

export interface LockState {
  slots: Record<LockKind, LockSlot>;
  attempts: LockAttempt[];
}

export function newLockState(): LockState {
  const slot = (): LockSlot => ({ heldByMe: false, heldElsewhere: false });
  return { slots: { script: slot(), document: slot(), user: slot() }, attempts: [] };
}

export const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

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

  isHeld(kind: LockKind): boolean {
    return this.state.slots[kind].heldByMe;
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

  getUserLock(): FakeLock {
    return new FakeLock(this._rt, this.state, 'user');
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

  private attempt(method: 'waitLock' | 'tryLock', timeoutInMillis: number): boolean {
    if (typeof timeoutInMillis !== 'number' || Number.isNaN(timeoutInMillis)) {
      throw signatureError(this._rt, `LockService.Lock.${method}`, [timeoutInMillis]);
    }
    const acquired = !this.slot.heldElsewhere;
    if (acquired) this.slot.heldByMe = true;
    this.state.attempts.push({ kind: this._kind, method, timeoutMs: timeoutInMillis, acquired });
    return acquired;
  }

  /** Throws "Lock timeout: …" when another execution holds the lock. */
  waitLock(timeoutInMillis: number): void {
    if (!this.attempt('waitLock', timeoutInMillis)) throw this._rt.error(LOCK_TIMEOUT);
  }

  tryLock(timeoutInMillis: number): boolean {
    return this.attempt('tryLock', timeoutInMillis);
  }

  hasLock(): boolean {
    return this.slot.heldByMe;
  }

  releaseLock(): void {
    this.slot.heldByMe = false;
  }
}

// ---------------------------------------------------------------------------------------------
// PropertiesService
// ---------------------------------------------------------------------------------------------

export type PropertyStoreKind = 'script' | 'document' | 'user';
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

  getUserProperties(): FakeProperties {
    return new FakeProperties(this._rt, this.stores.user);
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
    this.write({ [String(key)]: value }, false);
    return this;
  }

  getProperties(): Record<string, string> {
    return Object.fromEntries(this.store);
  }

  setProperties(properties: Record<string, string>, deleteAllOthers?: boolean): this {
    if (typeof properties !== 'object' || properties === null)
      throw signatureError(this._rt, 'PropertiesService.Properties.setProperties', [properties]);
    this.write(properties, deleteAllOthers === true);
    return this;
  }

  deleteProperty(key: string): this {
    this.store.delete(String(key));
    return this;
  }

  deleteAllProperties(): this {
    this.store.clear();
    return this;
  }

  getKeys(): string[] {
    return [...this.store.keys()];
  }

  private write(props: Record<string, unknown>, deleteAllOthers: boolean): void {
    const next = new Map(deleteAllOthers ? [] : this.store);
    for (const [k, v] of Object.entries(props)) {
      const s = String(v);
      if (utf8Bytes(s) > MAX_PROPERTY_VALUE_BYTES) throw this._rt.error('Argument too large: value');
      next.set(k, s);
    }
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
  locale: string;
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

  getActiveUser(): FakeUser {
    return new FakeUser(this._rt, this.state.activeUser);
  }

  getScriptTimeZone(): string {
    return this.state.timeZone;
  }

  getActiveUserLocale(): string {
    return this.state.locale;
  }

  getTemporaryActiveUserKey(): string {
    return `temp-key-${this.state.activeUser}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Utilities
// ---------------------------------------------------------------------------------------------

export class FakeUtilities extends Fake implements Slice<GoogleAppsScript.Utilities.Utilities, Public<FakeUtilities>> {
  constructor(
    rt: Runtime,
    private readonly sleeps: number[]
  ) {
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

  /** %s / %d / %% substitution. */
  formatString(template: string, ...args: unknown[]): string {
    let i = 0;
    return String(template).replace(/%([sdif%])/g, (_m, k: string) => {
      if (k === '%') return '%';
      const v = args[i++];
      if (k === 's') return String(v);
      return String(k === 'd' || k === 'i' ? Math.trunc(Number(v)) : Number(v));
    });
  }

  /** Does not wait; the requested milliseconds are recorded (`fake.sleeps`). */
  sleep(milliseconds: number): void {
    this.sleeps.push(milliseconds);
  }

  getUuid(): string {
    return randomUUID();
  }
}

// ---------------------------------------------------------------------------------------------
// Logger and console
// ---------------------------------------------------------------------------------------------

export class FakeLogger extends Fake implements Slice<GoogleAppsScript.Base.Logger, Public<FakeLogger>> {
  constructor(
    rt: Runtime,
    private readonly lines: string[]
  ) {
    super(rt, 'Logger');
  }

  /** log(data) or log(format, ...values) with %s placeholders. */
  log(data: unknown, ...values: unknown[]): this {
    let line = typeof data === 'string' ? data : stringify(data);
    if (values.length > 0) {
      let i = 0;
      line = line.replace(/%s/g, () => (i < values.length ? stringify(values[i++]) : '%s'));
    }
    this.lines.push(line);
    return this;
  }

  getLog(): string {
    return this.lines.map(l => `${l}\n`).join('');
  }

  clear(): void {
    this.lines.length = 0;
  }
}

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

  info(...args: unknown[]): void {
    this.add('info', args);
  }

  warn(...args: unknown[]): void {
    this.add('warn', args);
  }

  error(...args: unknown[]): void {
    this.add('error', args);
  }

  debug(...args: unknown[]): void {
    this.add('debug', args);
  }
}
