/**
 * Child process for the kill test: opens the ledger in argv[2] and appends task events in a loop
 * (intent, then submitted), compacting now and then, printing `ack <kind> <n>` after each append
 * is durable. The test SIGKILLs it at random moments. Bounded to MAX_TASKS tasks.
 */
import { Ledger } from '../ledger';
import { intent, runStarted } from './events';

const MAX_TASKS = 3000;
const RUN = 'kill-run';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: append-child <dataDir>');
  const ledger = await Ledger.open(dataDir);
  if (!ledger.run(RUN)) await ledger.append(runStarted(RUN));
  let next = ledger.tasksByRun(RUN).length;
  // Finish a half-done step of the previous child: an intent whose submitted line was not written.
  for (const task of ledger.intentsWithoutId()) {
    await ledger.append({ type: 'task.submitted', taskKey: task.taskKey, taskId: `id-${task.taskKey}` });
    process.stdout.write(`ack submitted ${task.taskKey}\n`);
  }
  process.stdout.write(`ready ${process.pid} ${next}\n`);
  const padding = 'x'.repeat(1000);
  for (; next < MAX_TASKS; next++) {
    const key = `t${next}`;
    await ledger.append(intent(RUN, key, { prompt: `${key} ${padding}`, seed: next }));
    process.stdout.write(`ack intent ${key}\n`);
    await ledger.append({ type: 'task.submitted', taskKey: key, taskId: `id-${key}` });
    process.stdout.write(`ack submitted ${key}\n`);
    if (next % 15 === 7) {
      await ledger.compact();
      process.stdout.write(`ack compact ${key}\n`);
    }
  }
  await ledger.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
