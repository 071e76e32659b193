/**
 * `seedance-flow validate <graph> [--batch rows.csv]`: everything `run` checks before it sends,
 * and nothing sent. Exit 0 with one OK line (warnings on stderr), or 2 with every error: the
 * node, the field and the reason, then local media problems (missing file, over limits).
 */
import path from 'node:path';
import { z } from 'zod';
import type { PlanIssue } from '../../../shared/plan';
import type { CliContext } from '../context';
import { EXIT, type ExitCode } from '../exit-codes';
import { buildRecipes, loadBatchFile, loadGraphFile } from '../graph-input';
import { existingFile, parseOptions } from '../options';
import type { Printer } from '../output/printer';
import { formatTotals, preflightAll, totalsOf, warningsOf } from '../preflight';

function validateOptionsSchema(cwd: string) {
  return z.strictObject({ batch: existingFile('--batch', cwd).optional() });
}

/** `node "shot1" › prompt: <reason>` */
function formatPlanError(issue: PlanIssue): string {
  const where = [issue.node ? `node "${issue.node}"` : '', issue.edge && !issue.node ? `wire "${issue.edge}"` : '', issue.field ?? '']
    .filter(Boolean)
    .join(' › ');
  return where ? `${where}: ${issue.message}` : issue.message;
}

export async function validateCommand(ctx: CliContext, printer: Printer, graphArg: string, raw: unknown): Promise<ExitCode> {
  const { io, deps } = ctx;
  const opts = parseOptions(validateOptionsSchema(io.cwd), raw, 'validate');
  const graphFile = parseOptions(existingFile('The graph file', io.cwd), graphArg, 'validate');
  const loaded = await loadGraphFile(graphFile);
  if (loaded.migratedFrom !== undefined) {
    printer.err(`note: ${path.basename(graphFile)} is format version ${loaded.migratedFrom}; it was read as version ${loaded.graph.version}. Saving it from Seedance Flow upgrades the file.`);
  }
  const rows = opts.batch ? await loadBatchFile(opts.batch, loaded.graph) : undefined;
  const recipes = buildRecipes(deps.runner, {
    loaded,
    outDir: path.resolve(io.cwd, 'seedance-output'),
    force: false,
    runs: 1,
    ...(opts.batch && rows ? { batch: { file: opts.batch, rows } } : {}),
  });

  const errors: string[] = [];
  const add = (label: string, line: string) => {
    const text = label ? `${label}: ${line}` : line;
    if (!errors.includes(text)) errors.push(text);
  };
  const checked = await preflightAll(deps.runner, recipes);
  for (const run of checked) {
    const planErrors = run.plan.issues.filter((i) => i.severity === 'error');
    for (const issue of planErrors) add(run.label, formatPlanError(issue));
    for (const problem of run.mediaProblems) add(run.label, problem);
  }
  for (const warning of warningsOf(checked)) printer.err(warning);
  if (errors.length > 0) {
    printer.err(`${graphFile}: ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing can be sent until ${errors.length === 1 ? 'it is' : 'they are'} fixed:`);
    for (const error of errors) printer.err(`  ${error.split('\n').join('\n    ')}`);
    return EXIT.usage;
  }
  const [head] = formatTotals(totalsOf(checked));
  printer.out(`OK ${graphFile}: ${head}${recipes.length > 1 ? ` (${recipes.length} rows)` : ''}.`);
  return EXIT.ok;
}
