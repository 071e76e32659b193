/**
 * What the app service's tests share: a fetch that only reaches this machine's simulators, the
 * service made as the tests make it (browser mode, a plain-file key store in the test's folder),
 * contract calls through `dispatch` as a transport makes them, waiting for run events, and the
 * usual fixture (a project folder with a clip, a Modellix simulator the service is pointed at
 * with a key).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ArgsOf, CallAnswer, MethodName, ResultOf, RunEvent } from '../../../shared/api';
import { startSimulator, type SimulatorHandle } from '../../engine/simulator';
import { dispatch } from '../dispatch';
import { createKeyStore } from '../key-store';
import { anyGraphPath, noDialogs, type Dialogs, type GraphPaths } from '../ports';
import { createAppService } from '../service';
import type { AppService, AppServiceOptions } from '../types';

export const MEDIA = resolve(import.meta.dirname, '../../../test/fixtures/media');
/** The key the simulators of these tests accept. */
export const TEST_KEY = 'sk-test-secret-key-4242';

/** Tests never reach the real service: only this machine's simulators answer. */
export const loopbackOnly: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname !== '127.0.0.1') throw new Error(`test tried to reach ${url.origin}`);
  return fetch(input, init);
};

export interface TestServiceOptions {
  dialogs?: Dialogs;
  env?: Record<string, string>;
  graphPaths?: GraphPaths;
  mode?: AppServiceOptions['mode'];
}

/** The options of a service whose data (and key file) live in `dir`/data and results in `dir`/out. */
export function testServiceOptions(dir: string, options: TestServiceOptions = {}): AppServiceOptions {
  const env = options.env ?? {};
  return {
    dataDir: join(dir, 'data'),
    mode: options.mode ?? 'browser',
    version: '9.9.9',
    env,
    keyStore: createKeyStore({ dataDir: join(dir, 'data'), env, plainFileByDefault: true }),
    dialogs: options.dialogs ?? noDialogs,
    graphPaths: options.graphPaths ?? anyGraphPath,
    defaultOutDir: join(dir, 'out'),
    fetch: loopbackOnly,
  };
}

export function makeTestService(dir: string, options: TestServiceOptions = {}): AppService {
  return createAppService(testServiceOptions(dir, options));
}

/**
 * Contract calls on the test's current service (read when called: tests make a new one per test
 * and some replace it mid-test). `ok` throws with the method's error where the call fails.
 */
export function serviceClient(service: () => AppService) {
  const call = <M extends MethodName>(method: M, args: ArgsOf<M>): Promise<CallAnswer> => {
    const s = service();
    return dispatch(s.handlers, method, args, { secrets: s.secrets });
  };
  const ok = async <M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> => {
    const answer = await call(method, args);
    if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
    return answer.result as ResultOf<M>;
  };
  return { call, ok };
}

/** The next run event that matches `predicate`. */
export function nextRunEvent(service: AppService, predicate: (e: RunEvent) => boolean): Promise<RunEvent> {
  return new Promise((done) => {
    const off = service.subscribe((event, payload) => {
      if (event === 'run.event' && predicate(payload as RunEvent)) {
        off();
        done(payload as RunEvent);
      }
    });
  });
}

/** Resolves once every one of `runIds` has sent run.done (listening from now: events may come before the ids are known). */
export function runsDone(service: AppService): { until(runIds: readonly string[]): Promise<void> } {
  const done = new Set<string>();
  let check: () => void = () => undefined;
  const off = service.subscribe((event, payload) => {
    if (event === 'run.event' && (payload as RunEvent).type === 'run.done') done.add((payload as RunEvent).runId);
    check();
  });
  return {
    until: (runIds) =>
      new Promise((resolvePromise) => {
        check = () => {
          if (runIds.every((id) => done.has(id))) {
            off();
            resolvePromise();
          }
        };
        check();
      }),
  };
}

/** A test's folder with project/clip.mp4 (a 3 s 854×480 video), and a simulator taking TEST_KEY. */
export async function startServiceFixture(prefix: string): Promise<{ dir: string; sim: SimulatorHandle }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'project'));
  copyFileSync(join(MEDIA, 'video-3s-854x480.mp4'), join(dir, 'project', 'clip.mp4'));
  const sim = await startSimulator({ apiKeys: [TEST_KEY], processingMs: 20 });
  return { dir, sim };
}

/** Points the service at the simulator with TEST_KEY: runs are paid there. */
export async function useSimulator(service: AppService, sim: SimulatorHandle): Promise<void> {
  const { ok } = serviceClient(() => service);
  await ok('settings.set', { baseUrl: sim.url });
  await ok('key.set', { key: TEST_KEY, allowPlainText: false });
}

/** Disposes the service, stops the simulator and removes the test's folder. */
export async function closeServiceFixture(fixture: { service?: AppService; sim?: SimulatorHandle; dir?: string }): Promise<void> {
  await fixture.service?.dispose();
  await fixture.sim?.close();
  if (fixture.dir) await rm(fixture.dir, { recursive: true, force: true });
}
