/**
 * `npm run icons`: draws the two Teams app icons into deploy/appPackage/.
 *
 * - color.png, 192×192: a white envelope with a red medical badge on the brand colour, fully opaque.
 * - outline.png, 32×32: the same motif in white on transparent, with no other colour and no partial
 *   transparency, as Teams requires of the outline icon.
 *
 * The drawing is plain geometry evaluated per pixel (supersampled), so the output is the same on every
 * machine; test/deploy checks that the committed icons are what this script draws.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PNG } from 'pngjs';

export const BRAND_COLOR = '#0E7C86';
export const BADGE_COLOR = '#C4314B';
export const COLOR_SIZE = 192;
export const OUTLINE_SIZE = 32;

type Rgb = readonly [number, number, number];
/** A region of the plane: is the point (x, y), in pixel units, inside it? */
type Shape = (x: number, y: number) => boolean;
/** Paint `shape` with a colour, or clear it (outline icon only). */
interface Layer {
  shape: Shape;
  color: Rgb | 'clear';
}

export function hexToRgb(hex: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

const WHITE: Rgb = [255, 255, 255];

// --- shapes ---------------------------------------------------------------------------------------

const everywhere: Shape = () => true;

function roundRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return dx * dx + dy * dy <= r * r;
  };
}

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** A stroke of half-width `hw` along the segment a→b, with round ends. */
function segment(ax: number, ay: number, bx: number, by: number, hw: number): Shape {
  const vx = bx - ax;
  const vy = by - ay;
  const len2 = vx * vx + vy * vy;
  return (x, y) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / len2));
    const px = ax + t * vx - x;
    const py = ay + t * vy - y;
    return px * px + py * py <= hw * hw;
  };
}

function union(...shapes: Shape[]): Shape {
  return (x, y) => shapes.some((s) => s(x, y));
}

function minus(a: Shape, b: Shape): Shape {
  return (x, y) => a(x, y) && !b(x, y);
}

/** A plus sign centred on (cx, cy): arms `len` long from end to end, `width` thick. */
function plus(cx: number, cy: number, len: number, width: number, r = 0): Shape {
  const h = len / 2;
  const w = width / 2;
  return union(roundRect(cx - h, cy - w, cx + h, cy + w, r), roundRect(cx - w, cy - h, cx + w, cy + h, r));
}

// --- rendering ------------------------------------------------------------------------------------

const SUPERSAMPLE = 4;

/** Coverage of each layer's colour in one pixel: the colour of each subsample, averaged. */
function samplePixel(layers: Layer[], px: number, py: number): { rgb: [number, number, number]; alpha: number } {
  let r = 0;
  let g = 0;
  let b = 0;
  let covered = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      const x = px + (sx + 0.5) / SUPERSAMPLE;
      const y = py + (sy + 0.5) / SUPERSAMPLE;
      let color: Rgb | undefined;
      for (const layer of layers) {
        if (layer.shape(x, y)) color = layer.color === 'clear' ? undefined : layer.color;
      }
      if (color) {
        r += color[0];
        g += color[1];
        b += color[2];
        covered++;
      }
    }
  }
  if (!covered) return { rgb: [0, 0, 0], alpha: 0 };
  return { rgb: [r / covered, g / covered, b / covered], alpha: covered / (SUPERSAMPLE * SUPERSAMPLE) };
}

function newPng(size: number): PNG {
  return new PNG({ width: size, height: size, colorType: 6 });
}

// --- the two icons --------------------------------------------------------------------------------

/** 192×192: brand background, white envelope, red badge with a white cross, anti-aliased, opaque. */
export function drawColorIcon(): PNG {
  const brand = hexToRgb(BRAND_COLOR);
  const badge = hexToRgb(BADGE_COLOR);
  // Envelope 32..132 × 48..118 and the badge centred at (128, 114): the motif is centred in the icon.
  const envelope = roundRect(32, 48, 132, 118, 9);
  const flap = union(segment(38, 54, 82, 89, 4.5), segment(82, 89, 126, 54, 4.5));
  const layers: Layer[] = [
    { shape: everywhere, color: brand },
    { shape: envelope, color: WHITE },
    { shape: flap, color: brand },
    { shape: circle(128, 114, 33), color: brand },
    { shape: circle(128, 114, 27), color: badge },
    { shape: plus(128, 114, 32, 10, 2), color: WHITE },
  ];
  const png = newPng(COLOR_SIZE);
  for (let y = 0; y < COLOR_SIZE; y++) {
    for (let x = 0; x < COLOR_SIZE; x++) {
      const { rgb } = samplePixel(layers, x, y);
      const i = (y * COLOR_SIZE + x) * 4;
      png.data[i] = Math.round(rgb[0]);
      png.data[i + 1] = Math.round(rgb[1]);
      png.data[i + 2] = Math.round(rgb[2]);
      png.data[i + 3] = 255; // the background covers every pixel
    }
  }
  return png;
}

/**
 * 32×32: the envelope drawn as a white outline, the badge as a white disc with the cross cut out, a
 * transparent gap between them. Every pixel is either opaque white or fully transparent.
 */
export function drawOutlineIcon(): PNG {
  const frame = minus(roundRect(1, 4, 26, 22, 2.5), roundRect(3, 6, 24, 20, 1));
  const flap = union(segment(3.5, 6.5, 13.5, 14, 1), segment(13.5, 14, 23.5, 6.5, 1));
  const cx = 24;
  const cy = 21.5;
  const layers: Layer[] = [
    { shape: union(frame, flap), color: WHITE },
    { shape: circle(cx, cy, 9), color: 'clear' },
    { shape: circle(cx, cy, 7.5), color: WHITE },
    { shape: plus(cx, cy, 10, 3), color: 'clear' },
  ];
  const png = newPng(OUTLINE_SIZE);
  for (let y = 0; y < OUTLINE_SIZE; y++) {
    for (let x = 0; x < OUTLINE_SIZE; x++) {
      const { alpha } = samplePixel(layers, x, y);
      const i = (y * OUTLINE_SIZE + x) * 4;
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = alpha >= 0.5 ? 255 : 0;
    }
  }
  return png;
}

export const APP_PACKAGE_DIR = path.resolve(__dirname, '..', 'deploy', 'appPackage');

export function writeIcons(dir = APP_PACKAGE_DIR): string[] {
  const files = [
    [path.join(dir, 'color.png'), drawColorIcon()],
    [path.join(dir, 'outline.png'), drawOutlineIcon()],
  ] as const;
  for (const [file, png] of files) writeFileSync(file, PNG.sync.write(png, { colorType: 6 }));
  return files.map(([file]) => file);
}

if (require.main === module) {
  for (const file of writeIcons()) console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
