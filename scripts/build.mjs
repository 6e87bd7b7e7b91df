// Builds build/Code.js + build/appsscript.json (Apps Script, clasp's rootDir) and dist/cli.js (Node CLI).
//
//   node scripts/build.mjs                                  both builds into the repository (npm run build)
//   node scripts/build.mjs --contract FILE --out DIR        both builds into DIR/build and DIR/dist, with every
//                                                           import of sheets-templates/contract resolved to FILE
//
// The second form is how a test proves the contract drives the code: FILE spreads the real contract and adds a
// tab, and the built CLI and bundle must check that tab with no other change. A CLI built outside the
// repository finds its runtime libraries with NODE_PATH=<repo>/node_modules.

import { copyFileSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const entryPoints = JSON.parse(readFileSync(join(root, 'src/gas/entryPoints.json'), 'utf8'));
const GLOBAL = 'ChizaiDesk';
const CONTRACT = join(root, 'sheets-templates/contract.ts');

// The holiday package ships every field for 1970-2050 (~230 KB); the bundle loads on every edit, so keep only
// date → name from 2000 on, written as one line per name of its dates as days since 2000-01-01 in base 36
// (three characters a date instead of ten; the domain reads only `name`, keyed by YYYY-MM-DD as before).
const HOLIDAY_EPOCH = Date.UTC(2000, 0, 1);
const compactHolidays = {
  name: 'compact-holidays',
  setup(b) {
    b.onLoad({ filter: /holiday_jp[\\/]lib[\\/]holidays\.js$/ }, args => {
      const all = require(args.path);
      const byName = {};
      for (const [date, h] of Object.entries(all.default ?? all))
        if (date >= '2000')
          byName[h.name] = [...(byName[h.name] ?? []), ((Date.parse(`${date}T00:00:00Z`) - HOLIDAY_EPOCH) / 864e5).toString(36)];
      const lines = Object.entries(byName).map(([name, days]) => `  ${JSON.stringify(name)}: '${days.join(' ')}',`);
      return {
        contents: [
          `const daysByName = {\n${lines.join('\n')}\n};`,
          'const table = {};',
          'for (const [name, days] of Object.entries(daysByName))',
          "  for (const d of days.split(' ')) table[new Date(" +
            String(HOLIDAY_EPOCH) +
            ' + parseInt(d, 36) * 864e5).toISOString().slice(0, 10)] = { name };',
          'module.exports = table;',
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};

/** Resolves every import of sheets-templates/contract (but the one in `file` itself) to `file`. */
const contractFrom = file => ({
  name: 'contract-from',
  setup(b) {
    b.onResolve({ filter: /(^|[\\/])sheets-templates[\\/]contract(\.ts)?$/ }, args =>
      resolve(args.importer) === file ? undefined : { path: file }
    );
  },
});

// Apps Script sees only top-level function declarations: forward each entry point to the IIFE.
const footer = entryPoints.map(name => `function ${name}(e) { return ${GLOBAL}.${name}(e); }`).join('\n');

/**
 * Every execution, each edit included, loads Code.js whole, so it is minified to stay within its 200 KB budget
 * (keeping names as written would put it over). An error in the execution log reads `at Kt (Code:812:45)`:
 * `npm run stack` maps such frames back to src/… file, line and name through dist/Code.js.map, which the build
 * writes beside the CLI (clasp pushes only build/, so the map never reaches Apps Script). Lines are cut at about
 * 120 characters, so a line:column in Code.gs is also a short line to look at.
 */
const MINIFIED = { minify: true, lineLimit: 120, sourcemap: 'external', sourcesContent: false };

/**
 * Both builds. `contract` is the contract module every import of sheets-templates/contract resolves to;
 * `outDir` receives build/ (Code.js, appsscript.json) and dist/ (cli.js).
 */
export async function buildAll({ contract = CONTRACT, outDir = root } = {}) {
  const plugins = [compactHolidays, ...(resolve(contract) === CONTRACT ? [] : [contractFrom(resolve(contract))])];
  mkdirSync(join(outDir, 'build'), { recursive: true });
  await build({
    entryPoints: [join(root, 'src/gas/main.ts')],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL,
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    ...MINIFIED,
    legalComments: 'none',
    charset: 'utf8',
    outfile: join(outDir, 'build/Code.js'),
    footer: { js: `\n${footer}\n` },
    plugins,
    logLevel: 'warning',
  });
  copyFileSync(join(root, 'appsscript.json'), join(outDir, 'build/appsscript.json'));
  // The map goes beside the CLI: only Code.js and appsscript.json belong in clasp's rootDir.
  mkdirSync(join(outDir, 'dist'), { recursive: true });
  renameSync(join(outDir, 'build/Code.js.map'), join(outDir, 'dist/Code.js.map'));

  await build({
    entryPoints: [join(root, 'src/local/cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Runtime libraries load from node_modules; the holiday table is bundled (smaller and faster to start than
    // its CommonJS build), as it is in Code.js.
    external: Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies).filter(
      name => name !== '@holiday-jp/holiday_jp'
    ),
    plugins,
    outfile: join(outDir, 'dist/cli.js'),
    logLevel: 'warning',
  });
  return { codeBytes: statSync(join(outDir, 'build/Code.js')).size };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { contract: { type: 'string' }, out: { type: 'string' } } });
  const { codeBytes } = await buildAll({
    contract: values.contract ? resolve(values.contract) : CONTRACT,
    outDir: values.out ? resolve(values.out) : root,
  });
  const kb = (codeBytes / 1024).toFixed(1);
  if (!process.env.npm_config_loglevel?.includes('silent')) console.error(`build/Code.js ${kb} KB, dist/cli.js written`);
}
