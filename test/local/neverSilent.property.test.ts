/**
 * Never silently wrong, as a property, end to end: seeded random edits of the sample workbook (as in
 * test/domain/neverSilent.property.test.ts) written as real .xlsx files by SheetJS, read by the CLI's
 * commands (`check --json`, `report --json`, `remind --json`) in this process, and one of them through the
 * built CLI as a child process. Fewer cases than the domain's: each is a file and four commands.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { main } from '../../src/local/cli';
import {
  type FindingAt,
  mutate,
  OBSERVED_MONTHS,
  type Observation,
  observe,
  oracle,
  rngOf,
  sampleWorld,
  TODAY,
  violations,
  type World,
} from '../support/mutations';
import { removeTempDirs, runCli, tempDir } from './support';

const SEED = Number(process.env.CHIZAI_SEED ?? 20241202) + 1;
const CASES = Number(process.env.CHIZAI_XLSX_CASES ?? 40);

afterAll(removeTempDirs);

/** The world as an .xlsx a person would have: date cells formatted as dates, text as text, merges as merges. */
function writeWorld(world: World, path: string): void {
  const wb = XLSX.utils.book_new();
  for (const tab of Object.values(world)) {
    const ws: XLSX.WorkSheet = {};
    tab.headers.forEach((h, c) => {
      ws[XLSX.utils.encode_cell({ r: 0, c })] = { t: 's', v: h };
    });
    tab.rows.forEach(row => {
      row.cells.forEach((cell, c) => {
        if (cell === null || cell === '') return;
        const at = XLSX.utils.encode_cell({ r: row.rowNumber - 1, c });
        if (typeof cell === 'object' && 'serial' in cell) ws[at] = { t: 'n', v: cell.serial, z: 'yyyy-mm-dd' };
        else if (typeof cell === 'number') ws[at] = { t: 'n', v: cell };
        else if (typeof cell === 'boolean') ws[at] = { t: 'b', v: cell };
        else if (typeof cell === 'string') ws[at] = { t: 's', v: cell };
      });
    });
    const last = Math.max(1, ...tab.rows.map(r => r.rowNumber));
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: last - 1, c: tab.headers.length - 1 } });
    if (tab.merges.length > 0)
      ws['!merges'] = tab.merges.map(m => ({ s: { r: m.top - 1, c: m.left - 1 }, e: { r: m.bottom - 1, c: m.right - 1 } }));
    XLSX.utils.book_append_sheet(wb, ws, tab.name);
  }
  XLSX.writeFile(wb, path);
}

async function cli(args: string[]): Promise<string> {
  const out: string[] = [];
  const code = await main(args, { out: l => void out.push(l), err: () => undefined });
  expect(code).toBeLessThanOrEqual(1);
  return out.join('\n');
}

/** Reminders the CLI cannot show a skipped recipient's items for: compared without them. */
const withoutSkipped = (o: Observation): Observation => new Map([...o].filter(([k]) => !k.startsWith('remind skip:')));

async function observed(path: string, scratch: string): Promise<{ observation: Observation; findings: FindingAt[] }> {
  const checked = JSON.parse(await cli(['check', path, '--today', TODAY, '--json']));
  const reports: Record<string, Parameters<typeof observe>[0][string]> = {};
  for (const m of OBSERVED_MONTHS)
    reports[m] = JSON.parse(await cli(['report', path, '--month', m, '--today', TODAY, '--json', '--out', scratch]));
  const remind = JSON.parse(await cli(['remind', path, '--outbox', join(scratch, 'outbox'), '--today', TODAY, '--json']));
  return { observation: withoutSkipped(observe(reports, checked, remind)), findings: checked.findings };
}

test(`${CASES} seeded edits as real .xlsx files through the CLI: every change is flagged at an edited cell or is the right one`, async () => {
  const dir = tempDir();
  const base = sampleWorld();
  const basePath = join(dir, 'base.xlsx');
  writeWorld(base, basePath);
  const before = await observed(basePath, join(dir, 'base-out'));
  expect(before.observation).toEqual(withoutSkipped(oracle(base)));
  const rng = rngOf(SEED);
  const failures: string[] = [];
  for (let i = 0, done = 0; done < CASES && i < CASES * 3; i++) {
    const m = mutate(base, rng);
    if (!m) continue;
    done++;
    const scratch = join(dir, `case-${i}`);
    mkdirSync(scratch);
    const path = join(scratch, 'book.xlsx');
    writeWorld(m.world, path);
    const after = await observed(path, scratch);
    const bad = violations(
      before.observation,
      after.observation,
      () => (m.ambiguous ? new Map() : withoutSkipped(oracle(m.world))),
      after.findings,
      m.changed
    );
    if (bad.length > 0) failures.push(`case ${i} (${m.kind}: ${m.about}):\n  ${bad.slice(0, 6).join('\n  ')}`);
    rmSync(scratch, { recursive: true, force: true });
  }
  expect(failures).toEqual([]);
}, 180_000);

test('the built CLI as a child process gives the same observation as in this process (one merged edit)', async () => {
  const dir = tempDir();
  const rng = rngOf(SEED);
  let m = mutate(sampleWorld(), rng, 'cells-merged');
  while (!m) m = mutate(sampleWorld(), rng, 'cells-merged');
  const path = join(dir, 'book.xlsx');
  writeWorld(m.world, path);
  const inProcess = await observed(path, join(dir, 'a'));
  const bin = (args: string[]) => {
    const r = runCli(args);
    expect(r.status).toBeLessThanOrEqual(1);
    return JSON.parse(r.stdout);
  };
  const reports = Object.fromEntries(
    OBSERVED_MONTHS.map(month => [month, bin(['report', path, '--month', month, '--today', TODAY, '--json', '--out', join(dir, 'b')])])
  );
  const checked = bin(['check', path, '--today', TODAY, '--json']);
  const remind = bin(['remind', path, '--outbox', join(dir, 'b', 'outbox'), '--today', TODAY, '--json']);
  expect(withoutSkipped(observe(reports, checked, remind))).toEqual(inProcess.observation);
  expect(checked.findings.some((f: { code: string }) => f.code === 'merged-cells')).toBe(true);
}, 60_000);
