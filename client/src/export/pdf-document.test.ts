import { PDFArray, PDFDocument, PDFRawStream, decodePDFRawStream } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { buildPdf, encodableText, type PdfSheet } from './pdf-document'

/** A valid 1 × 1 PNG (white pixel). */
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg=='),
  (character) => character.charCodeAt(0),
)

const header = { title: 'Fallbeispiel Görlitz', subtitle: 'Sitzung: Ausgangslage · Stand: 25.11.2026', language: 'de-DE', pageLabel: (page: number, pages: number) => `Seite ${page} von ${pages}` }

function sheet(heading: string | null, text: string, width = 800, height = 600): PdfSheet {
  return { png: PNG, width, height, heading, texts: [{ text, x: 100, y: 100, w: 200, h: 200 }] }
}

/** The decoded content streams of a page, as text. */
function pageContent(document: PDFDocument, index: number): string {
  const node = document.getPage(index).node
  const contents = node.Contents()
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => document.context.lookup(ref)) : [contents]
  return streams
    .map((stream) => (stream instanceof PDFRawStream ? new TextDecoder('latin1').decode(decodePDFRawStream(stream).decode()) : ''))
    .join('\n')
}

/** How pdf-lib writes `text` in Helvetica (WinAnsi bytes as hex). */
function hexOf(text: string): string {
  const bytes = new TextEncoder().encode(text) // ASCII only in these tests
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join('')
}

describe('buildPdf', () => {
  it('writes one page per sheet, landscape or portrait as the sheet needs', async () => {
    const bytes = await buildPdf([sheet('Ausgangslage', 'Leerstand'), sheet('Ziele', 'Mehr Grün', 300, 900)], header)
    const document = await PDFDocument.load(bytes)
    expect(document.getPageCount()).toBe(2)
    const [first, second] = document.getPages()
    expect(first!.getWidth()).toBeGreaterThan(first!.getHeight())
    expect(second!.getWidth()).toBeLessThan(second!.getHeight())
    expect(document.getTitle()).toBe('Fallbeispiel Görlitz')
  })

  it('puts the sheet texts in an invisible text layer and the header in visible text', async () => {
    const document = await PDFDocument.load(await buildPdf([sheet('Ausgangslage', 'Leerstand am Markt')], header))
    const content = pageContent(document, 0)
    expect(content).toContain('3 Tr')
    expect(content).toContain(hexOf('Leerstand am Markt'))
    expect(content).toContain(hexOf('Ausgangslage'))
    expect(content).toContain(hexOf('Seite 1 von 1'))
    // The text layer comes after the picture and inside its own graphics state.
    expect(content.indexOf('3 Tr')).toBeGreaterThan(content.indexOf(' Do'))
  })

  it('refuses an empty document', async () => {
    await expect(buildPdf([], header)).rejects.toThrow(/at least one/)
  })
})

describe('encodableText', () => {
  const latin = new Set([...'abcdefghijklmnopqrstuvwxyzäöüß ?'].map((character) => character.codePointAt(0)!))
  it('keeps what the font has, strips accents it lacks and replaces the rest', () => {
    expect(encodableText('größe', latin)).toBe('größe')
    expect(encodableText('łódź', latin)).toBe('?odz')
    expect(encodableText('ab🙂\tc\nd', latin)).toBe('ab? c\nd')
  })
})
