/** The `code` of a Node system error (`ENOENT`, `EEXIST`, ...), if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

/** What the common refusals of the local disk mean, in words a user can act on. */
const LOCAL_DISK: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  EROFS: 'the disk is read-only',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'the path is a folder, not a file',
  EEXIST: 'something is already there',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EIO: 'the disk reported an input/output error',
  ENOENT: 'the folder does not exist',
};

/** Whether an error is the local file system refusing (not the network, not a bug). */
export function isLocalFsError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && Object.hasOwn(LOCAL_DISK, code);
}

/** "the disk is full (ENOSPC)" for a known system error, else its own message. */
export function describeFsError(error: unknown): string {
  const code = errorCode(error);
  if (code !== undefined && Object.hasOwn(LOCAL_DISK, code)) return `${LOCAL_DISK[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}
