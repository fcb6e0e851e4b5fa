/**
 * The text layer of a PDF, page by page, as a reader's "find" or a screen reader gets it: read
 * with PDF.js (the library browsers use to show PDFs), so a test can check that every shape's
 * text made it onto the right page.
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/** PDF.js's own copies of the 14 standard fonts, for PDFs that use them without embedding. */
const STANDARD_FONTS = `${path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`

export async function pdfPageTexts(bytes: Uint8Array): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, isEvalSupported: false, standardFontDataUrl: STANDARD_FONTS }).promise
  try {
    const pages: string[] = []
    for (let number = 1; number <= document.numPages; number++) {
      const content = await (await document.getPage(number)).getTextContent()
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '))
    }
    return pages
  } finally {
    await document.destroy()
  }
}
