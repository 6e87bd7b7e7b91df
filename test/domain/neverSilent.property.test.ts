/**
 * Never silently wrong, as a property (README "What the tool refuses and why"): thousands of seeded random
 * edits of the sample workbook (dates shifted, cells blanked, merged, typed as text, settings duplicated or
 * misspelt; a quarter of the cases two such edits), run through the domain on RawTables as an adapter hands them over. Every change in a report
 * figure, a minutes deadline or status, or a reminder between the original and the edited workbook comes with
 * a finding at an edited cell, or is the value an independent computation (test/support/mutations.ts) gives
 * for the edited data. CHIZAI_SEED and CHIZAI_CASES reproduce or widen a run.
 */
import { calendarOf, check } from '../../src/domain/check';
import { readLedger } from '../../src/domain/ledgerReader';
import { planReminders } from '../../src/domain/reminders/plan';
import { buildReportModel } from '../../src/domain/report/model';
import {
  MUTATION_KINDS,
  mutate,
  OBSERVED_MONTHS,
  type Observation,
  observe,
  oracle,
  rngOf,
  sampleWorld,
  TODAY,
  tablesOf,
  violations,
  type World,
} from '../support/mutations';

const SEED = Number(process.env.CHIZAI_SEED ?? 20241202);
const CASES = Number(process.env.CHIZAI_CASES ?? 2500);

function run(world: World): { observation: Observation; findings: ReturnType<typeof check>['findings'] } {
  const read = readLedger(tablesOf(world));
  const result = check(read, TODAY);
  const reports = Object.fromEntries(OBSERVED_MONTHS.map(m => [m, buildReportModel(read, result, m, TODAY, 'book.xlsx')]));
  const plan = planReminders(read, result, TODAY, calendarOf(read));
  return { observation: observe(reports as never, result, plan), findings: result.findings };
}

test('the oracle agrees with the tool on the unedited sample workbook (every observed month, deadline, status and reminder)', () => {
  const world = sampleWorld();
  expect([...run(world).observation].sort()).toEqual([...oracle(world)].sort());
});

test(`${CASES} seeded edits (seed ${SEED}): every changed figure, deadline, status or reminder has a finding at an edited cell or is the right one`, () => {
  const base = sampleWorld();
  const before = run(base).observation;
  const rng = rngOf(SEED);
  const tally: Record<string, { cases: number; flagged: number; changed: number }> = Object.fromEntries(
    MUTATION_KINDS.map(k => [k, { cases: 0, flagged: 0, changed: 0 }])
  );
  const failures: string[] = [];
  for (let i = 0; i < CASES && failures.length < 5; i++) {
    const first = mutate(base, rng);
    if (!first) continue;
    // A quarter of the cases are two edits of the same workbook.
    const second = rng() < 0.25 ? mutate(first.world, rng) : null;
    const m = second
      ? {
          ...second,
          kind: first.kind,
          about: `${first.about}; then ${second.about}`,
          changed: [...first.changed, ...second.changed],
          ambiguous: first.ambiguous === true || second.ambiguous === true,
        }
      : first;
    const after = run(m.world);
    const bad = violations(before, after.observation, () => (m.ambiguous ? new Map() : oracle(m.world)), after.findings, m.changed);
    const t = tally[m.kind] as { cases: number; flagged: number; changed: number };
    t.cases++;
    if ([...after.observation].some(([k, v]) => before.get(k) !== v) || after.observation.size !== before.size) t.changed++;
    if (after.findings.some(f => m.changed.some(c => c.sheet === f.sheet && (f.row === null || f.row === c.row)))) t.flagged++;
    if (bad.length > 0) failures.push(`case ${i} (${m.kind}: ${m.about}):\n  ${bad.slice(0, 6).join('\n  ')}`);
  }
  if (process.env.CHIZAI_VERBOSE) console.log(JSON.stringify(tally));
  expect(failures).toEqual([]);
  // Every kind of edit was drawn and exercised, and most edits changed something or were flagged.
  for (const k of MUTATION_KINDS) expect(tally[k]?.cases).toBeGreaterThan(CASES / (MUTATION_KINDS.length * 3));
}, 120_000);
