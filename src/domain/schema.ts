/**
 * The contract's shape and what is derived from it: typed rows and their row checks. Adding a column to
 * sheets-templates/contract.ts adds it to the row type, the check, the reader, setupWorkbook and `init`.
 *
 * Two views of the contract: `Contract` is the literal type of contract.ts (so rows of its tabs are typed
 * column by column); `ContractSpec` is any contract of that shape (a test may add a tab), which the reader,
 * the generic rules and the layout work from.
 */
import { type Contract, contract } from '../../sheets-templates/contract';
import type { Ymd } from './dates';
import type { Cell } from './rawTable';

export type { Contract };

/** Every column type the reader parses (DESIGN "The workbook contract"). */
export type ColumnType =
  | 'date'
  | 'month'
  | 'hours'
  | 'number'
  | 'money'
  | 'choice'
  | 'id'
  | 'caseRef'
  | 'caseRefs'
  | 'meetingRef'
  | 'person'
  | 'email'
  | 'boolean'
  | 'url'
  | 'text'
  | 'any';

export interface ColumnSpecOf {
  readonly key: string;
  readonly header: string;
  readonly type: ColumnType;
  readonly width: number;
  readonly choices?: string;
  readonly required?: boolean;
  /** A row cannot be used without this cell (see contract.ts): its other columns may be null. */
  readonly essential?: boolean;
  readonly computed?: boolean;
  readonly freeText?: boolean;
  readonly withinProgramme?: boolean;
  readonly since?: number;
}

/** What next fiscal year's workbook keeps of a tab (contract.ts header); absent = 'empty'. */
export type TabRollover = 'carry' | 'carry-open' | 'empty';
/** How a setting rolls into next fiscal year's workbook; absent = carried as typed. */
export type SettingRollover = 'next-year' | 'period-start' | 'period-end' | 'clear' | 'advance';

export interface TabSpecOf {
  readonly key: string;
  readonly name: string;
  readonly columns: readonly ColumnSpecOf[];
  readonly systemOnly?: boolean;
  readonly since?: number;
  readonly rollover?: TabRollover;
}

export interface SettingSpecOf {
  readonly key: string;
  readonly name: string;
  readonly type: string;
  readonly default: unknown;
  readonly help: string;
  readonly since?: number;
  readonly rollover?: SettingRollover;
  /** Why rollover empties it (said in the cell's note and on the terminal). */
  readonly rolloverNote?: string;
  /** A date that must fall inside 事業開始日..事業終了日 (else invalid-setting). */
  readonly withinProgramme?: boolean;
}

/** Any contract of contract.ts's shape. */
export interface ContractSpec {
  readonly version: number;
  readonly choices: Readonly<Record<string, readonly string[]>>;
  readonly supportedStages: readonly string[];
  readonly closedStages: readonly string[];
  readonly references: Readonly<Record<string, { readonly tab: string; readonly code: string }>>;
  readonly minutesDeadlines: readonly { readonly type: string; readonly businessDays: number; readonly clause: string }[];
  readonly tabs: readonly TabSpecOf[];
  readonly settings: readonly SettingSpecOf[];
}

/** contract.ts itself, as a ContractSpec (the compiler checks it has the shape). */
export const defaultContract: ContractSpec = contract;

export type TabSpec = Contract['tabs'][number];
export type TabKey = TabSpec['key'];
export type ColumnSpec = TabSpec['columns'][number];
export type Choices = Contract['choices'];
export type ChoiceList = keyof Choices;
/** Tabs whose rows the ledger holds (設定 becomes Settings, 実行ログ is the system's). */
export type LedgerTabKey = Exclude<TabKey, 'settings' | 'log'>;

type TabOf<K extends TabKey> = Extract<TabSpec, { key: K }>;
type ColumnsOf<K extends TabKey> = TabOf<K>['columns'][number];

type ValueOf<C> = C extends { type: 'date' }
  ? Ymd
  : C extends { type: 'hours' | 'money' | 'number' }
    ? number
    : C extends { type: 'boolean' }
      ? boolean
      : C extends { type: 'caseRefs' }
        ? readonly string[]
        : C extends { type: 'choice'; choices: infer N extends ChoiceList }
          ? Choices[N][number]
          : C extends { type: 'any' }
            ? Cell
            : string;

/**
 * One data row of tab K, as the domain sees it after parsing. Only essential columns are never null: a required
 * cell that is blank or unreadable is a finding, and the row still counts for what its other cells say.
 */
export type Row<K extends TabKey> = { readonly rowNumber: number } & {
  readonly [C in ColumnsOf<K> as C extends { computed: true } ? never : C['key']]: C extends { essential: true }
    ? ValueOf<C>
    : ValueOf<C> | null;
};

/** A row of any contract's tab: column key → parsed value (null when blank or unreadable). */
export type AnyRow = { readonly rowNumber: number } & Readonly<Record<string, unknown>>;

export type CaseRow = Row<'cases'>;
export type MeetingRow = Row<'meetings'>;
export type PdHoursRow = Row<'pdHours'>;
export type ExpertUseRow = Row<'experts'>;
export type HandlerRow = Row<'handlers'>;
export type SettingRow = Row<'settings'>;
export type Stage = Choices['段階'][number];
export type MeetingType = Choices['種別'][number];
export type Role = Choices['役割'][number];

/** The contract.ts spec of tab K (typed). */
export const tabSpec = <K extends TabKey>(key: K): TabOf<K> => contract.tabs.find(t => t.key === key) as TabOf<K>;

/** A tab of a contract by key; throws for a key the contract lacks (a programming error). */
export function tabOf(c: ContractSpec, key: string): TabSpecOf {
  const tab = c.tabs.find(t => t.key === key);
  if (!tab) throw new RangeError(`the contract has no tab ${key}`);
  return tab;
}

/** A column of a tab by key; throws for a key the tab lacks. */
export function columnOf(tab: TabSpecOf, key: string): ColumnSpecOf {
  const column = tab.columns.find(c => c.key === key);
  if (!column) throw new RangeError(`tab ${tab.key} has no column ${key}`);
  return column;
}

/** Where a finding points: the tab's name and the column's header, as the contract spells them. */
export const placeOf = (c: ContractSpec, tabKey: string, columnKey: string): { sheet: string; column: string } => {
  const tab = tabOf(c, tabKey);
  return { sheet: tab.name, column: columnOf(tab, columnKey).header };
};

/** The contract.ts name of tab K. */
export const tabName = (key: TabKey): string => tabSpec(key).name;

/** Every tab's name by key, for messages: no tab name is written anywhere in the domain but the contract. */
export const TAB_NAME: Readonly<Record<TabKey, string>> = Object.fromEntries(contract.tabs.map(t => [t.key, t.name])) as Record<
  TabKey,
  string
>;

export const tabByName = (name: string, c: ContractSpec = defaultContract): TabSpecOf | undefined => c.tabs.find(t => t.name === name);

/** Columns the system writes (期限, 状態): never read as input, never typed by people. */
export const isComputed = (c: ColumnSpecOf): boolean => c.computed === true;
export const isRequired = (c: ColumnSpecOf): boolean => c.required === true;
/** A row whose cell in this column is blank or unreadable cannot be used at all (it cannot be placed or counted). */
export const isEssential = (c: ColumnSpecOf): boolean => c.essential === true;
export const isSystemOnly = (t: TabSpecOf): boolean => t.systemOnly === true;
/** Added to the contract after its first version: an older workbook may lack it. */
export const isLater = (x: object): boolean => 'since' in x && typeof x.since === 'number' && x.since > 1;
export const choicesOf = (col: ColumnSpecOf, c: ContractSpec = defaultContract): readonly string[] | null =>
  col.type === 'choice' && col.choices !== undefined ? (c.choices[col.choices] ?? []) : null;

const YMD = /^\d{4}-\d{2}-\d{2}$/;
const YEAR_MONTH = /^\d{4}-\d{2}$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;
const URL_TEXT = /^https?:\/\/\S+$/;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** What a parsed value of the column's type must be (the parsers' promise, checked once more per row). */
function valueCheck(col: ColumnSpecOf, c: ContractSpec): (v: unknown) => boolean {
  switch (col.type) {
    case 'date':
      return v => typeof v === 'string' && YMD.test(v);
    case 'month':
      return v => typeof v === 'string' && YEAR_MONTH.test(v);
    case 'hours':
      return v => isFiniteNumber(v) && v > 0 && v <= 24;
    case 'money':
      return v => isFiniteNumber(v) && v >= 0;
    case 'number':
      return isFiniteNumber;
    case 'boolean':
      return v => typeof v === 'boolean';
    case 'caseRefs':
      return v => Array.isArray(v) && v.every(isText);
    case 'choice': {
      const choices = choicesOf(col, c) ?? [];
      return v => typeof v === 'string' && choices.includes(v);
    }
    case 'any':
      return () => true;
    case 'email':
      return v => typeof v === 'string' && EMAIL.test(v);
    case 'url':
      return v => typeof v === 'string' && URL_TEXT.test(v);
    default:
      return isText;
  }
}

/** The headers of a parsed row's values that are not of their column's type (empty: the row is sound). */
export type RowCheck = (values: Readonly<Record<string, unknown>>) => string[];

const checkCache = new WeakMap<TabSpecOf, RowCheck>();

/**
 * A tab's row check, built from its contract once: each input column's value is of its type, or null where the
 * column is not essential; rowNumber is a data row's. A last guard behind the cell parsers (a parser that let a
 * wrong value through would otherwise reach every figure).
 */
export function rowCheckOf(tab: TabSpecOf, c: ContractSpec): RowCheck {
  let check = checkCache.get(tab);
  if (!check) {
    const columns = tab.columns
      .filter(col => !isComputed(col))
      .map(col => ({ key: col.key, header: col.header, essential: isEssential(col), ok: valueCheck(col, c) }));
    check = values => {
      const bad = Number.isInteger(values.rowNumber) && (values.rowNumber as number) >= 2 ? [] : ['rowNumber'];
      for (const col of columns) {
        const v = values[col.key];
        if (!(v === null && !col.essential) && !col.ok(v)) bad.push(col.header);
      }
      return bad;
    };
    checkCache.set(tab, check);
  }
  return check;
}
