/**
 * Every setting of a node's model, read from the model's schema through `describe(model)`: enums
 * as selects with a "Default" choice (unset), integers as number fields with their range and unit,
 * booleans as switches. The schema's display hints (`SettingDisplay`) add the rest: a seed with
 * Randomise and Lock, seconds shown in hours, the note on a wired last frame. A graph stores only
 * what the user set; everything unset shows the service's default.
 */
import { useId, useState } from 'react';
import { describe, isSettingValue, SEED_RANDOM_MAX, type ModelId, type NodeSettings, type SettingField, type SettingSpec } from '../../../shared/models';
import { useEditor } from '../store/editor';
import { formatHours } from './format';

type IntegerSpec = Extract<SettingSpec, { type: 'integer' }>;
type EnumSpec = Extract<SettingSpec, { type: 'enum' }>;
type BooleanSpec = Extract<SettingSpec, { type: 'boolean' }>;

/** A random seed every model accepts: a whole number from 0 to SEED_RANDOM_MAX. */
function randomSeed(): number {
  const [n = 0] = crypto.getRandomValues(new Uint32Array(1));
  // 2^32 is a multiple of SEED_RANDOM_MAX + 1 (2^31), so the remainder is uniform.
  return n % (SEED_RANDOM_MAX + 1);
}

function unitText(unit: string | undefined): string {
  return unit ? ` ${unit}` : '';
}

function booleanText(value: boolean): string {
  return value ? 'on' : 'off';
}

interface SettingProps<S extends SettingSpec> {
  nodeId: string;
  spec: S;
  value: NodeSettings[SettingField];
}

/** Stores a control's value; one no model accepts for the field is never stored. */
function set(nodeId: string, field: SettingField, value: unknown) {
  if (value === undefined) useEditor.getState().setSetting(nodeId, field, undefined);
  else if (isSettingValue(field, value)) useEditor.getState().setSetting(nodeId, field, value);
}

function ResetButton({ nodeId, spec, value }: SettingProps<SettingSpec>) {
  if (value === undefined) return null;
  return (
    <button
      type="button"
      className="sfn-setting__reset nodrag"
      aria-label={`Reset ${spec.title} to default`}
      title="Back to the default"
      onClick={() => set(nodeId, spec.field, undefined)}
    >
      ↺
    </button>
  );
}

function EnumSetting({ nodeId, spec, value }: SettingProps<EnumSpec>) {
  const id = useId();
  const current = typeof value === 'string' ? value : '';
  const unknown = current !== '' && !spec.options.includes(current);
  const defaultText = spec.default !== undefined ? `Default (${String(spec.default)})` : 'Default';
  return (
    <div className="sfn-setting">
      <label htmlFor={id} title={spec.description}>
        {spec.title}
      </label>
      <div className="sfn-setting__control">
        <select
          id={id}
          className="nodrag"
          value={current}
          aria-describedby={`${id}-hint`}
          aria-invalid={unknown ? true : undefined}
          onChange={(e) => set(nodeId, spec.field, e.currentTarget.value || undefined)}
        >
          <option value="">{defaultText}</option>
          {unknown && <option value={current}>{current} (not for this model)</option>}
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        <ResetButton nodeId={nodeId} spec={spec} value={value} />
      </div>
      <p id={`${id}-hint`} className="sfn-setting__hint">
        <span className="sfn-visually-hidden">{spec.description} </span>
        {spec.default !== undefined ? `default ${String(spec.default)}` : 'default: the service decides'}
      </p>
    </div>
  );
}

/** The text a number field shows for a stored value. */
function shown(value: number | undefined, hours: boolean): string {
  if (value === undefined) return '';
  return hours ? String(Math.round((value / 3600) * 100) / 100) : String(value);
}

function IntegerSetting({ nodeId, spec, value }: SettingProps<IntegerSpec>) {
  const id = useId();
  const hours = spec.display === 'hours';
  const seed = spec.display === 'seed';
  const stored = typeof value === 'number' ? value : undefined;
  const [draft, setDraft] = useState(shown(stored, hours));
  const [base, setBase] = useState(stored);
  const [error, setError] = useState<string | null>(null);
  if (base !== stored) {
    // Changed elsewhere (undo, randomise, model switch): show the stored value.
    setBase(stored);
    setDraft(shown(stored, hours));
    setError(null);
  }
  const factor = hours ? 3600 : 1;
  const min = spec.min / factor;
  const max = spec.max / factor;
  const unit = hours ? 'h' : spec.unit;
  const defaultText =
    spec.default === undefined
      ? 'no default'
      : `default ${hours ? formatHours(Number(spec.default)) : `${String(spec.default)}${unitText(spec.unit)}`}${seed && spec.default === -1 ? ' (random each run)' : ''}`;
  const range = `${min} to ${max}${unitText(unit)}`;

  /** The stored value for a text, or an error. */
  function parse(text: string): { value: number | undefined } | { error: string } {
    if (text.trim() === '') return { value: undefined };
    const n = Number(text);
    if (!Number.isFinite(n)) return { error: `${spec.title} must be a number.` };
    const v = Math.round(n * factor);
    if (!hours && !Number.isInteger(n)) return { error: `${spec.title} must be a whole number.` };
    if (v < spec.min || v > spec.max) return { error: `${spec.title} must be from ${range}.` };
    return { value: v };
  }

  function onChange(text: string) {
    setDraft(text);
    const result = parse(text);
    if ('error' in result) return;
    setError(null);
    // An empty field is committed on blur, so clearing it to type a new number is one step.
    if (result.value !== undefined && result.value !== stored) {
      setBase(result.value);
      set(nodeId, spec.field, result.value);
    }
  }

  function onBlur() {
    const result = parse(draft);
    if ('error' in result) {
      setError(result.error);
      return;
    }
    setError(null);
    if (result.value !== stored) {
      setBase(result.value);
      set(nodeId, spec.field, result.value);
    }
  }

  const locked = stored !== undefined && stored !== -1;
  return (
    <div className={`sfn-setting${seed ? ' sfn-setting--seed' : ''}`}>
      <label htmlFor={id} title={spec.description}>
        {spec.title}
        {unit ? ` (${unit})` : ''}
      </label>
      <div className="sfn-setting__control">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          className="nodrag"
          min={min}
          max={max}
          step={1}
          value={draft}
          placeholder={spec.default === undefined ? '' : shown(Number(spec.default), hours)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(e) => onChange(e.currentTarget.value)}
          onBlur={onBlur}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onBlur();
          }}
        />
        {seed && (
          <>
            <button
              type="button"
              className="sfn-button nodrag"
              aria-label="Randomise seed"
              title={`A new random seed from 0 to ${SEED_RANDOM_MAX}`}
              onClick={() => set(nodeId, spec.field, randomSeed())}
            >
              Randomise
            </button>
            <button
              type="button"
              className="sfn-button sfn-toggle nodrag"
              aria-label="Lock seed"
              aria-pressed={locked}
              title={locked ? 'The seed is fixed: runs repeat. Press to pick a new one each run (-1).' : 'A new seed each run (-1). Press to fix one.'}
              onClick={() => set(nodeId, spec.field, locked ? undefined : randomSeed())}
            >
              {locked ? 'Locked' : 'Lock'}
            </button>
          </>
        )}
        {!seed && <ResetButton nodeId={nodeId} spec={spec} value={value} />}
      </div>
      <p id={`${id}-hint`} className="sfn-setting__hint">
        <span className="sfn-visually-hidden">{spec.description} </span>
        {range} · {defaultText}
        {hours && stored !== undefined ? ` · now ${stored} s` : ''}
      </p>
      {error && (
        <p id={`${id}-error`} className="sfn-setting__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function BooleanSetting({ nodeId, spec, value, note }: SettingProps<BooleanSpec> & { note?: string }) {
  const id = useId();
  const fallback = typeof spec.default === 'boolean' ? spec.default : false;
  const checked = typeof value === 'boolean' ? value : fallback;
  return (
    <div className="sfn-setting sfn-setting--switch">
      <div className="sfn-setting__control">
        <input
          id={id}
          type="checkbox"
          role="switch"
          className="sfn-switch nodrag"
          checked={checked}
          aria-describedby={`${id}-hint`}
          onChange={(e) => set(nodeId, spec.field, e.currentTarget.checked)}
        />
        <label htmlFor={id} title={spec.description}>
          {spec.title}
        </label>
        <ResetButton nodeId={nodeId} spec={spec} value={value} />
      </div>
      <p id={`${id}-hint`} className="sfn-setting__hint">
        <span className="sfn-visually-hidden">{spec.description} </span>
        {typeof spec.default === 'boolean' ? `default ${booleanText(spec.default)}` : ''}
        {note ? ` · ${note}` : ''}
      </p>
    </div>
  );
}

export interface SettingsPanelProps {
  nodeId: string;
  model: ModelId;
  settings: NodeSettings;
  /** Whether a wire leaves the Last frame output (the plan then asks for the last frame). */
  lastFrameWired?: boolean;
}

export function SettingsPanel({ nodeId, model, settings, lastFrameWired }: SettingsPanelProps) {
  const specs = describe(model).settings;
  return (
    <fieldset className="sfn-settings">
      <legend>Settings</legend>
      {specs.map((spec) => {
        const value = settings[spec.field];
        switch (spec.type) {
          case 'enum':
            return <EnumSetting key={spec.field} nodeId={nodeId} spec={spec} value={value} />;
          case 'integer':
            return <IntegerSetting key={spec.field} nodeId={nodeId} spec={spec} value={value} />;
          case 'boolean':
            return (
              <BooleanSetting
                key={spec.field}
                nodeId={nodeId}
                spec={spec}
                value={value}
                {...(spec.display === 'last-frame' && lastFrameWired
                  ? { note: 'The Last frame output is wired, so a run asks for it anyway.' }
                  : {})}
              />
            );
        }
      })}
    </fieldset>
  );
}
