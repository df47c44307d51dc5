import { useCallback } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import { useScales } from './useElder';

/** The name of an ability level on a scale version (the scale in use when none is given). */
export function useLevelName() {
  const { t, lang } = useI18n();
  const scales = useScales();
  return useCallback(
    (level: number | null | undefined, version?: string | null) => {
      if (level === null || level === undefined || level < 0) return t('elder.level.none');
      const scale = scales.data?.items.find((s) => (version ? s.version === version : s.inUse));
      const l = scale?.definition.levels.find((x) => x.level === level);
      return l ? `${t('elder.level.n', { n: level })} ${localName(l, lang)}` : t('elder.level.n', { n: level });
    },
    [scales.data, t, lang],
  );
}
