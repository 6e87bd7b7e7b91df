// Maps an Apps Script execution-log stack back to the source: `npm run stack -- log.txt`, or paste it on stdin.
// (CommonJS, so the bundle tests can require it.)
//
//   Error: Service unavailable
//       at Kt (Code:740:70)          →   at Kt (Code:740:70)  src/gas/sheetTables.ts:92:51
//                                            const values = sheet.getDataRange().getValues() as unknown[][];
//
// build/Code.js is minified (its 200 KB budget); `npm run build` writes its source map to dist/Code.js.map. Map a
// stack with the build of the same commit as the deployed script (`git checkout <commit> && npm run build`).
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');
const { SourceMapConsumer } = require('source-map');

const root = join(__dirname, '..');
const MAP_PATH = join(root, 'dist/Code.js.map');

/** Every `Code:LINE:COL` in the text, followed by where it is in src/ and that source line. */
function mapStack(text, mapPath = MAP_PATH) {
  const map = JSON.parse(readFileSync(mapPath, 'utf8'));
  const consumer = new SourceMapConsumer(map);
  const codePath = join(root, 'build/Code.js');
  const code = existsSync(codePath) ? readFileSync(codePath, 'utf8').split('\n') : [];
  const codeLine = n => code[n - 1] ?? '';
  const lines = new Map();
  const sourceLine = (file, line) => {
    if (!lines.has(file)) lines.set(file, existsSync(file) ? readFileSync(file, 'utf8').split('\n') : []);
    return (lines.get(file)[line - 1] ?? '').trim();
  };
  return text
    .split('\n')
    .map(line => {
      const m = /\bCode(?:\.gs)?:(\d+):(\d+)/.exec(line);
      if (!m) return line;
      const at = consumer.originalPositionFor({ line: Number(m[1]), column: Number(m[2]) - 1 });
      if (!at.source) {
        const code = codeLine(Number(m[1]));
        return /^function \w+\(e\) \{ return \w+\.\w+\(e\); \}$/.test(code)
          ? `${line}  scripts/build.mjs (the top-level forwarder of an entry point: src/gas/main.ts)`
          : `${line}  (no source here in the map)`;
      }
      const file = resolve(dirname(mapPath), at.source);
      const where = `${relative(root, file)}:${at.line}:${(at.column ?? 0) + 1}`;
      return `${line}  ${where}${at.name ? ` (${at.name})` : ''}\n      ${sourceLine(file, at.line)}`;
    })
    .join('\n');
}

module.exports = { mapStack, MAP_PATH };

if (require.main === module) {
  if (!existsSync(MAP_PATH)) {
    console.error('dist/Code.js.map がありません。先に npm run build を実行してください（配備したのと同じコミットで）。');
    process.exit(2);
  }
  const file = process.argv[2];
  const text = file ? readFileSync(file, 'utf8') : readFileSync(0, 'utf8');
  process.stdout.write(`${mapStack(text)}\n`);
}
