/**
 * Where Modellix calls go, one rule for every entry point (the CLI, `serve`, the desktop app):
 * a `--base-url` flag, then the MODELLIX_BASE_URL environment variable, then the address saved in
 * Settings, then the real service. Each value is checked with `normalizeBaseUrl`; a bad one is an
 * error naming where it came from, never silently skipped.
 */
import { DEFAULT_BASE_URL, normalizeBaseUrl } from './client';

export const BASE_URL_ENV = 'MODELLIX_BASE_URL';

export type BaseUrlSource = 'flag' | 'env' | 'settings' | 'default';

export interface ResolvedBaseUrl {
  /** An origin, e.g. `https://api.modellix.ai`. */
  baseUrl: string;
  source: BaseUrlSource;
}

export interface BaseUrlInput {
  /** `--base-url` (the CLI only). */
  flag?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** The address saved in Settings (the app only). */
  saved?: string | undefined;
}

/** A base URL that cannot be used; the message starts with where it came from. */
export class BaseUrlError extends TypeError {
  override readonly name = 'BaseUrlError';
  constructor(
    readonly source: Exclude<BaseUrlSource, 'default'>,
    message: string,
  ) {
    super(message);
  }
}

const LABELS: Record<BaseUrlError['source'], string> = {
  flag: '--base-url',
  env: BASE_URL_ENV,
  settings: 'The service address in Settings',
};

function checked(source: BaseUrlError['source'], value: string): ResolvedBaseUrl {
  try {
    return { baseUrl: normalizeBaseUrl(value), source };
  } catch (error) {
    throw new BaseUrlError(source, `${LABELS[source]}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The base URL to use and where it came from. Throws `BaseUrlError` for a value that is not usable. */
export function resolveBaseUrl(input: BaseUrlInput & { flag?: undefined }): ResolvedBaseUrl & { source: Exclude<BaseUrlSource, 'flag'> };
export function resolveBaseUrl(input: BaseUrlInput): ResolvedBaseUrl;
export function resolveBaseUrl(input: BaseUrlInput): ResolvedBaseUrl {
  if (input.flag !== undefined) return checked('flag', input.flag);
  const fromEnv = input.env[BASE_URL_ENV]?.trim();
  if (fromEnv) return checked('env', fromEnv);
  const saved = input.saved !== undefined && input.saved.trim() !== '' ? checked('settings', input.saved) : undefined;
  // Settings hold the real service's address until the user changes it: that is the default.
  return saved && saved.baseUrl !== DEFAULT_BASE_URL ? saved : { baseUrl: DEFAULT_BASE_URL, source: 'default' };
}
