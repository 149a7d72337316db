/**
 * Starting the crash child quickly. Under `node --import tsx` a start costs about a second of
 * TypeScript loading, which over fifty lives would be most of the test. So the child is bundled
 * once per run with esbuild (tsx's own transpiler, already installed) into the run's temp
 * directory, next to a `node_modules` link to the project's, and started with plain node: about
 * 0.2 s. Where esbuild cannot be loaded, the child runs under tsx as written.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '../..');
const childSource = path.join(here, 'terminalProcess.ts');

export interface ChildLauncher {
  /** How the child is run, for the report. */
  readonly how: 'bundle' | 'tsx';
  start(env: Record<string, string>): ChildProcessWithoutNullStreams;
}

async function bundle(workDir: string): Promise<string | null> {
  let esbuild: typeof Esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  const dir = path.join(workDir, 'child');
  mkdirSync(dir, { recursive: true });
  // Bare imports in the bundle (better-sqlite3, zod, ...) resolve through this link.
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(workDir, 'node_modules'), 'dir');
  const outfile = path.join(dir, 'terminalProcess.mjs');
  await esbuild.build({
    entryPoints: [childSource],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/** Prepares the child once for a run whose scratch space is `workDir`. */
export async function prepareChild(workDir: string): Promise<ChildLauncher> {
  const bundled = await bundle(workDir);
  const args = bundled ? [bundled] : ['--import', 'tsx', childSource];
  return {
    how: bundled ? 'bundle' : 'tsx',
    start(env) {
      return spawn(process.execPath, args, {
        cwd: projectRoot,
        env: { ...process.env, LOYALTY_LOG: 'error', ...env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
    },
  };
}
