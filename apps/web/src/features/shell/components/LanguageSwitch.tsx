import { Segmented, Tooltip } from 'antd';
import type { Lang } from '../../../i18n/dict';
import { useI18n } from '../../../i18n/I18nProvider';

/** 中文 / EN, both always visible, remembered in this browser. */
export function LanguageSwitch({ light = false }: { light?: boolean }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Tooltip title={t('lang.switch')} placement="bottom">
      <Segmented<Lang>
        size="small"
        value={lang}
        onChange={setLang}
        className={light ? 'lang-switch-light' : undefined}
        options={[
          { value: 'zh', label: '中文' },
          { value: 'en', label: 'EN' },
        ]}
      />
    </Tooltip>
  );
}
