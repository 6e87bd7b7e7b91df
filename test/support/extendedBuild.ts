/**
 * The CLI and the Apps Script bundle built against the contract with 訪問記録 added (test/support/inventedTab.ts),
 * by the same scripts/build.mjs as `npm run build`: only the contract module differs. Built into a temporary
 * folder; the CLI there finds its runtime libraries through NODE_PATH.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extendedContractModule } from './inventedTab';

const ROOT = resolve(__dirname, '../..');

export interface ExtendedBuild {
  /** Holds build/Code.js (+ appsscript.json) and dist/cli.js. */
  readonly dir: string;
  /** Runs the extended CLI as `chizai-desk ARGS`. */
  cli(args: readonly string[]): { status: number | null; stdout: string; stderr: string };
  remove(): void;
}

export function buildExtended(): ExtendedBuild {
  const dir = mkdtempSync(join(tmpdir(), 'chizai-desk-extended-'));
  const contractFile = join(dir, 'contract.ts');
  writeFileSync(contractFile, extendedContractModule(ROOT));
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--contract', contractFile, '--out', dir], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, npm_config_loglevel: 'silent' },
  });
  const bin = join(dir, 'chizai-desk.js');
  writeFileSync(bin, "require('./dist/cli.js').run();\n");
  return {
    dir,
    cli(args) {
      const run = spawnSync(process.execPath, [bin, ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, CHIZAI_DEBUG: '', NODE_PATH: join(ROOT, 'node_modules') },
        timeout: 60_000,
      });
      if (run.error) throw run.error;
      return { status: run.status, stdout: run.stdout, stderr: run.stderr };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
