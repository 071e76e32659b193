/**
 * A stand-in for Electron's unpacked distribution, for `electron-builder --dir
 * -c.electronDist=<folder>` where the real binary cannot be downloaded. Found by trying: on Linux
 * electron-builder copies the folder as it is and renames its `electron` executable to the app's
 * executable name; nothing else in the folder is read. To let electron-builder flip the fuses for
 * real (`electronFuses`), the stand-in carries Electron's fuse wire: the sentinel @electron/fuses
 * looks for, the wire version (1), the number of fuses, and one byte per fuse ('0' off, '1' on),
 * set to Electron's defaults.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** Electron's default fuse states, in wire order (RunAsNode ... GrantFileProtocolExtraPrivileges). */
export const DEFAULT_FUSE_WIRE = '10110001';

export function makeStandInElectron(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const executable = join(dir, 'electron');
  const content = Buffer.concat([
    Buffer.from(`#!/bin/sh\n# Stand-in for the Electron binary (packaging tests only).\n# ${FUSE_SENTINEL}`),
    Buffer.from([1, DEFAULT_FUSE_WIRE.length]),
    Buffer.from(DEFAULT_FUSE_WIRE),
    Buffer.from('\necho "stand-in Electron: nothing to run" >&2\nexit 1\n'),
  ]);
  writeFileSync(executable, content, { mode: 0o755 });
  return dir;
}
