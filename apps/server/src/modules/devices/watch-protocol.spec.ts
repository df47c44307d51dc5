import { describe, expect, it } from 'vitest';
import { ContentError, encodeFrame, FrameDecoder, parseContent, replyTo, reportContent, statusBits, statusWord } from './watch-protocol.js';

const UD = 'UD,220414,134652,A,22.571707,N,113.8613968,E,0.1,0.0,100,7,60,90,1000,50,00000000,4,1,460,0,9360,4082,131,9360,4092,148,9360,4091,143,9360,4153,141';
const frame = (content: string, id = '8800000015') => encodeFrame('3G', id, content);

describe('frame encoding', () => {
  it('counts the content in bytes as 4 upper-case hex digits', () => {
    expect(encodeFrame('3G', '1234567890', 'LK')).toBe('[3G*1234567890*0002*LK]');
    expect(encodeFrame('SG', '123456789012345', 'x'.repeat(300))).toBe(`[SG*123456789012345*012C*${'x'.repeat(300)}]`);
    expect(encodeFrame('3G', '1234567890', '中')).toBe('[3G*1234567890*0003*中]');
  });
});

describe('FrameDecoder', () => {
  it('reads one whole frame', () => {
    const d = new FrameDecoder();
    const r = d.push(frame('LK,50,100,95'));
    expect(r.frames).toEqual([{ maker: '3G', deviceId: '8800000015', content: 'LK,50,100,95' }]);
    expect(r.malformed).toEqual([]);
    expect(d.pending).toBe(0);
  });

  it('joins a frame cut across chunks at every possible byte', () => {
    const whole = frame(UD);
    for (let cut = 1; cut < whole.length; cut++) {
      const d = new FrameDecoder();
      const a = d.push(whole.slice(0, cut));
      expect(a.frames).toEqual([]);
      expect(a.malformed).toEqual([]);
      const b = d.push(whole.slice(cut));
      expect(b.frames.map((f) => f.content)).toEqual([UD]);
      expect(b.malformed).toEqual([]);
    }
  });

  it('splits concatenated frames, and a third cut in half', () => {
    const d = new FrameDecoder();
    const third = frame('AL,' + UD.slice(3), '123456789012345');
    const r = d.push(frame('LK') + frame(UD) + third.slice(0, 10));
    expect(r.frames.map((f) => f.content)).toEqual(['LK', UD]);
    const r2 = d.push(third.slice(10));
    expect(r2.frames).toHaveLength(1);
    expect(r2.frames[0]!.deviceId).toBe('123456789012345');
  });

  it('reports garbage, bad headers and bad terminators, and keeps the good frames around them', () => {
    const d = new FrameDecoder();
    const r = d.push(`hello${frame('LK')}[3G*12*0002*LK]${frame('LK').replace(']', ')')}${frame('UD2,' + UD.slice(3))}`);
    expect(r.frames.map((f) => f.content.slice(0, 3))).toEqual(['LK', 'UD2']);
    expect(r.malformed.map((m) => m.reason)).toContain('garbage');
    expect(r.malformed.map((m) => m.reason)).toContain('header');
    expect(r.malformed.map((m) => m.reason)).toContain('terminator');
  });

  it('refuses a length beyond the maximum instead of waiting for it forever', () => {
    const d = new FrameDecoder();
    const r = d.push('[3G*1234567890*FFFF*LK]' + frame('LK'));
    expect(r.malformed[0]!.reason).toBe('too_long');
    expect(r.frames.map((f) => f.content)).toEqual(['LK']);
  });

  it('waits on a header prefix but drops a prefix that can never be a header', () => {
    const d = new FrameDecoder();
    expect(d.push('[3G*12345').malformed).toEqual([]);
    expect(d.pending).toBe(9);
    const r = d.push('x*');
    expect(r.malformed.map((m) => m.reason)).toEqual(['header', 'garbage']);
    expect(d.pending).toBe(0);
  });
});

describe('content', () => {
  it('reads a heartbeat with and without figures', () => {
    expect(parseContent('LK')).toEqual({ kind: 'LK' });
    expect(parseContent('LK,1200,3,87')).toEqual({ kind: 'LK', steps: 1200, rolls: 3, battery: 87 });
  });

  it('reads a UD position in protocol order, with hemispheres, cells and time', () => {
    const m = parseContent(UD);
    expect(m).toMatchObject({
      kind: 'UD', valid: true, lat: 22.571707, lng: 113.8613968, speedKmh: 0.1, course: 0, altitude: 100, satellites: 7,
      gsm: 60, battery: 90, steps: 1000, rolls: 50, statusHex: '00000000', cells: 4, wifis: 0,
    });
    expect(m.kind !== 'other' && m.kind !== 'LK' && m.fixedAt.toISOString()).toBe('2014-04-22T13:46:52.000Z');
    const south = parseContent('UD2,010125,000000,V,33.5,S,70.25,W,0,0,0,0,0,50,0,0,00000000');
    expect(south).toMatchObject({ kind: 'UD2', valid: false, lat: -33.5, lng: -70.25 });
  });

  it('round-trips what the simulator writes', () => {
    const at = new Date('2026-11-29T08:15:30Z');
    const m = parseContent(reportContent('AL', { at, valid: true, lat: 30.5123, lng: 105.5921, battery: 15, status: { sos: true, lowBattery: true } }));
    expect(m).toMatchObject({ kind: 'AL', lat: 30.5123, lng: 105.5921, battery: 15, valid: true });
    expect(m.kind === 'AL' && m.status).toMatchObject({ sos: true, lowBattery: true, fall: false, removed: false });
    expect(m.kind === 'AL' && m.fixedAt.toISOString()).toBe(at.toISOString());
  });

  it('throws a ContentError naming the broken field, never anything else', () => {
    expect(() => parseContent('UD,220414,134652,A,22.5')).toThrow(ContentError);
    expect(() => parseContent(UD.replace(',A,', ',X,'))).toThrow(/valid flag/);
    expect(() => parseContent(UD.replace('22.571707', 'abc'))).toThrow(/latitude/);
    expect(() => parseContent(UD.replace('220414', '310214'))).toThrow(/date/);
    expect(() => parseContent(UD.replace('00000000', '0000000G'))).toThrow(/status word/);
    expect(() => parseContent(UD.replace('22.571707', '95.1'))).toThrow(/range/);
    expect(() => parseContent('LK,a,b,c')).toThrow(/steps/);
  });

  it('passes unknown commands through', () => {
    expect(parseContent('TKQ')).toEqual({ kind: 'other', command: 'TKQ' });
  });
});

describe('status word', () => {
  it('reads each documented bit, both of each pair', () => {
    const only = (n: number) => statusBits((1 << n >>> 0).toString(16).padStart(8, '0'));
    expect(only(0).lowBattery).toBe(true);
    expect(only(17).lowBattery).toBe(true);
    expect(only(1).zoneExit).toBe(true);
    expect(only(18).zoneExit).toBe(true);
    expect(only(2).zoneEnter).toBe(true);
    expect(only(19).zoneEnter).toBe(true);
    expect(only(4).moving).toBe(true);
    expect(only(14).powerCut).toBe(true);
    expect(only(16).sos).toBe(true);
    expect(only(20).removed).toBe(true);
    expect(only(21).fall).toBe(true);
    expect(only(22).fall).toBe(true);
    expect(Object.values(statusBits('00000000')).every((v) => !v)).toBe(true);
    expect(Object.entries(only(16)).filter(([, v]) => v).map(([k]) => k)).toEqual(['sos']);
  });

  it('is written back as it is read', () => {
    expect(statusWord({ sos: true })).toBe('00010000');
    expect(statusBits(statusWord({ fall: true, removed: true }))).toMatchObject({ fall: true, removed: true, sos: false });
  });
});

describe('replies', () => {
  it('answers LK and AL with the same maker and id, and nothing to UD', () => {
    const f = { maker: 'SG', deviceId: '123456789012345', content: '' };
    expect(replyTo(f, { kind: 'LK' })).toBe('[SG*123456789012345*0002*LK]');
    expect(replyTo(f, parseContent('AL,' + UD.slice(3)))).toBe('[SG*123456789012345*0002*AL]');
    expect(replyTo(f, parseContent(UD))).toBeNull();
  });
});
