/**
 * Due dates and statuses do not depend on the machine's time zone (DESIGN "Shape":
 * every date is a calendar date, results must not change with TZ). The same workbook — date cells, text
 * dates and duration cells — is checked by the CLI under three zones, one of them a day behind Tokyo.
 */
import { join } from 'node:path';
import { AS_OF, ensureBuilt, removeTempDirs, runCli, SAMPLE_MEETINGS, tempDir, writeFixture } from './support';

const ZONES = ['Asia/Tokyo', 'UTC', 'America/Los_Angeles'] as const;

let outputs: Map<
  string,
  { status: number | null; json: { meetings: { id: string; minutesDue: string | null; status: string }[]; findings: unknown[] } }
>;

beforeAll(() => {
  ensureBuilt();
  const book = join(tempDir(), 'book.xlsx');
  writeFixture(book);
  outputs = new Map(
    ZONES.map(tz => {
      const r = runCli(['check', book, '--today', AS_OF, '--json'], { TZ: tz });
      return [tz, { status: r.status, json: JSON.parse(r.stdout) }];
    })
  );
});
afterAll(removeTempDirs);

describe('check under TZ=Asia/Tokyo, UTC and America/Los_Angeles', () => {
  test.each(ZONES)('under TZ=%s every meeting has the due date and status of SAMPLE.md', tz => {
    const meetings = outputs.get(tz)?.json.meetings ?? [];
    expect(meetings.map(m => [m.id, m.minutesDue, m.status])).toEqual(SAMPLE_MEETINGS.map(([, id, due, status]) => [id, due, status]));
  });

  test('the meetings are identical in all three zones', () => {
    const [first, ...rest] = ZONES.map(tz => outputs.get(tz)?.json.meetings);
    for (const other of rest) expect(other).toEqual(first);
  });

  test('the findings (tab, row, column, message) are identical in all three zones', () => {
    const [first, ...rest] = ZONES.map(tz => outputs.get(tz)?.json.findings);
    expect(first?.length).toBeGreaterThan(0);
    for (const other of rest) expect(other).toEqual(first);
  });

  test('the exit code is the same in all three zones', () => {
    expect(new Set(ZONES.map(tz => outputs.get(tz)?.status))).toEqual(new Set([1]));
  });

  test("without --today, today is the calendar date in Tokyo whatever the machine's zone", () => {
    const tokyo = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
    const book = join(tempDir(), 'empty.xlsx');
    expect(runCli(['init', book]).status).toBe(0);
    for (const tz of ZONES) {
      const before = tokyo();
      const today = (JSON.parse(runCli(['check', book, '--json'], { TZ: tz }).stdout) as { today: string }).today;
      expect([before, tokyo()]).toContain(today); // either side of a midnight in Tokyo during the run
    }
  });
});
