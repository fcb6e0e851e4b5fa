import path from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

const SERVER = 'http://localhost:8080'

const TIPTAP_WITH_CACHED_SCHEMA = fileURLToPath(new URL('./src/text/tiptap-cached-schema.ts', import.meta.url))

/**
 * Hands every importer of `@tiptap/core` (tldraw, when it measures sticky notes) our wrapper with a
 * schema cache; the wrapper itself gets the real package. See src/text/tiptap-cached-schema.ts.
 */
function tiptapWithCachedSchema(): Plugin {
  return {
    name: 'quartierboard:tiptap-cached-schema',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== '@tiptap/core' || !importer) return null
      return path.normalize(importer.split('?')[0]!) === TIPTAP_WITH_CACHED_SCHEMA ? null : TIPTAP_WITH_CACHED_SCHEMA
    },
  }
}

/**
 * What the service worker precaches (src/offline/sw.ts): the app shell and what a board needs to
 * draw offline, about 4.4 MB. tldraw's 50 translations are about 1.5 MB, so only ours (German and
 * English, `main`) are kept; the others load from the server when someone picks them online.
 */
const PRECACHED_FILES = ['index.html', 'assets/*.{js,css,woff2,svg}', 'assets/{de,main}-*.json']
/** The largest file precached: the app's script is about 2.8 MB (tldraw). */
const MAX_PRECACHED_FILE_BYTES = 4 * 1024 * 1024

const offlineAppShell = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'src/offline',
  filename: 'sw.ts',
  registerType: 'prompt', // a new version waits for the person's click (src/offline/service-worker-updates.ts)
  injectRegister: false, // registered in src/main.tsx
  manifest: false, // no installable app: only the offline shell
  injectManifest: { globPatterns: PRECACHED_FILES, maximumFileSizeToCacheInBytes: MAX_PRECACHED_FILE_BYTES },
  devOptions: { enabled: false }, // `pnpm dev` runs without a service worker
})

export default defineConfig({
  plugins: [react(), tiptapWithCachedSchema(), offlineAppShell],
  // Workspace packages resolve to their TypeScript sources (the `source` export condition).
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  // Vite's dependency optimiser crashes on tldraw's translation files.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  server: {
    proxy: {
      '/api': SERVER,
      '/healthz': SERVER,
      '/sync': { target: SERVER, ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
})
