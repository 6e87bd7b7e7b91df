/**
 * Typed rows and their zod schemas, both derived from the contract (sheets-templates/contract.ts):
 * adding a column there adds it to the row type, the schema, setupWorkbook and `init`.
 */
import * as z from 'zod/mini';
import { type Contract, contract } from '../../sheets-templates/contract';
import type { Ymd } from './dates';
import type { Cell } from './rawTable';

export type TabSpec = Contract['tabs'][number];
export type TabKey = TabSpec['key'];
export type ColumnSpec = TabSpec['columns'][number];
export type ColumnType = ColumnSpec['type'];
export type Choices = Contract['choices'];
export type ChoiceList = keyof Choices;

type TabOf<K extends TabKey> = Extract<TabSpec, { key: K }>;
type ColumnsOf<K extends TabKey> = TabOf<K>['columns'][number];

type ValueOf<C> = C extends { type: 'date' }
  ? Ymd
  : C extends { type: 'hours' | 'money' }
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

/** One data row of tab K, as the domain sees it after parsing. Optional columns may be null. */
export type Row<K extends TabKey> = { readonly rowNumber: number } & {
  readonly [C in ColumnsOf<K> as C extends { computed: true } ? never : C['key']]: C extends { required: true }
    ? ValueOf<C>
    : ValueOf<C> | null;
};

export type CaseRow = Row<'cases'>;
export type MeetingRow = Row<'meetings'>;
export type PdHoursRow = Row<'pdHours'>;
export type ExpertUseRow = Row<'experts'>;
export type HandlerRow = Row<'handlers'>;
export type SettingRow = Row<'settings'>;
export type Stage = Choices['段階'][number];
export type MeetingType = Choices['種別'][number];
export type Role = Choices['役割'][number];

export const tabSpec = <K extends TabKey>(key: K): TabOf<K> => contract.tabs.find(t => t.key === key) as TabOf<K>;

export const tabByName = (name: string): TabSpec | undefined => contract.tabs.find(t => t.name === name);

/** Columns the system writes (期限, 状態): never read as input, never typed by people. */
export const isComputed = (c: ColumnSpec): boolean => 'computed' in c && c.computed === true;
export const isRequired = (c: ColumnSpec): boolean => 'required' in c && c.required === true;
export const choicesOf = (c: ColumnSpec): readonly string[] | null =>
  c.type === 'choice' && 'choices' in c ? contract.choices[c.choices] : null;

const ymdSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const nonEmpty = z.string().check(z.minLength(1));

function valueSchema(c: ColumnSpec): z.ZodMiniType {
  switch (c.type) {
    case 'date':
      return ymdSchema;
    case 'hours':
      return z.number().check(z.gt(0), z.lte(24));
    case 'money':
      return z.number().check(z.gte(0));
    case 'boolean':
      return z.boolean();
    case 'caseRefs':
      return z.array(nonEmpty);
    case 'choice':
      return z.enum(contract.choices[c.choices] as unknown as [string, ...string[]]);
    case 'any':
      return z.unknown();
    case 'email':
      return z.string().check(z.regex(/^[^@\s]+@[^@\s]+$/));
    default:
      return nonEmpty;
  }
}

const schemaCache = new Map<TabKey, z.ZodMiniType>();

/** The zod schema of tab K's parsed rows, built from the contract. */
export function rowSchema<K extends TabKey>(key: K): z.ZodMiniType<Row<K>> {
  let schema = schemaCache.get(key);
  if (!schema) {
    const shape: Record<string, z.ZodMiniType> = { rowNumber: z.number().check(z.int(), z.gte(2)) };
    for (const c of tabSpec(key).columns) {
      if (isComputed(c)) continue;
      shape[c.key] = isRequired(c) ? valueSchema(c) : z.nullable(valueSchema(c));
    }
    schema = z.object(shape);
    schemaCache.set(key, schema);
  }
  return schema as z.ZodMiniType<Row<K>>;
}
