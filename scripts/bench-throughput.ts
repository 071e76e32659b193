/**
 * Tasks per second through the simulator at zero processing time: the engine's own overhead
 * (ledger fsyncs, HTTP, polling, downloads), measured end to end over loopback.
 *   npm run bench -- [tasks=200] [concurrency=16]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyGraph } from '../shared/graph';
import { Ledger } from '../electron/engine/ledger';
import { createModellixClient } from '../electron/engine/modellix';
import { recipeFor, startRuns } from '../electron/engine/runner';
import { startSimulator } from '../electron/engine/simulator';

const tasks = Number(process.argv[2] ?? 200);
const concurrency = Number(process.argv[3] ?? 16);
const dir = await mkdtemp(join(tmpdir(), 'sf-bench-'));
const sim = await startSimulator({ apiKeys: ['bench-key-000000'], processingMs: 0 });
const ledger = await Ledger.open(join(dir, 'data'));
const client = createModellixClient({ baseUrl: sim.url, apiKey: 'bench-key-000000' });
const recipes = Array.from({ length: tasks }, (_, i) =>
  recipeFor({
    graph: { ...emptyGraph(), nodes: [{ id: 't', type: 'seedance', position: { x: 0, y: 0 }, data: { model: 'seedance-2.0-t2v', prompt: `Shot ${i}`, settings: {} } }] },
    graphFile: null,
    baseDir: dir,
    outDir: join(dir, 'out'),
    repeat: i + 1,
  }),
);
const started = performance.now();
const summaries = await startRuns(recipes, {
  client,
  ledger,
  concurrency,
  polling: { firstDelayMs: 0, maxDelayMs: 5, factor: 1.5, jitter: 0, maxWaitMs: 60_000 },
});
const seconds = (performance.now() - started) / 1000;
const ok = summaries.filter((s) => s.ok).length;
console.log(`${ok}/${tasks} tasks succeeded in ${seconds.toFixed(2)} s: ${(tasks / seconds).toFixed(1)} tasks/s (concurrency ${concurrency}, simulator processing 0 ms, downloads included)`);
console.log(`simulator: ${sim.stats.submits.total} submits, ${sim.stats.polls} polls, ${sim.stats.downloads} downloads, duplicates ${sim.stats.submits.duplicates.length}`);
await ledger.close();
await sim.close();
await rm(dir, { recursive: true, force: true });
