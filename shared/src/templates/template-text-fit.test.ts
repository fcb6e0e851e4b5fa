/**
 * Sticky notes of the templates never break a word: tldraw wraps a note's text at NOTE_TEXT_WIDTH
 * and, for notes placed as records (as templates are), breaks a longer word letter by letter. So
 * every word of every note text, in every field's wording and both languages, must be narrower
 * than that at the note's font size.
 */
import { describe, expect, it } from 'vitest'
import { FIELDS_OF_ACTION } from '../api.js'
import { WORKSHOP_TEMPLATES } from './registry.js'
import { NOTE_TEXT_WIDTH, labelFontPx } from './template-legibility.js'
import { resolveText } from './template-text.js'
import { TEMPLATE_LOCALES, type NoteElement, type WorkshopTemplate } from './template-types.js'

/**
 * Approximate width of one character of tldraw's sans font (IBM Plex Sans Medium) in em, so a
 * word's width is estimated as characters × this × font size: an approximation, not a measurement.
 * Measured in Chromium on template words: 0.43–0.55 em per character ("Initiativen" 0.43,
 * "Kreativwirtschaft" 0.47, "Verfügungsfonds" 0.52, "Zwischennutzungen" 0.54,
 * "Handlungsempfehlungen" 0.55). This value lies near the top of that range; the e2e spec
 * (workshop-kit) checks the real rendering of every note text.
 */
const AVERAGE_GLYPH_EM = 0.54

/** The pieces a browser may not break inside: words, split at spaces and after hyphens. */
function unbreakablePieces(text: string): string[] {
  return text.split(/\s+/).flatMap((word) => word.split(/(?<=-)/)).filter((piece) => piece !== '')
}

/** Estimated width of `piece` at `fontPx`, in the same units. */
function estimatedWidth(piece: string, fontPx: number): number {
  return [...piece].length * AVERAGE_GLYPH_EM * fontPx
}

/** "template/note/field/locale: word" for every note word wider than the note's text width. */
function wordsTooWide(template: WorkshopTemplate): string[] {
  const tooWide: string[] = []
  const notes = template.elements.filter((element): element is NoteElement => element.kind === 'note')
  for (const note of notes) {
    // The font size is in the note's own units, like NOTE_TEXT_WIDTH: the note's scale affects neither.
    const fontPx = labelFontPx(note.size ?? 'm')
    for (const field of FIELDS_OF_ACTION) {
      for (const locale of TEMPLATE_LOCALES) {
        for (const piece of unbreakablePieces(resolveText(note.text, field, locale))) {
          if (estimatedWidth(piece, fontPx) > NOTE_TEXT_WIDTH) tooWide.push(`${template.id}/${note.key}/${field}/${locale}: ${piece}`)
        }
      }
    }
  }
  return [...new Set(tooWide)]
}

describe('note texts of the templates', () => {
  it('every template has notes to check', () => {
    expect(WORKSHOP_TEMPLATES.filter((template) => template.elements.some((element) => element.kind === 'note')).length).toBeGreaterThan(0)
  })

  it.each(WORKSHOP_TEMPLATES.map((template) => [template.id, template] as const))('%s: no word is wider than its note', (_id, template) => {
    expect(wordsTooWide(template)).toEqual([])
  })

  it('flags a long German compound on a note, and a word that only fits at the smaller size', () => {
    const withNote = (text: string, size: NoteElement['size']): WorkshopTemplate => ({
      id: 'one-note',
      title: { de: 't', en: 't' },
      description: { de: 'd', en: 'd' },
      elements: [{ kind: 'note', key: 'n', x: 0, y: 0, color: 'yellow', size, text: { de: text, en: 'Example' } }],
    })
    const compound = wordsTooWide(withNote('Beispiel: Handlungsempfehlungen sammeln', 's'))
    expect(compound).toEqual(FIELDS_OF_ACTION.map((field) => `one-note/n/${field}/de: Handlungsempfehlungen`))
    expect(wordsTooWide(withNote('Kreativwirtschaft', 's'))).toEqual([])
    expect(wordsTooWide(withNote('Kreativwirtschaft', 'm'))).toHaveLength(FIELDS_OF_ACTION.length)
    expect(wordsTooWide(withNote('Dorfladen-Genossenschaft', 's'))).toEqual([])
  })
})
