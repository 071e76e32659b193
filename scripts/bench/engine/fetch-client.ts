/**
 * The floor the engine is compared with: the same HTTP calls (submit, poll until done, download
 * the video to a file) in a plain loop with `fetch`, at the same concurrency and polling delays,
 * with no ledger, no checks and no events.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pollDelay } from '../../../electron/engine/runner';
import { buildBody, planGraph } from '../../../shared/plan';
import { BENCH_POLLING, type ClientOutcome, type ClientRun } from './runner-client';
import { BENCH_API_KEY, taskGraph } from './tasks';

interface Envelope {
  code?: number;
  data?: { task_id?: string; status?: string; result?: { resources?: { url?: string; type?: string }[] } };
}

const headers = { Authorization: `Bearer ${BENCH_API_KEY}` };

async function json(response: Response): Promise<Envelope> {
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${new URL(response.url).pathname}`);
  return (await response.json()) as Envelope;
}

const sleep = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

async function oneTask(run: ClientRun, i: number): Promise<void> {
  const [task] = planGraph(taskGraph(i)).tasks;
  if (!task) throw new Error('the task graph plans no task');
  const submitted = await json(
    await fetch(`${run.baseUrl}${task.path}`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(buildBody(task, () => '')) }),
  );
  const taskId = submitted.data?.task_id;
  if (!taskId) throw new Error('the submit answer has no task id');
  let video: string | undefined;
  for (let attempt = 0; video === undefined; attempt++) {
    await sleep(pollDelay(BENCH_POLLING, attempt));
    const polled = await json(await fetch(`${run.baseUrl}/api/v1/tasks/${encodeURIComponent(taskId)}`, { headers }));
    const status = polled.data?.status;
    if (status === 'failed') throw new Error(`task ${taskId} failed`);
    if (status === 'success') video = polled.data?.result?.resources?.find((r) => r.type === 'video')?.url ?? '';
  }
  if (!video) throw new Error(`task ${taskId} has no video`);
  const download = await fetch(video);
  if (!download.ok || !download.body) throw new Error(`HTTP ${download.status} downloading the video`);
  await pipeline(Readable.fromWeb(download.body as WebReadableStream<Uint8Array>), createWriteStream(join(run.dir, 'out', `task-${i}.mp4`)));
}

export async function runThroughFetch(run: ClientRun): Promise<ClientOutcome> {
  await mkdir(join(run.dir, 'out'), { recursive: true });
  let next = 0;
  let succeeded = 0;
  const worker = async () => {
    while (next < run.tasks) {
      const i = next++;
      await oneTask(run, i);
      succeeded++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(run.concurrency, run.tasks) }, worker));
  return { succeeded, ledgerBytes: 0 };
}
