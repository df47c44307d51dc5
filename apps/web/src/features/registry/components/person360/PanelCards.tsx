import { Card, Descriptions, Flex } from 'antd';
import { useI18n } from '../../../../i18n/I18nProvider';
import type { PersonOverview } from '../../types';

type Panel = PersonOverview['panels'][number];

/**
 * Slots other subsystems (elder care, services, property …) fill with what they know about the
 * person; rendered generically, so a new subsystem adds a panel on the server and nothing here.
 */
export function PanelCards({ panels }: { panels: Panel[] }) {
  const { lang } = useI18n();
  if (panels.length === 0) return null;
  const pick = (zh: string, en: string) => (lang === 'en' && en ? en : zh);
  return (
    <Flex vertical gap={16}>
      {panels.map((p) => (
        <Card key={p.key} title={pick(p.title, p.titleEn)} size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            items={p.items.map((item, i) => ({ key: `${p.key}-${i}`, label: pick(item.label, item.labelEn), children: item.value }))}
          />
        </Card>
      ))}
    </Flex>
  );
}
