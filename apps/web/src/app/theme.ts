import type { ThemeConfig } from 'antd';

/** Government-service blue, compact radii, Chinese system fonts first. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d5bd8',
    colorInfo: '#1d5bd8',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { siderBg: '#0f2747', headerBg: '#ffffff', bodyBg: '#f3f5f9', headerPadding: '0 24px' },
    Menu: { darkItemBg: '#0f2747', darkSubMenuItemBg: '#0b1f3a', darkItemSelectedBg: '#1d5bd8' },
  },
};
