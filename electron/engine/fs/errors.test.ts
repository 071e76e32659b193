import { describe, expect, it } from 'vitest';
import { describeFsError, isLocalFsError } from './errors';

const sys = (code: string) => Object.assign(new Error(`${code}: raw system text, write`), { code });

describe('describeFsError', () => {
  it('names what the disk refused in words, keeping the code for searches', () => {
    expect(describeFsError(sys('ENOSPC'))).toBe('the disk is full (ENOSPC)');
    expect(describeFsError(sys('EACCES'))).toBe('permission denied (EACCES)');
    expect(describeFsError(sys('EROFS'))).toBe('the disk is read-only (EROFS)');
  });

  it('keeps the message of anything else', () => {
    expect(describeFsError(new Error('socket hang up'))).toBe('socket hang up');
    expect(describeFsError('text')).toBe('text');
  });

  it('tells local disk refusals from other errors', () => {
    expect(isLocalFsError(sys('EPERM'))).toBe(true);
    expect(isLocalFsError(sys('ECONNRESET'))).toBe(false);
    expect(isLocalFsError(new TypeError('terminated'))).toBe(false);
  });
});
