/**
 * The settings of a Seedance node: the request-body fields that are neither the prompt nor an
 * input. A graph stores only the settings the user changed; the rest take the service's default.
 */
import { z } from 'zod';
import { ALL_RESOLUTIONS } from './fields';
import { MODELS, settingsShape, type ModelId } from './registry';

const anyModelShape = settingsShape(ALL_RESOLUTIONS, true);

/**
 * The settings any model accepts, for reading a graph file: a setting is checked against the
 * node's own model by the plan, where the error can name the node.
 */
export const anySettingsSchema = z.strictObject(anyModelShape);

/** A node's settings, as the schema reads them. */
export type NodeSettings = z.input<typeof anySettingsSchema>;
export type SettingField = keyof NodeSettings;

export function isSettingField(field: string): field is SettingField {
  return Object.hasOwn(anyModelShape, field);
}

/** Whether a value (from a settings control) is one some model accepts for the field. */
export function isSettingValue<F extends SettingField>(field: F, value: unknown): value is Exclude<NodeSettings[F], undefined> {
  return value !== undefined && anyModelShape[field].safeParse(value).success;
}

/** The settings with one field set, or taken out when `value` is undefined. */
export function withSetting<F extends SettingField>(settings: NodeSettings, field: F, value: NodeSettings[F] | undefined): NodeSettings {
  const { [field]: _old, ...others } = settings;
  if (value === undefined) return others;
  const next: NodeSettings = others;
  next[field] = value;
  return next;
}

/** The settings one model accepts, field by field. */
function settingsShapeOf(id: ModelId): Partial<Record<SettingField, z.ZodType>> {
  const body: Record<string, z.ZodType> = MODELS[id].body.shape;
  const shape: Partial<Record<SettingField, z.ZodType>> = {};
  for (const field of Object.keys(anyModelShape)) {
    if (isSettingField(field) && body[field]) shape[field] = body[field];
  }
  return shape;
}

export interface SettingsSwitch {
  kept: NodeSettings;
  /** Settings the new model refuses, with the reason, for the UI to say so. */
  dropped: { field: string; value: unknown; reason: string }[];
}

/** Moves a node's settings to another model: keeps what still fits and says what does not. */
export function switchSettings(settings: NodeSettings, to: ModelId): SettingsSwitch {
  const shape = settingsShapeOf(to);
  let kept: NodeSettings = {};
  const dropped: SettingsSwitch['dropped'] = [];
  for (const field of Object.keys(settings)) {
    if (!isSettingField(field)) continue;
    const value = settings[field];
    if (value === undefined) continue;
    const schema = shape[field];
    if (!schema) {
      dropped.push({ field, value, reason: `${MODELS[to].name} has no ${field} setting` });
      continue;
    }
    const result = schema.safeParse(value);
    if (result.success) kept = withSetting(kept, field, value);
    else dropped.push({ field, value, reason: `${field} ${result.error.issues[0]?.message ?? 'is not accepted'}` });
  }
  return { kept, dropped };
}
