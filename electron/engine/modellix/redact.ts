/** Removes secrets (the API key, in any form a server might echo it) from text. */

export const REDACTED = '[redacted]';

function forms(secret: string): string[] {
  const trimmed = secret.trim();
  if (trimmed.length === 0) return [];
  const variants = new Set([trimmed, encodeURIComponent(trimmed), JSON.stringify(trimmed).slice(1, -1)]);
  // Longest first, so that a longer form is not half-replaced by a shorter one.
  return [...variants].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    for (const form of forms(secret)) out = out.split(form).join(REDACTED);
  }
  return out;
}

/**
 * A redactor for the given secrets. `minLength` skips secrets shorter than that: used for a last
 * pass over whole messages, where a short test key such as "wrong" would otherwise eat our own words.
 */
export function makeRedactor(secrets: readonly string[], minLength = 1): (text: string) => string {
  const active = secrets.filter((s) => s.trim().length >= Math.max(1, minLength));
  return (text) => (active.length === 0 ? text : redact(text, active));
}

/** Secrets at least this long are also redacted from whole messages (real API keys are much longer). */
export const MESSAGE_REDACTION_MIN_LENGTH = 8;
