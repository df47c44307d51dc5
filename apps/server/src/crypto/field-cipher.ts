import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Field-level encryption of personal data (SECURITY.md): AES-256-GCM with a key kept outside the
 * database, plus a keyed hash (HMAC-SHA256) for exact lookup without decrypting. Ciphertexts are
 * bound to their column through the associated data, so one cannot be moved to another column.
 */
export interface FieldCipher {
  encrypt(plain: string, column: string): string;
  decrypt(token: string, column: string): string;
  /** Deterministic keyed hash for equality search (same input → same hash, no key → no guess). */
  lookupHash(plain: string, column: string): string;
  /**
   * A structured value (a GPS fix, a health archive, a reading's measures) sealed as one
   * ciphertext; `column` is `table.column`, as for `encrypt`.
   */
  sealJson(value: unknown, column: string): string;
  openJson<T>(token: string, column: string): T;
}

const VERSION = 'v1';

export function createFieldCipher(masterKey: Buffer): FieldCipher {
  if (masterKey.length !== 32) throw new Error('the field encryption key must be 32 bytes');
  const derive = (info: string) => crypto.createSecretKey(Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32)));
  // key objects, imported once (a raw key buffer is imported again on every call)
  const encKey = derive('linli field encryption');
  const macKey = derive('linli lookup hash');
  // IVs are taken from a block of CSPRNG bytes drawn 1 024 IVs at a time, never reused (one
  // randomBytes call per encryption was a third of an import's encryption time)
  let ivs = Buffer.alloc(0);
  let at = 0;
  const nextIv = () => {
    if (at + 12 > ivs.length) {
      ivs = crypto.randomBytes(12 * 1024);
      at = 0;
    }
    at += 12;
    return ivs.subarray(at - 12, at);
  };
  const aads = new Map<string, Buffer>();
  const aad = (column: string) => {
    let b = aads.get(column);
    if (!b) aads.set(column, (b = Buffer.from(column)));
    return b;
  };
  const cipher: FieldCipher = {
    encrypt(plain, column) {
      const iv = nextIv();
      const c = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      c.setAAD(aad(column));
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return `${VERSION}:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(token, column) {
      const [version, payload] = token.split(':');
      if (version !== VERSION || !payload) throw new Error('unknown ciphertext format');
      const raw = Buffer.from(payload, 'base64');
      const d = crypto.createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      d.setAAD(aad(column));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
    lookupHash(plain, column) {
      return crypto.createHmac('sha256', macKey).update(column).update('\0').update(plain).digest('base64url');
    },
    sealJson(value, column) {
      return cipher.encrypt(JSON.stringify(value), column);
    },
    openJson<T>(token: string, column: string): T {
      return JSON.parse(cipher.decrypt(token, column)) as T;
    },
  };
  return cipher;
}

/**
 * The master key: from LINLI_ENCRYPTION_KEY when set; otherwise, for the embedded default, a key
 * generated once into the data folder (keys/field.key, readable by the owner only).
 */
export function loadOrCreateKey(opts: { configured?: Buffer; dataDir: string; allowGenerate: boolean }): Buffer {
  if (opts.configured) return opts.configured;
  const file = path.join(opts.dataDir, 'keys', 'field.key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (!opts.allowGenerate) throw new Error('LINLI_ENCRYPTION_KEY is required (32 bytes, base64) outside the embedded demo setup');
  const key = crypto.randomBytes(32);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600 });
  return key;
}

/** The cipher of a configuration: its key, or in demo mode the data folder's generated key. */
export function fieldCipherFor(config: { encryptionKey?: Buffer; dataDir: string; mode: 'demo' | 'production' }): FieldCipher {
  return createFieldCipher(loadOrCreateKey({ configured: config.encryptionKey, dataDir: config.dataDir, allowGenerate: config.mode === 'demo' }));
}
