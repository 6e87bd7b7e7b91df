// Writes the bad-input corpus (scripts/make-bad-inputs.ts) into a folder: `node scripts/make-bad-inputs.mjs [DIR]`,
// test/fixtures/bad-inputs/ by default (git-ignored: the files are generated, never edited by hand).
// test/local/badInputs.test.ts generates the same corpus into a temporary folder of its own on every run.

import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(root, 'test/fixtures/bad-inputs'));
const bundled = await build({
  entryPoints: [join(root, 'scripts/make-bad-inputs.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  packages: 'external',
  write: false,
  logLevel: 'warning',
});
const module = { exports: {} };
const require = createRequire(join(root, 'scripts/make-bad-inputs.ts'));
new Function('module', 'exports', 'require', bundled.outputFiles[0].text)(module, module.exports, require);
await module.exports.writeBadInputs(out);
console.log(`${module.exports.cases.length} cases written to ${out}`);
