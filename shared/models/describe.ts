/**
 * Reads a model's input slots and settings back out of its request-body schema, so that the
 * node's handles, the settings panel and the plan never restate what the schema says.
 */
import { z } from 'zod';
import type { MediaKind, SettingDisplay, SettingMeta, SlotKind, SlotMeta } from './fields';
import { MODELS, MODEL_IDS, type ModelId, type ModelSpec } from './registry';
import { isSettingField, type SettingField } from './settings';

export interface SlotSpec extends SlotMeta {
  /** The request-body field the slot fills. */
  field: string;
  /** How many inputs the slot takes (1 for frame slots). */
  max: number;
  /** Whether the model needs at least one input here. */
  required: boolean;
  /** Whether the field is an array (numbered slots) or a single value (frame slots). */
  list: boolean;
}

export type SettingSpec =
  | (SettingMeta & { field: SettingField; type: 'enum'; options: readonly string[] })
  | (SettingMeta & { field: SettingField; type: 'integer'; min: number; max: number })
  | (SettingMeta & { field: SettingField; type: 'boolean' });

export interface ModelDescription {
  spec: ModelSpec;
  slots: readonly SlotSpec[];
  settings: readonly SettingSpec[];
}

interface JsonSchemaProperty {
  type?: string;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  slot?: SlotKind;
  media?: MediaKind;
  label?: string;
  numbered?: boolean;
  title?: string;
  description?: string;
  default?: number | boolean | string;
  unit?: string;
  display?: SettingDisplay;
}

interface JsonSchemaObject {
  properties: Record<string, JsonSchemaProperty>;
  required?: string[];
}

function describeModel(spec: ModelSpec): ModelDescription {
  const json = z.toJSONSchema(spec.body, { io: 'input' }) as unknown as JsonSchemaObject;
  const required = new Set(json.required ?? []);
  const slots: SlotSpec[] = [];
  const settings: SettingSpec[] = [];
  for (const [field, prop] of Object.entries(json.properties)) {
    if (field === 'prompt') continue;
    if (prop.slot && prop.media && prop.label !== undefined && prop.numbered !== undefined) {
      const list = prop.type === 'array';
      slots.push({
        field,
        slot: prop.slot,
        media: prop.media,
        label: prop.label,
        numbered: prop.numbered,
        list,
        max: list ? (prop.maxItems ?? 1) : 1,
        required: required.has(field),
      });
      continue;
    }
    if (!isSettingField(field)) throw new Error(`model ${spec.id}: ${field} is neither the prompt, an input nor a setting`);
    const meta: SettingMeta = {
      title: prop.title ?? field,
      description: prop.description ?? '',
      ...(prop.default !== undefined ? { default: prop.default } : {}),
      ...(prop.unit !== undefined ? { unit: prop.unit } : {}),
      ...(prop.display !== undefined ? { display: prop.display } : {}),
    };
    if (prop.enum) settings.push({ ...meta, field, type: 'enum', options: prop.enum });
    else if (prop.type === 'integer')
      settings.push({ ...meta, field, type: 'integer', min: prop.minimum ?? 0, max: prop.maximum ?? Number.MAX_SAFE_INTEGER });
    else if (prop.type === 'boolean') settings.push({ ...meta, field, type: 'boolean' });
    else throw new Error(`model ${spec.id}: setting ${field} has a type the settings panel cannot show`);
  }
  return { spec, slots, settings };
}

const DESCRIPTIONS = Object.fromEntries(MODEL_IDS.map((id) => [id, describeModel(MODELS[id])])) as Record<
  ModelId,
  ModelDescription
>;

/** The model's spec plus its slots and settings, read from its schema (computed once). */
export function describe(id: ModelId): ModelDescription {
  return DESCRIPTIONS[id];
}

export function slotsOf(id: ModelId): readonly SlotSpec[] {
  return DESCRIPTIONS[id].slots;
}

export function slotOf(id: ModelId, kind: SlotKind): SlotSpec | undefined {
  return DESCRIPTIONS[id].slots.find((s) => s.slot === kind);
}

export function settingsOf(id: ModelId): readonly SettingSpec[] {
  return DESCRIPTIONS[id].settings;
}

/** The default the service applies to a setting when it is omitted, if documented. */
export function defaultOf(id: ModelId, field: string): number | boolean | string | undefined {
  return DESCRIPTIONS[id].settings.find((s) => s.field === field)?.default;
}
