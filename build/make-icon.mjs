// Draws the app icon, build/icon.png (1024x1024), and derives build/icon.ico (Windows) and
// build/icon.icns (macOS) from it. The generated files are committed; run this only to change them:
//   apt-get install -y imagemagick icnsutils && node build/make-icon.mjs
// The design: a rounded tile with a diagonal violet-to-teal gradient, and on it two input nodes
// wired into a generator node that carries a play triangle.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const convert = existsSync('/usr/bin/convert') ? '/usr/bin/convert' : 'convert';
const im = (...args) => execFileSync(convert, args, { cwd: here, stdio: 'inherit' });

im(
  ...['-size', '1024x1024', 'xc:none'],
  ...['(', '-size', '1024x1024', '-define', 'gradient:angle=135', 'gradient:#6d3df5-#0fb5a8', ')'],
  ...['(', '-size', '1024x1024', 'xc:none', '-fill', 'white', '-draw', 'roundrectangle 64,64 959,959 200,200', ')'],
  ...['-delete', '0', '-compose', 'DstIn', '-composite', '-compose', 'Over'],
  ...['-stroke', '#ffffffcc', '-strokewidth', '34', '-fill', 'none'],
  ...['-draw', "path 'M 330,360 C 460,360 460,512 560,512'"],
  ...['-draw', "path 'M 330,664 C 460,664 460,512 560,512'"],
  ...['-stroke', 'none', '-fill', '#ffffff'],
  ...['-draw', 'roundrectangle 190,290 350,430 40,40'],
  ...['-draw', 'roundrectangle 190,594 350,734 40,40'],
  ...['-draw', 'roundrectangle 540,352 860,672 70,70'],
  ...['-fill', '#6d3df5', '-draw', 'polygon 650,430 650,594 790,512'],
  ...['-strip', 'PNG32:icon.png'],
);

im('icon.png', '-define', 'icon:auto-resize=256,128,64,48,32,16', 'icon.ico');

const sizes = [16, 32, 48, 128, 256, 512];
const tmp = mkdtempSync(join(tmpdir(), 'seedance-icon-'));
try {
  for (const size of sizes) im('icon.png', '-resize', `${size}x${size}`, '-strip', `PNG32:${join(tmp, `icon_${size}.png`)}`);
  execFileSync('png2icns', ['icon.icns', ...sizes.map((size) => join(tmp, `icon_${size}.png`))], { cwd: here, stdio: 'ignore' });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
