import { Button } from 'antd';
import { useI18n } from './i18n';
import { useDisplay } from './preferences';

/** 老年模式 on / off (docs/accessibility.md): `onDark` for the header, icon-like text that stays readable there. */
export function ElderToggle({ onDark = false, compact = false }: { onDark?: boolean; compact?: boolean }) {
  const { t } = useI18n();
  const { elder, setElder } = useDisplay();
  const label = t(elder ? 'app.elderModeOff' : 'app.elderModeOn');
  return (
    <Button
      size="small"
      type={elder ? 'primary' : 'default'}
      ghost={onDark && !elder}
      aria-pressed={elder}
      title={label}
      data-testid="elder-toggle"
      onClick={() => setElder(!elder)}
    >
      {compact ? t('app.elderModeShort') : t('app.elderMode')}
    </Button>
  );
}
