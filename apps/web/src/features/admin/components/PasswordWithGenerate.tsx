import { Button, Input, Space } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { generatePassword } from '../../../shared/utils/password';

/** A visible password field with 随机生成, for passwords an administrator hands over. */
export function PasswordWithGenerate({
  value,
  onChange,
  id,
}: {
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
}) {
  const { t } = useI18n();
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input id={id} className="mono" value={value} onChange={(e) => onChange?.(e.target.value)} autoComplete="new-password" />
      <Button onClick={() => onChange?.(generatePassword())}>{t('password.generate')}</Button>
    </Space.Compact>
  );
}
