// The portal as an installable web app (web/README.md, "PWA"): the manifest, its PNG icons (drawn here, no image
// tools needed), the offline page and the service worker, written into dist/web by web/build.mjs.
// The service worker's cache is named after the build, and it precaches exactly that build's shell.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

/** The header's navy: the colour of the installed app's title bar. */
export const THEME_COLOUR = '#001529';
const ICON_SIZES = [48, 72, 96, 144, 192, 512];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
/** An RGBA PNG of `size`² pixels, each from `paint(x, y)` → [r, g, b, a]. */
function png(size, paint) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(paint(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * The icon: a white voucher (a ticket with a notched edge and a blue stripe) on the portal's blue, inside the
 * central 80 % so a `maskable` crop keeps it whole.
 */
function paintIcon(size) {
  const blue = [0x1f, 0x5f, 0xbf, 255];
  const white = [255, 255, 255, 255];
  const navy = [0x00, 0x15, 0x29, 255];
  return (px, py) => {
    const x = (px + 0.5) / size;
    const y = (py + 0.5) / size;
    const inTicket = x > 0.22 && x < 0.78 && y > 0.32 && y < 0.68;
    const notch = Math.hypot(x - 0.22, y - 0.5) < 0.06 || Math.hypot(x - 0.78, y - 0.5) < 0.06;
    if (!inTicket || notch) return blue;
    if (y > 0.4 && y < 0.46 && x > 0.3 && x < 0.7) return navy;
    if (x > 0.59 && x < 0.61 && Math.floor(y * 40) % 2 === 0) return blue; // the perforation
    return white;
  };
}

function writeAtomically(file, data) {
  writeFileSync(`${file}.tmp`, data);
  renameSync(`${file}.tmp`, file);
}

/** The manifest's names: the app's title from web/src/app/messages.ts (Chinese, the default language). */
export function manifest() {
  return {
    name: '长三角G60科创服务平台',
    short_name: 'G60科创',
    description: '创新券互认互通 · 科创路演 (Innovation vouchers across regions · S&T roadshows)',
    lang: 'zh-CN',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'any',
    theme_color: THEME_COLOUR,
    background_color: '#ffffff',
    icons: [
      ...ICON_SIZES.map((s) => ({ src: `/icons/icon-${s}.png`, sizes: `${s}x${s}`, type: 'image/png', purpose: 'any' })),
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}

/**
 * Writes the icons, manifest, offline page and service worker. `shell` are the hashed asset files (basenames)
 * a first load needs; `version` names the cache (the main chunk's hashed name).
 */
export function writePwa(webDir, outDir, { shell, version }) {
  mkdirSync(join(outDir, 'icons'), { recursive: true });
  const icons = [];
  for (const s of ICON_SIZES) {
    writeAtomically(join(outDir, 'icons', `icon-${s}.png`), png(s, paintIcon(s)));
    icons.push(`/icons/icon-${s}.png`);
  }
  writeAtomically(join(outDir, 'icons', 'icon-maskable-512.png'), png(512, paintIcon(512)));
  writeAtomically(join(outDir, 'manifest.webmanifest'), JSON.stringify(manifest(), null, 2));
  writeAtomically(join(outDir, 'offline.html'), readFileSync(join(webDir, 'offline.html')));
  const precache = ['/', '/offline.html', '/manifest.webmanifest', ...icons, ...shell.map((f) => `/assets/${f}`)];
  const sw = readFileSync(join(webDir, 'sw.js'), 'utf8').replace('self.__G60_VERSION__', JSON.stringify(version)).replace('self.__G60_PRECACHE__', JSON.stringify(precache));
  writeAtomically(join(outDir, 'sw.js'), sw);
}
