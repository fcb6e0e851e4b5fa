/**
 * Builds the PDF export with pdf-lib: one page per sheet (a frame, or the whole board), each with
 * a header (workshop, session and date, frame name), the sheet's picture scaled to fit and a page
 * number. Decision on text: the picture is a PNG (tldraw's own rendering, exactly as on screen);
 * over it lies an invisible text layer (text rendering mode 3, as in scanned-and-OCRed PDFs) with
 * the plain text of every note, text and label at its place, so text in the PDF can be selected,
 * searched and copied. pdf-lib's standard fonts (Helvetica, built in, nothing fetched) cover
 * WinAnsi (German umlauts, ß, €, typographic quotes and dashes); other characters are replaced in
 * the header and text layer, while the picture still shows them.
 */
import {
  PDFDocument,
  StandardFonts,
  TextRenderingMode,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setTextRenderingMode,
  type PDFFont,
} from 'pdf-lib'
import { FOOTER_SIZE, HEADING_SIZE, PAGE_MARGIN, SUBTITLE_SIZE, TITLE_SIZE, sheetLayout, textPlacements, truncateToWidth, type TextItem } from './pdf-layout'

/** One page: a PNG of `width` × `height` page units, its heading (the frame's name) and its texts. */
export interface PdfSheet {
  png: Uint8Array
  width: number
  height: number
  heading: string | null
  texts: readonly TextItem[]
}

export interface PdfHeader {
  /** The workshop's title (first header line, bold). */
  title: string
  /** Session and date, already worded in the UI language. */
  subtitle: string
  /** BCP 47 language of the document ("de-DE"). */
  language: string
  pageLabel: (page: number, pages: number) => string
}

/** Maps text to characters the font can encode: others lose their accents if that helps, or become "?". */
export function encodableText(text: string, supported: ReadonlySet<number>): string {
  let result = ''
  for (const character of text.replace(/\t/g, ' ')) {
    const code = character.codePointAt(0)!
    if (supported.has(code) || character === '\n') {
      result += character
      continue
    }
    const base = character.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    result += base !== '' && [...base].every((part) => supported.has(part.codePointAt(0)!)) ? base : '?'
  }
  return result
}

const GREY = rgb(0.36, 0.4, 0.47)
const RULE = rgb(0.85, 0.87, 0.9)

/** The PDF file of `sheets` (at least one). */
export async function buildPdf(sheets: readonly PdfSheet[], header: PdfHeader): Promise<Uint8Array> {
  if (sheets.length === 0) throw new Error('a PDF needs at least one sheet')
  const document = await PDFDocument.create()
  document.setTitle(header.title, { showInWindowTitleBar: true })
  document.setLanguage(header.language)
  document.setCreator('Quartierboard')
  const regular = await document.embedFont(StandardFonts.Helvetica)
  const bold = await document.embedFont(StandardFonts.HelveticaBold)
  const supported = new Set(regular.getCharacterSet())
  const clean = (text: string) => encodableText(text, supported)

  for (const [index, sheet] of sheets.entries()) {
    const layout = sheetLayout(sheet.width, sheet.height, sheet.heading !== null)
    const page = document.addPage([layout.width, layout.height])
    const textWidth = layout.width - 2 * PAGE_MARGIN
    const line = (text: string, font: PDFFont, size: number, y: number, color = rgb(0, 0, 0)) =>
      page.drawText(truncateToWidth(clean(text).replace(/\n/g, ' '), textWidth, (part) => font.widthOfTextAtSize(part, size)), {
        x: PAGE_MARGIN,
        y,
        size,
        font,
        color,
      })
    line(header.title, bold, TITLE_SIZE, layout.titleY)
    line(header.subtitle, regular, SUBTITLE_SIZE, layout.subtitleY, GREY)
    if (sheet.heading !== null && layout.headingY !== null) line(sheet.heading, bold, HEADING_SIZE, layout.headingY)
    page.drawLine({
      start: { x: PAGE_MARGIN, y: layout.ruleY },
      end: { x: layout.width - PAGE_MARGIN, y: layout.ruleY },
      thickness: 0.75,
      color: RULE,
    })

    const image = await document.embedPng(sheet.png)
    page.drawImage(image, { ...layout.image, width: layout.image.w, height: layout.image.h })

    const placements = textPlacements(
      sheet.texts.map((item) => ({ ...item, text: clean(item.text) })),
      { w: sheet.width, h: sheet.height },
      layout,
      (text) => regular.widthOfTextAtSize(text, 1),
    )
    if (placements.length > 0) {
      // Invisible but selectable: the text rendering mode lives in the graphics state.
      page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.Invisible))
      for (const placement of placements) {
        page.drawText(placement.lines.join('\n'), { x: placement.x, y: placement.y, size: placement.size, lineHeight: placement.lineHeight, font: regular })
      }
      page.pushOperators(popGraphicsState())
    }

    const label = clean(header.pageLabel(index + 1, sheets.length))
    page.drawText(label, {
      x: layout.width - PAGE_MARGIN - regular.widthOfTextAtSize(label, FOOTER_SIZE),
      y: layout.footerY,
      size: FOOTER_SIZE,
      font: regular,
      color: GREY,
    })
  }
  return document.save()
}
