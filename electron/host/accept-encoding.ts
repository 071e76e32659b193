/**
 * Content negotiation for `Accept-Encoding` (RFC 9110 §12.5.3): which of the encodings we can
 * send the client takes, preferring its highest q-value and, on a tie, our own order.
 */
export type ContentCoding = 'br' | 'gzip';

interface Weighted {
  coding: string;
  q: number;
}

function parse(header: string): Weighted[] {
  const out: Weighted[] = [];
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim());
    if (name === '') continue;
    let q = 1;
    for (const param of params) {
      const match = /^q\s*=\s*([01](?:\.\d{0,3})?)$/i.exec(param);
      if (match) q = Number(match[1]);
    }
    out.push({ coding: name.toLowerCase() === 'x-gzip' ? 'gzip' : name.toLowerCase(), q });
  }
  return out;
}

/**
 * The coding to send, from `offered` (most preferred first), or undefined for the file as it is.
 * No header at all means the file as it is: old clients and scripts get what they expect.
 */
export function negotiateEncoding(header: string | string[] | undefined, offered: readonly ContentCoding[]): ContentCoding | undefined {
  if (header === undefined || offered.length === 0) return undefined;
  const accepted = parse(Array.isArray(header) ? header.join(',') : header);
  const wildcard = accepted.find((a) => a.coding === '*')?.q;
  let best: { coding: ContentCoding; q: number } | undefined;
  for (const coding of offered) {
    const q = accepted.find((a) => a.coding === coding)?.q ?? wildcard ?? 0;
    if (q > 0 && (best === undefined || q > best.q)) best = { coding, q };
  }
  return best?.coding;
}
