/**
 * The widespread "3G" watch protocol (TCP, text frames): `[MF*ID*LEN*CONTENT]` — MF a two-letter
 * maker code (3G, SG, CS, ZJ…), ID the device's 10 or 15 digits, LEN the content's length in bytes
 * as 4 hex digits. Pure: a stream decoder that copes with TCP cutting and gluing frames, content
 * parsers for LK / UD / UD2 / AL, the status word and the replies the watch expects.
 */

/** One frame as it arrived. */
export interface Frame {
  maker: string;
  deviceId: string;
  content: string;
}

/** A frame the decoder could not read, with why (counted and logged by ingestion, never thrown). */
export interface Malformed {
  reason: 'garbage' | 'header' | 'length' | 'terminator' | 'too_long';
  sample: string;
}

const HEADER = /^\[([A-Z0-9]{2})\*(\d{10}|\d{15})\*([0-9A-Fa-f]{4})\*/;
/** `[MF*` + 15 digits + `*LLLL*` is at most 26 bytes; a header longer than this is not one. */
const MAX_HEADER = 26;
/** The longest content accepted (a UD2 with a long Wi-Fi list is well under this). */
export const MAX_CONTENT = 4096;

/**
 * Splits a TCP byte stream into frames. Feed it chunks as they come; it keeps the unfinished tail
 * for the next chunk, skips bytes that are not a frame (reporting them) and resynchronises on the
 * next `[`, so one bad frame never loses the ones after it.
 */
export class FrameDecoder {
  private buf = Buffer.alloc(0);

  push(chunk: Buffer | string): { frames: Frame[]; malformed: Malformed[] } {
    const frames: Frame[] = [];
    const malformed: Malformed[] = [];
    this.buf = Buffer.concat([this.buf, typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk]);
    for (;;) {
      const start = this.buf.indexOf(0x5b); // '['
      if (start < 0) {
        if (this.buf.length) malformed.push({ reason: 'garbage', sample: sample(this.buf) });
        this.buf = Buffer.alloc(0);
        break;
      }
      if (start > 0) {
        malformed.push({ reason: 'garbage', sample: sample(this.buf.subarray(0, start)) });
        this.buf = this.buf.subarray(start);
      }
      const head = this.buf.subarray(0, MAX_HEADER).toString('latin1');
      const m = HEADER.exec(head) as [string, string, string, string] | null;
      if (!m) {
        // Not yet a whole header: wait for more, unless what is here already cannot become one.
        if (this.buf.length < MAX_HEADER && couldBeHeader(head)) break;
        malformed.push({ reason: 'header', sample: sample(this.buf.subarray(0, Math.min(this.buf.length, 40))) });
        this.buf = this.buf.subarray(1);
        continue;
      }
      const len = parseInt(m[3], 16);
      if (len > MAX_CONTENT) {
        malformed.push({ reason: 'too_long', sample: m[0] });
        this.buf = this.buf.subarray(1);
        continue;
      }
      const total = m[0].length + len + 1;
      if (this.buf.length < total) break;
      if (this.buf[total - 1] !== 0x5d) { // ']'
        malformed.push({ reason: 'terminator', sample: sample(this.buf.subarray(0, Math.min(total, 60))) });
        this.buf = this.buf.subarray(1);
        continue;
      }
      frames.push({ maker: m[1], deviceId: m[2], content: this.buf.subarray(m[0].length, total - 1).toString('utf8') });
      this.buf = this.buf.subarray(total);
    }
    return { frames, malformed };
  }

  /** Bytes held waiting for the rest of a frame. */
  get pending(): number {
    return this.buf.length;
  }
}

function sample(b: Buffer): string {
  return b.subarray(0, 40).toString('latin1').replace(/[^\x20-\x7e]/g, '.');
}

/** Whether `s` (shorter than a header) is a prefix some valid header could have. */
function couldBeHeader(s: string): boolean {
  return /^\[(?:[A-Z0-9]{0,2}|[A-Z0-9]{2}\*\d{0,15}|[A-Z0-9]{2}\*(?:\d{10}|\d{15})\*[0-9A-Fa-f]{0,4})$/.test(s);
}

/** `[MF*ID*LEN*CONTENT]` with the length counted in bytes. */
export function encodeFrame(maker: string, deviceId: string, content: string): string {
  const len = Buffer.byteLength(content, 'utf8').toString(16).toUpperCase().padStart(4, '0');
  return `[${maker}*${deviceId}*${len}*${content}]`;
}

/** What the status word (8 hex digits, 32 bits) says. */
export interface StatusBits {
  lowBattery: boolean;
  zoneExit: boolean;
  zoneEnter: boolean;
  moving: boolean;
  powerCut: boolean;
  sos: boolean;
  removed: boolean;
  fall: boolean;
}

const bit = (w: number, n: number) => ((w >>> n) & 1) === 1;

/** Bits 0/17 low battery, 1/18 geofence exit, 2/19 geofence enter, 4 motion, 14 power cut, 16 SOS, 20 removed, 21/22 fall. */
export function statusBits(hex: string): StatusBits {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) throw new Error('status word is not 8 hex digits');
  const w = parseInt(hex, 16);
  return {
    lowBattery: bit(w, 0) || bit(w, 17),
    zoneExit: bit(w, 1) || bit(w, 18),
    zoneEnter: bit(w, 2) || bit(w, 19),
    moving: bit(w, 4),
    powerCut: bit(w, 14),
    sos: bit(w, 16),
    removed: bit(w, 20),
    fall: bit(w, 21) || bit(w, 22),
  };
}

/** The inverse of `statusBits`, for the simulator and tests (first bit of each pair). */
export function statusWord(s: Partial<StatusBits>): string {
  let w = 0;
  if (s.lowBattery) w |= 1 << 0;
  if (s.zoneExit) w |= 1 << 1;
  if (s.zoneEnter) w |= 1 << 2;
  if (s.moving) w |= 1 << 4;
  if (s.powerCut) w |= 1 << 14;
  if (s.sos) w |= 1 << 16;
  if (s.removed) w |= 1 << 20;
  if (s.fall) w |= 1 << 21;
  return (w >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/** A position report (UD, UD2) or alarm (AL): the fields in protocol order. */
export interface WatchReport {
  kind: 'UD' | 'UD2' | 'AL';
  fixedAt: Date;
  valid: boolean;
  lat: number;
  lng: number;
  speedKmh: number;
  course: number;
  altitude: number;
  satellites: number;
  gsm: number;
  battery: number;
  steps: number;
  rolls: number;
  status: StatusBits;
  statusHex: string;
  cells: number;
  wifis: number;
}

export type Message =
  | { kind: 'LK'; steps?: number; rolls?: number; battery?: number }
  | WatchReport
  | { kind: 'other'; command: string };

/** Why a frame's content could not be read. */
export class ContentError extends Error {}

const num = (s: string | undefined, field: string): number => {
  const n = Number(s);
  if (s === undefined || s === '' || !Number.isFinite(n)) throw new ContentError(`${field}: not a number`);
  return n;
};

/** ddmmyy + hhmmss (the watch's clock, UTC) → a Date. */
function fixTime(d: string, t: string): Date {
  if (!/^\d{6}$/.test(d) || !/^\d{6}$/.test(t)) throw new ContentError('date/time: not ddmmyy/hhmmss');
  const day = +d.slice(0, 2), month = +d.slice(2, 4), year = 2000 + +d.slice(4, 6);
  const h = +t.slice(0, 2), mi = +t.slice(2, 4), s = +t.slice(4, 6);
  const date = new Date(Date.UTC(year, month - 1, day, h, mi, s));
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1 || h > 23 || mi > 59 || s > 59) throw new ContentError('date/time: no such moment');
  return date;
}

/** Reads a frame's content; throws ContentError for a known command with broken fields. */
export function parseContent(content: string): Message {
  const f = content.split(',');
  const command = f[0] ?? '';
  if (command === 'LK') {
    if (f.length === 1) return { kind: 'LK' };
    return { kind: 'LK', steps: num(f[1], 'steps'), rolls: num(f[2], 'rolls'), battery: num(f[3], 'battery') };
  }
  if (command === 'UD' || command === 'UD2' || command === 'AL') {
    if (f.length < 17) throw new ContentError(`${command}: ${f.length - 1} fields, at least 16 expected`);
    const [, date, time, av, latS, ns, lngS, ew, speed, course, alt, sats, gsm, batt, steps, rolls, status] = f;
    if (av !== 'A' && av !== 'V') throw new ContentError('valid flag: not A or V');
    if (ns !== 'N' && ns !== 'S') throw new ContentError('latitude hemisphere: not N or S');
    if (ew !== 'E' && ew !== 'W') throw new ContentError('longitude hemisphere: not E or W');
    const lat = num(latS, 'latitude') * (ns === 'S' ? -1 : 1);
    const lng = num(lngS, 'longitude') * (ew === 'W' ? -1 : 1);
    if (Math.abs(lat) > 90 || Math.abs(lng) > 180) throw new ContentError('position: out of range');
    let bits: StatusBits;
    try {
      bits = statusBits(status ?? '');
    } catch {
      throw new ContentError('status word: not 8 hex digits');
    }
    const cells = f[17] !== undefined && f[17] !== '' ? num(f[17], 'cell count') : 0;
    // after the cells (count, delay, mcc, mnc, then lac,ci,rssi each) comes the Wi-Fi count
    const wifiAt = 18 + (cells ? 3 + cells * 3 : 0);
    const wifis = f[wifiAt] !== undefined && /^\d+$/.test(f[wifiAt]) ? Number(f[wifiAt]) : 0;
    return {
      kind: command, fixedAt: fixTime(date ?? '', time ?? ''), valid: av === 'A', lat, lng,
      speedKmh: num(speed, 'speed'), course: num(course, 'course'), altitude: num(alt, 'altitude'), satellites: num(sats, 'satellites'),
      gsm: num(gsm, 'gsm'), battery: num(batt, 'battery'), steps: num(steps, 'steps'), rolls: num(rolls, 'rolls'),
      status: bits, statusHex: (status ?? '').toUpperCase(), cells, wifis,
    };
  }
  return { kind: 'other', command };
}

/** The reply a watch waits for, if any: LK and AL are echoed (the watch resends an unanswered alarm). */
export function replyTo(frame: Frame, msg: Message): string | null {
  if (msg.kind === 'LK') return encodeFrame(frame.maker, frame.deviceId, 'LK');
  if (msg.kind === 'AL') return encodeFrame(frame.maker, frame.deviceId, 'AL');
  return null;
}

/** A UD/UD2/AL content line, for the simulator and tests. */
export function reportContent(kind: 'UD' | 'UD2' | 'AL', r: { at: Date; valid: boolean; lat: number; lng: number; speedKmh?: number; course?: number; altitude?: number; satellites?: number; battery: number; steps?: number; status?: Partial<StatusBits> }): string {
  const p2 = (n: number) => String(n).padStart(2, '0');
  const d = `${p2(r.at.getUTCDate())}${p2(r.at.getUTCMonth() + 1)}${p2(r.at.getUTCFullYear() % 100)}`;
  const t = `${p2(r.at.getUTCHours())}${p2(r.at.getUTCMinutes())}${p2(r.at.getUTCSeconds())}`;
  return [
    kind, d, t, r.valid ? 'A' : 'V', Math.abs(r.lat).toFixed(6), r.lat < 0 ? 'S' : 'N', Math.abs(r.lng).toFixed(6), r.lng < 0 ? 'W' : 'E',
    (r.speedKmh ?? 0).toFixed(2), (r.course ?? 0).toFixed(1), (r.altitude ?? 0).toFixed(1), r.satellites ?? 8, 100, r.battery, r.steps ?? 0, 0,
    statusWord(r.status ?? {}), 0, 0,
  ].join(',');
}
