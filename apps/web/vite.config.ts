import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The web app lives in apps/web; the root config is run as
// `vite build --config apps/web/vite.config.ts` from the repository root, so every path
// is resolved from this file rather than from the working directory.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [
    react(),
    // 入户调查 works offline: a service worker (Workbox, generated at build) precaches the app
    // shell so /survey opens with no network; data and the upload queue live in IndexedDB.
    // Registered by the survey itself (features/survey/offline/register.ts), not on every page.
    VitePWA({
      injectRegister: null,
      registerType: 'autoUpdate',
      includeAssets: ['favicon.svg'],
      manifest: {
        name: '邻里 · 入户调查',
        short_name: '入户调查',
        description: '网格员离线入户调查 / offline door-to-door survey for grid workers',
        lang: 'zh-CN',
        start_url: '/survey',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#f3f5f8',
        theme_color: '#1d5bd8',
        icons: [
          { src: '/survey-icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/survey-icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // the whole shell, the large vendor chunks included, so any page the survey opens is there
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Ant Design is one large vendor chunk; pages themselves are split per module.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
