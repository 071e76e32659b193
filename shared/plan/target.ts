/** What part of a graph a run covers (the contract's `target`); shared/plan/scope.ts plans it. */
import { z } from 'zod';

export const runTargetSchema = z.strictObject({
  /** A node id of the graph. */
  node: z.string().min(1),
  /** `node`: that Seedance node alone (and what it needs); `from`: it and everything downstream. */
  scope: z.enum(['node', 'from']),
});
export type RunTarget = z.infer<typeof runTargetSchema>;
