/**
 * `seedance-flow serve`: the app in a browser, for a headless workstation (and the tests here).
 * Serves the built window and the contract on 127.0.0.1 with a random token, prints the address,
 * optionally opens it, and stops cleanly on Ctrl-C or SIGTERM.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../cli/context';
import { resolveDataDir } from '../cli/data-dir';
import { CliError, EXIT, type ExitCode } from '../cli/exit-codes';
import { booleanFlag, intFlag, parseOptions } from '../cli/options';
import type { Printer } from '../cli/output/printer';
import { BASE_URL_ENV, BaseUrlError, resolveBaseUrl } from '../engine/modellix/base-url';
import { createAppService } from '../service/service';
import type { AppService, AppServiceOptions } from '../service/types';
import { startBrowserMode, type BrowserMode } from './browser-mode';
import { openBrowser } from './open-browser';
import { findRendererDir } from './renderer-dir';
import { RendererMissingError } from './static-files';

/** The folder results go to when the settings name none (the CLI's default, in the current folder). */
const SERVE_DEFAULT_OUT_DIR = 'seedance-output';

/** What serve needs of the CLI's context: the outside world and the version (not the engine deps). */
export type ServeContext = Pick<CliContext, 'io' | 'version'>;

const serveOptionsSchema = z.strictObject({
  port: intFlag('--port', { min: 0, max: 65535, example: 8080 }).optional(),
  open: booleanFlag,
});

export interface ServeDeps {
  createService(options: AppServiceOptions): AppService | Promise<AppService>;
  /** The built renderer; undefined when it is not built. */
  rendererDir(): string | undefined;
  openBrowser(url: string, onError: (message: string) => void): void;
}

function realServeDeps(platform: NodeJS.Platform): ServeDeps {
  return {
    createService: createAppService,
    rendererDir: () => findRendererDir(),
    openBrowser: (url, onError) => openBrowser(url, { platform, onError }),
  };
}

const SERVE_HELP = `
The address printed carries a random access token: anyone with it can use the app while serve
runs, so keep it to yourself. The server listens on 127.0.0.1 only and refuses requests from other
sites (Origin) or addressed to other names (Host).

The API key is read from MODELLIX_API_KEY; otherwise set it in the window, and it is kept in the
data folder in a file only your user account can read. A key is sent only to the service address
it was entered for: after that address changes, enter the key again.

MODELLIX_BASE_URL, when set, is where the window's runs go (the simulator's address, say); the
address in Settings is used only without it.

Examples:
  $ seedance-flow serve --open
  $ MODELLIX_API_KEY=... seedance-flow serve --port 8080
  $ ssh -L 8080:127.0.0.1:8080 workstation   # then open the printed address on your machine`;

function keyLine(mode: BrowserMode): string {
  const status = mode.keyStatus();
  if (status.source === 'env') return 'API key: read from MODELLIX_API_KEY (not stored).';
  const now = status.present ? 'a key is stored there now' : 'no key is set yet';
  return `API key: read from MODELLIX_API_KEY, or set in the window and kept in ${mode.keyFile}, readable only by your user account (${now}).`;
}

/** What serve says about MODELLIX_BASE_URL; a value it cannot use stops it before anything starts. */
function envBaseUrlLine(env: Readonly<Record<string, string | undefined>>): string | undefined {
  try {
    const { baseUrl, source } = resolveBaseUrl({ env });
    return source === 'env' ? `Modellix: ${baseUrl} (from ${BASE_URL_ENV}; Settings cannot change it while it is set).` : undefined;
  } catch (error) {
    if (error instanceof BaseUrlError) throw new CliError(`${error.message}\nFix ${BASE_URL_ENV} (an origin such as https://api.modellix.ai, or the simulator's http://127.0.0.1:<port>) or unset it.`);
    throw error;
  }
}

/** Resolves on the first Ctrl-C or SIGTERM; a second one while stopping quits at once. */
function waitForStop(ctx: ServeContext): { stopped: Promise<void>; dispose(): void } {
  let stopping = false;
  let resolveStopped = () => {};
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });
  const onSignal = () => {
    if (stopping) return ctx.io.exit(130);
    stopping = true;
    resolveStopped();
  };
  const offs = [ctx.io.onSignal('SIGINT', onSignal), ctx.io.onSignal('SIGTERM', onSignal)];
  return {
    stopped,
    dispose: () => {
      for (const off of offs) off();
    },
  };
}

async function serveCommand(ctx: ServeContext, printer: Printer, raw: unknown, globals: { dataDir?: string | undefined }, deps: ServeDeps): Promise<ExitCode> {
  const { io } = ctx;
  const opts = parseOptions(serveOptionsSchema, raw, 'serve');
  const rendererDir = deps.rendererDir();
  if (rendererDir === undefined) throw new CliError('The window is not built: run `npm run build` first (it writes out/renderer).');
  const modellix = envBaseUrlLine(io.env);
  const envKey = io.env.MODELLIX_API_KEY?.trim();
  if (envKey) printer.addSecret(envKey);
  const { dir: dataDir } = resolveDataDir({ flag: globals.dataDir, env: io.env, platform: io.platform, homedir: io.homedir, cwd: io.cwd });

  let mode: BrowserMode;
  try {
    mode = await startBrowserMode({
      dataDir,
      env: io.env,
      version: ctx.version,
      rendererDir,
      defaultOutDir: path.resolve(io.cwd, SERVE_DEFAULT_OUT_DIR),
      ...(opts.port !== undefined ? { port: opts.port } : {}),
      createService: deps.createService,
      log: (line) => printer.err(line),
    });
  } catch (error) {
    if (error instanceof RendererMissingError) throw new CliError(error.message);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new CliError(`Port ${opts.port ?? 0} is taken on 127.0.0.1. Pick another with --port, or --port 0 for any free port.`);
    }
    throw error;
  }
  const stop = waitForStop(ctx);

  printer.out(`Seedance Flow (browser mode) is listening on ${mode.host.origin}`);
  printer.out(`Open: ${mode.host.url}`);
  printer.out('This address carries the access token; keep it private.');
  printer.out(keyLine(mode));
  if (modellix) printer.out(modellix);
  printer.out(`Data folder: ${dataDir}`);
  if (opts.open) deps.openBrowser(mode.host.url, (message) => printer.err(`${message} Open the address above yourself.`));
  printer.out('Press Ctrl-C to stop.');

  await stop.stopped;
  printer.out('Stopping: runs in flight are cancelled and the ledger is released.');
  try {
    await mode.close();
  } finally {
    stop.dispose();
  }
  printer.out('Browser mode stopped.');
  return EXIT.ok;
}

export interface ServeRegistration {
  ctx: ServeContext;
  printer: Printer;
  /** Receives the exit code (createProgram's `set`). */
  setExitCode(code: ExitCode): void;
  /** Defaults to the real service, renderer and browser. */
  deps?: ServeDeps;
}

/** Adds `serve` to the program; `--data-dir` is the program's global option. */
export function registerServeCommand(program: Command, registration: ServeRegistration): Command {
  const { ctx, printer, setExitCode } = registration;
  const deps = registration.deps ?? realServeDeps(ctx.io.platform);
  return program
    .command('serve')
    .description('open the app in a browser: serves the window and the engine on 127.0.0.1 with an access token; Ctrl-C stops it')
    .option('--port <n>', 'port to listen on (default: any free port)')
    .option('--open', 'open the address in the default browser')
    .addHelpText('after', SERVE_HELP)
    .action(async (options: unknown) => {
      setExitCode(await serveCommand(ctx, printer, options, program.opts<{ dataDir?: string }>(), deps));
    });
}
