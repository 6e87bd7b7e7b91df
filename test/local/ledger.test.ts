/** §21 15⑤: software in use is recorded by name and version; `npm run ledger` writes the CycloneDX ledger. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');

interface Bom {
  bomFormat: string;
  components: { name: string; group?: string; version: string }[];
}

test('the software ledger lists every runtime dependency with the version the lock file installs (§21 15⑤)', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'ledger.cdx.json');
  const run = spawnSync('npx', ['cyclonedx-npm', '--omit', 'dev', '--flatten-components', '--output-reproducible', '--output-file', out], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(run.status).toBe(0);
  const bom = JSON.parse(readFileSync(out, 'utf8')) as Bom;
  expect(bom.bomFormat).toBe('CycloneDX');
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; dev?: boolean }>;
  };
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const listed = new Set(bom.components.map(c => `${c.group ? `${c.group}/` : ''}${c.name}@${c.version}`));
  for (const name of Object.keys(pkg.dependencies)) {
    const version = lock.packages[`node_modules/${name}`]?.version;
    expect(listed).toContain(`${name}@${version}`);
  }
  const devOnly = Object.entries(lock.packages).filter(([path, p]) => path.endsWith('node_modules/jest') && p.dev);
  expect(devOnly.length).toBeGreaterThan(0);
  expect([...listed].some(c => c.startsWith('jest@'))).toBe(false);
}, 60_000);

test('the committed ledger is current: it names the runtime dependencies at their locked versions', () => {
  const bom = JSON.parse(readFileSync(join(root, 'software-ledger.cdx.json'), 'utf8')) as Bom;
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const listed = new Set(bom.components.map(c => `${c.group ? `${c.group}/` : ''}${c.name}@${c.version}`));
  for (const name of Object.keys(pkg.dependencies)) expect(listed).toContain(`${name}@${lock.packages[`node_modules/${name}`]?.version}`);
});
