import { describe, expect, it } from 'vitest'
import { plainTextOf, plainTextOfRichText } from './rich-text.js'
import { frameShape, geoShape, noteShape, textShape } from './test-support.js'

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] })

describe('plainTextOfRichText', () => {
  it('joins paragraphs with newlines and keeps empty paragraphs as empty lines', () => {
    const doc = { type: 'doc', content: [paragraph('Erste Zeile'), { type: 'paragraph' }, paragraph('Dritte')] }
    expect(plainTextOfRichText(doc)).toBe('Erste Zeile\n\nDritte')
  })

  it('joins marked text nodes and turns hard breaks into newlines', () => {
    const doc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Straße ' },
            { type: 'text', text: 'fett', marks: [{ type: 'bold' }] },
            { type: 'hardBreak' },
            { type: 'text', text: 'Größe 🏪' },
          ],
        },
      ],
    }
    expect(plainTextOfRichText(doc)).toBe('Straße fett\nGröße 🏪')
  })

  it('renders bullet and ordered lists, nested lists indented', () => {
    const item = (...content: object[]) => ({ type: 'listItem', content })
    const doc = {
      type: 'doc',
      content: [
        paragraph('Ideen:'),
        {
          type: 'bulletList',
          content: [
            item(paragraph('Markt'), { type: 'orderedList', attrs: { start: 3 }, content: [item(paragraph('Bänke')), item(paragraph('Bäume'))] }),
            item(paragraph('Café')),
          ],
        },
        { type: 'orderedList', content: [item(paragraph('eins')), item(paragraph('zwei'))] },
      ],
    }
    expect(plainTextOfRichText(doc)).toBe('Ideen:\n• Markt\n  3. Bänke\n  4. Bäume\n• Café\n1. eins\n2. zwei')
  })

  it('reads headings, blockquotes and code blocks as lines', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Titel' }] },
        { type: 'blockquote', content: [paragraph('Zitat')] },
        { type: 'codeBlock', content: [{ type: 'text', text: 'a\nb' }] },
      ],
    }
    expect(plainTextOfRichText(doc)).toBe('Titel\nZitat\na\nb')
  })

  it('tolerates junk and bounds the depth', () => {
    expect(plainTextOfRichText(null)).toBe('')
    expect(plainTextOfRichText('text')).toBe('')
    expect(plainTextOfRichText({ type: 'doc', content: 'nope' })).toBe('')
    expect(plainTextOfRichText({ type: 'doc', content: [1, null, paragraph('ok'), { type: 'text', text: 5 }] })).toBe('ok')
    let deep: object = paragraph('tief')
    for (let i = 0; i < 10_000; i++) deep = { type: 'blockquote', content: [deep] }
    expect(plainTextOfRichText({ type: 'doc', content: [deep] })).toBe('')
  })
})

describe('plainTextOf', () => {
  it('reads notes, text, geo labels and frame names', () => {
    expect(plainTextOf(noteShape('n', { x: 0, y: 0 }, 'Zeile 1\nZeile 2') as never)).toBe('Zeile 1\nZeile 2')
    expect(plainTextOf(textShape('t', { x: 0, y: 0 }, 'Text ß') as never)).toBe('Text ß')
    expect(plainTextOf(geoShape('g', { x: 0, y: 0 }, 'Kulturbüro') as never)).toBe('Kulturbüro')
    expect(plainTextOf(frameShape('f', { x: 0, y: 0 }, 10, 10, 'Rahmen Ä') as never)).toBe('Rahmen Ä')
  })

  it('reads arrow labels', () => {
    const arrow = { type: 'arrow', props: { richText: { type: 'doc', content: [paragraph('Allianz')] } } }
    expect(plainTextOf(arrow as never)).toBe('Allianz')
  })

  it('falls back to a legacy text prop and to the empty string', () => {
    expect(plainTextOf({ type: 'note', props: { text: 'alt' } } as never)).toBe('alt')
    expect(plainTextOf({ type: 'draw', props: { segments: [] } } as never)).toBe('')
    expect(plainTextOf({ type: 'frame', props: {} } as never)).toBe('')
  })
})
