/**
 * An Apps Script error in the execution log points at a readable place: Apps Script runs build/Code.js as the
 * project file "Code", so a stack reads `at Kt (Code:740:70)`. The bundle is minified (its budget below), in
 * short lines; `npm run stack` (scripts/stack.mjs) maps each such frame through dist/Code.js.map to the src/ file,
 * line and source text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';

const { mapStack } = require('../../scripts/stack.js') as { mapStack(text: string): string };

import { createFakeGoogle, type FakeGoogle } from '../fakes';
import { sampleSheets } from '../support/sampleSheets';
import { BUILD_DIR, type BundleContext } from './loadBundle';

const gas = require('gas-local') as { globalMockDefault: object };
const SRC = join(__dirname, '../../src');
const code = readFileSync(join(BUILD_DIR, 'Code.js'), 'utf8');
const codeLines = code.split('\n');

/** Code.js run as Apps Script runs it: one classic script named Code, in a context of its own, on the fakes. */
function loadAsCode(): { fake: FakeGoogle; app: BundleContext } {
  const fake = createFakeGoogle({ sheets: sampleSheets(), userEmail: 'nao.mikami@example.co.jp' });
  const app = createContext({ ...fake.globals, __proto__: gas.globalMockDefault }) as BundleContext;
  runInContext(code, app, { filename: 'Code' });
  fake.adoptRealm(app);
  return { fake, app };
}

/** The first frame of the stack in the file Code: function name, line, column. */
function firstCodeFrame(stack: string): { name: string; line: number; column: number } | null {
  const m = /^\s*at (\S+) \(Code:(\d+):(\d+)\)$/m.exec(stack);
  return m ? { name: m[1] ?? '', line: Number(m[2]), column: Number(m[3]) } : null;
}

/** A failing Sheets call during checkAllEntries: the error the execution log shows, and which frame is ours. */
function failingRun(call: string): { stack: string; frame: ReturnType<typeof firstCodeFrame> } {
  const { fake, app } = loadAsCode();
  fake.faults.failNext(call);
  app.checkAllEntries();
  const logged = fake.consoleEntries.find(e => e.level === 'error')?.args[0] as Error | undefined;
  const stack = String(logged?.stack ?? '');
  return { stack, frame: firstCodeFrame(stack) };
}

describe('an error in the execution log maps back to the source (npm run stack, dist/Code.js.map)', () => {
  const { stack, frame } = failingRun('Range.getValues');
  const mapped = mapStack(stack);

  test('the failing frame is in the file Code, on a short line', () => {
    expect(frame).not.toBeNull();
    const line = codeLines[(frame?.line ?? 0) - 1] ?? '';
    expect(line.slice((frame?.column ?? 0) - 1)).toMatch(/^getValues\(/);
    expect(line.length).toBeLessThanOrEqual(160);
  });

  test('npm run stack names the src/ file and line of the failing call, and shows that line', () => {
    const first = mapped.split('\n').find(l => /Code:\d+:\d+/.test(l)) ?? '';
    expect(first).toMatch(/src\/gas\/sheetTables\.ts:\d+:\d+/);
    const [, file, line] = /(src\/\S+?\.ts):(\d+):/.exec(first) ?? [];
    const text = readFileSync(join(SRC, '..', file ?? ''), 'utf8').split('\n')[Number(line) - 1] ?? '';
    expect(text).toContain('getValues()');
    expect(mapped).toContain(text.trim());
  });

  test('every frame in Code maps to a file of src/ (the entry points of main.ts included)', () => {
    const frames = mapped.split('\n').filter(l => /\(Code:\d+:\d+\)/.test(l));
    expect(frames.length).toBeGreaterThan(2);
    for (const f of frames) expect(f).toMatch(/\s(src|node_modules)\/\S+:\d+:\d+|scripts\/build\.mjs \(the top-level forwarder/);
    expect(mapped).toMatch(/src\/gas\/checking\.ts:\d+/);
  });
});

/** The budget: every execution, each edit included, loads Code.js whole (Apps Script's per-execution start-up). */
const CODE_BUDGET_BYTES = 200 * 1024;

describe('build/Code.js size', () => {
  test('is within its budget (every execution, each edit included, loads it whole)', () => {
    expect(Buffer.byteLength(code)).toBeLessThanOrEqual(CODE_BUDGET_BYTES);
  });
});
