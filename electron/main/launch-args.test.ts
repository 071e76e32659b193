import { describe, expect, it } from 'vitest';
import { graphPathFromArgv, graphPathFromInstanceData } from './launch-args';

const exists = (path: string) => ['/work/a.seedance.json', '/work/b.json', '/home/u/c.json'].includes(path);

describe('graph file on the command line', () => {
  it('takes the last existing .json argument, resolved against the working directory', () => {
    expect(graphPathFromArgv(['a.seedance.json'], '/work', exists)).toBe('/work/a.seedance.json');
    expect(graphPathFromArgv(['a.seedance.json', '../home/u/c.json'], '/work', exists)).toBe('/home/u/c.json');
    expect(graphPathFromArgv(['/work/b.json', 'missing.json'], '/', exists)).toBe('/work/b.json');
  });

  it('ignores switches, other files and missing files', () => {
    expect(graphPathFromArgv(['--inspect', '--user-data-dir=/x.json', '.', 'video.mp4', 'missing.json'], '/work', exists)).toBeUndefined();
    expect(graphPathFromArgv([], '/work', exists)).toBeUndefined();
  });

  it('reads the path a second instance hands over, and nothing else', () => {
    expect(graphPathFromInstanceData({ graphPath: '/work/a.seedance.json' })).toBe('/work/a.seedance.json');
    for (const data of [undefined, null, 'x', {}, { graphPath: 3 }, { graphPath: '' }, { graphPath: 'x'.repeat(5000) }]) {
      expect(graphPathFromInstanceData(data)).toBeUndefined();
    }
  });
});
