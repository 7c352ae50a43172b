import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from './i18n';

/**
 * A banner while the device is offline: the service worker still shows the shell (web/README.md, "PWA"), but
 * nothing can be read or saved until the network returns.
 */
export function OfflineNotice() {
  const { t } = useI18n();
  const [offline, setOffline] = useState(() => typeof navigator !== 'undefined' && navigator.onLine === false);
  useEffect(() => {
    const update = () => setOffline(!navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  if (!offline) return null;
  return <Alert type="warning" showIcon banner role="status" message={t('app.offline')} data-testid="offline-notice" />;
}

/** Registers the portal's service worker (dist/web/sw.js) once the page has loaded; browsers without one skip it. */
export function registerServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined); // no worker: the portal works online as before
  });
}
