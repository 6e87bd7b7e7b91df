/**
 * Realistic edits of the sample workbook, generated from a seed, and an independent computation of what the
 * figures must then be: the property "never silently wrong" (README "What the tool refuses and why").
 *
 * A World is the workbook twice: as the RawTables an adapter hands the domain (what an .xlsx edit changes)
 * and as what those cells mean (semantic values: dates as YYYY-MM-DD, hours as numbers, null for blank or
 * merged-over). Each mutation changes both, and names the cells it changed. The oracle computes the observed
 * figures from the meaning alone, with its own calendar and its own arithmetic (no import from src/domain
 * but types), so a figure the tool gets wrong without a finding at a changed cell is caught.
 *
 * Generic over the contract: every tab of sheets-templates/contract.ts is laid out and mutated, so a tab
 * added there is edited too (its own figures are not observed until the oracle learns them).
 */
import holidayJp from '@holiday-jp/holiday_jp';
import { contract } from '../../sheets-templates/contract';
import sample from '../../sheets-templates/sample.json';
import type { Cell, MergedArea, RawTable } from '../../src/domain/rawTable';

export type Sem = string | number | boolean | null;

export interface WorldRow {
  readonly rowNumber: number;
  /** By column header. */
  readonly sem: Record<string, Sem>;
  readonly cells: Cell[];
}

export interface WorldTab {
  readonly name: string;
  readonly headers: readonly string[];
  readonly rows: WorldRow[];
  readonly merges: MergedArea[];
}

export type World = Record<string, WorldTab>;

export interface ChangedCell {
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
}

export interface Mutation {
  readonly kind: string;
  readonly world: World;
  readonly changed: readonly ChangedCell[];
  readonly about: string;
  /**
   * The edit leaves no single right reading (a merged-over cell, a setting given twice or under a wrong
   * name): any change it makes must come with a finding at an edited cell.
   */
  readonly ambiguous?: boolean;
}

// ---- the sample as a World ------------------------------------------------------------------------

const EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;
const serialOf = (ymd: string): number => (Date.parse(`${ymd}T00:00:00Z`) - EPOCH) / DAY;
const ymdOfMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
// The oracle walks days often: a table of the days around the programme keeps that cheap.
const TABLE_FROM = Date.UTC(2020, 0, 1);
const TABLE_DAYS = Array.from({ length: 365 * 12 }, (_, i) => ymdOfMs(TABLE_FROM + i * DAY));
const TABLE_INDEX = new Map(TABLE_DAYS.map((d, i) => [d, i]));
export const addDays = (ymd: string, n: number): string => {
  const i = TABLE_INDEX.get(ymd);
  const at = i === undefined ? undefined : TABLE_DAYS[i + n];
  return at ?? ymdOfMs(Date.parse(`${ymd}T00:00:00Z`) + n * DAY);
};
const isYmd = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

const DATE_SETTINGS = new Set<string>(contract.settings.filter(s => s.type === 'date').map(s => s.name));
const dateColumn = (tab: string, header: string, row: Record<string, Sem>): boolean => {
  const spec = contract.tabs.find(t => t.name === tab);
  const col = spec?.columns.find(c => c.header === header);
  if (col?.type === 'date') return true;
  return tab === '設定' && header === '値' && DATE_SETTINGS.has(String(row.項目));
};

export function sampleWorld(): World {
  const tabs = sample.tabs as unknown as Record<string, Record<string, Sem>[]>;
  const world: World = {};
  for (const tab of contract.tabs) {
    const headers = tab.columns.map(c => c.header);
    const rows = (tabs[tab.name] ?? []).map((r, i) => {
      const sem: Record<string, Sem> = {};
      for (const h of headers) sem[h] = r[h] ?? null;
      return { rowNumber: i + 2, sem, cells: headers.map(h => cellOf(tab.name, h, sem)) };
    });
    world[tab.name] = { name: tab.name, headers, rows, merges: [] };
  }
  return world;
}

function cellOf(tab: string, header: string, sem: Record<string, Sem>): Cell {
  const v = sem[header] ?? null;
  if (v === null || v === '') return null;
  if (isYmd(v) && dateColumn(tab, header, sem)) return { serial: serialOf(v) };
  return v;
}

export function tablesOf(world: World): Map<string, RawTable> {
  const tables = new Map<string, RawTable>();
  for (const t of Object.values(world)) {
    const table: RawTable = {
      name: t.name,
      header: [...t.headers],
      rows: t.rows.map(r => ({ rowNumber: r.rowNumber, cells: [...r.cells] })),
    };
    tables.set(t.name, t.merges.length > 0 ? { ...table, merges: [...t.merges] } : table);
  }
  return tables;
}

const clone = (w: World): World =>
  Object.fromEntries(
    Object.entries(w).map(([k, t]) => [
      k,
      { ...t, rows: t.rows.map(r => ({ rowNumber: r.rowNumber, sem: { ...r.sem }, cells: [...r.cells] })), merges: [...t.merges] },
    ])
  );

// ---- seeded randomness ----------------------------------------------------------------------------

export type Rng = () => number;
/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function rngOf(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

// ---- mutations ------------------------------------------------------------------------------------

const COMPUTED = new Set<string>(
  contract.tabs.flatMap(t => t.columns.filter(c => 'computed' in c && c.computed).map(c => `${t.name}\u0000${c.header}`))
);
const inputColumns = (t: WorldTab): string[] => t.headers.filter(h => !COMPUTED.has(`${t.name}\u0000${h}`));
const userTabs = (w: World): WorldTab[] =>
  Object.values(w).filter(t => !contract.tabs.find(c => c.name === t.name && 'systemOnly' in c && c.systemOnly) && t.rows.length > 0);

function setCell(t: WorldTab, row: WorldRow, header: string, sem: Sem, cell: Cell): ChangedCell {
  row.sem[header] = sem;
  row.cells[t.headers.indexOf(header)] = cell;
  return { sheet: t.name, row: row.rowNumber, column: header };
}

/** Cells of a kind across the workbook: [tab, row, header]. */
function cellsWhere(w: World, test: (t: WorldTab, r: WorldRow, h: string) => boolean): [WorldTab, WorldRow, string][] {
  const out: [WorldTab, WorldRow, string][] = [];
  for (const t of userTabs(w)) for (const r of t.rows) for (const h of inputColumns(t)) if (test(t, r, h)) out.push([t, r, h]);
  return out;
}

const REIWA = (ymd: string): string => {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return `令和${y - 2018}年${m}月${d}日`;
};
const TEXT_DATE_STYLES: readonly ((ymd: string) => string)[] = [
  ymd => ymd.replace(/-0?/g, '/'),
  ymd => ymd,
  REIWA,
  ymd => {
    const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
    return `R${y - 2018}.${m}.${d}`;
  },
];
const fullWidth = (s: string): string => s.replace(/[0-9.]/g, c => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

type Op = (w: World, rng: Rng) => Omit<Mutation, 'world'> | null;

const OPS: Readonly<Record<string, Op>> = {
  /** A date typed a few days or weeks off (still a real date cell). */
  'date-shifted': (w, rng) => {
    const dates = cellsWhere(w, (t, r, h) => isYmd(r.sem[h]) && dateColumn(t.name, h, r.sem));
    if (dates.length === 0) return null;
    const [t, r, h] = pick(rng, dates);
    const shift = (rng() < 0.5 ? -1 : 1) * int(rng, 1, 45);
    const to = addDays(r.sem[h] as string, shift);
    return {
      kind: 'date-shifted',
      about: `${t.name}!${r.rowNumber} ${h} ${r.sem[h]} → ${to}`,
      changed: [setCell(t, r, h, to, { serial: serialOf(to) })],
    };
  },
  /** A cell cleared. */
  'cell-blanked': (w, rng) => {
    const filled = cellsWhere(w, (_t, r, h) => r.sem[h] !== null && r.sem[h] !== '');
    if (filled.length === 0) return null;
    const [t, r, h] = pick(rng, filled);
    return {
      kind: 'cell-blanked',
      about: `${t.name}!${r.rowNumber} ${h} ${String(r.sem[h])} → blank`,
      changed: [setCell(t, r, h, null, null)],
    };
  },
  /** Cells merged down a column, as Excel does it: the top value kept, the ones below gone. */
  'cells-merged': (w, rng) => {
    const tabs = userTabs(w).filter(t => t.rows.length >= 2);
    if (tabs.length === 0) return null;
    const t = pick(rng, tabs);
    const h = pick(rng, inputColumns(t));
    const c = t.headers.indexOf(h) + 1;
    const start = int(rng, 0, t.rows.length - 2);
    const depth = int(rng, 1, Math.min(3, t.rows.length - 1 - start));
    const top = t.rows[start] as WorldRow;
    if (t.merges.some(m => m.left <= c && c <= m.right && m.top <= top.rowNumber + depth && m.bottom >= top.rowNumber)) return null;
    const changed: ChangedCell[] = [];
    for (let i = 1; i <= depth; i++) changed.push(setCell(t, t.rows[start + i] as WorldRow, h, null, null));
    t.merges.push({ top: top.rowNumber, left: c, bottom: top.rowNumber + depth, right: c });
    t.merges.sort((a, b) => a.top - b.top || a.left - b.left);
    return {
      kind: 'cells-merged',
      ambiguous: true,
      about: `${t.name} ${h} rows ${top.rowNumber}..${top.rowNumber + depth} merged`,
      changed,
    };
  },
  /** A date, number or TRUE/FALSE typed as text the way people type it: the meaning is the same. */
  'typed-as-text': (w, rng) => {
    const typed = cellsWhere(w, (_t, r, h) => typeof r.sem[h] === 'number' || typeof r.sem[h] === 'boolean' || isYmd(r.sem[h]));
    if (typed.length === 0) return null;
    const [t, r, h] = pick(rng, typed);
    const v = r.sem[h] as string | number | boolean;
    const text =
      typeof v === 'boolean'
        ? pick(rng, [String(v).toUpperCase(), String(v)])
        : typeof v === 'number'
          ? rng() < 0.5
            ? fullWidth(String(v))
            : String(v)
          : pick(rng, TEXT_DATE_STYLES)(v);
    return {
      kind: 'typed-as-text',
      about: `${t.name}!${r.rowNumber} ${h} ${v} typed as 「${text}」`,
      changed: [setCell(t, r, h, v, text)],
    };
  },
  /** A setting added again further down, with a value of its own. */
  'setting-duplicated': (w, rng) => {
    const t = w.設定;
    if (!t || t.rows.length === 0) return null;
    const from = pick(
      rng,
      t.rows.filter(r => r.sem.項目 !== null)
    );
    const name = String(from.sem.項目);
    const value = from.sem.値;
    const other: Sem =
      typeof value === 'number'
        ? value + int(rng, 1, 5)
        : isYmd(value)
          ? addDays(value, int(rng, 1, 30))
          : value === null
            ? '1'
            : `${value}`;
    const rowNumber = (t.rows[t.rows.length - 1]?.rowNumber ?? 1) + 1;
    const sem: Record<string, Sem> = Object.fromEntries(t.headers.map(h => [h, null]));
    sem.項目 = name;
    sem.値 = other;
    const row: WorldRow = { rowNumber, sem, cells: t.headers.map(h => cellOf(t.name, h, sem)) };
    t.rows.push(row);
    return {
      kind: 'setting-duplicated',
      ambiguous: true,
      about: `設定 ${name} again at row ${rowNumber}: ${String(other)}`,
      changed: t.headers.map(h => ({ sheet: t.name, row: rowNumber, column: h })),
    };
  },
  /** A setting's name misspelt by one character (dropped, doubled or replaced). */
  'setting-misspelt': (w, rng) => {
    const t = w.設定;
    if (!t || t.rows.length === 0) return null;
    const r = pick(
      rng,
      t.rows.filter(x => typeof x.sem.項目 === 'string' && (x.sem.項目 as string).length >= 3)
    );
    const name = r.sem.項目 as string;
    const at = int(rng, 0, name.length - 1);
    const variants = [
      name.slice(0, at) + name.slice(at + 1),
      name.slice(0, at) + name[at] + name.slice(at),
      `${name.slice(0, at)}ー${name.slice(at + 1)}`,
    ];
    const typo = pick(rng, variants);
    if (typo === name) return null;
    return {
      kind: 'setting-misspelt',
      ambiguous: true,
      about: `設定!${r.rowNumber} ${name} → ${typo}`,
      changed: [setCell(t, r, '項目', typo, typo)],
    };
  },
};

export const MUTATION_KINDS = Object.keys(OPS);

/** One random edit of a copy of the world (null when the drawn edit does not apply). */
export function mutate(world: World, rng: Rng, kind = pick(rng, MUTATION_KINDS)): Mutation | null {
  const copy = clone(world);
  const op = OPS[kind];
  const m = op ? op(copy, rng) : null;
  return m ? { ...m, world: copy } : null;
}

// ---- what is observed -----------------------------------------------------------------------------

/** Observed values by key: figures, deadlines, statuses and reminder items, as comparable text. */
export type Observation = ReadonlyMap<string, string>;

export const OBSERVED_MONTHS = ['2024-07', '2024-11'] as const;
export const TODAY = sample.asOf;

interface ReportJson {
  readonly pd: Record<string, unknown>;
  readonly experts: Record<string, unknown>;
  readonly cases: Record<string, unknown>;
  readonly meetings: Record<string, unknown>;
}
interface CheckJson {
  readonly meetings: readonly { id: string; minutesDue: string | null; status: string; rowNumber?: number }[];
}
interface PlanJson {
  readonly notBusinessDay?: string | null;
  readonly digests?: readonly { to: string; items: readonly { kind: string; ref: string; due: string | null }[] }[];
  readonly sent?: readonly { to: string; items: readonly { kind: string; ref: string; due: string | null }[] }[];
  readonly skipped: readonly { to: string; items?: readonly { kind: string; ref: string; due: string | null }[] }[];
}

const REPORT_FIGURES = {
  pd: ['hoursThisMonth', 'daysThisMonth', 'hoursToDate', 'daysToDate'],
  experts: ['usesThisMonth', 'usesToDate'],
  cases: ['supported'],
  meetings: ['heldThisMonthTotal', 'liaisonCouncilsToDate', 'minutesOverdueAtMonthEnd'],
} as const;

/** The observation of the tool's own outputs (the domain's objects or the CLI's JSON, same shapes). */
export function observe(reports: Readonly<Record<string, ReportJson>>, checked: CheckJson, plan: PlanJson): Observation {
  const out = new Map<string, string>();
  for (const [month, r] of Object.entries(reports))
    for (const [section, keys] of Object.entries(REPORT_FIGURES))
      for (const k of keys)
        out.set(`${month} ${section}.${k}`, String((r as unknown as Record<string, Record<string, unknown>>)[section]?.[k] ?? null));
  for (const m of checked.meetings) out.set(`meeting ${m.id} due/status`, `${m.minutesDue} ${m.status}`);
  const items = [
    ...(plan.digests ?? plan.sent ?? []).flatMap(d => d.items.map(i => `${d.to.toLowerCase()}|${i.kind}|${i.ref}|${i.due}`)),
    ...plan.skipped.flatMap(s => (s.items ?? []).map(i => `skip:${s.to}|${i.kind}|${i.ref}|${i.due}`)),
  ];
  for (const i of new Set(items)) out.set(`remind ${i}`, 'sent');
  return out;
}

// ---- the oracle: the same observation computed from what the cells mean ---------------------------

const WEEKEND = new Set(TABLE_DAYS.filter(d => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())));
const isWeekend = (ymd: string): boolean =>
  TABLE_INDEX.has(ymd) ? WEEKEND.has(ymd) : [0, 6].includes(new Date(`${ymd}T00:00:00Z`).getUTCDay());
const isYearEnd = (ymd: string): boolean => (ymd.slice(5) >= '12-29' ? true : ymd.slice(5) <= '01-03');
const nationalHoliday = (ymd: string): boolean => (holidayJp.holidays as Record<string, unknown>)[ymd] !== undefined;

class Days {
  constructor(private readonly extra: ReadonlySet<string>) {}
  isBusiness(d: string): boolean {
    return !isWeekend(d) && !isYearEnd(d) && !nationalHoliday(d) && !this.extra.has(d);
  }
  add(d: string, n: number): string {
    let x = d;
    for (let k = 0; k < n; ) {
      x = addDays(x, 1);
      if (this.isBusiness(x)) k++;
    }
    return x;
  }
  countIn(from: string, to: string): number {
    let n = 0;
    for (let x = from; x <= to; x = addDays(x, 1)) if (this.isBusiness(x)) n++;
    return n;
  }
}

const DEADLINE_DAYS: Readonly<Record<string, number>> = Object.fromEntries(contract.minutesDeadlines.map(d => [d.type, d.businessDays]));
const SUPPORTED = new Set<string>(contract.supportedStages);
const CLOSED = new Set<string>(contract.closedStages);

function settingsOf(world: World): Record<string, Sem | readonly string[] | undefined> {
  const values: Record<string, Sem | readonly string[] | undefined> = {};
  for (const s of contract.settings) values[s.name] = s.default as Sem | readonly string[];
  const seen = new Set<string>();
  for (const r of world.設定?.rows ?? []) {
    const name = r.sem.項目;
    if (typeof name !== 'string' || seen.has(name) || !(name in values)) continue;
    seen.add(name);
    const v = r.sem.値;
    if (v === null || v === '') continue;
    values[name] =
      name === '追加休日'
        ? String(v)
            .split(/[,、]/)
            .map(x => x.trim())
        : v;
  }
  return values;
}

const rowsOfTab = (world: World, tab: string) => world[tab]?.rows.map(r => ({ row: r.rowNumber, ...r.sem })) ?? [];
const norm = (s: unknown): string =>
  String(s ?? '')
    .normalize('NFKC')
    .trim();
const personKey = (s: unknown): string => norm(s).toLowerCase().replace(/\s+/g, '');

const lastDayOf = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
};

/** Rows the tool can use: those whose essential cells (contract `essential`) mean something. */
function usable(world: World, tab: string): ({ row: number } & Record<string, Sem>)[] {
  const spec = contract.tabs.find(t => t.name === tab);
  const essential: string[] = (spec?.columns ?? []).filter(c => 'essential' in c && c.essential).map(c => c.header);
  const rows = rowsOfTab(world, tab) as ({ row: number } & Record<string, Sem>)[];
  return rows.filter(r => essential.every(h => r[h] !== null && r[h] !== undefined && r[h] !== ''));
}

export function oracle(world: World): Observation {
  const s = settingsOf(world);
  const start = (s.事業開始日 as string | null) ?? null;
  const end = s.事業終了日 as string;
  const dispatch = (s.PD派遣開始日 as string | null) ?? null;
  const days = new Days(new Set(s.追加休日 as readonly string[]));
  const pd = usable(world, 'PD稼働記録') as unknown as { row: number; 日付: string; 時間: number }[];
  const experts = usable(world, '専門家活用記録') as unknown as { row: number; 実施日: string; 状態: string; 事前協議日: string | null }[];
  const cases = usable(world, '案件台帳') as unknown as {
    row: number;
    案件ID: string;
    段階: string;
    支援開始日: string | null;
    次回期日: string | null;
    担当: string | null;
  }[];
  const meetings = usable(world, '会議登録簿') as unknown as {
    row: number;
    会議ID: string;
    種別: string;
    開催日: string;
    議事録共有日: string | null;
    議事録担当: string | null;
  }[];
  const out = new Map<string, string>();
  const round2 = (n: number): number => Math.round(n * 100) / 100;
  const within = (d: string, from: string | null, to: string): boolean => (from === null || from <= d) && d <= to;
  const dueOf = (m: (typeof meetings)[number]): string | null => {
    const n = DEADLINE_DAYS[m.種別];
    return n === undefined ? null : days.add(m.開催日, n);
  };
  const statusAt = (m: (typeof meetings)[number], sharedOn: string | null, today: string): string => {
    const due = dueOf(m);
    if (due === null) return 'no-deadline';
    if (sharedOn !== null) return sharedOn <= due ? 'shared' : 'shared-late';
    if (m.開催日 > today) return 'scheduled';
    if (today > due) return 'overdue';
    return due <= days.add(today, 2) ? 'due-soon' : 'pending';
  };
  for (const month of OBSERVED_MONTHS) {
    const from = `${month}-01`;
    const to = lastDayOf(month);
    // Dates as YYYY-MM-DD compare as text; the earlier of the month's end and today.
    const heldBy = [to, TODAY].sort()[0] as string;
    const thisMonth = pd.filter(r => within(r.日付, from, to));
    const toDate = pd.filter(r => within(r.日付, start, to));
    const key = (k: string): string => `${month} ${k}`;
    out.set(key('pd.hoursThisMonth'), String(round2(thisMonth.reduce((a, r) => a + r.時間, 0))));
    out.set(key('pd.daysThisMonth'), String(new Set(thisMonth.map(r => r.日付)).size));
    out.set(key('pd.hoursToDate'), String(round2(toDate.reduce((a, r) => a + r.時間, 0))));
    out.set(key('pd.daysToDate'), String(new Set(toDate.map(r => r.日付)).size));
    const uses = experts.filter(x => x.状態 !== '中止');
    out.set(key('experts.usesThisMonth'), String(uses.filter(x => within(x.実施日, from, to)).length));
    out.set(key('experts.usesToDate'), String(uses.filter(x => within(x.実施日, start, to)).length));
    out.set(
      key('cases.supported'),
      String(cases.filter(c => SUPPORTED.has(c.段階) && (c.支援開始日 === null || c.支援開始日 <= to)).length)
    );
    const inMonth = meetings.filter(m => within(m.開催日, from, to));
    out.set(key('meetings.heldThisMonthTotal'), String(inMonth.filter(m => m.開催日 <= heldBy).length));
    out.set(
      key('meetings.liaisonCouncilsToDate'),
      String(meetings.filter(m => m.種別 === '地域連携会議' && within(m.開催日, start, heldBy)).length)
    );
    out.set(
      key('meetings.minutesOverdueAtMonthEnd'),
      String(
        meetings.filter(m => statusAt(m, m.議事録共有日 !== null && m.議事録共有日 <= heldBy ? m.議事録共有日 : null, heldBy) === 'overdue')
          .length
      )
    );
  }
  for (const m of meetings) out.set(`meeting ${m.会議ID} due/status`, `${dueOf(m)} ${statusAt(m, m.議事録共有日, TODAY)}`);
  for (const item of reminderItems(world, s, days, { meetings, cases, experts, pd, statusAt, dueOf, dispatch, start, end }))
    out.set(`remind ${item}`, 'sent');
  return out;
}

function reminderItems(
  world: World,
  s: Record<string, Sem | readonly string[] | undefined>,
  days: Days,
  x: {
    meetings: { row: number; 会議ID: string; 種別: string; 開催日: string; 議事録共有日: string | null; 議事録担当: string | null }[];
    cases: { row: number; 案件ID: string; 段階: string; 次回期日: string | null; 担当: string | null }[];
    experts: { row: number; 実施日: string; 状態: string; 事前協議日: string | null }[];
    pd: { row: number; 日付: string }[];
    statusAt: (m: never, sharedOn: string | null, today: string) => string;
    dueOf: (m: never) => string | null;
    dispatch: string | null;
    start: string | null;
    end: string;
  }
): string[] {
  const today = TODAY;
  if (!days.isBusiness(today)) return [];
  const handlers = usable(world, '情報取扱者名簿') as unknown as {
    氏名: string | null;
    メール: string;
    役割: string | null;
    有効: boolean | string | null;
  }[];
  const active = handlers.filter(h => h.有効 === true || norm(h.有効).toUpperCase() === 'TRUE');
  const items: string[] = [];
  const LEADER = '事業担当リーダー';
  const toPerson = (person: string | null, item: string): void => {
    if (person === null) {
      toRole(LEADER, item);
      return;
    }
    const h = active.find(a => personKey(a.氏名) === personKey(person) || personKey(a.メール) === personKey(person));
    items.push(h ? `${h.メール.toLowerCase()}|${item}` : `skip:${norm(person)}|${item}`);
  };
  const toRole = (role: string, item: string): void => {
    const hs = active.filter(a => a.役割 === role);
    if (hs.length === 0) items.push(`skip:${role}|${item}`);
    for (const h of hs) items.push(`${h.メール.toLowerCase()}|${item}`);
  };
  for (const m of x.meetings) {
    const status = x.statusAt(m as never, m.議事録共有日, today);
    if (status === 'overdue' || status === 'due-soon')
      toPerson(m.議事録担当, `${status === 'overdue' ? 'minutes-overdue' : 'minutes-due-soon'}|${m.会議ID}|${x.dueOf(m as never)}`);
  }
  const horizon = days.add(today, 2);
  for (const c of x.cases)
    if (c.次回期日 !== null && c.次回期日 <= horizon && !CLOSED.has(c.段階)) toPerson(c.担当, `case-action-due|${c.案件ID}|${c.次回期日}`);
  const expertHorizon = days.add(today, 5);
  for (const e of x.experts)
    if (e.状態 === '予定' && today <= e.実施日 && e.実施日 <= expertHorizon && (e.事前協議日 === null || e.事前協議日 > e.実施日))
      toRole(LEADER, `expert-consultation-missing|専門家活用記録!R${e.row}|${e.実施日}`);
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  const monday = addDays(today, -((weekday + 6) % 7) - 7);
  const sunday = addDays(monday, 6);
  if (
    x.dispatch !== null &&
    monday >= x.dispatch &&
    sunday <= x.end &&
    days.countIn(monday, sunday) > 0 &&
    !x.pd.some(h => monday <= h.日付 && h.日付 <= sunday)
  ) {
    toRole('事業PD', `timesheet-missing|${monday}/${sunday}|null`);
    toRole(LEADER, `timesheet-missing|${monday}/${sunday}|null`);
  }
  const first = `${today.slice(0, 7)}-01`;
  if (days.countIn(first, today) <= 3) {
    const lastMonthDay = addDays(first, -1);
    const last = lastMonthDay.slice(0, 7);
    if (lastMonthDay >= (x.start ?? '0000-01-01') && `${last}-01` <= x.end)
      toRole(LEADER, `monthly-report-due|${last}|${days.add(lastMonthDay, 3)}`);
  }
  yearReminders(world, s, days, x, toRole);
  return [...new Set(items)];
}

/** The month a 対象月 cell means, as people type it (2024-10, 2024年10月, R6.10, 令和6年10月), or null. */
function monthOfText(v: Sem): string | null {
  const t = norm(v);
  const m = /^(\d{4})[-/.](\d{1,2})$/.exec(t) ?? /^(\d{4})年(\d{1,2})月$/.exec(t);
  const era = /^(?:R|令和)(\d{1,2})[.年](\d{1,2})月?$/.exec(t);
  const [y, mm] = m ? [Number(m[1]), Number(m[2])] : era ? [2018 + Number(era[1]), Number(era[2])] : [0, 0];
  return y > 0 && mm >= 1 && mm <= 12 ? `${y}-${String(mm).padStart(2, '0')}` : null;
}

/**
 * The reminders of the year's obligations (README "Reminders: who is told what"), from the meaning of the cells:
 * PD reports past their deadline, the evaluation due, evaluations not reported, the presentation's announcement and
 * write-up, permissions pending near 納入期限. Each item goes to its roles through `toRole`.
 */
function yearReminders(
  world: World,
  s: Record<string, Sem | readonly string[] | undefined>,
  days: Days,
  x: { meetings: { 会議ID: string; 種別: string; 開催日: string }[]; dispatch: string | null; end: string },
  toRole: (role: string, item: string) => void
): void {
  const today = TODAY;
  const LEADER = '事業担当リーダー';
  const HEAD = '事業統括責任者';
  const monthOf = (d: string): string => d.slice(0, 7);
  const nextMonth = (m: string): string => monthOf(addDays(lastDayOf(m), 1));
  if (x.dispatch !== null) {
    const reports = usable(world, 'PD月次報告') as unknown as { 対象月: Sem; 受領日: string | null }[];
    const n = Number(s.PD月次報告期限 ?? 5);
    for (let m = monthOf(x.dispatch); m <= monthOf(x.end); m = nextMonth(m)) {
      const due = days.add(lastDayOf(m), n);
      if (today > due && !reports.some(r => monthOfText(r.対象月) === m && r.受領日 !== null)) {
        toRole('事業PD', `pd-report-overdue|${m}|${due}`);
        toRole(LEADER, `pd-report-overdue|${m}|${due}`);
      }
    }
  }
  const evaluations = usable(world, 'PD評価') as unknown as { 評価ID: string; 評価日: string; 総合評価: Sem; 庁報告日: string | null }[];
  const graded = (e: (typeof evaluations)[number]): boolean => ['A', 'B', 'C', 'D'].includes(norm(e.総合評価));
  const done = evaluations.filter(e => e.評価日 <= today && graded(e));
  let evalDue = (s.PD評価期限 as string | null) ?? null;
  if (evalDue === null) {
    evalDue = addDays(`${monthOf(x.end)}-01`, -1);
    while (!days.isBusiness(evalDue)) evalDue = addDays(evalDue, -1);
  }
  if (done.length === 0 && today >= addDays(evalDue, -30)) {
    toRole(HEAD, `pd-evaluation-due|PD評価|${evalDue}`);
    toRole(LEADER, `pd-evaluation-due|PD評価|${evalDue}`);
  }
  for (const e of done) if (e.庁報告日 === null) toRole(HEAD, `pd-evaluation-unreported|${e.評価ID}|null`);
  const publicity = usable(world, '広報記録') as unknown as { 掲載日: string; 種類: string; 媒体区分: string; 会議ID: Sem }[];
  const forIt = (p: (typeof publicity)[number], id: string): boolean => p.会議ID === null || p.会議ID === '' || norm(p.会議ID) === id;
  for (const m of x.meetings.filter(y => y.種別 === '成果発表会')) {
    const announced = publicity.some(
      p => forIt(p, m.会議ID) && p.種類 === '開催案内' && ['新聞', 'テレビ'].includes(p.媒体区分) && p.掲載日 < m.開催日
    );
    if (today < m.開催日 && addDays(m.開催日, -14) <= today && !announced)
      toRole(LEADER, `presentation-announcement-due|${m.会議ID}|${m.開催日}`);
    if (m.開催日 <= today && !publicity.some(p => forIt(p, m.会議ID) && p.種類 === '採録記事' && p.掲載日 >= m.開催日))
      toRole(LEADER, `presentation-coverage-missing|${m.会議ID}|null`);
  }
  const delivery = (s.納入期限 as string | null) ?? x.end;
  if (today >= addDays(delivery, -30) && today <= delivery)
    for (const p of usable(world, '転載許可') as unknown as { row: number; 許可日: string | null }[])
      if (p.許可日 === null) toRole('事業担当者', `reprint-permission-pending|転載許可!R${p.row}|${delivery}`);
}

// ---- the invariant --------------------------------------------------------------------------------

export interface FindingAt {
  readonly sheet: string;
  readonly row: number | null;
  readonly column: string | null;
}

/** A finding at a changed cell (or on its row, or its whole tab) explains any change the edit made. */
export const flagged = (findings: readonly FindingAt[], changed: readonly ChangedCell[]): boolean =>
  findings.some(f =>
    changed.some(c => f.sheet === c.sheet && (f.row === null || (f.row === c.row && (f.column === null || f.column === c.column))))
  );

/**
 * What breaks the invariant: each observed value that differs from the original's, with no finding at a
 * changed cell, and is not the oracle's value for the mutated data. Empty when the invariant holds.
 */
export function violations(
  before: Observation,
  after: Observation,
  expectedOf: () => Observation,
  findings: readonly FindingAt[],
  changed: readonly ChangedCell[]
): string[] {
  if (flagged(findings, changed)) return [];
  let computed: Observation | null = null;
  const expected = {
    get: (k: string) => {
      if (computed === null) computed = expectedOf();
      return computed.get(k);
    },
  };
  const keys = new Set([...before.keys(), ...after.keys()]);
  const out: string[] = [];
  for (const k of keys) {
    const a = after.get(k);
    if (before.get(k) === a) continue;
    if (expected.get(k) === a) continue;
    out.push(`${k}: ${before.get(k) ?? '(none)'} → ${a ?? '(none)'}, expected ${expected.get(k) ?? '(none)'}`);
  }
  return out;
}
