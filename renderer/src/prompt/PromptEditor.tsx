/**
 * The prompt of a Seedance node: a plain textarea (native typing, native undo inside the field)
 * with a highlight layer behind it that paints tokens as chips, a row of chips naming what each
 * token points at, `[` suggestions of the inputs wired now, the shared lint inline with fixes,
 * and the character count. Token syntax, lint and renumbering all come from shared/prompt and
 * shared/graph; this component only shows them and writes through the store.
 */
import { useEffect, useId, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { findNode, inputsOf } from '../../../shared/graph';
import { PROMPT_MAX, promptLength } from '../../../shared/models';
import { lintPrompt, parsePrompt, type PromptIssue, type WiredCounts } from '../../../shared/prompt';
import { useEditor } from '../store/editor';
import { bracketBefore, chipIsError, chipNote, matches, renumbering, spaced, wiredInputs, type ChipSegment, type Suggest, type WiredInput } from './prompt-model';
import './prompt.css';

export { wiredInputs, type WiredInput };

export interface PromptEditorHandle {
  /** Inserts text (a token) where the cursor was last, as its own undo step, and focuses the field. */
  insert(text: string): void;
  focus(): void;
}

export interface PromptEditorProps {
  /** The Seedance node whose prompt this edits. */
  nodeId: string;
  /** Visible label of the field; "Prompt" unless given. */
  label?: string;
  ref?: Ref<PromptEditorHandle>;
}

export function PromptEditor({ nodeId, label = 'Prompt', ref }: PromptEditorProps) {
  // Narrow reads, so typing in one prompt re-renders this editor only: its prompt, how many inputs
  // of each kind are wired, their tokens and names, and the graph's variables.
  const prompt = useEditor((s) => {
    const node = findNode(s.graph, nodeId);
    return node?.type === 'seedance' ? node.data.prompt : '';
  });
  const counts = useEditor(
    useShallow((s) => {
      const inputs = inputsOf(s.graph, nodeId);
      return [inputs.video.length, inputs.image.length, inputs.audio.length];
    }),
  );
  const tokens = useEditor(useShallow((s) => wiredInputs(s.graph, nodeId).map((i) => i.token)));
  const sourceNames = useEditor(useShallow((s) => wiredInputs(s.graph, nodeId).map((i) => i.name)));
  const graphVariables = useEditor((s) => s.graph.variables);
  const setPrompt = useEditor((s) => s.setPrompt);
  const endTyping = useEditor((s) => s.endTyping);

  const id = useId();
  const ids = {
    field: `${id}-field`,
    count: `${id}-count`,
    lint: `${id}-lint`,
    list: `${id}-suggest`,
    option: (i: number) => `${id}-option-${i}`,
  };
  const field = useRef<HTMLTextAreaElement>(null);
  const mirror = useRef<HTMLDivElement>(null);
  /** The cursor as last seen, for inserting a token after the field lost focus. */
  const selection = useRef({ start: prompt.length, end: prompt.length });
  /** A cursor to put back after the store re-renders the field with a new value. */
  const pending = useRef<{ start: number; end: number } | null>(null);

  const [suggest, setSuggest] = useState<Suggest | null>(null);
  /** The prompt as this field last wrote it, to tell our typing from changes made elsewhere. */
  const [typed, setTyped] = useState(prompt);
  const [seen, setSeen] = useState(prompt);
  const [renumbered, setRenumbered] = useState<{ message: string; tokens: ReadonlySet<string> } | null>(null);

  // A prompt changed by the store (wires removed or reordered, undo) rather than by typing here:
  // say how the tokens moved and flash them (derived state, updated during render).
  if (seen !== prompt) {
    setSeen(prompt);
    if (prompt !== typed) {
      const changes = renumbering(seen, prompt);
      setRenumbered(
        changes
          ? {
              message: `Tokens renumbered: ${changes.map(([from, to]) => `${from} → ${to}`).join(', ')}`,
              tokens: new Set(changes.map(([, to]) => to)),
            }
          : null,
      );
      setTyped(prompt);
    }
  }

  useEffect(() => {
    if (!renumbered) return;
    const timer = setTimeout(() => setRenumbered(null), 4000);
    return () => clearTimeout(timer);
  }, [renumbered]);

  // Puts the cursor back after the store re-rendered the field. Only the field being edited needs
  // it: reading a layout property of every prompt on the canvas would force a layout for each.
  useLayoutEffect(() => {
    const el = field.current;
    const want = pending.current;
    if (!el || (!want && document.activeElement !== el)) return;
    pending.current = null;
    if (want) {
      el.setSelectionRange(want.start, want.end);
      selection.current = want;
    } else {
      const { start, end } = selection.current;
      if (el.selectionStart !== start || el.selectionEnd !== end) {
        el.setSelectionRange(Math.min(start, prompt.length), Math.min(end, prompt.length));
      }
    }
    if (mirror.current) mirror.current.scrollTop = el.scrollTop;
  }, [prompt]);

  const [videos = 0, images = 0, audios = 0] = counts;
  const wired: WiredCounts = useMemo(() => ({ video: videos, image: images, audio: audios }), [videos, images, audios]);
  const available = useMemo<WiredInput[]>(() => tokens.map((token, i) => ({ token, name: sourceNames[i] ?? '' })), [tokens, sourceNames]);
  const names = useMemo(() => new Map(available.map((i) => [i.token, i.name])), [available]);
  const variables = useMemo(() => new Map(graphVariables.map((v) => [v.name, v.value])), [graphVariables]);
  const segments = useMemo(() => parsePrompt(prompt), [prompt]);
  const issues = useMemo(
    () => lintPrompt(prompt, wired, { variables: [...variables.keys()] }),
    [prompt, wired, variables],
  );
  const chips = segments.filter((s): s is ChipSegment => s.type !== 'text');
  const options = suggest ? available.filter((i) => matches(i, suggest.query)) : [];
  const active = suggest && options.length > 0 ? Math.min(suggest.active, options.length - 1) : -1;
  const length = promptLength(prompt);
  const over = length > PROMPT_MAX;
  const hasErrors = issues.some((i) => i.severity === 'error');

  /** Writes a new prompt as one undo step of its own, and puts the cursor at `caret`. */
  function commit(next: string, caret: { start: number; end: number }) {
    endTyping();
    pending.current = caret;
    setTyped(next);
    setPrompt(nodeId, next);
    endTyping();
  }

  function insertAt(start: number, end: number, text: string) {
    const before = prompt.slice(0, start);
    const after = prompt.slice(end);
    const piece = spaced(before, text, after);
    const caret = start + piece.length;
    commit(before + piece + after, { start: caret, end: caret });
    setSuggest(null);
    field.current?.focus();
  }

  useImperativeHandle(
    ref,
    () => ({
      insert(text: string) {
        const { start, end } = selection.current;
        insertAt(Math.min(start, prompt.length), Math.min(end, prompt.length), text);
      },
      focus() {
        field.current?.focus();
      },
    }),
  );

  function remember(el: HTMLTextAreaElement) {
    selection.current = { start: el.selectionStart, end: el.selectionEnd };
  }

  function choose(option: WiredInput) {
    if (!suggest) return;
    const caret = field.current?.selectionStart ?? suggest.from + 1 + suggest.query.length;
    // Replace the `[` and what was typed after it; swallow a `]` the user typed ahead.
    const end = prompt[caret] === ']' ? caret + 1 : caret;
    const before = prompt.slice(0, suggest.from);
    const after = prompt.slice(end);
    const at = before.length + option.token.length;
    pending.current = { start: at, end: at };
    const next = before + option.token + after;
    setTyped(next);
    setPrompt(nodeId, next);
    setSuggest(null);
  }

  function onChange(el: HTMLTextAreaElement) {
    const value = el.value;
    const caret = el.selectionStart;
    remember(el);
    setTyped(value);
    setPrompt(nodeId, value);
    const bracket = bracketBefore(value, caret);
    if (!bracket) setSuggest(null);
    else if (suggest && suggest.from === bracket.from) setSuggest({ ...suggest, query: bracket.query, active: 0 });
    else if (value[caret - 1] === '[' && value.length > prompt.length) setSuggest({ ...bracket, active: 0 });
  }

  function onSelect(el: HTMLTextAreaElement) {
    remember(el);
    if (!suggest) return;
    const bracket = bracketBefore(el.value, el.selectionStart);
    if (!bracket || bracket.from !== suggest.from || el.selectionStart !== el.selectionEnd) setSuggest(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!suggest) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setSuggest(null);
      return;
    }
    if (options.length === 0) return;
    const move = (by: number) => {
      event.preventDefault();
      setSuggest({ ...suggest, active: (active + by + options.length) % options.length });
    };
    if (event.key === 'ArrowDown') move(1);
    else if (event.key === 'ArrowUp') move(-1);
    else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      const option = options[active];
      if (option) choose(option);
    }
  }

  function selectRange(start: number, end: number) {
    const el = field.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(start, end);
    selection.current = { start, end };
  }

  function fix(issue: PromptIssue) {
    if (issue.suggestion === undefined || issue.start === undefined || issue.end === undefined) return;
    const next = prompt.slice(0, issue.start) + issue.suggestion + prompt.slice(issue.end);
    const caret = issue.start + issue.suggestion.length;
    commit(next, { start: caret, end: caret });
  }

  const changedTokens = renumbered?.tokens;

  return (
    <div className={`sfp-prompt${renumbered ? ' sfp-prompt--renumbered' : ''}`}>
      <div className="sfp-prompt__head">
        <label htmlFor={ids.field} className="sfp-prompt__label">
          {label}
        </label>
        <span
          id={ids.count}
          role="status"
          aria-label="Prompt length"
          className={`sfp-prompt__count${over ? ' sfp-prompt__count--over' : ''}`}
        >
          {length} / {PROMPT_MAX}
          {over ? ` (${length - PROMPT_MAX} over)` : ''}
        </span>
      </div>
      <div className="sfp-prompt__box">
        <div ref={mirror} className="sfp-prompt__mirror" aria-hidden="true">
          {segments.map((s) =>
            s.type === 'text' ? (
              <span key={s.start}>{s.text}</span>
            ) : (
              <mark
                key={s.start}
                className={`sfp-token sfp-token--${s.type}${chipIsError(s, wired, variables) ? ' sfp-token--error' : ''}${
                  changedTokens?.has(s.text) ? ' sfp-token--flash' : ''
                }`}
              >
                {s.text}
              </mark>
            ),
          )}
          {'\n '}
        </div>
        <textarea
          ref={field}
          id={ids.field}
          className="sfp-prompt__field nodrag nowheel nokey"
          value={prompt}
          rows={4}
          spellCheck
          aria-invalid={hasErrors || over ? true : undefined}
          aria-describedby={`${ids.count} ${ids.lint}`}
          aria-autocomplete="list"
          aria-controls={suggest ? ids.list : undefined}
          aria-activedescendant={active >= 0 ? ids.option(active) : undefined}
          placeholder="Describe the shot. Type [ to name a wired input, e.g. [Video 1]."
          onChange={(e) => onChange(e.currentTarget)}
          onSelect={(e) => onSelect(e.currentTarget)}
          onKeyDown={onKeyDown}
          onScroll={(e) => {
            if (mirror.current) mirror.current.scrollTop = e.currentTarget.scrollTop;
          }}
          onBlur={(e) => {
            remember(e.currentTarget);
            endTyping();
            setSuggest(null);
          }}
        />
        {suggest &&
          (available.length === 0 ? (
            <p className="sfp-prompt__suggest-empty" role="status">
              No inputs are wired yet: wire a video, image or audio into a slot to name it here.
            </p>
          ) : (
            <ul id={ids.list} role="listbox" aria-label="Wired inputs" className="sfp-prompt__suggest nowheel">
              {options.length === 0 && (
                <li role="presentation" className="sfp-prompt__suggest-none">
                  No wired input matches “{suggest.query}”
                </li>
              )}
              {options.map((option, i) => (
                <li
                  key={option.token}
                  id={ids.option(i)}
                  role="option"
                  aria-selected={i === active}
                  className="sfp-prompt__option"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(option)}
                >
                  <span className="sfp-prompt__option-token">{option.token}</span>{' '}
                  <span className="sfp-prompt__option-name">{option.name}</span>
                </li>
              ))}
            </ul>
          ))}
      </div>
      {chips.length > 0 && (
        <ul className="sfp-prompt__chips" aria-label="Placeholders">
          {chips.map((s) => {
            const error = chipIsError(s, wired, variables);
            const note = chipNote(s, wired, names, variables);
            return (
              <li key={s.start}>
                <button
                  type="button"
                  className={`sfp-chip sfp-chip--${s.type}${error ? ' sfp-chip--error' : ''}${
                    changedTokens?.has(s.text) ? ' sfp-chip--flash' : ''
                  } nodrag`}
                  title={`Select ${s.text} in the prompt`}
                  onClick={() => selectRange(s.start, s.end)}
                >
                  <span className="sfp-chip__token">{s.text}</span>
                  {note && <span className="sfp-chip__note"> {note}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <ul id={ids.lint} className="sfp-prompt__lint" aria-label="Prompt checks">
        {issues.map((issue, i) => (
          <li key={`${issue.code}-${issue.start ?? i}-${i}`} className={`sfp-lint sfp-lint--${issue.severity}`}>
            <span className="sfp-lint__severity">{issue.severity === 'error' ? 'Error:' : 'Warning:'}</span>{' '}
            <span className="sfp-lint__message">{issue.message}</span>
            {issue.suggestion !== undefined && issue.start !== undefined && (
              <button
                type="button"
                className="sfp-lint__fix nodrag"
                aria-label={`Fix: write ${issue.suggestion}`}
                onClick={() => fix(issue)}
              >
                Fix
              </button>
            )}
          </li>
        ))}
      </ul>
      <p role="status" aria-label="Prompt changes" className="sfp-prompt__announce">
        {renumbered?.message ?? ''}
      </p>
    </div>
  );
}
