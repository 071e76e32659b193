/** A tiny built renderer in a temp folder, and a host over a fake service, for the host's tests. */
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHost, type Host } from '../server';
import { createFakeService, type FakeService, type FakeServiceOptions } from './fake-service';

export const SECRET_OUTSIDE = 'outside-the-renderer-folder';

export interface TestHost {
  host: Host;
  service: FakeService;
  /** The temp folder: `renderer/` is served; `outside.txt` and `renderer/.env` must never be. */
  dir: string;
  rendererDir: string;
  /** Headers that pass the guard with the bearer token. */
  auth: Record<string, string>;
  close(): Promise<void>;
}

export async function makeRendererDir(dir: string): Promise<string> {
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Seedance Flow</title><main aria-label="Seedance Flow"></main>\n');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app");\n');
  await writeFile(path.join(rendererDir, 'assets', 'style.css'), 'body{}\n');
  await writeFile(path.join(rendererDir, '.env'), `${SECRET_OUTSIDE}\n`);
  await writeFile(path.join(dir, 'outside.txt'), `${SECRET_OUTSIDE}\n`);
  await symlink(path.join(dir, 'outside.txt'), path.join(rendererDir, 'assets', 'link.txt'));
  return rendererDir;
}

export async function startTestHost(options: FakeServiceOptions & { heartbeatMs?: number; maxBodyBytes?: number; dir?: string } = {}): Promise<TestHost> {
  const dir = options.dir ?? (await mkdtemp(path.join(tmpdir(), 'sf-host-')));
  const rendererDir = await makeRendererDir(dir);
  const service = createFakeService(options);
  const host = await startHost({
    service,
    rendererDir,
    ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
    ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
  });
  return {
    host,
    service,
    dir,
    rendererDir,
    auth: { Authorization: `Bearer ${host.token}` },
    async close() {
      await host.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
