import path from 'node:path'
import type { Plugin } from 'vite'
import { describe, expect, it } from 'vitest'
import config from '../../vite.config'

const shim = path.resolve(import.meta.dirname, 'tiptap-cached-schema.ts')

function plugin(): Plugin {
  const found = (config.plugins ?? []).flat().find((candidate) => (candidate as Plugin | null)?.name === 'quartierboard:tiptap-cached-schema')
  if (!found) throw new Error('the client build has no TipTap schema-cache plugin')
  return found as Plugin
}

function resolve(source: string, importer: string | undefined): unknown {
  const hook = plugin().resolveId as (source: string, importer: string | undefined) => unknown
  return hook(source, importer)
}

describe('the client build hands tldraw our TipTap wrapper', () => {
  it('resolves tldraw’s import of @tiptap/core to the wrapper', () => {
    const tldrawRichText = path.resolve('node_modules/.pnpm/tldraw@5.4.2/node_modules/tldraw/dist-esm/lib/utils/text/richText.mjs')
    expect(resolve('@tiptap/core', tldrawRichText)).toBe(shim)
  })

  it('lets the wrapper itself, and everything else, resolve as usual', () => {
    expect(resolve('@tiptap/core', shim)).toBeNull()
    expect(resolve('@tiptap/core', `${shim}?v=1a2b`)).toBeNull()
    expect(resolve('@tiptap/pm/model', shim)).toBeNull()
    expect(resolve('react', path.resolve('client/src/main.tsx'))).toBeNull()
  })
})
