/** Runs the built `lrkit` binary as a user would: a spawned process with real arguments. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const binPath = fileURLToPath(new URL('../../bin/lrkit.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function lrkit(args: readonly string[], env: Record<string, string> = {}): CliResult {
  if (!existsSync(binPath)) throw new Error(`${binPath} is missing: run npm run build first`);
  const r = spawnSync(process.execPath, [binPath, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
