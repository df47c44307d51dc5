/** An area's name and where its label is anchored on screen (pixels). */
export interface LabelCandidate<T> {
  item: T;
  text: string;
  /** communities before grids: a larger area's name wins a contested place */
  rank: number;
  x: number;
  y: number;
}

/** Approximate size of a label on screen: 12 px CJK text plus padding (see map.css). */
export function labelBox(text: string): { w: number; h: number } {
  let w = 12;
  for (const ch of text) w += ch.charCodeAt(0) > 0x2e80 ? 12 : 7;
  return { w, h: 20 };
}

/**
 * The labels to draw: inside the view, at most `max`, none overlapping another (with `gap` px
 * around each), higher rank first, then top to bottom. Areas whose names would collide (a zoomed-out
 * city, a street's grids) keep one name each place instead of a heap of unreadable ones.
 */
export function placeLabels<T>(candidates: LabelCandidate<T>[], view: { width: number; height: number }, max: number, gap = 4): LabelCandidate<T>[] {
  const order = candidates
    .filter((c) => c.x >= 0 && c.y >= 0 && c.x <= view.width && c.y <= view.height)
    .sort((a, b) => a.rank - b.rank || a.y - b.y || a.x - b.x);
  const placed: { l: LabelCandidate<T>; x0: number; y0: number; x1: number; y1: number }[] = [];
  for (const l of order) {
    if (placed.length >= max) break;
    const { w, h } = labelBox(l.text);
    const box = { x0: l.x - gap, y0: l.y - h - gap, x1: l.x + w + gap, y1: l.y + gap };
    if (placed.some((p) => box.x0 < p.x1 && p.x0 < box.x1 && box.y0 < p.y1 && p.y0 < box.y1)) continue;
    placed.push({ l, ...box });
  }
  return placed.map((p) => p.l);
}
