/** `bin/seedance-flow.js` as a user runs it: a real Node process (from source through tsx, or the build). */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO } from './test-support/harness';

const run = promisify(execFile);
const BIN = path.join(REPO, 'bin', 'seedance-flow.js');

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: REPO, env: { ...process.env, MODELLIX_API_KEY: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('bin/seedance-flow.js', () => {
  it('prints the schema and exits 0; an unknown flag exits 2', async () => {
    const [schema, bad] = await Promise.all([cli('schema'), cli('validate', 'x.json', '--nope')]);
    expect(schema.code).toBe(0);
    expect((JSON.parse(schema.stdout) as { title: string }).title).toBe('Seedance Flow graph');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown option '--nope'");
  });

  it('dry-runs an example graph with no key', async () => {
    const result = await cli('run', 'examples/extend-a-clip.seedance.json', '--dry-run', '--json');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { node: string });
    expect(lines.map((l) => l.node)).toEqual(['extend1', 'extend2']);
  });
});
