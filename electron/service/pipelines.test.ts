import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeGraph, type GraphDocument } from '../../shared/graph';
import { pipelinePorts } from '../../shared/pipeline/ports';
import { asset, edge, file, graphOf, seedance } from '../../test/support/graphs';
import { extendTwice, pipelineNode } from '../../test/support/pipelines';
import { listPipelines, pipelineFolders, savePipeline } from './pipelines';
import { createKeyStore } from './key-store';
import { dispatch } from './dispatch';
import { anyGraphPath, noDialogs } from './ports';
import { createAppService } from './service';
import type { ArgsOf, MethodName } from '../../shared/api';
import { readGraphFile, writeGraphFile } from './graph-files';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(os.tmpdir(), 'sf-pipelines-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const withLocalDefault = () => {
  const g = extendTwice();
  g.nodes = g.nodes.map((n) => (n.id === 'clip' && n.type === 'asset' ? { ...n, data: { ...n.data, source: file('media/default.mp4') } } : n));
  return g;
};

describe('the pipeline library', () => {
  it('lists the data folder and the added folders, with ports and the hash of the file', async () => {
    const folders = pipelineFolders(join(dir, 'data'), [join(dir, 'mine'), 'relative/ignored']);
    expect(folders).toEqual([join(dir, 'data', 'pipelines'), join(dir, 'mine')]);
    mkdirSync(folders[1] as string, { recursive: true });
    const text = serializeGraph(withLocalDefault());
    writeFileSync(join(dir, 'mine', 'extend-twice.seedance.json'), text);
    writeFileSync(join(dir, 'mine', 'broken.seedance.json'), '{"format": "seedance-flow.graph", "version": 2, "nodes": 3}');
    writeFileSync(join(dir, 'mine', 'notes.txt'), 'not a graph');
    const listing = await listPipelines(folders);
    expect(listing.pipelines).toHaveLength(1);
    const [entry] = listing.pipelines;
    expect(entry).toMatchObject({
      path: join(dir, 'mine', 'extend-twice.seedance.json'),
      name: 'Extend twice',
      hash: createHash('sha256').update(text).digest('hex'),
    });
    const ports = pipelinePorts(entry?.graph as GraphDocument);
    expect(ports.inputs).toEqual([{ name: 'clip', handle: 'in:clip', media: 'video', hasDefault: true }]);
    expect(ports.outputs.map((o) => [o.name, o.media])).toEqual([
      ['final', 'video'],
      ['first', 'video'],
    ]);
    expect(ports.variables).toEqual([{ name: 'mood', value: 'calm' }]);
    // Paths inside are made absolute against the pipeline's own folder, as the window works with them.
    const clip = entry?.graph.nodes.find((n) => n.id === 'clip');
    expect(clip?.type === 'asset' && clip.data.source).toEqual({ kind: 'file', path: join(dir, 'mine', 'media', 'default.mp4') });
    expect(listing.problems).toHaveLength(1);
    expect(listing.problems[0]?.message).toMatch(/^broken\.seedance\.json is not a graph this app can read/);
  });

  it('saves into the library only, and never over another pipeline unless asked', async () => {
    const folders = pipelineFolders(join(dir, 'data'), []);
    const saved = await savePipeline(folders, { graph: extendTwice(), name: 'Extend twice', replace: false });
    expect(saved.path).toBe(join(dir, 'data', 'pipelines', 'Extend twice.seedance.json'));
    expect(saved.hash).toBe(createHash('sha256').update(readFileSync(saved.path, 'utf8')).digest('hex'));
    await expect(savePipeline(folders, { graph: extendTwice(), name: 'Extend twice', replace: false })).rejects.toThrow(/already in/);
    await expect(savePipeline(folders, { graph: extendTwice(), name: 'Extend twice', replace: true })).resolves.toMatchObject({ hash: saved.hash });
    await expect(savePipeline(folders, { graph: extendTwice(), name: 'x', folder: join(dir, 'elsewhere'), replace: false })).rejects.toThrow(/is not a pipelines folder/);
    await expect(savePipeline(folders, { graph: extendTwice(), name: '../escape', replace: false })).rejects.toThrow(/cannot be a pipeline's file name/);
    expect((await listPipelines(folders)).pipelines.map((p) => p.name)).toEqual(['Extend twice']);
  });

  it('keeps file paths inside pipeline nodes relative to the graph file, like the graph\'s own', async () => {
    const inner = withLocalDefault();
    const path = join(dir, 'project', 'g.seedance.json');
    mkdirSync(join(dir, 'project'));
    const absolute = mapped(inner, join(dir, 'project'));
    const graph = graphOf([asset('clip', 'video', file(join(dir, 'project', 'a.mp4'))), pipelineNode('p', absolute), seedance('s', 'seedance-2.0-v2v', 'x [Video 1]')], [edge('e1', 'p', 'out:final', 's', 'video:1')]);
    await writeGraphFile(path, graph);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('"path": "media/default.mp4"');
    expect(text).not.toContain(join(dir, 'project', 'media'));
    const read = await readGraphFile(path);
    const p = read.graph.nodes.find((n) => n.id === 'p');
    const clip = p?.type === 'pipeline' ? p.data.graph.nodes.find((n) => n.id === 'clip') : undefined;
    expect(clip?.type === 'asset' && clip.data.source).toEqual({ kind: 'file', path: join(dir, 'project', 'media', 'default.mp4') });
  });
});

function mapped(graph: ReturnType<typeof extendTwice>, folder: string) {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => (n.type === 'asset' && n.data.source?.kind === 'file' ? { ...n, data: { ...n.data, source: file(join(folder, n.data.source.path)) } } : n)),
  };
}

describe('the library and pipeline plans through the contract', () => {
  it('saves into the data folder, lists the folders added in settings too, and plans a pipeline node as its inner tasks', async () => {
    const dataDir = join(dir, 'data');
    const service = createAppService({
      dataDir,
      mode: 'browser',
      version: '9.9.9',
      env: {},
      keyStore: createKeyStore({ dataDir, env: {}, plainFileByDefault: true }),
      dialogs: noDialogs,
      graphPaths: anyGraphPath,
      defaultOutDir: join(dir, 'out'),
    });
    const ok = async <M extends MethodName>(method: M, args: ArgsOf<M>) => {
      const answer = await dispatch(service.handlers, method, args, { secrets: service.secrets });
      if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
      return answer.result as Record<string, unknown>;
    };
    try {
      mkdirSync(join(dir, 'mine'));
      writeFileSync(join(dir, 'mine', 'theirs.seedance.json'), serializeGraph({ ...extendTwice(), name: 'Theirs' }));
      await ok('pipelines.save', { graph: extendTwice(), name: 'Extend twice' });
      expect(((await ok('pipelines.list', {})).pipelines as { name: string }[]).map((p) => p.name)).toEqual(['Extend twice']);
      await ok('settings.set', { pipelineFolders: [join(dir, 'mine')] });
      const listed = (await ok('pipelines.list', {})).pipelines as { name: string; path: string }[];
      expect(listed.map((p) => [p.name, p.path])).toEqual([
        ['Extend twice', join(dataDir, 'pipelines', 'Extend twice.seedance.json')],
        ['Theirs', join(dir, 'mine', 'theirs.seedance.json')],
      ]);

      const graph = graphOf([asset('clip', 'video', file(join(dir, 'a.mp4'))), pipelineNode('p', extendTwice())], [edge('w1', 'clip', 'media', 'p', 'in:clip')]);
      const plan = await ok('plan', { graph, graphPath: null });
      expect((plan.tasks as { node: string }[]).map((t) => t.node)).toEqual(['p/ext1', 'p/ext2']);
    } finally {
      await service.dispose();
    }
  });
});
