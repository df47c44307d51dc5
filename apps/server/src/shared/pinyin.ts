import { pinyin } from 'pinyin-pro';

/**
 * How Chinese users type a name to find it: full pinyin without tones or spaces (zhangsan) and
 * initials (zs). Surnames read with their surname pronunciation (单 shan, 曾 zeng); ü as v.
 */
export function namePinyin(name: string): { full: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true, nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  return { full: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
}
