/** Loads build/Code.js as Apps Script would: one classic script in a fresh context, on the fakes. */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runInContext } from 'node:vm';
import { createFakeGoogle, type FakeGoogle, type FakeGoogleOptions } from '../fakes';

const gas = require('gas-local') as {
  require(folder: string, globals: object, options?: object): BundleContext;
  globalMockDefault: object;
};

export const BUILD_DIR = join(__dirname, '../../build');

export type EntryPoint = (e?: unknown) => unknown;
export interface BundleContext {
  onOpen: EntryPoint;
  onEdit: EntryPoint;
  generateMonthlyReport: EntryPoint;
  generateAnnualReport: EntryPoint;
  checkAllEntries: EntryPoint;
  sendReminders: EntryPoint;
  installTriggers: EntryPoint;
  setupWorkbook: EntryPoint;
  [name: string]: unknown;
}

/** Loads Code.js from `folder` (default build/, what `npm run build` writes and clasp pushes). */
export function loadBundle(options: FakeGoogleOptions = {}, folder = BUILD_DIR): { fake: FakeGoogle; app: BundleContext } {
  if (!existsSync(join(folder, 'Code.js'))) throw new Error(`${folder}/Code.js is missing: run \`npm run build\` (npm test does)`);
  const fake = createFakeGoogle(options);
  // Only Code.js: appsscript.json is the manifest, not a script.
  const app = gas.require(folder, { ...fake.globals, __proto__: gas.globalMockDefault }, { filter: (f: string) => f.endsWith('Code.js') });
  fake.adoptRealm(app);
  return { fake, app };
}

/**
 * Fixes the bundle's clock: Apps Script has no clock service, `new Date()` is the time, so the test
 * replaces the bundle realm's Date with one whose "now" is the given instant.
 */
export function setClock(app: BundleContext, instant: string): void {
  const at = new Date(instant).getTime();
  runInContext(
    `(() => { const Real = globalThis.__RealDate || Date; globalThis.__RealDate = Real;
      class ClockDate extends Real { constructor(...a) { if (a.length === 0) super(${at}); else super(...a); } static now() { return ${at}; } }
      globalThis.Date = ClockDate; })()`,
    app as object
  );
}
