import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, loadOrCreateKey } from './field-cipher.js';

describe('field cipher', () => {
  const cipher = createFieldCipher(crypto.randomBytes(32));

  it('round-trips, with a fresh IV each time, and hides the plaintext', () => {
    const a = cipher.encrypt('11010519491231002X', 'person.citizen_id');
    const b = cipher.encrypt('11010519491231002X', 'person.citizen_id');
    expect(a).not.toBe(b);
    expect(a).not.toContain('1949');
    expect(cipher.decrypt(a, 'person.citizen_id')).toBe('11010519491231002X');
  });

  it('never repeats an IV across the blocks of random bytes it draws them from', () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const token = cipher.encrypt(String(i), 'person.phone');
      ivs.add(Buffer.from(token.slice(3), 'base64').subarray(0, 12).toString('hex'));
      if (i % 997 === 0) expect(cipher.decrypt(token, 'person.phone')).toBe(String(i));
    }
    expect(ivs.size).toBe(3000);
  });

  it('refuses a ciphertext moved to another column or altered', () => {
    const a = cipher.encrypt('13800138000', 'person.phone');
    expect(() => cipher.decrypt(a, 'person.citizen_id')).toThrow();
    const raw = Buffer.from(a.slice(3), 'base64');
    raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 1, raw.length - 1);
    expect(() => cipher.decrypt(`v1:${raw.toString('base64')}`, 'person.phone')).toThrow();
  });

  it('seals a structured value bound to its column', () => {
    const fix = { lat: 30.53, lng: 105.59, accuracy: 12 };
    const token = cipher.sealJson(fix, 'device_position.fix_enc');
    expect(token).not.toContain('30.53');
    expect(cipher.openJson(token, 'device_position.fix_enc')).toEqual(fix);
    expect(() => cipher.openJson(token, 'device.last_fix_enc')).toThrow();
  });

  it('hashes for lookup deterministically per key and column', () => {
    expect(cipher.lookupHash('x', 'c')).toBe(cipher.lookupHash('x', 'c'));
    expect(cipher.lookupHash('x', 'c')).not.toBe(cipher.lookupHash('x', 'd'));
    expect(createFieldCipher(crypto.randomBytes(32)).lookupHash('x', 'c')).not.toBe(cipher.lookupHash('x', 'c'));
  });

  it('generates the embedded key once into the data folder, owner-readable only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-key-'));
    const k1 = loadOrCreateKey({ dataDir: dir, allowGenerate: true });
    const k2 = loadOrCreateKey({ dataDir: dir, allowGenerate: true });
    expect(k1.equals(k2)).toBe(true);
    expect(fs.statSync(path.join(dir, 'keys/field.key')).mode & 0o077).toBe(0);
    expect(() => loadOrCreateKey({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'linli-key-')), allowGenerate: false })).toThrow(/LINLI_ENCRYPTION_KEY/);
    fs.rmSync(dir, { recursive: true });
  });
});
