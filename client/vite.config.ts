import path from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

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

export default defineConfig({
  plugins: [react(), tiptapWithCachedSchema()],
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
