import { describe, expect, it } from 'vitest'
import { shapeText, shapeTypeKey } from './shape-label'

const richText = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

describe('shape labels', () => {
  it('reads the text of a note and names its type', () => {
    const note = { id: 'shape:a', typeName: 'shape', type: 'note', props: { richText: richText('Leerstand am Marktplatz') } }
    expect(shapeText(note)).toBe('Leerstand am Marktplatz')
    expect(shapeTypeKey(note)).toBe('replayShapeNote')
  })

  it('shortens long text to one line', () => {
    const text = { id: 'shape:t', typeName: 'shape', type: 'text', props: { richText: richText('a'.repeat(100)) } }
    expect(shapeText(text, 10)).toBe('aaaaaaaaa…')
  })

  it('copes with shapes without text and unknown types', () => {
    expect(shapeText({ id: 'shape:x', type: 'custom' })).toBe('')
    expect(shapeTypeKey({ id: 'shape:x', type: 'custom' })).toBe('replayShapeOther')
  })
})
