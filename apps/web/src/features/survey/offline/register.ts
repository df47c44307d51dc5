import { registerSW } from 'virtual:pwa-register';

let registered = false;

/**
 * Installs the service worker that keeps the app shell (HTML, scripts, styles) in the browser's
 * cache, so /survey opens with no network at all. Registered from the survey only: the desktop
 * pages do not need it.
 */
export function registerOffline(): void {
  if (registered || !('serviceWorker' in navigator)) return;
  registered = true;
  registerSW({ immediate: true });
}
