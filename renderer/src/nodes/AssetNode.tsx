/**
 * An asset node: one video, image or audio file (local, or a URL), with its preview, the facts a
 * model cares about (duration, resolution, size) and what a model would refuse it for. Its one
 * output, `media`, wires into a Seedance node's slot of the same kind.
 */
import { lazy, memo, Suspense, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { MediaInfo } from '../../../shared/api';
import { edgesFrom, findNode, mediaUrlSchema, withArticle, type AssetNode as AssetGraphNode } from '../../../shared/graph';
import type { MediaKind } from '../../../shared/models';
import { api, mediaUrl } from '../transport';
import { setAssetItems } from '../store/batch';
import { useEditor } from '../store/editor';
import { useNodeIssues } from '../store/plan';
import { assetProblems, KIND_ICONS, KIND_TITLES, nameProblem, nameTaken } from './asset-view';
import { formatMegabytes, formatResolution, formatSeconds } from './format';
import { fileNameOf, nodeName } from './names';
import { NodeRunActions } from './NodeRunActions';
import { Port } from './Port';
import { countOf, ProblemsBadge, ProblemsList, useProblemsToggle } from './Problems';
import { sameNodeProps, type EditorNodeProps } from './types';
import { errorText } from '../ui/error-text';
import './nodes.css';

// A node's batch items (several files) load when a node has them.
const ItemsList = lazy(() => import('./AssetItems').then((m) => ({ default: m.ItemsList })));

function MediaFacts({ info }: { info: MediaInfo }) {
  return (
    <ul className="sfn-facts" aria-label="Media facts">
      {info.seconds !== undefined && (
        <li className="sfn-fact" title="Duration">
          <span className="sfn-visually-hidden">Duration </span>
          {formatSeconds(info.seconds)}
        </li>
      )}
      {info.width !== undefined && info.height !== undefined && (
        <li className="sfn-fact" title="Resolution">
          <span className="sfn-visually-hidden">Resolution </span>
          {formatResolution(info.width, info.height)}
        </li>
      )}
      <li className="sfn-fact" title="File size">
        <span className="sfn-visually-hidden">Size </span>
        {formatMegabytes(info.bytes)}
      </li>
      {info.problems.length > 0 && (
        <li className="sfn-fact sfn-fact--warning" title="A model would refuse this file">
          ⚠ {info.problems.length === 1 ? '1 limit exceeded' : `${info.problems.length} limits exceeded`}
        </li>
      )}
    </ul>
  );
}

function Preview({ kind, info, name, describedBy }: { kind: MediaKind; info: MediaInfo; name: string; describedBy?: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const [playing, setPlaying] = useState(false);
  const src = mediaUrl(info.mediaId);
  const alt = `Preview of ${name}`;

  function play() {
    const el = video.current;
    if (!el) return;
    try {
      const started = el.play() as Promise<void> | undefined;
      started?.catch(() => setPlaying(false));
    } catch {
      // No media support (tests) or the file cannot play: the poster stays.
    }
    setPlaying(true);
  }
  function pause() {
    video.current?.pause();
    setPlaying(false);
  }

  if (kind === 'image') {
    return (
      <div className="sfn-preview">
        <img src={src} alt={alt} aria-describedby={describedBy} draggable={false} />
      </div>
    );
  }
  if (kind === 'audio') {
    return (
      <div className="sfn-preview sfn-preview--audio">
        <audio className="nodrag" src={src} controls preload="metadata" aria-label={alt} aria-describedby={describedBy} />
      </div>
    );
  }
  return (
    <div className="sfn-preview" onMouseEnter={play} onMouseLeave={pause}>
      <video
        ref={video}
        src={src}
        preload="metadata"
        muted
        loop
        playsInline
        aria-label={alt}
        aria-describedby={describedBy}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
      />
      <button
        type="button"
        className="sfn-preview__play nodrag"
        aria-label={playing ? `Pause ${name}` : `Play ${name}`}
        aria-pressed={playing}
        onClick={() => (playing ? pause() : play())}
      >
        {playing ? '❚❚' : '▶'}
      </button>
    </div>
  );
}

/** The batch name field: checked like the graph schema checks it, and unique among assets. */
function NameField({ node }: { node: AssetGraphNode }) {
  const id = useId();
  const stored = node.data.name ?? '';
  const [draft, setDraft] = useState(stored);
  const [base, setBase] = useState(stored);
  const updateNodeData = useEditor((s) => s.updateNodeData);
  const endTyping = useEditor((s) => s.endTyping);
  // Whether the draft is taken: one boolean, so other edits do not re-render the field.
  const draftTaken = useEditor((s) => nameTaken(s.graph, node.id, draft));
  if (base !== stored) {
    setBase(stored);
    setDraft(stored);
  }
  const check = (value: string) => nameProblem(value, value === draft ? draftTaken : nameTaken(useEditor.getState().graph, node.id, value));
  const error = check(draft);
  return (
    <div className="sfn-field">
      <label htmlFor={id}>Batch name</label>
      <input
        id={id}
        className="nodrag"
        value={draft}
        placeholder="optional, e.g. clip"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const value = e.currentTarget.value;
          setDraft(value);
          if (check(value) === undefined && value !== stored) {
            setBase(value);
            updateNodeData(node.id, 'rename batch input', { name: value || undefined }, { coalesce: `name:${node.id}` });
          }
        }}
        onBlur={endTyping}
      />
      <p id={`${id}-hint`} className={error ? 'sfn-field__error' : 'sfn-field__hint'}>
        {error ?? 'Optional: a batch column of this name fills the source.'}
      </p>
    </div>
  );
}

function SourceField({ node, onStatus }: { node: AssetGraphNode; onStatus(text: string): void }) {
  const id = useId();
  const media = node.data.media;
  const source = node.data.source;
  const updateNodeData = useEditor((s) => s.updateNodeData);
  const rememberMedia = useEditor((s) => s.rememberMedia);
  const [mode, setMode] = useState<'file' | 'url'>(source?.kind ?? 'file');
  const [baseKind, setBaseKind] = useState(source?.kind);
  const storedUrl = source?.kind === 'url' ? source.url : '';
  const [url, setUrl] = useState(storedUrl);
  const [baseUrl, setBaseUrl] = useState(storedUrl);
  const [urlError, setUrlError] = useState<string | null>(null);
  const [pathMode, setPathMode] = useState(false);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (baseKind !== source?.kind) {
    setBaseKind(source?.kind);
    if (source) setMode(source.kind);
  }
  if (baseUrl !== storedUrl) {
    setBaseUrl(storedUrl);
    setUrl(storedUrl);
    setUrlError(null);
  }

  /** One file is the node's source, as always; several are its batch items (one row each). */
  function accept(files: readonly MediaInfo[], refused: readonly string[] = []) {
    const wrong = files.filter((file) => file.kind !== media);
    const fitting = files.filter((file) => file.kind === media);
    const problems = [...refused, ...wrong.map((file) => `${file.fileName} is ${withArticle(file.kind)}; this node takes ${withArticle(media)}.`)];
    // Files of another kind (in a folder of several kinds) are left out, and said so.
    setError(problems.length > 0 ? problems.join(' ') : null);
    if (fitting.length === 0 || refused.length > 0) return;
    rememberMedia(fitting);
    setAssetItems(
      node.id,
      fitting.map((file) => ({ kind: 'file', path: file.path })),
    );
    setPathMode(false);
    setPath('');
    const refusedBy = fitting.filter((file) => file.problems.length > 0).map((file) => `${file.fileName}: ${file.problems.join('; ')}`);
    const names = fitting.length === 1 ? (fitting[0] as MediaInfo).fileName : `${fitting.length} files, one batch row each`;
    onStatus(refusedBy.length > 0 ? `Loaded ${names}. A model would refuse ${refusedBy.join('. ')}.` : `Loaded ${names}.`);
  }

  async function choose(multiple: boolean) {
    setBusy(true);
    setError(null);
    try {
      const result = await api['media.pick']({ kinds: [media], multiple });
      if (result.canceled) return;
      if (result.unsupported) {
        setPathMode(true);
        return;
      }
      accept(result.files);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function importPath() {
    const typed = path
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    if (typed.length === 0) {
      setError('Type the full path of a file on this computer.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await api['media.import']({ paths: typed });
      accept(result.files, result.errors.map((e) => e.message));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  function commitUrl() {
    const value = url.trim();
    if (value === storedUrl) return;
    if (value === '') {
      setUrlError(null);
      if (source?.kind === 'url') updateNodeData(node.id, 'clear URL', { source: undefined });
      return;
    }
    const parsed = mediaUrlSchema.safeParse(value);
    if (!parsed.success) {
      setUrlError(`The URL ${parsed.error.issues[0]?.message ?? 'is not valid'}.`);
      return;
    }
    setUrlError(null);
    setBaseUrl(value);
    updateNodeData(node.id, 'set URL', { source: { kind: 'url', url: value } });
  }

  return (
    <div className="sfn-source">
      <div role="radiogroup" aria-label="Source" className="sfn-source__modes">
        {(['file', 'url'] as const).map((m) => (
          <label key={m} className="sfn-source__mode">
            <input
              type="radio"
              className="nodrag"
              name={`${id}-mode`}
              value={m}
              checked={mode === m}
              onChange={() => setMode(m)}
            />
            {m === 'file' ? 'File' : 'URL'}
          </label>
        ))}
      </div>
      {mode === 'file' ? (
        <div className="sfn-source__file">
          <span className="sfn-source__name" title={source?.kind === 'file' ? source.path : undefined}>
            {source?.kind === 'file' ? fileNameOf(source.path) : 'No file chosen'}
          </span>
          <button type="button" className="sfn-button nodrag" disabled={busy} onClick={() => void choose(false)}>
            Choose file…
          </button>
          <button
            type="button"
            className="sfn-button nodrag"
            disabled={busy}
            onClick={() => void choose(true)}
          >
            Choose several…
          </button>
          {pathMode && (
            <div className="sfn-field">
              <label htmlFor={`${id}-path`}>File path</label>
              <div className="sfn-field__row">
                <textarea
                  id={`${id}-path`}
                  className="nodrag"
                  rows={1}
                  value={path}
                  spellCheck={false}
                  placeholder="/home/me/clips/shot.mp4"
                  aria-describedby={`${id}-path-hint`}
                  onChange={(e) => setPath(e.currentTarget.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && !e.shiftKey) {
                      e.preventDefault();
                      void importPath();
                    }
                  }}
                />
                <button type="button" className="sfn-button nodrag" disabled={busy} onClick={() => void importPath()}>
                  Import
                </button>
              </div>
              <p id={`${id}-path-hint`} className="sfn-field__hint">
                This window has no file dialog: type the full path of a file on the machine running the app. Several, or a folder: one per line.
              </p>
            </div>
          )}
        </div>
      ) : (
        <div className="sfn-field">
          <label htmlFor={`${id}-url`}>URL</label>
          <input
            id={`${id}-url`}
            type="url"
            className="nodrag"
            value={url}
            spellCheck={false}
            placeholder="https://example.com/clip.mp4"
            aria-invalid={urlError ? true : undefined}
            aria-describedby={`${id}-url-hint`}
            onChange={(e) => {
              setUrl(e.currentTarget.value);
              setUrlError(null);
            }}
            onBlur={commitUrl}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commitUrl();
            }}
          />
          <p id={`${id}-url-hint`} className={urlError ? 'sfn-field__error' : 'sfn-field__hint'}>
            {urlError ?? 'An http(s) address the service can fetch; no user name or password in it.'}
          </p>
        </div>
      )}
      {error && (
        <p role="alert" className="sfn-field__error">
          {error}
        </p>
      )}
    </div>
  );
}

function AssetBody({ node }: { node: AssetGraphNode }) {
  const id = node.id;
  const kind = node.data.media;
  const mediaInfo = useEditor((s) => (node.data.source?.kind === 'file' ? s.media[node.data.source.path] : undefined));
  const updateNodeData = useEditor((s) => s.updateNodeData);
  const endTyping = useEditor((s) => s.endTyping);
  const toggle = useProblemsToggle();
  const [status, setStatus] = useState('');
  const [factsError, setFactsError] = useState<string | null>(null);
  const filePath = node.data.source?.kind === 'file' ? node.data.source.path : undefined;
  const known = mediaInfo !== undefined;
  useEffect(() => {
    // A file from an opened graph or a template: read its facts once, for the preview and badges.
    if (!filePath || known) return;
    let live = true;
    api['media.import']({ paths: [filePath] }).then(
      (result) => {
        if (!live) return;
        if (result.files.length > 0) useEditor.getState().rememberMedia(result.files);
        setFactsError(result.errors[0]?.message ?? null);
      },
      (e: unknown) => {
        if (live) setFactsError(errorText(e));
      },
    );
    return () => {
      live = false;
    };
  }, [filePath, known]);
  const issues = useNodeIssues(id);
  const problems = useMemo(() => assetProblems(issues, mediaInfo), [issues, mediaInfo]);
  const name = nodeName(node);
  const describedBy = problems.length > 0 ? toggle.listId : undefined;
  // "Run from here" only where there is something downstream to run.
  const feeds = useEditor((s) => edgesFrom(s.graph, id).length > 0);

  return (
    <div role="group" aria-label={`${KIND_TITLES[kind]} asset ${name}`} className={`sfn-node sfn-node--asset sfn-node--${kind}`}>
      <header className="sfn-node__header">
        <span className="sfn-node__icon" aria-hidden="true">
          {KIND_ICONS[kind]}
        </span>
        <span className="sfn-node__kind">{KIND_TITLES[kind]}</span>
        <input
          className="sfn-node__title nodrag"
          aria-label="Label"
          value={node.data.label ?? ''}
          placeholder={name}
          maxLength={200}
          onChange={(e) => updateNodeData(id, 'rename', { label: e.currentTarget.value || undefined }, { coalesce: `label:${id}` })}
          onBlur={endTyping}
        />
        <ProblemsBadge {...countOf(problems)} listId={toggle.listId} open={toggle.open} onToggle={toggle.toggle} />
        {feeds ? <NodeRunActions nodeId={id} name={name} alone={false} /> : null}
      </header>
      <SourceField node={node} onStatus={setStatus} />
      {node.data.items ? (
        <Suspense fallback={null}>
          <ItemsList node={node} />
        </Suspense>
      ) : null}
      {mediaInfo ? (
        <>
          <Preview kind={kind} info={mediaInfo} name={name} {...(describedBy ? { describedBy } : {})} />
          <MediaFacts info={mediaInfo} />
        </>
      ) : node.data.source?.kind === 'url' ? (
        <p className="sfn-muted">The service fetches this URL when it runs; there is no preview here.</p>
      ) : node.data.source?.kind === 'file' ? (
        <p className="sfn-muted">{factsError ?? 'Reading the file…'}</p>
      ) : null}
      <NameField node={node} />
      <ProblemsList id={toggle.listId} problems={problems} open={toggle.open} />
      <p role="status" className="sfn-visually-hidden">
        {status}
      </p>
      <Port type="source" id="media" label={`${name} output`} {...(describedBy ? { describedBy } : {})} />
    </div>
  );
}

export const AssetNode = memo(function AssetNode({ id }: EditorNodeProps) {
  // Only this node: edits elsewhere in the graph do not re-render it.
  const node = useEditor((s) => findNode(s.graph, id));
  if (!node || node.type !== 'asset') {
    return <div className="sfn-node sfn-node--missing">This node is no longer in the graph.</div>;
  }
  return <AssetBody node={node} />;
}, sameNodeProps);
