// Builds build/Code.js + build/appsscript.json (Apps Script, clasp's rootDir) and dist/cli.js (Node CLI).

import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const entryPoints = JSON.parse(readFileSync(join(root, 'src/gas/entryPoints.json'), 'utf8'));
const GLOBAL = 'ChizaiDesk';

// The holiday package ships every field for 1970-2050 (~230 KB); the bundle loads on every edit,
// so keep only date → name from 2000 on.
const compactHolidays = {
  name: 'compact-holidays',
  setup(b) {
    b.onLoad({ filter: /holiday_jp[\\/]lib[\\/]holidays\.js$/ }, args => {
      const all = require(args.path);
      const data = all.default ?? all;
      const compact = {};
      for (const [date, h] of Object.entries(data)) if (date >= '2000') compact[date] = { date, name: h.name };
      return { contents: `module.exports = ${JSON.stringify(compact)};`, loader: 'js' };
    });
  },
};

// Apps Script sees only top-level function declarations: forward each entry point to the IIFE.
const footer = entryPoints.map(name => `function ${name}(e) { return ${GLOBAL}.${name}(e); }`).join('\n');

mkdirSync(join(root, 'build'), { recursive: true });
await build({
  entryPoints: [join(root, 'src/gas/main.ts')],
  bundle: true,
  format: 'iife',
  globalName: GLOBAL,
  target: 'es2020',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  outfile: join(root, 'build/Code.js'),
  footer: { js: `\n${footer}\n` },
  plugins: [compactHolidays],
  logLevel: 'warning',
});
copyFileSync(join(root, 'appsscript.json'), join(root, 'build/appsscript.json'));

await build({
  entryPoints: [join(root, 'src/local/cli.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Runtime libraries load from node_modules; zod and the holiday table are bundled (smaller and faster to
  // start than their CommonJS builds), as they are in Code.js.
  external: Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies).filter(
    name => name !== 'zod' && name !== '@holiday-jp/holiday_jp'
  ),
  plugins: [compactHolidays],
  outfile: join(root, 'dist/cli.js'),
  logLevel: 'warning',
});
const kb = (statSync(join(root, 'build/Code.js')).size / 1024).toFixed(1);
if (!process.env.npm_config_loglevel?.includes('silent')) console.error(`build/Code.js ${kb} KB, dist/cli.js written`);
