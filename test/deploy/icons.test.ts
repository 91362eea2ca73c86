/**
 * The two app icons Teams shows: the sizes and colours Teams requires, drawn by scripts/icons.ts (so a
 * change to the drawing shows up here until `npm run icons` is run again).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import { BADGE_COLOR, BRAND_COLOR, drawColorIcon, drawOutlineIcon, hexToRgb } from '../../scripts/icons';
import { APP_PACKAGE_DIR } from '../../scripts/package';

const color = PNG.sync.read(readFileSync(path.join(APP_PACKAGE_DIR, 'color.png')));
const outline = PNG.sync.read(readFileSync(path.join(APP_PACKAGE_DIR, 'outline.png')));
const manifest = JSON.parse(readFileSync(path.join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8')) as { icons: { color: string; outline: string }; accentColor: string };

function pixel(png: PNG, x: number, y: number): [number, number, number, number] {
  const i = (y * png.width + x) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!];
}

function pixels(png: PNG): [number, number, number, number][] {
  const all: [number, number, number, number][] = [];
  for (let y = 0; y < png.height; y++) for (let x = 0; x < png.width; x++) all.push(pixel(png, x, y));
  return all;
}

/** Whether pixel `p` has colour `rgb`, give or take `tolerance` per channel (alpha ignored). */
const near = (p: readonly number[], rgb: readonly number[], tolerance = 8): boolean => rgb.every((v, i) => Math.abs(v - p[i]!) <= tolerance);

describe('color icon', () => {
  it('is the manifest\'s color.png, 192×192', () => {
    expect(manifest.icons.color).toBe('color.png');
    expect([color.width, color.height]).toEqual([192, 192]);
  });

  it('is fully opaque, on the brand colour the manifest uses as its accent colour', () => {
    expect(pixels(color).every((p) => p[3] === 255)).toBe(true);
    expect(manifest.accentColor.toUpperCase()).toBe(BRAND_COLOR.toUpperCase());
    for (const [x, y] of [[0, 0], [191, 0], [0, 191], [191, 191], [96, 8]] as const) {
      expect(near(pixel(color, x, y), hexToRgb(BRAND_COLOR), 0)).toBe(true);
    }
  });

  it('shows the white envelope and the red badge with its white cross', () => {
    const all = pixels(color);
    const share = (rgb: readonly number[]): number => all.filter((p) => near(p, rgb)).length / all.length;
    expect(share([255, 255, 255])).toBeGreaterThan(0.12); // envelope and cross
    expect(share(hexToRgb(BADGE_COLOR))).toBeGreaterThan(0.03); // badge
    expect(near(pixel(color, 128, 114), [255, 255, 255])).toBe(true); // centre of the cross
    expect(near(pixel(color, 128 + 20, 114 + 10), hexToRgb(BADGE_COLOR))).toBe(true); // badge beside the cross
    expect(near(pixel(color, 50, 100), [255, 255, 255])).toBe(true); // envelope body
  });
});

describe('outline icon', () => {
  it('is the manifest\'s outline.png, 32×32', () => {
    expect(manifest.icons.outline).toBe('outline.png');
    expect([outline.width, outline.height]).toEqual([32, 32]);
  });

  it('has only white and transparent pixels, as Teams requires', () => {
    const bad = pixels(outline).filter((p) => !(p[3] === 0 || (p[0] === 255 && p[1] === 255 && p[2] === 255 && p[3] === 255)));
    expect(bad).toEqual([]);
  });

  it('draws a shape, not a filled square: part white, mostly transparent, clear corners', () => {
    const white = pixels(outline).filter((p) => p[3] === 255).length / (32 * 32);
    expect(white).toBeGreaterThan(0.15);
    expect(white).toBeLessThan(0.6);
    expect(pixel(outline, 0, 0)[3]).toBe(0);
    expect(pixel(outline, 31, 0)[3]).toBe(0);
  });
});

describe('npm run icons', () => {
  it('draws exactly the committed icons', () => {
    expect(drawColorIcon().data.equals(color.data)).toBe(true);
    expect(drawOutlineIcon().data.equals(outline.data)).toBe(true);
  });
});
