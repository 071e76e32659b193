/**
 * The session cookie that carries the token after the page is first opened with `?token=`.
 * Cookies are not port-scoped, so its name carries the port: two servers never clobber each other.
 */
export function cookieName(port: number): string {
  return `seedance_flow_${port}`;
}

/** The value of one cookie in a `Cookie` header, if present. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), for this session only. */
export function sessionCookie(name: string, value: string): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict`;
}
