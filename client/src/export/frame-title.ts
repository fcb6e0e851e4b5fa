/**
 * A frame's picture with its title above it, so each image of the per-frame zip says which frame
 * it shows when it is opened on its own (tldraw draws a frame's contents, not its heading, when
 * the frame itself is exported). The band is drawn in the browser's own sans-serif font: nothing
 * is fetched.
 */
import type { Background, ImageFormat } from './image-options'

/** Band height and font size per page unit (times the export's scale). */
const BAND_UNITS = 36
const FONT_UNITS = 18
const INDENT_UNITS = 12
const TITLE_COLOR = '#1d2330'

export interface TitleBand {
  title: string
  format: ImageFormat
  background: Background
  scale: number
}

export async function withFrameTitle(picture: Blob, band: TitleBand): Promise<Blob> {
  return band.format === 'svg' ? svgWithTitle(await picture.text(), band) : pngWithTitle(picture, band)
}

async function pngWithTitle(picture: Blob, band: TitleBand): Promise<Blob> {
  const bitmap = await createImageBitmap(picture)
  const bandHeight = Math.round(BAND_UNITS * band.scale)
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height + bandHeight)
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2d canvas')
  if (band.background === 'white') {
    context.fillStyle = '#ffffff'
    context.fillRect(0, 0, canvas.width, canvas.height)
  }
  context.fillStyle = TITLE_COLOR
  context.font = `600 ${Math.round(FONT_UNITS * band.scale)}px system-ui, sans-serif`
  context.textBaseline = 'middle'
  context.fillText(band.title, Math.round(INDENT_UNITS * band.scale), bandHeight / 2, bitmap.width - 2 * INDENT_UNITS * band.scale)
  context.drawImage(bitmap, 0, bandHeight)
  bitmap.close()
  return canvas.convertToBlob({ type: 'image/png' })
}

/** The SVG nested one band lower in an outer SVG that holds the title as real (searchable) text. */
export function svgWithTitle(svg: string, band: Pick<TitleBand, 'title' | 'background' | 'scale'>): Blob {
  const width = Number(/<svg[^>]*\swidth="([\d.]+)/.exec(svg)?.[1] ?? 0)
  const height = Number(/<svg[^>]*\sheight="([\d.]+)/.exec(svg)?.[1] ?? 0)
  const bandHeight = BAND_UNITS * band.scale
  const inner = svg.replace(/^\s*(<\?xml[^>]*>\s*)?<svg/, `<svg y="${bandHeight}"`)
  const backdrop = band.background === 'white' ? `<rect width="100%" height="100%" fill="#ffffff"/>` : ''
  const text =
    `<text x="${INDENT_UNITS * band.scale}" y="${bandHeight / 2}" dominant-baseline="middle" fill="${TITLE_COLOR}" ` +
    `font-family="system-ui, sans-serif" font-weight="600" font-size="${FONT_UNITS * band.scale}">${escapeXml(band.title)}</text>`
  const outer =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + bandHeight}" viewBox="0 0 ${width} ${height + bandHeight}">` +
    `${backdrop}${text}${inner}</svg>`
  return new Blob([outer], { type: 'image/svg+xml' })
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
