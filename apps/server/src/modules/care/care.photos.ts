import sharp from 'sharp';
import { phashOfGrey32 } from './care.evv.js';

/** The perceptual hash of an image's bytes (JPEG, PNG or WebP): decoded and scaled by sharp. */
export async function phashOf(bytes: Buffer): Promise<string> {
  const grey = await sharp(bytes).greyscale().resize(32, 32, { fit: 'fill', kernel: 'lanczos3' }).raw().toBuffer();
  return phashOfGrey32(grey);
}

/**
 * A small generated JPEG that stands for a visit photo in demo data and tests: a scene of
 * coloured blocks drawn from the seed, so two seeds give two pictures and one seed the same one.
 */
export async function generatedPhoto(seed: number, opts: { width?: number; height?: number; quality?: number } = {}): Promise<Buffer> {
  const width = opts.width ?? 320;
  const height = opts.height ?? 240;
  let s = (seed * 2654435761) >>> 0 || 1;
  const rnd = () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 0x100000000;
  };
  const px = Buffer.alloc(width * height * 3);
  const base = [rnd() * 255, rnd() * 255, rnd() * 255];
  for (let i = 0; i < width * height; i++) for (let c = 0; c < 3; c++) px[i * 3 + c] = base[c]!;
  for (let b = 0; b < 7; b++) {
    const x0 = Math.floor(rnd() * width), y0 = Math.floor(rnd() * height);
    const w = Math.floor((0.15 + rnd() * 0.5) * width), h = Math.floor((0.15 + rnd() * 0.5) * height);
    const colour = [rnd() * 255, rnd() * 255, rnd() * 255];
    for (let y = y0; y < Math.min(height, y0 + h); y++) {
      for (let x = x0; x < Math.min(width, x0 + w); x++) for (let c = 0; c < 3; c++) px[(y * width + x) * 3 + c] = colour[c]!;
    }
  }
  return sharp(px, { raw: { width, height, channels: 3 } }).jpeg({ quality: opts.quality ?? 70 }).toBuffer();
}
