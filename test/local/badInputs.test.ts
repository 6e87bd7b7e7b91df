/**
 * Bad input through every CLI command (DESIGN "Local CLI contract"): for each case of the corpus
 * (scripts/make-bad-inputs.ts) each command ends with the contract's exit code and a Japanese message that
 * names the tab, row and column of each cell at fault, never a stack trace; the input's bytes are unchanged;
 * no output is left half-written. Each run generates the corpus afresh into its own temporary folder (two
 * test runs in one work tree must not rewrite each other's inputs); `node scripts/make-bad-inputs.mjs`
 * writes the same files into test/fixtures/bad-inputs/ to look at.
 *
 * The matrix runs the CLI in this process (`main(argv, io)`, with anything written straight to the process's
 * stdout/stderr captured too), which keeps it fast; the built CLI runs as a child process for the exit codes
 * and stderr as a shell sees them.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as XLSX from 'xlsx';
import {
  AS_OF,
  type BadInputCase,
  cases,
  type FindingKey,
  fileName,
  longEmojiText,
  REPORT_MONTH,
  type WorkbookCase,
  writeBadInputs,
} from '../../scripts/make-bad-inputs';
import { commands, main } from '../../src/local/cli';

const mammoth = require('mammoth') as { extractRawText(input: { path: string }): Promise<{ value: string }> };

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/chizai-desk.js');
/** A line of a stack trace as Node prints one. */
const STACK_FRAME = /^ {4}at /m;
// The fs the adapters call (a live binding, so a spy on it is what they see).
const fs = require('node:fs') as typeof import('node:fs');
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Everything the output folder holds afterwards, relative paths. */
  readonly outFiles: readonly string[];
  readonly outDir: string;
}

interface FindingJson extends FindingKey {
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

// ---- the commands, as a table: a command the CLI does not have yet is left out --------------------

interface CommandUnderTest {
  readonly label: string;
  readonly command: string;
  readonly args: (file: string, out: string) => string[];
  /** Exit code on a workbook that can be read, with or without error findings. */
  readonly exitOnWorkbook: (hasErrors: boolean) => number;
}

const ALL_COMMANDS: readonly CommandUnderTest[] = [
  {
    label: 'check --annotate',
    command: 'check',
    args: (f, out) => ['check', f, '--today', AS_OF, '--annotate', join(out, 'checked.xlsx')],
    exitOnWorkbook: errors => (errors ? 1 : 0),
  },
  {
    label: 'check --json',
    command: 'check',
    args: f => ['check', f, '--today', AS_OF, '--json'],
    exitOnWorkbook: errors => (errors ? 1 : 0),
  },
  {
    label: 'report',
    command: 'report',
    args: (f, out) => ['report', f, '--month', REPORT_MONTH, '--out', out, '--today', AS_OF],
    exitOnWorkbook: () => 0,
  },
  {
    label: 'remind',
    command: 'remind',
    args: (f, out) => ['remind', f, '--outbox', join(out, 'outbox'), '--today', AS_OF, '--state', join(out, 'state.json')],
    exitOnWorkbook: () => 0,
  },
  // init never overwrites: every path of the corpus that exists is refused and left as it was.
  { label: 'init (existing path)', command: 'init', args: f => ['init', f], exitOnWorkbook: () => 1 },
];
const COMMANDS = ALL_COMMANDS.filter(c => commands.some(k => k.name === c.command));

const workbookCases = cases.filter((c): c is WorkbookCase => c.kind === 'workbook');
const fileCases = cases.filter(c => c.kind === 'file');
const pathOf = (c: BadInputCase): string => join(CORPUS, fileName(c));
const sha256 = (path: string): string | null =>
  existsSync(path) && statSync(path).isFile()
    ? createHash('sha256').update(readFileSync(path)).digest('hex')
    : existsSync(path)
      ? 'directory'
      : null;

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]
  );
}

const scratch = mkdtempSync(join(tmpdir(), 'chizai-bad-inputs-'));
const CORPUS = join(scratch, 'bad-inputs');
let runSeq = 0;

/** The CLI in this process, as `chizai-desk <argv>`; the process's own stdout/stderr are captured as well. */
async function runCli(argv: (out: string) => string[]): Promise<Run> {
  const outDir = join(scratch, `run-${++runSeq}`);
  mkdirSync(outDir);
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    out.push(String(chunk));
    return true;
  });
  const writeErr = jest.spyOn(process.stderr, 'write').mockImplementation(chunk => {
    err.push(String(chunk));
    return true;
  });
  const log = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const warn = jest.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const error = jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const code = await main(argv(outDir), { out: l => void out.push(`${l}\n`), err: l => void err.push(`${l}\n`) });
    return { code, stdout: out.join(''), stderr: err.join(''), outFiles: listFiles(outDir), outDir };
  } finally {
    for (const s of [writeOut, writeErr, log, warn, error]) s.mockRestore();
  }
}

/** The built CLI as a child process (`node bin/chizai-desk.js`). */
function runBin(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: scratch, env: { ...process.env, CHIZAI_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => (stdout += String(d)));
    child.stderr.on('data', d => (stderr += String(d)));
    child.on('error', fail);
    child.on('close', code => done({ code, stdout, stderr }));
  });
}

/** `「列」` reference of a finding as the terminal shows it (src/local/findingsText.ts). */
const place = (f: FindingKey): string =>
  [f.sheet, f.row === null ? null : `${f.row}行目`, f.column === null ? null : `「${f.column}」列`].filter(Boolean).join(' ');
const key = (f: FindingKey): string => `${f.sheet}|${f.row ?? ''}|${f.column ?? ''}|${f.code}`;

/** Every cell of a workbook as SheetJS (not the CLI's exceljs) reads it, except 会議登録簿's computed 期限/状態. */
function typedCells(bytes: Buffer): Map<string, string> {
  const wb = XLSX.read(bytes, { type: 'buffer', cellFormula: true, cellDates: false });
  const cells = new Map<string, string>();
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name] ?? {};
    const header: Record<number, string> = {};
    for (const a1 of Object.keys(ws)) {
      if (a1.startsWith('!')) continue;
      const { r, c } = XLSX.utils.decode_cell(a1);
      if (r === 0)
        header[c] = String(ws[a1]?.v ?? '')
          .normalize('NFKC')
          .trim();
    }
    for (const a1 of Object.keys(ws)) {
      if (a1.startsWith('!')) continue;
      const { r, c } = XLSX.utils.decode_cell(a1);
      if (r > 0 && name.normalize('NFKC').trim() === '会議登録簿' && ['期限', '状態'].includes(header[c] ?? '')) continue;
      const cell = ws[a1] as XLSX.CellObject;
      if (cell.v === undefined && !cell.f) continue;
      const v =
        typeof cell.v === 'string' && cell.v.length > 200
          ? `${cell.v.length} chars, sha256 ${createHash('sha256').update(cell.v).digest('hex')}`
          : cell.v;
      cells.set(`${name}!${a1}`, JSON.stringify([cell.t, v ?? null, cell.f ?? null]));
    }
  }
  return cells;
}

const isZip = (bytes: Buffer): boolean => {
  try {
    XLSX.CFB.read(bytes, { type: 'buffer' });
    return true;
  } catch {
    return false;
  }
};

// ---- running the matrix --------------------------------------------------------------------------

const results = new Map<string, Run>();
const hashesBefore = new Map<string, string | null>();
const resultOf = (c: BadInputCase, label: string): Run => {
  const r = results.get(`${c.name}|${label}`);
  if (!r) throw new Error(`no run of ${label} on ${c.name}`);
  return r;
};
let clean: { findings: FindingJson[]; meetings: { id: string; status: string }[] };

beforeAll(async () => {
  await writeBadInputs(CORPUS);
  for (const c of cases) hashesBefore.set(c.name, sha256(pathOf(c)));
  for (const c of cases)
    for (const command of COMMANDS) {
      // init onto the free path would create it: that run has its own test below.
      if (c.name === 'does-not-exist' && command.command === 'init') continue;
      results.set(`${c.name}|${command.label}`, await runCli(out => command.args(pathOf(c), out)));
    }
  clean = JSON.parse(resultOf(cases[0] as BadInputCase, 'check --json').stdout);
}, 240_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('the corpus covers every kind of trouble people leave in a workbook, each case in its own file', () => {
  const names = cases.map(c => c.name);
  expect(new Set(names).size).toBe(names.length);
  for (const c of cases) if (c.kind === 'workbook' || c.name !== 'does-not-exist') expect(existsSync(pathOf(c))).toBe(true);
  expect(existsSync(pathOf(cases.find(c => c.name === 'does-not-exist') as BadInputCase))).toBe(false);
  expect(readFileSync(join(CORPUS, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
});

test('the 50,000-character cells hold their emoji whole (an independent reader finds no U+FFFD)', () => {
  const c = cases.find(x => x.name === 'long-cells-with-emoji') as BadInputCase;
  const wb = XLSX.read(readFileSync(pathOf(c)), { type: 'buffer' });
  const note = wb.Sheets.PD稼働記録?.H2?.v as string;
  expect(note).toBe(longEmojiText('備考'));
  expect(note).toHaveLength(50_000);
});

test('the clean baseline checks clean: no finding, exit 0', () => {
  const run = resultOf(cases[0] as BadInputCase, 'check --json');
  expect(run.code).toBe(0);
  expect(clean.findings).toEqual([]);
  expect(clean.meetings.length).toBeGreaterThan(10);
});

describe.each(workbookCases.map(c => [c.name, c] as const))('workbook case %s', (_name, c) => {
  const errors = c.adds.some(f => !['pd-day-over-standard', 'outside-programme-period'].includes(f.code) && !(f.sheet === '実行ログ'));

  test('check --json reports exactly the cells at fault, with the contract codes', () => {
    const run = resultOf(c, 'check --json');
    const json = JSON.parse(run.stdout) as { findings: FindingJson[]; meetings: { id: string; status: string }[] };
    expect(json.findings.map(key).sort()).toEqual(c.adds.map(key).sort());
    for (const f of json.findings) expect(f.message).toMatch(JAPANESE);
    // Findings at a cell name the cell: a data row's findings are never whole-tab ones.
    for (const f of json.findings) if (f.row !== null && f.row > 1) expect(f.column).not.toBeNull();
    const changed = new Set(c.changesMeetings ?? []);
    const keep = (ms: { id: string; status: string }[]) => ms.filter(m => !changed.has(m.id));
    expect(keep(json.meetings)).toEqual(keep(clean.meetings));
  });

  test('every command ends with the contract exit code and Japanese output, no stack trace', () => {
    for (const command of COMMANDS) {
      const run = resultOf(c, command.label);
      expect({ command: command.label, code: run.code }).toEqual({ command: command.label, code: command.exitOnWorkbook(errors) });
      expect(`${run.stdout}${run.stderr}`).toMatch(JAPANESE);
      expect(run.stderr).not.toMatch(STACK_FRAME);
      expect(run.stdout).not.toMatch(STACK_FRAME);
      // A 50,000-character cell is quoted, not copied, into messages.
      for (const line of `${run.stderr}`.split('\n')) expect(line.length).toBeLessThan(2_000);
    }
  });

  test('check names the tab, row and column of each cell at fault', () => {
    const run = resultOf(c, 'check --annotate');
    for (const f of c.adds) expect(run.stdout).toContain(place(f));
  });

  test('check --annotate writes a whole copy, marks only, every typed value as it was; nothing else is left', () => {
    const run = resultOf(c, 'check --annotate');
    expect(run.outFiles).toEqual(['checked.xlsx']);
    const copy = readFileSync(join(run.outDir, 'checked.xlsx'));
    expect(typedCells(copy)).toEqual(typedCells(readFileSync(pathOf(c))));
  });

  const report = COMMANDS.find(k => k.command === 'report');
  (report ? test : test.skip)('report writes a whole .docx and no temp file', () => {
    const run = resultOf(c, 'report');
    expect(run.outFiles.filter(f => /(^|\/)\.|\.tmp$/.test(f))).toEqual([]);
    const docx = run.outFiles.filter(f => f.endsWith('.docx'));
    expect(docx).toHaveLength(1);
    expect(isZip(readFileSync(join(run.outDir, docx[0] as string)))).toBe(true);
  });

  (report ? test : test.skip)('report lists each cell at fault by tab, row and column in its appendix', async () => {
    const run = resultOf(c, 'report');
    const docx = run.outFiles.find(f => f.endsWith('.docx')) as string;
    const { value: text } = await mammoth.extractRawText({ path: join(run.outDir, docx) });
    const flat = text.replace(/\s+/g, ' ');
    for (const f of c.adds.filter(x => x.row !== null && x.sheet !== '実行ログ')) expect(flat).toContain(`${f.sheet} ${f.row} ${f.column}`);
  });

  const remind = COMMANDS.find(k => k.command === 'remind');
  (remind ? test : test.skip)('remind names each cell at fault and leaves only whole files in its outbox', () => {
    const run = resultOf(c, 'remind');
    for (const f of c.adds) expect(`${run.stdout}${run.stderr}`).toContain(place(f));
    expect(run.outFiles.filter(f => /(^|\/)\.|\.tmp$/.test(f))).toEqual([]);
    for (const f of run.outFiles) expect(statSync(join(run.outDir, f)).size).toBeGreaterThan(0);
  });

  test('the input file is byte for byte as it was', () => {
    expect(sha256(pathOf(c))).toBe(hashesBefore.get(c.name));
  });
});

describe.each(fileCases.map(c => [c.name, c] as const))('file case %s (%s)', (_name, c) => {
  const exists = c.name !== 'does-not-exist';

  test('every reading command exits 2 with one Japanese message naming the file; init refuses an existing path', () => {
    for (const command of COMMANDS) {
      if (!exists && command.command === 'init') continue;
      const run = resultOf(c, command.label);
      const expected = command.command === 'init' ? 1 : 2;
      expect({ command: command.label, code: run.code }).toEqual({ command: command.label, code: expected });
      expect(run.stderr).toMatch(JAPANESE);
      expect(run.stderr).toContain(fileName(c));
      expect(run.stderr).not.toMatch(STACK_FRAME);
      expect(run.stderr).not.toContain('予期しないエラー');
      if (command.command !== 'init') expect(run.outFiles).toEqual([]);
    }
  });

  test('the input is as it was (or still absent)', () => {
    expect(sha256(pathOf(c))).toBe(hashesBefore.get(c.name));
  });
});

describe('the built CLI, as a shell runs it', () => {
  const probes: [string, string, number][] = [
    ...fileCases.filter(c => c.name !== 'does-not-exist').map(c => [c.name, 'check', 2] as [string, string, number]),
    ['does-not-exist', 'check', 2],
    ['clean-sample', 'check', 0],
    ['long-cells-with-emoji', 'check', 1],
    ['missing-tabs', 'check', 1],
    ['clean-sample', 'init', 1],
  ];

  test.each(probes)(
    '%s: %s exits %d with Japanese on stderr or stdout and no stack trace',
    async (name, command, code) => {
      const c = cases.find(x => x.name === name) as BadInputCase;
      const args = command === 'check' ? ['check', pathOf(c), '--today', AS_OF] : [command, pathOf(c)];
      const run = await runBin(args);
      expect(run.code).toBe(code);
      expect(`${run.stdout}${run.stderr}`).toMatch(JAPANESE);
      expect(run.stderr).not.toMatch(STACK_FRAME);
      expect(sha256(pathOf(c))).toBe(hashesBefore.get(c.name));
    },
    30_000
  );
});

describe('an output that cannot be written is never left half-written', () => {
  const cleanFile = (): string => pathOf(cases[0] as BadInputCase);

  test('--annotate onto an existing folder: exit 2, a Japanese message naming it, the folder and its parent as they were', async () => {
    const run = await runCli(out => {
      mkdirSync(join(out, 'checked.xlsx'));
      return ['check', cleanFile(), '--today', AS_OF, '--annotate', join(out, 'checked.xlsx')];
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('checked.xlsx');
    expect(run.stderr).toMatch(/書き出せません/);
    expect(run.stderr).not.toContain('予期しないエラー');
    expect(listFiles(run.outDir)).toEqual([]);
    expect(statSync(join(run.outDir, 'checked.xlsx')).isDirectory()).toBe(true);
  });

  test('--annotate under a path whose folder is a file: exit 2, a Japanese message, nothing written', async () => {
    const run = await runCli(out => {
      writeFileSync(join(out, 'notes.txt'), 'メモ');
      return ['check', cleanFile(), '--today', AS_OF, '--annotate', join(out, 'notes.txt', 'checked.xlsx')];
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/書き出せません.*notes\.txt/);
    expect(listFiles(run.outDir)).toEqual(['notes.txt']);
  });

  test('the disk filling up half-way through the write: exit 2, the temp file removed, no output file', async () => {
    const real = fs.writeFileSync;
    const spy = jest.spyOn(fs, 'writeFileSync').mockImplementation((path, data, options) => {
      // Half of the bytes reach the disk, then it is full.
      const bytes = Buffer.from(data as Buffer);
      real(path, bytes.subarray(0, bytes.length >> 1), options);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    try {
      const run = await runCli(out => ['check', cleanFile(), '--today', AS_OF, '--annotate', join(out, 'checked.xlsx')]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/書き出せませんでした.*checked\.xlsx.*ディスクの空きが足りません/);
      expect(run.outFiles).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  test('the rename failing after the whole temp file was written: exit 2, the temp file removed, no output', async () => {
    const spy = jest.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw Object.assign(new Error('EACCES: permission denied, rename'), { code: 'EACCES' });
    });
    try {
      const run = await runCli(out => ['check', cleanFile(), '--today', AS_OF, '--annotate', join(out, 'checked.xlsx')]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/書き出せませんでした.*権限/);
      expect(run.outFiles).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  test('an earlier annotated copy survives a failed rewrite whole', async () => {
    const run1 = await runCli(out => ['check', cleanFile(), '--today', AS_OF, '--annotate', join(out, 'checked.xlsx')]);
    const before = readFileSync(join(run1.outDir, 'checked.xlsx'));
    const spy = jest.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
    });
    try {
      const run2 = await runCli(() => ['check', cleanFile(), '--today', AS_OF, '--annotate', join(run1.outDir, 'checked.xlsx')]);
      expect(run2.code).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(listFiles(run1.outDir)).toEqual(['checked.xlsx']);
    expect(readFileSync(join(run1.outDir, 'checked.xlsx')).equals(before)).toBe(true);
  });

  test('init onto a missing path writes one whole workbook and nothing else', async () => {
    const run = await runCli(out => ['init', join(out, 'new', 'book.xlsx')]);
    expect(run.code).toBe(0);
    expect(run.outFiles).toEqual(['new/book.xlsx']);
    const wb = XLSX.read(readFileSync(join(run.outDir, 'new', 'book.xlsx')), { type: 'buffer' });
    expect(wb.SheetNames).toContain('PD稼働記録');
  });
});
