/**
 * Validates a request body against its model and turns zod issues into sentences that name the
 * field the way the canvas does.
 */
import type { z } from 'zod';
import { describe } from './describe';
import { MODELS, type ModelId, type RequestBody } from './registry';

export interface FieldIssue {
  /** Request-body field, e.g. `reference_images`; empty for the body as a whole. */
  field: string;
  /** The path within the field (an array index), if any. */
  path: (string | number)[];
  /** A sentence that starts with the field's display name. */
  message: string;
}

/** The display name of a body field: the slot label, the setting title, or "Prompt". */
function fieldLabel(id: ModelId, field: string): string {
  if (field === 'prompt') return 'Prompt';
  const { slots, settings } = describe(id);
  const slot = slots.find((s) => s.field === field);
  if (slot) return slot.numbered ? `${slot.label} inputs` : slot.label;
  return settings.find((s) => s.field === field)?.title ?? field;
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function toFieldIssues(id: ModelId, error: z.ZodError, body: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({
          field: key,
          path: [],
          message: `${key} is not a field of ${MODELS[id].name}; remove it`,
        });
      }
      continue;
    }
    const [head, ...rest] = issue.path;
    const field = typeof head === 'string' ? head : '';
    const where = rest.length > 0 && typeof rest[0] === 'number' ? ` ${rest[0] + 1}` : '';
    const capitalized = issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
    let message = issue.message;
    if (issue.code === 'invalid_type') {
      const value = valueAt(body, issue.path);
      if (value === undefined) message = 'is required';
      else if (value === null) message = 'must be left out rather than sent as null';
    }
    issues.push({
      field,
      path: rest.filter((p): p is string | number => typeof p !== 'symbol'),
      message: field ? `${fieldLabel(id, field)}${where} ${message}` : capitalized,
    });
  }
  return issues;
}

export type BodyCheck = { ok: true; body: RequestBody } | { ok: false; issues: FieldIssue[] };

/** Checks a request body exactly as the service would, before anything is paid for. */
export function validateBody(id: ModelId, body: unknown): BodyCheck {
  const result = MODELS[id].body.safeParse(body);
  if (result.success) return { ok: true, body: result.data };
  return { ok: false, issues: toFieldIssues(id, result.error, body) };
}
