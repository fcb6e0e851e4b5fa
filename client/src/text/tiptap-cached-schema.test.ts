import { generateText as tiptapGenerateText, type JSONContent } from '@tiptap/core'
import { tipTapDefaultExtensions } from '@tldraw/tldraw'
import { describe, expect, it } from 'vitest'
import { generateText, schemaFor } from './tiptap-cached-schema'

const note: JSONContent = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'Leerstand im Erdgeschoss – ' }, { type: 'text', marks: [{ type: 'bold' }], text: 'Zwischennutzung' }] },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Kulturbüro 🏪' }] }] }] },
  ],
}

describe('TipTap with a schema cache', () => {
  it('builds the schema of an extension list once and reuses it', () => {
    const schema = schemaFor(tipTapDefaultExtensions)
    expect(schemaFor(tipTapDefaultExtensions)).toBe(schema)
    expect(schema.nodes.paragraph).toBeDefined()
    // Another list is another schema.
    expect(schemaFor([...tipTapDefaultExtensions])).not.toBe(schema)
  })

  it('gives the same text as TipTap itself', () => {
    for (const options of [undefined, { blockSeparator: '\n' }]) {
      expect(generateText(note, tipTapDefaultExtensions, options)).toBe(tiptapGenerateText(note, tipTapDefaultExtensions, options))
    }
    expect(generateText(note, tipTapDefaultExtensions, { blockSeparator: '\n' })).toMatch(/^Leerstand im Erdgeschoss – Zwischennutzung\n+Kulturbüro 🏪$/)
  })
})
