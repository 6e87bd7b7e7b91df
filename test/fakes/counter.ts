/**
 * Shared runtime of the Apps Script fakes: call counting, fault injection, the
 * instrumentation Proxy every fake object is wrapped in, the auth-mode gate and
 * the "realm" (which Error/Date constructors values are created with).
 *
 * Every fake class extends `Fake`, whose constructor returns a Proxy. Any
 * public method called on it from outside the fakes is counted as
 * `'Class.method'`, may throw an injected fault, and may be refused when the
 * current execution runs in AuthMode.LIMITED (simple triggers). Calls made by
 * one fake method into another (nested calls) are neither counted nor faulted:
 * only what the product itself calls shows up in `calls`.
 */

/** Public keys of a fake class: everything TS lets outside code see, minus `_internal` members. */
export type Public<C> = Exclude<keyof C, `_${string}` | 'toString'>;

/**
 * The slice of an Apps Script interface a fake implements. Used as
 * `class FakeRange extends Fake implements Slice<GoogleAppsScript.Spreadsheet.Range, Public<FakeRange>>`:
 * a public method whose name is not in the real interface fails to compile, and
 * each method must accept the parameters of the real one (its last overload).
 * Return types are left free because fakes return fakes.
 */
export type Slice<T, K extends keyof T> = {
  [P in K]: T[P] extends (...args: infer A) => unknown ? (...args: A) => unknown : T[P];
};

/**
 * Apps Script enums are objects whose members print as their names. The fakes
 * use the member name string as the value (`SpreadsheetApp.ProtectionType.SHEET === 'SHEET'`),
 * so `===`, `==`, `String(x)` and `JSON.stringify` all behave sensibly in both realms.
 */
export function makeEnum<E>(names: readonly string[]): E {
  const o: Record<string, string> = {};
  for (const n of names) o[n] = n;
  return Object.freeze(o) as unknown as E;
}

// ---------------------------------------------------------------------------------------------
// Call counter
// ---------------------------------------------------------------------------------------------

export class CallCounter {
  private readonly counts = new Map<string, number>();

  /** Calls of one `'Class.method'`. */
  get(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  /**
   * Sum of calls. `total()` counts everything; `total('Range.')` counts names
   * with that prefix; `total('Range')` (no dot) is read as the class/service
   * `'Range.'` (so it does not include `'RangeList.…'`).
   */
  total(prefixOrService?: string): number {
    let prefix = prefixOrService ?? '';
    if (prefix !== '' && !prefix.includes('.')) prefix += '.';
    let n = 0;
    for (const [k, v] of this.counts) if (k.startsWith(prefix)) n += v;
    return n;
  }

  /** A copy of all counters, names sorted. */
  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const k of [...this.counts.keys()].sort()) out[k] = this.counts.get(k) ?? 0;
    return out;
  }

  reset(): void {
    this.counts.clear();
  }

  /** Used by the instrumentation. */
  _increment(name: string): void {
    this.counts.set(name, this.get(name) + 1);
  }
}

// ---------------------------------------------------------------------------------------------
// Fault injection
// ---------------------------------------------------------------------------------------------

interface PendingFault {
  error: Error | undefined;
  remaining: number;
}

export class FaultInjector {
  private readonly pending = new Map<string, PendingFault[]>();

  constructor(private readonly defaultError: (className: string, target: object) => Error) {}

  /**
   * Make the next `times` calls of `'Class.method'` throw `error` (default: an
   * Apps Script-like service error, e.g. "Service Spreadsheets failed while
   * accessing document with id XYZ."). `times` may be `Infinity`.
   * The failing calls are still counted.
   */
  failNext(name: string, error?: Error, times = 1): void {
    if (!name.includes('.')) throw new Error(`failNext expects 'Class.method', got '${name}'`);
    if (!(times > 0)) return;
    const list = this.pending.get(name) ?? [];
    list.push({ error, remaining: times });
    this.pending.set(name, list);
  }

  /** Faults still armed for a name (or for all names). */
  pendingCount(name?: string): number {
    let n = 0;
    for (const [k, list] of this.pending) {
      if (name !== undefined && k !== name) continue;
      for (const f of list) n += f.remaining;
    }
    return n;
  }

  /** Used by the instrumentation: throws if a fault is armed for this call. */
  _check(name: string, className: string, target: object): void {
    const list = this.pending.get(name);
    const head = list?.[0];
    if (!list || !head) return;
    head.remaining -= 1;
    if (head.remaining <= 0) list.shift();
    if (list.length === 0) this.pending.delete(name);
    throw head.error ?? this.defaultError(className, target);
  }
}

// ---------------------------------------------------------------------------------------------
// Runtime
// ---------------------------------------------------------------------------------------------

export type AuthModeName = 'NONE' | 'CUSTOM_FUNCTION' | 'LIMITED' | 'FULL';

/** Which service calls need authorisation, i.e. are refused in AuthMode.LIMITED (simple triggers). */
const SCOPE_OF_CLASS: Record<string, string> = {
  MailApp: 'https://www.googleapis.com/auth/script.send_mail',
  DriveApp: 'https://www.googleapis.com/auth/drive',
  File: 'https://www.googleapis.com/auth/drive',
  Folder: 'https://www.googleapis.com/auth/drive',
  DocumentApp: 'https://www.googleapis.com/auth/documents',
  ScriptApp: 'https://www.googleapis.com/auth/script.scriptapp',
};
/** Methods of the classes above that stay usable without authorisation. */
const UNGATED = new Set(['ScriptApp.getScriptId']);

/** Service name used in the default fault message, by class. */
const SERVICE_OF_CLASS: Record<string, string> = {
  SpreadsheetApp: 'Spreadsheets',
  Spreadsheet: 'Spreadsheets',
  Sheet: 'Spreadsheets',
  Range: 'Spreadsheets',
  Protection: 'Spreadsheets',
  DataValidation: 'Spreadsheets',
  DataValidationBuilder: 'Spreadsheets',
  EmbeddedChartBuilder: 'Spreadsheets',
  EmbeddedChart: 'Spreadsheets',
  DocumentApp: 'Documents',
  Document: 'Documents',
  Body: 'Documents',
  Paragraph: 'Documents',
  ListItem: 'Documents',
  Table: 'Documents',
  TableRow: 'Documents',
  TableCell: 'Documents',
  PageBreak: 'Documents',
  InlineImage: 'Documents',
};

/** Method names never counted nor faulted (JS protocol, not Apps Script API). */
const NOT_API = new Set(['constructor', 'toString', 'valueOf', 'toJSON', 'inspect']);

export interface Realm {
  Error: ErrorConstructor;
  Date: DateConstructor;
}

export class Runtime {
  readonly calls = new CallCounter();
  readonly faults: FaultInjector;
  /** Depth of fake-method nesting; only depth-0 calls are the product's own. */
  private depth = 0;
  authMode: AuthModeName = 'FULL';
  realm: Realm = { Error, Date };
  /** Id used in the default Spreadsheets fault message. */
  spreadsheetId = '';

  constructor() {
    this.faults = new FaultInjector((className, target) => this.defaultFault(className, target));
  }

  /** An Apps Script-style exception (`name` 'Exception'), made in the current realm. */
  error(message: string): Error {
    const e = new this.realm.Error(message);
    e.name = 'Exception';
    return e;
  }

  /** A fresh Date in the current realm. */
  date(ms: number): Date {
    return new this.realm.Date(ms);
  }

  /** Run `fn` as an execution in the given auth mode (restored afterwards). */
  withAuthMode<T>(mode: AuthModeName, fn: () => T): T {
    const saved = this.authMode;
    this.authMode = mode;
    try {
      return fn();
    } finally {
      this.authMode = saved;
    }
  }

  private defaultFault(className: string, target: object): Error {
    const service = SERVICE_OF_CLASS[className];
    if (service === 'Spreadsheets') {
      return this.error(`Service Spreadsheets failed while accessing document with id ${this.spreadsheetId}.`);
    }
    if (service === 'Documents') {
      const id = (target as { _docId?: unknown })._docId;
      return this.error(`Service Documents failed while accessing document with id ${typeof id === 'string' ? id : ''}.`);
    }
    return this.error("We're sorry, a server error occurred. Please wait a bit and try again.");
  }

  /** Wrap a fake object so every public method call is counted, faultable and auth-gated. */
  instrument<T extends object>(target: T, className: string): T {
    const wrappers = new Map<string, (...args: unknown[]) => unknown>();
    const rt = this;
    const proxy: T = new Proxy(target, {
      get(t, prop, receiver) {
        const v: unknown = Reflect.get(t, prop, receiver);
        if (typeof v !== 'function' || typeof prop !== 'string' || NOT_API.has(prop)) {
          return v;
        }
        const cached = wrappers.get(prop);
        if (cached) return cached;
        const fn = v as (...args: unknown[]) => unknown;
        const name = `${className}.${prop}`;
        // `_internal` helpers (used by tests and other fakes) are not API: never counted,
        // but what they call inside is nested, hence not counted either.
        const internal = prop.startsWith('_');
        const wrapper = (...args: unknown[]): unknown => {
          if (rt.depth === 0 && !internal) {
            rt.calls._increment(name);
            rt.faults._check(name, className, t);
            rt.checkAuth(className, prop);
          }
          rt.depth += 1;
          try {
            return fn.apply(proxy, args);
          } finally {
            rt.depth -= 1;
          }
        };
        Object.defineProperty(wrapper, 'name', { value: prop });
        wrappers.set(prop, wrapper);
        return wrapper;
      },
    });
    return proxy;
  }

  private checkAuth(className: string, method: string): void {
    if (this.authMode === 'FULL') return;
    const scope = SCOPE_OF_CLASS[className];
    const name = `${className}.${method}`;
    if (scope === undefined || UNGATED.has(name)) return;
    const shown = className === 'File' || className === 'Folder' ? `DriveApp.${name}` : name;
    throw this.error(`You do not have permission to call ${shown}. Required permissions: ${scope}`);
  }
}

/**
 * Base class of every fake. Its constructor returns the instrumented Proxy, so
 * `this` in subclass constructors and methods is the proxy, and every object a
 * fake hands out is counted without further wrapping.
 */
export abstract class Fake {
  protected constructor(
    readonly _rt: Runtime,
    readonly _className: string
  ) {
    // biome-ignore lint/correctness/noConstructorReturn: every fake is handed out as its counting Proxy
    return _rt.instrument(this, _className);
  }

  toString(): string {
    return this._className;
  }
}

// ---------------------------------------------------------------------------------------------
// Small cross-realm helpers (values may come from the vm context running the bundle)
// ---------------------------------------------------------------------------------------------

export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.prototype.toString.call(v) === '[object Object]';
}

/** Type names as Apps Script prints them in "parameters (...) don't match" messages. */
export function typeNameOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `${v.length > 0 ? typeNameOf(v[0]) : 'Object'}[]`;
  if (isDate(v)) return 'Date';
  switch (typeof v) {
    case 'string':
      return 'String';
    case 'number':
      return 'number';
    case 'boolean':
      return 'Boolean';
    default:
      return 'Object';
  }
}

export function signatureError(rt: Runtime, method: string, args: readonly unknown[]): Error {
  return rt.error(`The parameters (${args.map(typeNameOf).join(',')}) don't match the method signature for ${method}.`);
}
