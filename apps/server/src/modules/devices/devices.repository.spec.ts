import { describe, expect, it } from 'vitest';
import { positionPayloads } from './devices.repository.js';

/** The live-position notifications (NOTIFY linli_positions): keys only, under PostgreSQL's payload limit. */
describe('position notifications', () => {
  it('never puts a coordinate in the notification, and splits a large batch under the payload limit', () => {
    const keys = Array.from({ length: 400 }, (_, i) => ({ device_id: '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f', fixed_at: new Date(Date.UTC(2026, 10, 28, 0, 0, i)) }));
    const payloads = positionPayloads(keys);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    expect(payloads.join(',').split(',')).toHaveLength(400);
    expect(payloads[0]!.split(',')[0]).toBe(`6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f|${Date.UTC(2026, 10, 28)}`);
  });
});
