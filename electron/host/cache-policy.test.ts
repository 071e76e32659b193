import { describe, expect, it } from 'vitest';
import { cacheControlFor, IMMUTABLE, isHashedAsset, REVALIDATE } from './cache-policy';

describe('cacheControlFor', () => {
  it.each(['assets/index-LCFv9Zp3.js', 'assets/index-CWBZq7wX.css', 'assets/layout-D5sgseeX.js', 'assets/font-a_b-C9d8E7f6.woff2', 'assets/nested/logo-AbCdEfGh.svg'])(
    'keeps the hashed asset %s a year without asking',
    (file) => {
      expect(isHashedAsset(file)).toBe(true);
      expect(cacheControlFor(file)).toBe(IMMUTABLE);
      expect(IMMUTABLE).toBe('public, max-age=31536000, immutable');
    },
  );

  it.each(['index.html', 'favicon.ico', 'assets/app.js', 'assets/style.css', 'assets/index-short.js', 'other/index-LCFv9Zp3.js', 'assets/index-LCFv9Zp3'])(
    'revalidates %s every time',
    (file) => {
      expect(isHashedAsset(file)).toBe(false);
      expect(cacheControlFor(file)).toBe(REVALIDATE);
      expect(REVALIDATE).toBe('no-cache');
    },
  );
});
