// Generates the SportHub logo: public/icons/icon.svg and PNG renders of the
// same geometry (rasterized here with 4x4 supersampling, no dependencies).
// Run `npm run gen:icons` after changing the logo; the outputs are committed.
import { mkdirSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const TEAL = [15, 118, 110];
const WHITE = [255, 255, 255];
const AMBER = [251, 191, 36];
const BOLT = [[290, 92], [172, 280], [250, 280], [220, 420], [340, 224], [262, 224]];
const RING = { cx: 256, cy: 256, r: 152, w: 40 };
const RADIUS = 112;

function svg() {
  const pts = BOLT.map(([x, y]) => `${x},${y}`).join(" ");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
<rect width="512" height="512" rx="${RADIUS}" fill="#0f766e"/>
<circle cx="${RING.cx}" cy="${RING.cy}" r="${RING.r}" fill="none" stroke="#fff" stroke-width="${RING.w}"/>
<polygon points="${pts}" fill="#fbbf24"/>
</svg>
`;
}

function inPolygon(x, y, poly) {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inRoundedSquare(x, y) {
  const cx = Math.min(Math.max(x, RADIUS), 512 - RADIUS);
  const cy = Math.min(Math.max(y, RADIUS), 512 - RADIUS);
  return x >= 0 && y >= 0 && x <= 512 && y <= 512 && (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2;
}

// colorAt returns the logo colour at a point of the 512x512 design, or null.
function colorAt(x, y, maskable) {
  if (maskable) {
    // Full-bleed background, artwork shrunk into the 80% safe zone.
    x = 256 + (x - 256) / 0.8;
    y = 256 + (y - 256) / 0.8;
  }
  if (inPolygon(x, y, BOLT)) return AMBER;
  const d = Math.hypot(x - RING.cx, y - RING.cy);
  if (Math.abs(d - RING.r) <= RING.w / 2) return WHITE;
  if (maskable || inRoundedSquare(x, y)) return TEAL;
  return null;
}

function render(size, maskable) {
  const px = Buffer.alloc(size * (size * 4 + 1));
  const n = 4;
  for (let py = 0; py < size; py++) {
    const row = py * (size * 4 + 1);
    px[row] = 0; // filter: none
    for (let qx = 0; qx < size; qx++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = ((qx + (sx + 0.5) / n) * 512) / size;
          const y = ((py + (sy + 0.5) / n) * 512) / size;
          const c = colorAt(x, y, maskable);
          if (c) { r += c[0]; g += c[1]; b += c[2]; a += 1; }
        }
      }
      const o = row + 1 + qx * 4;
      px[o] = a ? Math.round(r / a) : 0;
      px[o + 1] = a ? Math.round(g / a) : 0;
      px[o + 2] = a ? Math.round(b / a) : 0;
      px[o + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return png(size, px);
}

const CRC = new Uint32Array(256).map((_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, raw) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const dir = new URL("../public/icons/", import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL("icon.svg", dir), svg());
writeFileSync(new URL("icon-192.png", dir), render(192, false));
writeFileSync(new URL("icon-512.png", dir), render(512, false));
writeFileSync(new URL("icon-maskable-512.png", dir), render(512, true));
writeFileSync(new URL("apple-touch-icon.png", dir), render(180, true));
console.log("icons written to public/icons/");
