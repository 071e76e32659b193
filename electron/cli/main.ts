/**
 * `seedance-flow`: the entry point. Composition only: the real io and engine, one command line,
 * the exit code. Everything else lives in the modules beside this one.
 */
import { runCli } from './cli';
import { nodeIo } from './node-io';
import { realDeps } from './real-deps';
import { VERSION } from './version';

const io = nodeIo();
const code = await runCli(process.argv.slice(2), { io, deps: realDeps(), version: VERSION });
process.exitCode = code;
// Idle keep-alive sockets must not hold the shell: leave once everything written is out.
setTimeout(() => process.exit(code), 1500).unref();
