import type { ThemeConfig } from 'antd';

/**
 * The portal's antd themes (docs/accessibility.md). Both keep every text at a contrast of at least 4.5:1
 * (WCAG AA; antd's own secondary grey, rgba(0,0,0,0.45), is 3.4:1 on white and failed axe on every page).
 * Elder mode (适老化, MIIT's 《互联网网站适老化通用设计规范》) adds: a base font of 18 px, line spacing 1.6,
 * near-black text, a darker blue, stronger borders and larger hit targets.
 */
export function portalTheme({ elder, reducedMotion }: { elder: boolean; reducedMotion: boolean }): ThemeConfig {
  const base: ThemeConfig['token'] = {
    colorPrimary: '#1f5fbf',
    // antd derives links from colorInfo (#1677ff, 4.0:1 on white), not from colorPrimary.
    colorLink: '#1f5fbf',
    colorInfo: '#1f5fbf',
    // antd's red (#ff4d4f) is 3.2:1 on white: danger buttons and error text failed.
    colorError: '#c41d1f',
    colorSuccess: '#237804',
    colorWarning: '#ad5b00',
    borderRadius: 4,
    motion: !reducedMotion,
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
  };
  if (!elder) return { token: base };
  return {
    token: {
      ...base,
      colorPrimary: '#0b4aa2',
      colorLink: '#0b4aa2',
      colorInfo: '#0b4aa2',
      colorText: '#000000',
      colorTextHeading: '#000000',
      colorTextSecondary: 'rgba(0, 0, 0, 0.8)',
      colorTextTertiary: 'rgba(0, 0, 0, 0.75)',
      colorTextDescription: 'rgba(0, 0, 0, 0.8)',
      colorTextPlaceholder: 'rgba(0, 0, 0, 0.65)',
      colorBorder: '#6b6b6b',
      colorBorderSecondary: '#9a9a9a',
      fontSize: 18,
      fontSizeSM: 16,
      fontSizeLG: 20,
      fontSizeHeading1: 34,
      fontSizeHeading2: 28,
      fontSizeHeading3: 24,
      fontSizeHeading4: 22,
      fontSizeHeading5: 20,
      lineHeight: 1.6,
      controlHeight: 44,
      controlHeightSM: 36,
      controlHeightLG: 52,
    },
    components: {
      Menu: { itemHeight: 52, fontSize: 18 },
      Table: { cellPaddingBlock: 14 },
    },
  };
}
