import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect } from 'react';
import { RouterProvider } from 'react-router-dom';
import { setUnauthorizedHandler } from '../api/client';
import { I18nProvider, useI18n } from '../i18n/I18nProvider';
import { queryClient } from './queryClient';
import { router } from './router';
import { theme } from './theme';

/** When any call finds the session gone: forget cached data and go to /login (once). */
function handleSessionLoss() {
  const { pathname, search } = router.state.location;
  if (pathname === '/login') return;
  void router.navigate('/login', { replace: true, state: { from: pathname + search } }).then(() => queryClient.clear());
}

function LocalizedApp() {
  const { lang } = useI18n();
  useEffect(() => setUnauthorizedHandler(handleSessionLoss), []);
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <LocalizedApp />
      </I18nProvider>
    </QueryClientProvider>
  );
}
