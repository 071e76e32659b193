/**
 * The settings of a Seedance node: the request-body fields that are neither the prompt nor an
 * input. A graph stores only the settings the user changed; the rest take the service's default.
 */
import { z } from 'zod';
import { settingsOf } from './describe';
import { MODEL_IDS, MODELS, type ModelId } from './registry';

function settingsShapeOf(id: ModelId): Record<string, z.ZodType> {
  const shape = MODELS[id].body.shape as Record<string, z.ZodType>;
  const entries: [string, z.ZodType][] = [];
  for (const { field } of settingsOf(id)) {
    const schema = shape[field];
    if (schema) entries.push([field, schema]);
  }
  return Object.fromEntries(entries);
}

/** The settings one model accepts. */
export function settingsSchemaOf(id: ModelId) {
  return z.strictObject(settingsShapeOf(id));
}

/**
 * The settings any model accepts, for reading a graph file: a setting is checked against the
 * node's own model by the plan, where the error can name the node.
 */
function anyModelSettingsShape(): Record<string, z.ZodType> {
  // The field schemas themselves, without the `.optional()` each model wraps them in.
  const byField = new Map<string, z.ZodType[]>();
  for (const id of MODEL_IDS) {
    for (const [field, wrapped] of Object.entries(settingsShapeOf(id))) {
      const schema = wrapped instanceof z.ZodOptional ? (wrapped.unwrap() as z.ZodType) : wrapped;
      const list = byField.get(field) ?? [];
      if (!list.includes(schema)) list.push(schema);
      byField.set(field, list);
    }
  }
  const shape: Record<string, z.ZodType> = {};
  for (const [field, options] of byField) {
    if (options.every((o) => o instanceof z.ZodEnum)) {
      const values = [...new Set(options.flatMap((o) => (o as z.ZodEnum).options as string[]))];
      shape[field] = z
        .enum(values as [string, ...string[]], { error: () => `must be one of ${values.join(', ')}` })
        .optional();
    } else {
      const [first, ...others] = options;
      if (first) shape[field] = (others.length === 0 ? first : z.union([first, ...others])).optional();
    }
  }
  return shape;
}

export const anySettingsSchema = z.strictObject(anyModelSettingsShape());
export type NodeSettings = {
  ratio?: string;
  resolution?: string;
  duration?: number;
  seed?: number;
  camera_fixed?: boolean;
  generate_audio?: boolean;
  execution_expires_after?: number;
  return_last_frame?: boolean;
};

export interface SettingsSwitch {
  kept: NodeSettings;
  /** Settings the new model refuses, with the reason, for the UI to say so. */
  dropped: { field: string; value: unknown; reason: string }[];
}

/** Moves a node's settings to another model: keeps what still fits and says what does not. */
export function switchSettings(settings: NodeSettings, to: ModelId): SettingsSwitch {
  const shape = settingsShapeOf(to);
  const kept: Record<string, unknown> = {};
  const dropped: SettingsSwitch['dropped'] = [];
  for (const [field, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    const schema = shape[field];
    if (!schema) {
      dropped.push({ field, value, reason: `${MODELS[to].name} has no ${field} setting` });
      continue;
    }
    const result = schema.safeParse(value);
    if (result.success) kept[field] = value;
    else dropped.push({ field, value, reason: `${field} ${result.error.issues[0]?.message ?? 'is not accepted'}` });
  }
  return { kept: kept as NodeSettings, dropped };
}
