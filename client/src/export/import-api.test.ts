import { MAX_TLDR_BYTES } from '@quartierboard/shared'
import { describe, expect, it } from 'vitest'
import { importPath, importSizeAllowed, MAX_IMPORT_MEGABYTES } from './import-api'

describe('import request', () => {
  it('builds the path with mode and locale', () => {
    expect(importPath('replace', 'de')).toBe('/import?mode=replace&locale=de')
    expect(importPath('add-page', 'en')).toBe('/import?mode=add-page&locale=en')
  })

  it('accepts only sizes the server takes', () => {
    expect(importSizeAllowed(0)).toBe(false)
    expect(importSizeAllowed(1)).toBe(true)
    expect(importSizeAllowed(MAX_TLDR_BYTES)).toBe(true)
    expect(importSizeAllowed(MAX_TLDR_BYTES + 1)).toBe(false)
    expect(MAX_IMPORT_MEGABYTES).toBe(50)
  })
})
